// Loading risk models (format `diligence-risk-model/1`, docs/formats.md "Risk model files") and
// finding the data files that ship with diligence (data/, installed to share/diligence).
// yaml-cpp and all file access stay inside the compiled io library; this header is plain C++.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <diligence/risk/risk_model.hpp>

namespace diligence::io {

/// Loads a risk model file and checks every rule of the format.
///
/// The tables of the result are sorted by key (country code, NACE prefix, lower-case commodity
/// name, certification id), as `risk::RiskModel`'s lookups require; every indicator has one value
/// per category in the order of `categories`.
///
/// @throws IoError for a missing or unreadable file, ParseError for YAML that does not parse or
///   values of the wrong type, ValidationError for values that break a rule (unknown category,
///   value outside [0,1], bad country code or NACE prefix, duplicate or unknown key, missing
///   `format`, `categories` or `fallback`). Every error names the file, line and column and the key
///   path (`countries.KR.values.child_labour`).
[[nodiscard]] risk::RiskModel load_risk_model(const std::filesystem::path& path);

/// Loads a risk model from YAML text; `name` is used as the file name in error positions and, when
/// the text has no `id`, its stem becomes the model id.
[[nodiscard]] risk::RiskModel load_risk_model_text(std::string_view yaml,
                                                   std::string name = "<text>");

/// The directory of the data files that ship with diligence (`risk/`, `questionnaires/`,
/// `directives/`), in this order of preference:
///   1. `$DILIGENCE_DATA_DIR` when it is set and not empty (not checked: loading from it reports a
///      missing file with its full path);
///   2. the installed `<prefix>/share/diligence`, found relative to the running executable
///      (`/proc/self/exe`, then `../share/diligence` from the install's bin directory) when it
///      holds `risk/default.yaml`;
///   3. the source tree's `data/` directory this library was built from.
[[nodiscard]] std::filesystem::path data_dir();

/// The shipped default risk model: `data_dir() / "risk" / "default.yaml"`, loaded on each call.
/// @throws the errors of `load_risk_model`.
[[nodiscard]] risk::RiskModel default_risk_model();

}  // namespace diligence::io
