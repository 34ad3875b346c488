// `diligence disrupt SCENARIO --fail ID[,ID...]`: DebtRank-style disruption (risk/disruption.hpp)
// from failing, suspended or terminated suppliers: the distress of every firm downstream and the
// turnover-weighted total. Needs no risk model; `--risk-model FILE` only tells the loader which
// impact categories the scenario may name.
#include <algorithm>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <diligence/io/risk_model_io.hpp>
#include <diligence/io/scenario_io.hpp>
#include <diligence/risk/disruption.hpp>

#include "command.hpp"
#include "output.hpp"
#include "pipeline.hpp"
#include "progress.hpp"
#include "table.hpp"

namespace diligence::cli {
namespace {

struct State {
  std::string scenario;
  std::vector<std::string> fail;
  double transmission = 1.0;
  std::string risk_model_file;
  OutputOptions out;
};

int run(const State& s) {
  io::LoadOptions load;
  load.progress = progress_callback();
  if (!s.risk_model_file.empty())
    load.categories = io::load_risk_model(s.risk_model_file).category_ids();
  const model::Scenario scenario = io::load_scenario(s.scenario, load);
  const model::SupplyNetwork& net = scenario.network;

  std::vector<model::FirmIndex> failed;
  for (const std::string& id : s.fail) failed.push_back(firm_index(scenario, id, "--fail"));
  risk::DisruptionOptions options;
  options.transmission = s.transmission;
  const risk::DisruptionResult r = risk::disruption(net, failed, options);

  // Firms that did not fail with impact > 0: impact descending, then id.
  std::vector<model::FirmIndex> hit;
  std::vector<char> is_failed(net.num_firms(), 0);
  for (const model::FirmIndex f : r.failed) is_failed[f] = 1;
  for (model::FirmIndex i = 0; i < net.num_firms(); ++i)
    if (!is_failed[i] && r.impact[i] > 0.0) hit.push_back(i);
  std::sort(hit.begin(), hit.end(), [&](model::FirmIndex a, model::FirmIndex b) {
    if (r.impact[a] != r.impact[b]) return r.impact[a] > r.impact[b];
    return net.firm(a).id < net.firm(b).id;
  });

  if (s.out.json) {
    nlohmann::json failed_ids = nlohmann::json::array(), firms = nlohmann::json::array();
    for (const model::FirmIndex f : r.failed) failed_ids.push_back(net.firm(f).id);
    for (const model::FirmIndex i : hit)
      firms.push_back(
          {{"id", net.firm(i).id}, {"name", net.firm(i).display_name()}, {"impact", r.impact[i]}});
    emit_json(s.out, {{"failed", std::move(failed_ids)},
                      {"transmission", s.transmission},
                      {"firms", std::move(firms)},
                      {"total_impact", r.total_impact},
                      {"affected", r.affected},
                      {"rounds", r.rounds},
                      {"warnings", warnings_json(scenario.warnings)}});
    return 0;
  }

  print_warnings(scenario.warnings);
  std::ostringstream text;
  std::string names;
  for (const model::FirmIndex f : r.failed) names += (names.empty() ? "" : ", ") + net.firm(f).id;
  text << "Disruption: " << names << " fail" << (r.failed.size() == 1 ? "s" : "")
       << " (transmission " << shortest(s.transmission) << ")\n"
       << r.affected << (r.affected == 1 ? " firm" : " firms") << " affected in " << r.rounds
       << (r.rounds == 1 ? " round" : " rounds") << "; total impact " << fixed(r.total_impact, 4)
       << " (turnover-weighted share of the other firms' size)\n\n";
  if (hit.empty()) {
    text << "  (no firm downstream is affected)\n";
  } else {
    Table t;
    t.row({"id", "impact", "name"});
    t.left_align(2);
    for (const model::FirmIndex i : hit)
      t.row({net.firm(i).id, fixed(r.impact[i], 4), net.firm(i).display_name()});
    t.print(text);
  }
  emit_text(s.out, text.str());
  return 0;
}

}  // namespace

void add_disrupt_command(Commands& commands) {
  auto state = std::make_shared<State>();
  CLI::App& cmd = commands.add("disrupt", "DebtRank-style disruption downstream of failing firms",
                               [state]() -> int { return run(*state); });
  cmd.add_option("SCENARIO", state->scenario, "Scenario YAML file (format diligence/1)")
      ->required();
  cmd.add_option("--fail", state->fail,
                 "Failing (suspended, terminated) firms, comma-separated; may be repeated")
      ->type_name("ID[,ID...]")
      ->delimiter(',')
      ->allow_extra_args(false)  // one value per --fail, so that SCENARIO may follow it
      ->required();
  cmd.add_option("--transmission", state->transmission,
                 "Part of a lost supply a buyer cannot replace in time, in [0,1]")
      ->type_name("T")
      ->check(unit_interval(false))
      ->capture_default_str();
  cmd.add_option("--risk-model", state->risk_model_file,
                 "Risk model whose impact categories the scenario may name (default: the "
                 "default categories)")
      ->type_name("FILE");
  add_output_options(cmd, state->out);
}

}  // namespace diligence::cli
