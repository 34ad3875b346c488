// Output helpers shared by the sub-commands (see output.hpp).
#include "output.hpp"

#include <iostream>

#include <diligence/io/questionnaire_io.hpp>
#include <diligence/io/scenario_io.hpp>

#include "progress.hpp"

namespace diligence::cli {

void add_output_options(CLI::App& cmd, OutputOptions& options) {
  cmd.add_flag("--json", options.json, "Print one JSON document instead of text");
  cmd.add_option("-o,--output", options.output_file,
                 "Write the output to FILE (atomically: nothing is written on error)")
      ->type_name("FILE");
}

void emit_text(const OutputOptions& options, const std::string& text) {
  clear_progress();  // the result starts on a clean line of a terminal
  if (options.output_file.empty()) {
    std::cout << text << std::flush;
    return;
  }
  io::write_file_atomic(options.output_file, text);
}

void emit_json(const OutputOptions& options, const nlohmann::json& doc) {
  // dump() writes doubles with max_digits10 digits, so they read back exactly.
  emit_text(options, doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void print_warnings(const std::vector<Diagnostic>& warnings, std::size_t limit) {
  clear_progress();
  const std::size_t shown = std::min(limit, warnings.size());
  for (std::size_t i = 0; i < shown; ++i) std::cerr << warnings[i].to_string() << '\n';
  if (warnings.size() > shown) {
    const std::size_t rest = warnings.size() - shown;
    std::cerr << "... and " << rest << " more warning" << (rest == 1 ? "" : "s") << '\n';
  }
  std::cerr << std::flush;
}

nlohmann::json diagnostic_json(const Diagnostic& d) {
  using nlohmann::json;
  const Location& loc = d.location;
  return json{
      {"id", d.id},
      {"severity", d.severity == Severity::kWarning ? "warning" : "note"},
      {"message", d.message},
      {"key_path", d.key_path},
      {"file", loc.file.empty() ? json(nullptr) : json(loc.file)},
      {"line", loc.line == 0 ? json(nullptr) : json(loc.line)},
      {"column", loc.column == 0 ? json(nullptr) : json(loc.column)},
  };
}

model::Scenario load_scenario_file(const std::string& path) {
  // Answers to a shipped questionnaire are checked as the risk commands will score them.
  const std::vector<risk::Questionnaire> questionnaires = io::default_questionnaires();
  io::LoadOptions options;
  options.questionnaires = &questionnaires;
  options.progress = progress_callback();
  return io::load_scenario(path, options);
}

}  // namespace diligence::cli
