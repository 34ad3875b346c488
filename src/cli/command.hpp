// The sub-command registry of the `diligence` command. Each sub-command lives in its own
// `cmd_<name>.cpp`: it declares its CLI11 options and an action that runs after the command line
// parsed. Adding a command = one new file plus one line in main.cpp.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace diligence::cli {

/// What a sub-command does once the command line parsed. Returns the exit status (0 on
/// success); throws diligence::Error for bad input data (main turns it into exit status 1).
using Action = std::function<int()>;

/// The sub-commands registered so far, each with its action.
class Commands {
 public:
  explicit Commands(CLI::App& app) : app_(app) {}

  /// Adds sub-command `name` to the program and remembers its action. The returned CLI11 app
  /// takes the command's options; the action reads them when it runs.
  CLI::App& add(const std::string& name, const std::string& description, Action action) {
    CLI::App* sub = app_.add_subcommand(name, description);
    entries_.push_back({sub, std::move(action)});
    return *sub;
  }

  /// Runs the action of the sub-command that was given on the command line (exactly one is
  /// required). Returns its exit status.
  [[nodiscard]] int run_selected() const {
    for (const auto& e : entries_)
      if (e.sub->parsed()) return e.action();
    return 2;  // unreachable: CLI11 requires a sub-command
  }

 private:
  struct Entry {
    CLI::App* sub;
    Action action;
  };
  CLI::App& app_;
  std::vector<Entry> entries_;
};

// One registration function per sub-command (cmd_<name>.cpp).
void add_validate_command(Commands& commands);
void add_summary_command(Commands& commands);
void add_scope_command(Commands& commands);
void add_audit_command(Commands& commands);
void add_risk_command(Commands& commands);
void add_paths_command(Commands& commands);
void add_disrupt_command(Commands& commands);
void add_export_command(Commands& commands);
void add_generate_command(Commands& commands);
void add_support_command(Commands& commands);

}  // namespace diligence::cli
