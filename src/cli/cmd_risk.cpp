// `diligence risk SCENARIO`: own risk and exposure of every firm in every category of the risk
// model, by the linear model (default), noisy-OR or the cascade simulation (`--model cascade
// --runs N --seed S`, risk/cascade.hpp); `--focal ID` keeps that firm and its upstream network
// with their tiers, `--top N` the N firms with the highest overall exposure, `--timings` reports
// the time of each phase. `--format html` writes one self-contained page with charts
// (risk_report.hpp).
#include <algorithm>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <diligence/risk/cascade.hpp>
#include <diligence/risk/tiers.hpp>

#include "command.hpp"
#include "output.hpp"
#include "pipeline.hpp"
#include "risk_report.hpp"
#include "progress.hpp"
#include "table.hpp"

namespace diligence::cli {
namespace {

/// `--model cascade`: the simulated exposure model (risk/cascade.hpp).
constexpr const char* kCascadeModel = "cascade";

struct State {
  std::string scenario;
  RiskOptions risk;
  std::uint32_t runs = 1024;  ///< `--runs N`, cascade only
  std::uint64_t seed = 1;     ///< `--seed S`, cascade only
  CLI::Option* runs_option = nullptr;
  CLI::Option* seed_option = nullptr;
  std::string focal;
  std::size_t top = 0;  // 0 = all
  bool timings = false;
  std::string format;  ///< text | json | html; empty = text (or json with --json)
  OutputOptions out;
};

// One row of the report.
struct Row {
  model::FirmIndex firm;
  double overall;
  std::int32_t tier;  // risk::kNotUpstream without --focal
};

/// A usage error found after parsing: the message on standard error, exit status 2.
int usage(const std::string& message) {
  std::cerr << "risk: " << message << "\nRun with --help for more information." << std::endl;
  return 2;
}

/// The cascade simulation's exposure, with its cycles in the solver fields (no sweeps, no
/// residual).
Exposure simulate(const RiskContext& c, const State& s, risk::CascadeResult& stats) {
  risk::CascadeOptions o;
  o.upstream_weight = s.risk.upstream_weight;
  o.unmapped_risk = s.risk.unmapped_risk;
  o.runs = s.runs;
  o.seed = s.seed;
  o.progress = progress_callback();
  stats = risk::cascade_simulation(c.scenario.network, c.own.own, o);
  Exposure x;
  x.values = std::move(stats.probability);
  x.solver.cyclic_components = stats.cyclic_components;
  x.solver.firms_in_cycles = stats.firms_in_cycles;
  return x;
}

/// The last line of a cascade report: runs, seed, the largest standard error, the cycles.
std::string simulation_text(const risk::CascadeResult& r) {
  std::string out = "simulation: " + std::to_string(r.runs) + (r.runs == 1 ? " run" : " runs") +
                    ", seed " + std::to_string(r.seed) + ", largest standard error " +
                    fixed(r.max_standard_error, 4);
  if (r.cyclic_components > 0)
    out += ", " + std::to_string(r.cyclic_components) +
           (r.cyclic_components == 1 ? " cycle" : " cycles") + " (" +
           std::to_string(r.firms_in_cycles) + " firms)";
  return out;
}

int run(const State& s) {
  const bool cascade = s.risk.model == kCascadeModel;
  if (!cascade && (s.runs_option->count() > 0 || s.seed_option->count() > 0))
    return usage("--runs and --seed are only for --model cascade");
  if (s.out.json && !s.format.empty() && s.format != "json")
    return usage("--json conflicts with --format " + s.format);
  const bool json = s.out.json || s.format == "json";
  if (s.format == "html" && s.timings) return usage("--timings is for text and JSON reports");
  RiskContext c = load_risk_context(s.scenario, s.risk);
  risk::CascadeResult sim;
  const Exposure x = cascade ? simulate(c, s, sim) : compute_exposure(c, s.risk);
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

  if (s.format == "html") {
    print_warnings(c.warnings);
    RiskPage page;
    page.scenario = &c.scenario;
    page.scenario_label = c.scenario.name.empty() ? s.scenario : c.scenario.name;
    page.own = &c.own.own;
    page.exposure = &x.values;
    page.categories = &cats;
    page.parameters = parameters_text(c, s.risk);
    page.solver = cascade ? simulation_text(sim) : solver_text(x.solver);
    page.tiers = tiers ? &*tiers : nullptr;
    page.focal = focal ? *focal : model::kNoFirm;
    for (model::FirmIndex i = 0; i < net.num_firms(); ++i)
      if (!tiers || tiers->tier[i] != risk::kNotUpstream) page.firms.push_back(i);
    page.top = s.top;
    page.warnings = &c.warnings;
    emit_text(s.out, risk_html(page));
    return 0;
  }

  if (json) {
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
    if (cascade) {
      doc["runs"] = sim.runs;
      doc["seed"] = sim.seed;
      doc["max_standard_error"] = sim.max_standard_error;
    }
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
  text << '\n' << (cascade ? simulation_text(sim) : solver_text(x.solver)) << '\n';
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
  cmd.add_option("--model", state->risk.model,
                 "Exposure model: linear (exact linear exposure, the default), noisy-or, or "
                 "cascade (the exact probability model behind noisy-or, simulated)")
      ->check(CLI::IsMember({kLinearModel, kNoisyOrModel, kCascadeModel}))
      ->capture_default_str();
  add_risk_options(cmd, state->risk, false);
  state->runs_option = cmd.add_option("--runs", state->runs,
                                      "--model cascade: simulated runs (batches of 64 share one "
                                      "pass over the links)")
                           ->type_name("N")
                           ->check(positive_count())
                           ->capture_default_str();
  state->seed_option =
      cmd.add_option("--seed", state->seed, "--model cascade: seed; the same seed, the same result")
          ->type_name("S")
          ->check(seed_validator())
          ->capture_default_str();
  cmd.add_option("--focal", state->focal,
                 "Only this firm and its upstream network (suppliers, their suppliers, ...), "
                 "each with its tier")
      ->type_name("ID");
  cmd.add_option("--top", state->top,
                 "Only the N firms with the highest overall exposure (ties by id)")
      ->type_name("N")
      ->check(positive_count());
  cmd.add_flag("--timings", state->timings, "Report the time each phase took (JSON key 'timings')");
  cmd.add_option("--format", state->format,
                 "Report format: text (default), json, or html (one self-contained page with "
                 "charts; best with -o FILE)")
      ->check(CLI::IsMember({"text", "json", "html"}))
      ->type_name("F");
  add_output_options(cmd, state->out);
}

}  // namespace diligence::cli
