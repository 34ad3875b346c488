// Loading scenarios (spec/scenario.md, format diligence/1) from YAML with optional CSV files.
// yaml-cpp and all file access stay inside the compiled io library; this header is plain C++.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <diligence/core/diagnostics.hpp>
#include <diligence/model/categories.hpp>
#include <diligence/model/scenario.hpp>
#include <diligence/risk/questionnaire.hpp>

namespace diligence::io {

/// Options of `load_scenario`.
struct LoadOptions {
  /// Category ids a scenario may name in `risk` and `incidents`.
  std::vector<std::string> categories = model::default_categories();
  /// Receives warnings as they arise (they are also returned in Scenario::warnings).
  LogSink sink;
  /// Reports progress while reading large CSV files.
  ProgressCallback progress;
  /// Questionnaires that `assessment.questionnaire` may name (not owned; e.g. the result of
  /// `default_questionnaires()`). When set, the questionnaire must be one of them
  /// (`input.unknown_questionnaire` at the value) and every answer must name one of its items
  /// (`input.unknown_item` at the key) with a value on its scale or yes/no (`input.range` /
  /// `input.type` at the value). When null, answers are kept as written and checked only when
  /// scored.
  const std::vector<risk::Questionnaire>* questionnaires = nullptr;
};

/// Loads a scenario file and the CSV files it includes, checks every rule of the format and
/// builds the network.
///
/// @throws IoError for a missing or unreadable file, ParseError for YAML or CSV that does not
///   parse or has values of the wrong type, ValidationError for values that break a rule.
///   Every error names the file, line and column and the key path (`firms[3].country`).
[[nodiscard]] model::Scenario load_scenario(const std::filesystem::path& path,
                                            const LoadOptions& options = {});

/// Loads a scenario from YAML text. `name` is used as the file name in error positions and
/// `base_dir` resolves `include` paths.
[[nodiscard]] model::Scenario load_scenario_text(std::string_view yaml, const LoadOptions& options = {},
                                                 std::string name = "<text>",
                                                 const std::filesystem::path& base_dir = ".");

/// Writes `content` to `path` atomically: to a temporary file in the same directory, then
/// renamed over `path`. Nothing is left behind on failure. @throws IoError.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

}  // namespace diligence::io
