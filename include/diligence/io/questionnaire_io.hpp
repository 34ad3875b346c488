// Loading self-assessment questionnaires (format `diligence-questionnaire/1`, docs/formats.md
// "Questionnaire files", docs/questionnaires.md) and the questionnaires that ship with diligence.
// yaml-cpp and all file access stay inside the compiled io library; this header is plain C++.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <diligence/risk/questionnaire.hpp>

namespace diligence::io {

/// Loads a questionnaire file and checks every rule of the format: `format`, `id`, `scale`,
/// `stages` and `items` are required; the scale needs integers min < max; stage bounds (`below`,
/// in [0,1]) must increase strictly and the last stage has none; items need `id`, `area`
/// (disclosure, environment, social, governance), `text` and `advice`, may give `pillar` (E, S, G;
/// default: E for environment, S for social, G for governance and disclosure) and `weight`
/// (finite, > 0; default 1); item ids are unique.
///
/// @throws IoError for a missing or unreadable file, ParseError for YAML that does not parse or
///   values of the wrong type, ValidationError for values that break a rule. Every error names
///   the file, line and column and the key path (`items[3].pillar`).
[[nodiscard]] risk::Questionnaire load_questionnaire(const std::filesystem::path& path);

/// Loads a questionnaire from YAML text; `name` is used as the file name in error positions.
[[nodiscard]] risk::Questionnaire load_questionnaire_text(std::string_view yaml,
                                                          std::string name = "<text>");

/// Every questionnaire that ships with diligence: each `*.yaml` file in
/// `data_dir() / "questionnaires"`, in file-name order.
/// @throws the errors of `load_questionnaire`; IoError (`io.file_not_found`) when the directory
///   does not exist; ValidationError (`input.duplicate_key`, key `id`) when two files share an id.
[[nodiscard]] std::vector<risk::Questionnaire> default_questionnaires();

}  // namespace diligence::io
