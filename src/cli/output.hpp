// Output helpers shared by the sub-commands: the common `--json` / `-o FILE` options, emitting a
// text or JSON result to standard output or atomically to a file, and printing warnings and
// errors on standard error.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <diligence/core/diagnostics.hpp>
#include <diligence/core/error.hpp>
#include <diligence/model/scenario.hpp>

namespace diligence::cli {

/// Text mode shows at most this many warnings, then `... and K more warnings`.
inline constexpr std::size_t kMaxWarningsShown = 20;

/// The output options every result-printing sub-command takes.
struct OutputOptions {
  bool json = false;        ///< `--json`: one JSON document instead of text
  std::string output_file;  ///< `-o FILE`: write there (atomically) instead of standard output
};

/// Declares `--json` and `-o,--output FILE` on `cmd`, bound to `options`.
void add_output_options(CLI::App& cmd, OutputOptions& options);

/// Writes `text` to standard output, or atomically to `options.output_file` when given; clears
/// the progress line of standard error first.
/// @throws IoError when the file cannot be written (nothing is left behind).
void emit_text(const OutputOptions& options, const std::string& text);

/// Serialises `doc` (indented, full double precision, invalid UTF-8 replaced) and emits it
/// like emit_text.
void emit_json(const OutputOptions& options, const nlohmann::json& doc);

/// Prints warnings on standard error as `Diagnostic::to_string()`, one a line: at most `limit`,
/// then `... and K more warnings` (after clearing the progress line).
void print_warnings(const std::vector<Diagnostic>& warnings, std::size_t limit = kMaxWarningsShown);

/// A warning as JSON: `{"id", "severity", "message", "key_path", "file", "line", "column"}`;
/// `file`, `line` and `column` are null when not known.
[[nodiscard]] nlohmann::json diagnostic_json(const Diagnostic& d);

/// Loads a scenario file; answers to the shipped questionnaires are checked. Large CSV files show
/// the progress bar (progress.hpp). @throws diligence::Error.
[[nodiscard]] model::Scenario load_scenario_file(const std::string& path);

}  // namespace diligence::cli
