// `diligence summary SCENARIO`: counts by size class, country, sector and cluster, connected
// components, supply cycles and the upstream depth of the largest firms (summary.hpp).
#include <memory>
#include <string>

#include "command.hpp"
#include "output.hpp"
#include "summary.hpp"

namespace diligence::cli {

void add_summary_command(Commands& commands) {
  struct State {
    std::string scenario;
    OutputOptions out;
  };
  auto state = std::make_shared<State>();
  CLI::App& cmd = commands.add(
      "summary", "Counts by country, sector, size class and cluster; components, cycles and depth",
      [state]() -> int {
        const model::Scenario scenario = load_scenario_file(state->scenario);
        const Summary summary = summarize(scenario);
        print_warnings(scenario.warnings);
        if (state->out.json)
          emit_json(state->out, to_json(summary));
        else
          emit_text(state->out, to_text(summary));
        return 0;
      });
  cmd.add_option("SCENARIO", state->scenario, "Scenario YAML file (format diligence/1)")
      ->required();
  add_output_options(cmd, state->out);
}

}  // namespace diligence::cli
