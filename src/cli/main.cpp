// The `diligence` command: parses the command line with CLI11 and runs one sub-command.
//
// Exit status (spec/cli.md): 0 success; 1 bad input data (a diligence::Error: the message goes to
// standard error, nothing to standard output and no output file is written); 2 bad command-line
// usage (CLI11's message on standard error).
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <diligence/core/error.hpp>

#include "command.hpp"
#include "progress.hpp"

#ifndef DILIGENCE_VERSION
#define DILIGENCE_VERSION "unknown"
#endif

int main(int argc, char** argv) {
  using namespace diligence::cli;
  CLI::App app{
      "diligence: supply-chain due-diligence simulation (supplier networks, risk "
      "propagation, mock audits)",
      "diligence"};
  app.set_version_flag("--version", "diligence " DILIGENCE_VERSION);
  app.require_subcommand(1);

  Commands commands(app);
  add_validate_command(commands);
  add_summary_command(commands);
  add_scope_command(commands);
  add_audit_command(commands);
  add_risk_command(commands);
  add_paths_command(commands);
  add_disrupt_command(commands);
  add_export_command(commands);
  add_generate_command(commands);
  add_support_command(commands);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with exit code 0; everything else is a usage error.
    if (e.get_exit_code() == 0) return app.exit(e);
    // CLI11 reports `diligence frobnicate` as "A subcommand is required"; name the culprit.
    const std::vector<std::string> rest = app.remaining();
    if (app.get_subcommands().empty() && !rest.empty() && !rest.front().starts_with('-')) {
      std::string known;
      for (const CLI::App* sub : app.get_subcommands({}))
        known += (known.empty() ? "" : ", ") + sub->get_name();
      std::cerr << "unknown command '" << rest.front() << "' (commands: " << known << ")\n"
                << "Run with --help for more information.\n";
      return 2;
    }
    app.exit(e);
    return 2;
  }

  try {
    const int status = commands.run_selected();
    clear_progress();
    return status;
  } catch (const diligence::Error& e) {
    clear_progress();  // the message starts on a clean line
    std::cerr << e.what() << std::endl;
    return 1;
  } catch (const std::exception& e) {
    // Not expected: library misuse or exhausted memory. Still no output file, still status 1.
    clear_progress();
    std::cerr << "error[internal]: " << e.what() << std::endl;
    return 1;
  }
}
