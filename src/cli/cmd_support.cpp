// `diligence support SCENARIO --programmes FILE`: SME classes and the budgeted allocation of
// support programmes (spec/support.md, docs/support.md). `--strategy greedy|random|own-risk|spend`
// chooses who is served (default greedy, through the adjoint of the linear exposure), `--seed S`
// seeds `random`, `--years N` repeats the allocation year by year (classes follow the improved
// self-assessment scores). Every other strategy runs on the same data as a baseline; every total
// gain is the target exposure re-propagated before and after support.
//
// JSON keys of spec/cli.md: `classes` (id → class, year 1), `allocation` ({programme, firm, gain,
// year} in the order made), `total_gain`, `baselines` (the other strategies' total gains); and
// more: targets, class counts, programmes, target exposure before/after, the year-by-year path,
// every strategy's figures, solver status, warnings. `--format html` writes one self-contained page
// with charts (support_report.hpp).
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <diligence/io/programme_io.hpp>
#include <diligence/support/support.hpp>

#include "command.hpp"
#include "output.hpp"
#include "pipeline.hpp"
#include "progress.hpp"
#include "support_report.hpp"

namespace diligence::cli {
namespace {

struct State {
  std::string scenario;
  std::string programmes;
  std::string strategy = "greedy";
  std::uint64_t seed = 1;
  std::uint32_t years = 1;
  std::size_t top = 20;
  std::string format;  ///< text | json | html; empty = text (or json with --json)
  RiskOptions risk;
  OutputOptions out;
};

nlohmann::json class_counts_json(const support::Classification& c) {
  nlohmann::json j = nlohmann::json::object();
  for (const support::FirmClass k : support::kAllClasses)
    j[std::string(support::to_string(k))] = c.count(k);
  return j;
}

int run(const State& s) {
  if (s.out.json && !s.format.empty() && s.format != "json") {
    std::cerr << "support: --json conflicts with --format " << s.format
              << "\nRun with --help for more information." << std::endl;
    return 2;
  }
  const bool json = s.out.json || s.format == "json";
  RiskContext c = load_risk_context(s.scenario, s.risk);
  const model::SupplyNetwork& net = c.scenario.network;
  io::ProgrammeLoadOptions load;
  load.categories = c.model.category_ids();
  const support::ProgrammeSet set = io::load_programmes(s.programmes, load);
  c.timings.lap("programmes");

  support::SupportProblem problem;
  std::optional<directive::DirectiveProfile> profile;
  if (!set.targets.directive.empty()) profile = io::load_target_profile(set);
  problem.targets =
      support::resolve_targets(net, set, profile ? &*profile : nullptr, c.scenario.as_of);
  problem.own = c.own.own;
  problem.scores = support::assessment_scores(net, c.questionnaires);
  for (const auto& cat : c.model.categories) problem.pillars.push_back(cat.pillar);
  problem.pillar_strength = c.model.pillar_strength;
  problem.classes = set.classes;
  problem.programmes = support::resolve_programmes(set, c.own.categories);

  std::vector<Diagnostic> warnings = c.warnings;
  if (problem.targets.empty()) {
    Diagnostic d;
    d.id = "support.no_targets";
    d.key_path = "targets";
    d.location = set.targets.directive_where;
    d.message = "no firm of the scenario is a target (directive '" + set.targets.directive +
                "' applies to none on " + c.scenario.as_of.to_string() + "): every gain is 0";
    warnings.push_back(std::move(d));
  }

  const support::Strategy chosen = *support::parse_strategy(s.strategy);
  support::AllocationOptions options;
  options.seed = s.seed;
  options.years = s.years;
  options.linear = s.risk.linear();
  std::map<support::Strategy, support::AllocationResult> results;
  for (const support::Strategy strategy : support::kAllStrategies) {
    options.strategy = strategy;
    options.progress = progress_callback([strategy](const Progress&) {
      return ProgressLabel{"Support " + std::string(support::to_string(strategy)), "years"};
    });
    results.emplace(strategy, support::allocate(net, problem, options));
  }
  c.timings.lap("allocate");
  const support::AllocationResult& r = results.at(chosen);
  const support::YearResult& first = r.years.front();
  bool converged = true;
  for (const auto& [k, v] : results) converged = converged && v.converged;

  if (json) {
    using nlohmann::json;
    json classes = json::object();
    for (model::FirmIndex i = 0; i < net.num_firms(); ++i)
      classes[net.firm(i).id] = std::string(support::to_string(first.classes.classes[i]));
    json allocation = json::array();
    for (const auto& y : r.years)
      for (const auto& a : y.allocation)
        allocation.push_back({{"programme", problem.programmes[a.programme].id},
                              {"firm", net.firm(a.firm).id},
                              {"gain", a.gain},
                              {"year", a.year}});
    json programmes = json::array();
    for (std::size_t p = 0; p < problem.programmes.size(); ++p) {
      json used = json::array(), eligible = json::array();
      for (const auto& y : r.years) {
        used.push_back(y.used[p]);
        eligible.push_back(y.eligible[p]);
      }
      double gain = 0.0;
      for (const auto& y : r.years)
        for (const auto& a : y.allocation)
          if (a.programme == p) gain += a.gain;
      json effect = json::object();
      for (std::size_t k = 0; k < c.own.categories.size(); ++k)
        effect[c.own.categories[k]] = problem.programmes[p].effect[k];
      json serves = json::array();
      for (const support::FirmClass k : support::kSmeClasses)
        if (problem.programmes[p].serves(k)) serves.push_back(std::string(support::to_string(k)));
      programmes.push_back({{"id", problem.programmes[p].id},
                            {"name", set.programmes[p].display_name()},
                            {"slots", problem.programmes[p].slots},
                            {"eligible", std::move(serves)},
                            {"effect", std::move(effect)},
                            {"eligible_firms", std::move(eligible)},
                            {"used", std::move(used)},
                            {"estimated_gain", gain}});
    }
    json path = json::array();
    path.push_back({{"year", 0}, {"target_exposure", r.exposure_before}});
    for (const auto& y : r.years)
      path.push_back({{"year", y.year},
                      {"target_exposure", y.exposure_after},
                      {"gain", y.gain},
                      {"estimated_gain", y.estimated_gain},
                      {"served", y.allocation.size()},
                      {"class_counts", class_counts_json(y.classes)}});
    json baselines = json::object(), strategies = json::object();
    for (const auto& [k, v] : results) {
      std::vector<double> exposure{v.exposure_before};
      for (const auto& y : v.years) exposure.push_back(y.exposure_after);
      std::size_t served = 0;
      for (const auto& y : v.years) served += y.allocation.size();
      strategies[std::string(support::to_string(k))] = {{"total_gain", v.total_gain},
                                                        {"estimated_gain", v.estimated_gain},
                                                        {"target_exposure_after", v.exposure_after},
                                                        {"path", exposure},
                                                        {"served", served}};
      if (k != chosen) baselines[std::string(support::to_string(k))] = v.total_gain;
    }
    json targets = json::array();
    for (const model::FirmIndex t : problem.targets) targets.push_back(net.firm(t).id);
    json doc = {
        {"scenario", c.scenario.name.empty() ? json(nullptr) : json(c.scenario.name)},
        {"programme_file", s.programmes},
        {"as_of", c.scenario.as_of.to_string()},
        {"directive", set.targets.directive.empty() ? json(nullptr) : json(set.targets.directive)},
        {"targets", std::move(targets)},
        {"model", kLinearModel},
        {"upstream_weight", s.risk.upstream_weight},
        {"unmapped_risk", s.risk.unmapped_risk},
        {"risk_model", c.model.id},
        {"strategy", s.strategy},
        {"seed", s.seed},
        {"years", s.years},
        {"beginner_below", set.classes.beginner_below},
        {"urgent_within_tiers", set.classes.urgent_within_tiers},
        {"classes", std::move(classes)},
        {"class_counts", class_counts_json(first.classes)},
        {"programmes", std::move(programmes)},
        {"allocation", std::move(allocation)},
        {"total_gain", r.total_gain},
        {"estimated_gain", r.estimated_gain},
        {"target_exposure",
         {{"before", r.exposure_before},
          {"after", r.exposure_after},
          {"from_sme_own_risk", r.exposure_from_smes}}},
        {"path", std::move(path)},
        {"baselines", std::move(baselines)},
        {"strategies", std::move(strategies)},
        {"converged", converged},
        {"warnings", warnings_json(warnings)},
    };
    emit_json(s.out, doc);
    return 0;
  }

  SupportView view;
  view.scenario = &c.scenario;
  view.scenario_label = c.scenario.name.empty() ? s.scenario : c.scenario.name;
  view.programme_label = set.name.empty() ? s.programmes : set.name;
  view.parameters = parameters_text(c, s.risk);
  view.set = &set;
  view.problem = &problem;
  view.results = &results;
  view.chosen = chosen;
  view.strategy = s.strategy;
  view.seed = s.seed;
  view.years = s.years;
  view.top = s.top;
  view.converged = converged;
  view.warnings = &warnings;
  print_warnings(warnings);
  emit_text(s.out, s.format == "html" ? support_html(view) : support_text(view));
  return 0;
}

}  // namespace

void add_support_command(Commands& commands) {
  auto state = std::make_shared<State>();
  CLI::App& cmd = commands.add(
      "support", "SME classes and the budgeted allocation of support programmes, with baselines",
      [state]() -> int { return run(*state); });
  cmd.add_option("SCENARIO", state->scenario, "Scenario YAML file (format diligence/1)")
      ->required();
  cmd.add_option("-p,--programmes", state->programmes,
                 "Programme file (format diligence-programmes/1)")
      ->required()
      ->type_name("FILE");
  cmd.add_option("--strategy", state->strategy,
                 "greedy (largest exposure reduction, through the adjoint), random, own-risk "
                 "(highest own risk first) or spend (largest spend first)")
      ->check(CLI::IsMember({"greedy", "random", "own-risk", "spend"}))
      ->capture_default_str();
  cmd.add_option("--seed", state->seed, "Seed of the random strategy (year t uses S + t - 1)")
      ->type_name("S")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd.add_option("--years", state->years,
                 "Repeat the allocation N years; scores and classes follow each year's support")
      ->type_name("N")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd.add_option("--format", state->format,
                 "Report format: text (default), json, or html (one self-contained page with "
                 "charts; best with -o FILE)")
      ->check(CLI::IsMember({"text", "json", "html"}))
      ->type_name("F");
  cmd.add_option("--top", state->top,
                 "Text and HTML: list the N assignments with the largest gain")
      ->type_name("N")
      ->check(positive_count())
      ->capture_default_str();
  add_risk_options(cmd, state->risk, false);
  add_output_options(cmd, state->out);
}

}  // namespace diligence::cli
