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
// every strategy's figures, solver status, warnings.
#include <algorithm>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <diligence/io/programme_io.hpp>
#include <diligence/support/support.hpp>

#include "command.hpp"
#include "output.hpp"
#include "pipeline.hpp"
#include "table.hpp"

namespace diligence::cli {
namespace {

struct State {
  std::string scenario;
  std::string programmes;
  std::string strategy = "greedy";
  std::uint64_t seed = 1;
  std::uint32_t years = 1;
  std::size_t top = 20;
  RiskOptions risk;
  OutputOptions out;
};

nlohmann::json class_counts_json(const support::Classification& c) {
  nlohmann::json j = nlohmann::json::object();
  for (const support::FirmClass k : support::kAllClasses)
    j[std::string(support::to_string(k))] = c.count(k);
  return j;
}

std::string percent(double part, double whole) {
  return whole > 0.0 ? fixed(100.0 * part / whole, 1) + " %" : "-";
}

int run(const State& s) {
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
    results.emplace(strategy, support::allocate(net, problem, options));
  }
  c.timings.lap("allocate");
  const support::AllocationResult& r = results.at(chosen);
  const support::YearResult& first = r.years.front();
  bool converged = true;
  for (const auto& [k, v] : results) converged = converged && v.converged;

  if (s.out.json) {
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

  print_warnings(warnings);
  std::ostringstream text;
  text << "Support: " << (set.name.empty() ? s.programmes : set.name) << " on "
       << (c.scenario.name.empty() ? s.scenario : c.scenario.name) << " (" << net.num_firms()
       << " firms)\n"
       << parameters_text(c, s.risk) << '\n';
  text << "targets: " << problem.targets.size()
       << (set.targets.directive.empty() ? std::string(" firms listed")
                                         : " firms to which " + set.targets.directive +
                                               " applies on " + c.scenario.as_of.to_string());
  if (!problem.targets.empty() && problem.targets.size() <= 8) {
    std::string ids;
    for (const auto t : problem.targets) ids += (ids.empty() ? "" : ", ") + net.firm(t).id;
    text << " (" << ids << ")";
  }
  text << "\nstrategy " << s.strategy
       << (chosen == support::Strategy::kRandom ? " (seed " + std::to_string(s.seed) + ")"
                                                : std::string())
       << ", " << s.years << (s.years == 1 ? " year" : " years") << "\n\n";

  text << "Classes (year 1):";
  for (const support::FirmClass k : support::kAllClasses)
    text << ' ' << support::to_string(k) << ' ' << first.classes.count(k)
         << (k == support::FirmClass::kUnknown ? "" : ",");
  text << "\n\nProgrammes (year 1)\n";
  Table pt;
  pt.row({"programme", "slots", "eligible firms", "served", "gain"});
  for (std::size_t p = 0; p < problem.programmes.size(); ++p) {
    double gain = 0.0;
    for (const auto& a : first.allocation)
      if (a.programme == p) gain += a.gain;
    pt.row({problem.programmes[p].id, std::to_string(problem.programmes[p].slots),
            std::to_string(first.eligible[p]), std::to_string(first.used[p]), fixed(gain, 4)});
  }
  pt.print(text);

  text << "\nTarget exposure (sum over targets and categories): before "
       << fixed(r.exposure_before, 4) << ", after " << fixed(r.exposure_after, 4) << ", gain "
       << fixed(r.total_gain, 4) << " (" << percent(r.total_gain, r.exposure_before) << ")\n"
       << "  " << fixed(r.exposure_from_smes, 4)
       << " of it comes from the own risk of SMEs; the support removes "
       << percent(r.total_gain, r.exposure_from_smes) << " of that part\n";

  text << "\nStrategies (total gain re-propagated on the supported network)\n";
  Table st;
  st.row({"strategy", "total gain", "of before", s.strategy + " ÷ this"});
  for (const support::Strategy k : support::kAllStrategies) {
    const auto& v = results.at(k);
    std::string name(support::to_string(k));
    if (k == support::Strategy::kRandom) name += " (seed " + std::to_string(s.seed) + ")";
    if (k == chosen) name += " *";
    st.row({name, fixed(v.total_gain, 4), percent(v.total_gain, v.exposure_before),
            k == chosen
                ? "-"
                : (v.total_gain > 0.0 ? fixed(r.total_gain / v.total_gain, 2) + "x" : "-")});
  }
  st.print(text);

  if (s.years > 1) {
    text << "\nPath of target exposure (" << s.strategy << ")\n";
    Table yt;
    yt.row({"year", "target exposure", "gain", "served", "urgent", "beginner", "established"});
    yt.row({"0", fixed(r.exposure_before, 4), "-", "-", "-", "-", "-"});
    for (const auto& y : r.years)
      yt.row({std::to_string(y.year), fixed(y.exposure_after, 4), fixed(y.gain, 4),
              std::to_string(y.allocation.size()),
              std::to_string(y.classes.count(support::FirmClass::kUrgent)),
              std::to_string(y.classes.count(support::FirmClass::kBeginner)),
              std::to_string(y.classes.count(support::FirmClass::kEstablished))});
    yt.print(text);
  }

  std::vector<const support::Assignment*> all;
  for (const auto& y : r.years)
    for (const auto& a : y.allocation) all.push_back(&a);
  std::stable_sort(all.begin(), all.end(),
                   [](const auto* a, const auto* b) { return a->gain > b->gain; });
  const std::size_t shown = std::min(all.size(), s.top);
  text << "\nAllocation: " << all.size() << " firm-programme pairs";
  if (shown < all.size()) text << ", the " << shown << " with the largest gain (--json lists all)";
  text << '\n';
  if (shown > 0) {
    Table at;
    std::vector<std::string> head{"firm", "programme", "class", "gain"};
    if (s.years > 1) head.insert(head.begin(), "year");
    at.row(head);
    for (std::size_t j = 0; j < shown; ++j) {
      const auto& a = *all[j];
      const auto& y = r.years[a.year - 1];
      std::vector<std::string> cells{net.firm(a.firm).id, problem.programmes[a.programme].id,
                                     std::string(support::to_string(y.classes.classes[a.firm])),
                                     fixed(a.gain, 5)};
      if (s.years > 1) cells.insert(cells.begin(), std::to_string(a.year));
      at.row(std::move(cells));
    }
    at.left_align(s.years > 1 ? 2 : 1);
    at.left_align(s.years > 1 ? 3 : 2);
    at.print(text);
  }
  if (!converged) text << "\nwarning: a propagation did not converge to the tolerance\n";
  emit_text(s.out, text.str());
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
  cmd.add_option("--top", state->top, "Text mode: list the N assignments with the largest gain")
      ->type_name("N")
      ->check(positive_count())
      ->capture_default_str();
  add_risk_options(cmd, state->risk, false);
  add_output_options(cmd, state->out);
}

}  // namespace diligence::cli
