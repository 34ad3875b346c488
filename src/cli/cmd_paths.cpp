// `diligence paths SCENARIO --focal ID`: the upstream paths that contribute most to a firm's
// linear exposure in one category (`--category C`; default: the focal firm's category of highest
// exposure). The linear exposure splits exactly into contributions of paths
// focal ← s1 ← ... ← sk, λ^k Π w · (own term of sk) (risk/paths.hpp); the top K are listed,
// largest first, each from the focal firm upstream.
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/risk/linear.hpp>
#include <diligence/risk/paths.hpp>

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
  std::string category;
  std::size_t top = 10;
  OutputOptions out;
};

std::string percent(double part, double whole) {
  if (!(whole > 0.0)) return "-";
  return fixed(100.0 * part / whole, 1) + "%";
}

int run(const State& s) {
  RiskContext c = load_risk_context(s.scenario, s.risk);
  const model::SupplyNetwork& net = c.scenario.network;
  const model::FirmIndex focal = firm_index(c.scenario, s.focal, "--focal");
  const std::vector<std::string>& cats = c.own.categories;
  const risk::LinearResult x = risk::linear_exposure(net, c.own.own, s.risk.linear());

  std::size_t k = 0;
  if (!s.category.empty()) {
    const auto found = c.model.category_index(s.category);
    if (!found) {
      std::string known;
      for (const auto& id : cats) known += (known.empty() ? "" : ", ") + id;
      throw UsageError(errc::kUnknownCategory, "--category: unknown category '" + s.category +
                                                   "' (risk model '" + c.model.id +
                                                   "' knows: " + known + ")");
    }
    k = *found;
  } else {
    k = top_category(x.exposure, focal);
  }
  const double exposure =
      x.exposure(static_cast<Eigen::Index>(focal), static_cast<Eigen::Index>(k));

  risk::PathOptions options;
  options.top = s.top;
  options.linear = s.risk.linear();
  const risk::PathResult paths = risk::top_paths(net, c.own.own, focal, k, options);

  if (s.out.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const risk::ContributingPath& p : paths.paths) {
      nlohmann::json firms = nlohmann::json::array();
      for (const model::FirmIndex f : p.firms) firms.push_back(net.firm(f).id);
      list.push_back(
          {{"firms", std::move(firms)}, {"contribution", p.contribution}, {"weight", p.weight}});
    }
    emit_json(s.out, {{"focal", s.focal},
                      {"category", cats[k]},
                      {"exposure", exposure},
                      {"model", kLinearModel},
                      {"upstream_weight", s.risk.upstream_weight},
                      {"unmapped_risk", s.risk.unmapped_risk},
                      {"risk_model", c.model.id},
                      {"paths", std::move(list)},
                      {"explained", paths.explained},
                      {"exact", paths.exact},
                      {"expansions", paths.expansions},
                      {"warnings", warnings_json(c.warnings)}});
    return 0;
  }

  print_warnings(c.warnings);
  std::ostringstream text;
  text << "Paths: " << s.focal << ", category " << cats[k] << ", exposure " << fixed(exposure)
       << '\n'
       << parameters_text(c, s.risk) << "\n\n";
  Table t;
  t.row({"#", "contribution", "share", "path (focal firm <- supplier <- ...)"});
  t.left_align(3);
  for (std::size_t i = 0; i < paths.paths.size(); ++i) {
    const risk::ContributingPath& p = paths.paths[i];
    std::string chain;
    for (std::size_t j = 0; j < p.firms.size(); ++j)
      chain += (j ? " <- " : "") + net.firm(p.firms[j]).id;
    if (p.firms.size() == 1) chain += " (own term)";
    t.row({std::to_string(i + 1), fixed(p.contribution, 4), percent(p.contribution, exposure),
           chain});
  }
  t.print(text);
  text << "\nexplained: " << fixed(paths.explained, 4) << " of " << fixed(exposure, 4) << " ("
       << percent(paths.explained, exposure) << ") by the top " << paths.paths.size()
       << (paths.paths.size() == 1 ? " path" : " paths");
  if (!paths.exact) text << " (search stopped early: the list may not be the exact top)";
  text << '\n';
  emit_text(s.out, text.str());
  return 0;
}

}  // namespace

void add_paths_command(Commands& commands) {
  auto state = std::make_shared<State>();
  CLI::App& cmd = commands.add(
      "paths", "The upstream paths that contribute most to a firm's exposure (linear model)",
      [state]() -> int { return run(*state); });
  cmd.add_option("SCENARIO", state->scenario, "Scenario YAML file (format diligence/1)")
      ->required();
  cmd.add_option("--focal", state->focal, "The firm whose exposure is explained")
      ->type_name("ID")
      ->required();
  cmd.add_option("--category", state->category,
                 "Impact category (default: the focal firm's category of highest exposure)")
      ->type_name("C");
  cmd.add_option("--top", state->top, "How many paths to list")
      ->type_name("K")
      ->check(positive_count())
      ->capture_default_str();
  add_risk_options(cmd, state->risk, false);
  add_output_options(cmd, state->out);
}

}  // namespace diligence::cli
