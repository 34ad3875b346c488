// `diligence risk SCENARIO`: own risk and exposure of every firm in every category of the risk
// model, by the linear model (default) or noisy-OR; `--focal ID` keeps that firm and its
// upstream network with their tiers, `--top N` the N firms with the highest overall exposure,
// `--timings` reports the time of each phase.
#include <algorithm>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <diligence/risk/tiers.hpp>

#include "command.hpp"
#include "output.hpp"
#include "pipeline.hpp"
#include "table.hpp"

namespace diligence::cli {
namespace {

struct State {
  std::string scenario;
  RiskOptions risk;
  std::string focal;
  std::size_t top = 0;  // 0 = all
  bool timings = false;
  OutputOptions out;
};

// One row of the report.
struct Row {
  model::FirmIndex firm;
  double overall;
  std::int32_t tier;  // risk::kNotUpstream without --focal
};

int run(const State& s) {
  RiskContext c = load_risk_context(s.scenario, s.risk);
  const Exposure x = compute_exposure(c, s.risk);
  c.timings.lap("propagate");

  const model::SupplyNetwork& net = c.scenario.network;
  std::optional<risk::Tiers> tiers;
  std::optional<model::FirmIndex> focal;
  if (!s.focal.empty()) {
    focal = firm_index(c.scenario, s.focal, "--focal");
    tiers = risk::tiers(net, *focal);
  }
  std::vector<Row> rows;
  for (model::FirmIndex i = 0; i < net.num_firms(); ++i) {
    const std::int32_t tier = tiers ? tiers->tier[i] : risk::kNotUpstream;
    if (tiers && tier == risk::kNotUpstream) continue;
    rows.push_back({i, overall(x.values, i), tier});
  }
  if (s.top > 0) {
    std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      if (a.overall != b.overall) return a.overall > b.overall;
      return net.firm(a.firm).id < net.firm(b.firm).id;
    });
    if (rows.size() > s.top) rows.resize(s.top);
  }
  const std::vector<std::string>& cats = c.own.categories;

  if (s.out.json) {
    nlohmann::json firms = nlohmann::json::array();
    for (const Row& r : rows) {
      nlohmann::json own = nlohmann::json::object(), exposure = nlohmann::json::object();
      const auto i = static_cast<Eigen::Index>(r.firm);
      for (std::size_t k = 0; k < cats.size(); ++k) {
        own[cats[k]] = c.own.own(i, static_cast<Eigen::Index>(k));
        exposure[cats[k]] = x.values(i, static_cast<Eigen::Index>(k));
      }
      nlohmann::json f = {
          {"id", net.firm(r.firm).id},
          {"name", net.firm(r.firm).display_name()},
          {"own", std::move(own)},
          {"exposure", std::move(exposure)},
          {"overall", r.overall},
          {"top_category", cats.empty() ? nlohmann::json(nullptr)
                                        : nlohmann::json(cats[top_category(x.values, r.firm)])}};
      if (tiers) f["tier"] = r.tier;
      firms.push_back(std::move(f));
    }
    nlohmann::json doc = {
        {"scenario",
         c.scenario.name.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.scenario.name)},
        {"model", s.risk.model},
        {"upstream_weight", s.risk.upstream_weight},
        {"unmapped_risk", s.risk.unmapped_risk},
        {"risk_model", c.model.id},
        {"categories", cats},
        {"focal", focal ? nlohmann::json(s.focal) : nlohmann::json(nullptr)},
        {"top", s.top > 0 ? nlohmann::json(s.top) : nlohmann::json(nullptr)},
        {"firms", std::move(firms)},
        {"solver", solver_json(x.solver)},
        {"warnings", warnings_json(c.warnings)},
    };
    c.timings.lap("report");
    if (s.timings) doc["timings"] = c.timings.to_json();
    emit_json(s.out, doc);
    return 0;
  }

  print_warnings(c.warnings);
  std::ostringstream text;
  text << "Risk: " << (c.scenario.name.empty() ? s.scenario : c.scenario.name) << " ("
       << net.num_firms() << (net.num_firms() == 1 ? " firm" : " firms") << ")\n"
       << parameters_text(c, s.risk) << '\n';
  if (tiers)
    text << "focal " << s.focal << ": " << tiers->upstream_count()
         << " upstream firms, deepest tier " << tiers->max_tier() << '\n';
  if (s.top > 0)
    text << "the " << rows.size() << " firms with the highest overall exposure (of "
         << (tiers ? tiers->upstream_count() + 1 : net.num_firms()) << ")\n";
  text << '\n';
  Table t;
  std::vector<std::string> head{"id"};
  if (tiers) head.emplace_back("tier");
  head.insert(head.end(), {"overall", "top category", "own"});
  t.row(head);
  t.left_align(tiers ? 3 : 2);
  for (const Row& r : rows) {
    std::vector<std::string> cells{net.firm(r.firm).id};
    if (tiers) cells.push_back(std::to_string(r.tier));
    if (cats.empty()) {
      cells.insert(cells.end(), {"-", "-", "-"});
    } else {
      const std::size_t k = top_category(x.values, r.firm);
      cells.insert(
          cells.end(),
          {fixed(r.overall), cats[k],
           fixed(c.own.own(static_cast<Eigen::Index>(r.firm), static_cast<Eigen::Index>(k)))});
    }
    t.row(std::move(cells));
  }
  t.print(text);
  text << '\n' << solver_text(x.solver) << '\n';
  c.timings.lap("report");
  if (s.timings) text << '\n' << c.timings.to_text();
  emit_text(s.out, text.str());
  return 0;
}

}  // namespace

void add_risk_command(Commands& commands) {
  auto state = std::make_shared<State>();
  CLI::App& cmd =
      commands.add("risk", "Own risk and exposure of every firm in every impact category",
                   [state]() -> int { return run(*state); });
  cmd.add_option("SCENARIO", state->scenario, "Scenario YAML file (format diligence/1)")
      ->required();
  add_risk_options(cmd, state->risk, true);
  cmd.add_option("--focal", state->focal,
                 "Only this firm and its upstream network (suppliers, their suppliers, ...), "
                 "each with its tier")
      ->type_name("ID");
  cmd.add_option("--top", state->top,
                 "Only the N firms with the highest overall exposure (ties by id)")
      ->type_name("N")
      ->check(positive_count());
  cmd.add_flag("--timings", state->timings, "Report the time each phase took (JSON key 'timings')");
  add_output_options(cmd, state->out);
}

}  // namespace diligence::cli
