// Loading support programme files (format `diligence-programmes/1`, spec/support.md,
// docs/support.md) and the directive profile a programme file targets.
// yaml-cpp and all file access stay inside the compiled io library; this header is plain C++.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <diligence/directive/profile.hpp>
#include <diligence/support/programme.hpp>

namespace diligence::io {

/// Options of `load_programmes`.
struct ProgrammeLoadOptions {
  /// Category ids an `effect` may name (besides `all`), e.g. `RiskModel::category_ids()`.
  /// Empty: not checked while loading (support::resolve checks them later, with the position).
  std::vector<std::string> categories;
};

/// Loads a programme file and checks every rule of the format: `format:
/// diligence-programmes/1`; `targets` (required) gives exactly one of `directive` (a profile id or
/// path) and `firms` (a non-empty list of firm ids, each once); `classes` (optional) may give
/// `beginner_below` in [0,1] and `urgent_within_tiers`, an integer ≥ 0; `programmes` is a
/// non-empty list of maps with a unique `id`, `slots` (integer ≥ 0), `effect` (a non-empty map
/// from `all` or a category id to a number in [0,1]) and optional `eligible` (a non-empty list of
/// urgent, beginner, established, each once) and `name`. Top level may also give `name`. Unknown
/// keys are errors except those starting with `x-`. Target firm ids are checked later, against a
/// network (support::resolve_targets), at the position kept here.
///
/// @throws IoError for a missing or unreadable file, ParseError for YAML that does not parse or
///   values of the wrong type, ValidationError for values that break a rule. Every error names
///   the file, line and column and the key path (`programmes[1].effect.child_labour`).
[[nodiscard]] support::ProgrammeSet load_programmes(const std::filesystem::path& path,
                                                    const ProgrammeLoadOptions& options = {});

/// Loads a programme file from YAML text; `name` is used as the file name in error positions.
[[nodiscard]] support::ProgrammeSet load_programmes_text(std::string_view yaml,
                                                         const ProgrammeLoadOptions& options = {},
                                                         std::string name = "<text>");

/// The directive profile `targets.directive` names: a shipped id, or a path to a profile file
/// (a relative path is read relative to the programme file's directory first, then as given).
/// @throws ValidationError `directive.unknown_profile` at the position of `targets.directive`
///   when it names neither; the errors of `load_profile` for a bad profile file; UsageError
///   (`usage.parameter`) when the set targets firms, not a directive.
[[nodiscard]] directive::DirectiveProfile load_target_profile(const support::ProgrammeSet& set);

}  // namespace diligence::io
