// `diligence validate SCENARIO`: loads a scenario, checks every rule of the format and reports
// `ok: N firms, M links` (or the first error, with exit status 1). Warnings go to standard
// error in text mode and into the `warnings` array in JSON mode.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "command.hpp"
#include "output.hpp"

namespace diligence::cli {

void add_validate_command(Commands& commands) {
  struct State {
    std::string scenario;
    OutputOptions out;
  };
  auto state = std::make_shared<State>();
  CLI::App& cmd = commands.add(
      "validate", "Check a scenario file and print 'ok: N firms, M links'", [state]() -> int {
        const model::Scenario scenario = load_scenario_file(state->scenario);
        const auto firms = scenario.network.num_firms();
        const auto links = scenario.network.num_links();
        if (state->out.json) {
          nlohmann::json warnings = nlohmann::json::array();
          for (const Diagnostic& d : scenario.warnings) warnings.push_back(diagnostic_json(d));
          emit_json(state->out, {{"ok", true},
                                 {"firms", firms},
                                 {"links", links},
                                 {"warnings", std::move(warnings)}});
        } else {
          print_warnings(scenario.warnings);
          emit_text(state->out, "ok: " + std::to_string(firms) + " firms, " +
                                    std::to_string(links) + " links\n");
        }
        return 0;
      });
  cmd.add_option("SCENARIO", state->scenario, "Scenario YAML file (format diligence/1)")
      ->required();
  add_output_options(cmd, state->out);
}

}  // namespace diligence::cli
