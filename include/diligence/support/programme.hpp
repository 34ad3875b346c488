// Support programmes in memory (spec/support.md, format `diligence-programmes/1`): whose exposure
// the support should reduce (the targets), how SMEs are classed, and the programmes themselves —
// slots, effect on own risk by category, eligible classes. `io::load_programmes` reads the file;
// the functions here resolve a programme set against a risk model's categories and a network.
//
// Positions: the loader keeps the file position of every value that can only be checked later
// (effect categories against a risk model, target firm ids against a network), so that those
// errors too name file, line, column and key.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <diligence/core/date.hpp>
#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/directive/profile.hpp>
#include <diligence/directive/scope.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/support/classes.hpp>

namespace diligence::support {

/// The effect of a programme on one category: own risk × (1 − value).
struct CategoryEffect {
  std::string category;
  double value = 0.0;  ///< in [0,1]
  std::string key;     ///< `programmes[0].effect.forced_labour`
  Location where;      ///< position of the key
};

/// `effect:` of a programme: `all` sets every category, a named category overrides `all`.
struct Effect {
  std::optional<double> all;  ///< `all: v`
  std::vector<CategoryEffect> categories;
};

/// One programme of the file.
struct Programme {
  std::string id;
  std::string name;         ///< optional display name (extension); empty = id
  std::uint64_t slots = 0;  ///< how many firms it can serve
  Effect effect;
  /// The classes it serves (default: urgent, beginner, established), in file order.
  std::vector<FirmClass> eligible{kSmeClasses[0], kSmeClasses[1], kSmeClasses[2]};
  std::string key;  ///< `programmes[0]`
  Location where;   ///< position of the programme's map

  [[nodiscard]] const std::string& display_name() const noexcept {
    return name.empty() ? id : name;
  }
};

/// A target firm named in `targets.firms`, with where it was named.
struct TargetFirm {
  std::string id;
  std::string key;  ///< `targets.firms[1]`
  Location where;
};

/// `targets:` — a directive (firms to which it applies on the scenario date) or a list of firms.
struct Targets {
  std::string directive;  ///< profile id or path; empty when `firms` is used
  std::string directive_key = "targets.directive";
  Location directive_where;
  std::vector<TargetFirm> firms;  ///< empty when `directive` is used
};

/// A whole programme file.
struct ProgrammeSet {
  std::string source;  ///< the file it came from
  std::string name;    ///< optional (extension)
  Targets targets;
  ClassOptions classes;
  std::vector<Programme> programmes;
};

/// A programme resolved against a risk model's categories: one effect per category.
struct ResolvedProgramme {
  std::string id;
  std::uint64_t slots = 0;
  std::vector<double> effect;                ///< per category (model order), in [0,1]
  std::array<bool, kNumClasses> eligible{};  ///< by FirmClass

  [[nodiscard]] bool serves(FirmClass c) const noexcept {
    return eligible[static_cast<std::size_t>(c)];
  }
};

/// The effect of `p` on each of `categories`: the named value, else `all`, else 0.
/// @throws ValidationError `input.unknown_category` at the effect's key for a category that is
///   not in `categories`.
[[nodiscard]] inline ResolvedProgramme resolve(const Programme& p,
                                               std::span<const std::string> categories) {
  ResolvedProgramme r;
  r.id = p.id;
  r.slots = p.slots;
  r.effect.assign(categories.size(), p.effect.all.value_or(0.0));
  for (const auto& ce : p.effect.categories) {
    std::size_t k = 0;
    while (k < categories.size() && categories[k] != ce.category) ++k;
    if (k == categories.size()) {
      std::string list;
      for (const auto& c : categories) list += (list.empty() ? "" : ", ") + c;
      throw ValidationError(errc::kUnknownCategory,
                            "category '" + ce.category +
                                "' is not in the risk model (expected all or one of: " + list + ")",
                            ce.key, ce.where);
    }
    r.effect[k] = ce.value;
  }
  for (const FirmClass c : p.eligible)
    if (is_sme_class(c)) r.eligible[static_cast<std::size_t>(c)] = true;
  return r;
}

/// Every programme of `set` resolved (see `resolve`), in file order.
[[nodiscard]] inline std::vector<ResolvedProgramme> resolve_programmes(
    const ProgrammeSet& set, std::span<const std::string> categories) {
  std::vector<ResolvedProgramme> out;
  out.reserve(set.programmes.size());
  for (const auto& p : set.programmes) out.push_back(resolve(p, categories));
  return out;
}

/// The firms to which `profile` applies on `as_of` (directive::scope), in index order.
[[nodiscard]] inline std::vector<model::FirmIndex> directive_targets(
    const model::SupplyNetwork& net, const directive::DirectiveProfile& profile, Date as_of) {
  const directive::ScopeResult r = directive::scope(net, profile, as_of);
  std::vector<model::FirmIndex> out;
  for (const auto& d : r.firms)
    if (d.applies) out.push_back(d.firm);
  return out;
}

/// The target firms of `set` in `net`, in index order without repeats. With `targets.directive`,
/// the firms to which `profile` applies on `as_of` (the caller loads the profile the file names,
/// e.g. with `io::load_target_profile`); with `targets.firms`, those firms.
/// @throws ValidationError `network.unknown_firm` at the position of a listed id that names no
///   firm of `net` (key `targets.firms[j]`); UsageError `usage.parameter` when the set names a
///   directive and `profile` is null. O(n + m) with a directive (plus its scope rules), else
///   O(t log t) for t listed firms.
[[nodiscard]] inline std::vector<model::FirmIndex> resolve_targets(
    const model::SupplyNetwork& net, const ProgrammeSet& set,
    const directive::DirectiveProfile* profile, Date as_of) {
  std::vector<model::FirmIndex> out;
  if (!set.targets.directive.empty()) {
    if (!profile)
      throw UsageError(errc::kParameter, "the programme file targets directive '" +
                                             set.targets.directive +
                                             "'; resolve_targets needs its profile");
    return directive_targets(net, *profile, as_of);
  }
  for (const auto& t : set.targets.firms) {
    const auto i = net.find(t.id);
    if (!i)
      throw ValidationError(errc::kUnknownFirm, "target firm '" + t.id + "' is not in the scenario",
                            t.key, t.where);
    out.push_back(*i);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace diligence::support
