// `diligence scope SCENARIO --directive D`: which firms meet the scope thresholds of a directive
// profile and whether its obligations apply to them on the scenario date (or `--as-of DATE`).
// D is a profile id shipped in data/directives/ or a path to a profile file (io::find_profile).
//
// Text mode lists the firms in scope (all firms with `--all`), with the reason for each decision
// under `--explain`; JSON mode lists every firm with the keys of spec/cli.md plus the reason, the
// application phase, the figures read and the figures missing.
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <diligence/core/date.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/directive/scope.hpp>
#include <diligence/io/directive_io.hpp>

#include "command.hpp"
#include "output.hpp"
#include "pipeline.hpp"
#include "table.hpp"

namespace diligence::cli {
namespace {

struct State {
  std::string scenario;
  std::string directive;
  std::string as_of;
  bool all = false;
  bool explain = false;
  OutputOptions out;
};

nlohmann::json figure_json(const directive::ScopeFigure& f) {
  nlohmann::json j = {{"basis", directive::to_string(f.basis)},
                      {"measure", directive::to_string(f.measure)},
                      {"value", f.value},
                      {"complete", f.complete},
                      {"estimated", f.estimated}};
  if (!f.country.empty()) j["country"] = f.country;
  return j;
}

nlohmann::json to_json(const directive::ScopeResult& r, const directive::DirectiveProfile& p,
                       const model::SupplyNetwork& net) {
  using nlohmann::json;
  json firms = json::array();
  for (const auto& d : r.firms) {
    const directive::ScopeRule* rule = d.rule.empty() ? nullptr : p.rule(d.rule);
    json figures = json::array();
    for (const auto& f : d.figures) figures.push_back(figure_json(f));
    firms.push_back({
        {"id", net.firm(d.firm).id},
        {"in_scope", d.in_scope},
        {"applies", d.applies},
        {"applies_from", d.applies_from ? json(d.applies_from->to_string()) : json(nullptr)},
        {"rule", rule ? json(d.rule) : json(nullptr)},
        {"rule_verified", rule ? json(rule->verified) : json(nullptr)},
        {"phase", d.phase.empty() ? json(nullptr) : json(d.phase)},
        {"basis", rule ? json(directive::to_string(d.basis)) : json(nullptr)},
        {"eu", d.eu},
        {"group_parent", net.firm(d.group_parent).id},
        {"group_parent_in_scope", d.group_parent_in_scope},
        {"reason", d.reason},
        {"figures", std::move(figures)},
        {"missing", d.missing},
    });
  }
  return json{{"directive", r.directive},
              {"title", p.title},
              {"legal_reference", p.legal_reference},
              {"as_of", r.as_of.to_string()},
              {"in_scope_count", r.in_scope_count()},
              {"applies_count", r.applies_count()},
              {"firms", std::move(firms)}};
}

std::string to_text(const directive::ScopeResult& r, const directive::DirectiveProfile& p,
                    const model::SupplyNetwork& net, const State& s) {
  std::ostringstream out;
  out << p.id << ": " << p.title << "; " << p.legal_reference << '\n';
  out << "as of " << r.as_of.to_string() << ": " << r.in_scope_count() << " of " << net.num_firms()
      << " firms in scope, " << r.applies_count() << " with obligations that apply\n";
  Table table;
  table.row({"firm", "in scope", "applies", "from", "rule"});
  for (std::size_t c = 1; c < 5; ++c) table.left_align(c);
  bool unverified = false;
  std::vector<const directive::ScopeDecision*> shown;
  for (const auto& d : r.firms) {
    if (!s.all && !d.in_scope) continue;
    const directive::ScopeRule* rule = d.rule.empty() ? nullptr : p.rule(d.rule);
    std::string rule_text = rule ? d.rule : "-";
    if (rule && !rule->verified) {
      rule_text += " *";
      unverified = true;
    }
    table.row({net.firm(d.firm).id, d.in_scope ? "yes" : "no", d.applies ? "yes" : "no",
               d.applies_from ? d.applies_from->to_string() : "-", rule_text});
    shown.push_back(&d);
  }
  if (shown.empty()) {
    out << "\nno firm is in scope" << (s.all ? "" : " (--all lists every firm)") << '\n';
    return out.str();
  }
  out << '\n';
  if (!s.explain) {
    table.print(out);
  } else {
    // One row, then its reason, firm by firm: print the table line by line.
    std::ostringstream lines;
    table.print(lines);
    std::istringstream in(lines.str());
    std::string line;
    std::getline(in, line);
    out << line << '\n';
    for (const auto* d : shown) {
      std::getline(in, line);
      out << line << '\n' << "      " << d->reason << '\n';
    }
  }
  if (unverified)
    out << "\n* an editable default of the profile (verified: false), not confirmed in the legal "
           "text\n";
  return out.str();
}

int run(const State& s) {
  directive::DirectiveProfile profile;
  try {
    profile = io::find_profile(s.directive);
  } catch (const UsageError& e) {
    // An id that names no shipped profile is a command-line mistake: exit status 2.
    std::cerr << e.what() << std::endl;
    return 2;
  }
  const model::Scenario scenario = load_scenario_file(s.scenario);
  const Date as_of = as_of_or(s.as_of, scenario.as_of);
  const directive::ScopeResult result = directive::scope(scenario.network, profile, as_of);
  print_warnings(scenario.warnings);
  if (s.out.json)
    emit_json(s.out, to_json(result, profile, scenario.network));
  else
    emit_text(s.out, to_text(result, profile, scenario.network, s));
  return 0;
}

}  // namespace

void add_scope_command(Commands& commands) {
  auto state = std::make_shared<State>();
  CLI::App& cmd = commands.add(
      "scope", "Who is in scope of a directive on the scenario date, and from when it applies",
      [state]() -> int { return run(*state); });
  cmd.add_option("SCENARIO", state->scenario, "Scenario YAML file (format diligence/1)")
      ->required();
  cmd.add_option("-d,--directive", state->directive,
                 "Directive profile: a shipped id (csddd-2024, csddd-2026, lksg) or a profile file")
      ->required()
      ->type_name("D");
  cmd.add_option("--as-of", state->as_of, "Judge on this date instead of the scenario's as_of")
      ->check(date_validator())
      ->type_name("DATE");
  cmd.add_flag("--all", state->all, "List every firm in text mode, not only those in scope");
  cmd.add_flag("--explain", state->explain, "Print the reason for each decision (text mode)");
  add_output_options(cmd, state->out);
}

}  // namespace diligence::cli
