// Loading directive profiles (format `diligence-directive/1`, docs/directives.md) and finding the
// profiles that ship with diligence in `data_dir() / "directives"`.
// yaml-cpp and all file access stay inside the compiled io library; this header is plain C++.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <diligence/directive/profile.hpp>

namespace diligence::io {

/// Loads a directive profile file and checks every rule of the format (docs/directives.md):
/// required keys, known keys only (keys starting with `x-` are free), each key once, enumerations
/// (`who`, `basis`, `measure`, `comparison`, `coverage`, `grade`, ...), thresholds finite and ≥ 0,
/// ISO country codes, dates, unique rule, phase and obligation ids, phases naming existing rules,
/// and checks that fit the type of their evidence key (`within_months` only for dates, ...).
/// The result's `eu_countries` and `severity.values` are sorted.
///
/// @throws IoError for a missing or unreadable file, ParseError for YAML that does not parse or
///   values of the wrong type, ValidationError for values that break a rule. Every error names
///   the file, line and column and the key path (`scope.rules[1].conditions[0].threshold`).
[[nodiscard]] directive::DirectiveProfile load_profile(const std::filesystem::path& path);

/// Loads a profile from YAML text; `name` is used as the file name in error positions.
[[nodiscard]] directive::DirectiveProfile load_profile_text(std::string_view yaml,
                                                            std::string name = "<text>");

/// The ids of the profiles that ship with diligence: the stems of the `*.yaml` files in
/// `data_dir() / "directives"`, sorted; empty when the directory does not exist.
[[nodiscard]] std::vector<std::string> shipped_profiles();

/// Resolves the `D` of `--directive D`: a path to a profile file, or the id of a shipped profile.
/// An existing file is loaded as a path. Otherwise a bare id (no `/`, no `.yaml` or `.yml`
/// ending) is looked up as `data_dir() / "directives" / (id + ".yaml")`; anything else is loaded
/// as a path (and reported missing).
///
/// @throws UsageError (`directive.unknown_profile`) for an id that is neither a file nor a shipped
///   profile (the message lists the shipped ids); otherwise the errors of `load_profile`.
[[nodiscard]] directive::DirectiveProfile find_profile(std::string_view id_or_path);

}  // namespace diligence::io
