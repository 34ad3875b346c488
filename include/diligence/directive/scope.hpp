// Scope determination: which firms of a network meet a directive's scope thresholds, and from
// which day its obligations apply to each.
//
// The model (docs/directives.md, "Scope"):
//   - A firm is *in scope* when at least one scope rule of the profile holds for it. A rule holds
//     when the firm's `country` matches the rule's `who` (EU member state or not) and every
//     condition holds. "More than" is strict, "at least" inclusive (profile.hpp, Comparison).
//   - A rule with `basis: firm` reads the firm's own figures. A rule with `basis: group` reads the
//     consolidated figures of the firm's group (the ultimate parent and every firm whose `parent`
//     chain reaches it) and applies to the ultimate parent of a group of two or more firms only:
//     CSDDD Art. 2 puts the obligations of a group that reaches the thresholds on its ultimate
//     parent (a firm alone is judged by the firm rules). A subsidiary is in scope only through a
//     rule that its own figures meet; its decision says whether its group's ultimate parent is in
//     scope.
//   - Missing figures: a sum over a group of which some members gave no figure is a lower bound;
//     since every comparison asks "at least as big as", a lower bound that meets a threshold
//     decides, and one that does not leaves the condition unknown. An unknown condition counts as
//     not met, and the decision lists the figure as missing.
//   - For every rule that holds, the firm's first application day is the earliest `from` of the
//     application phases it qualifies for, reading the figures of that rule. The decision takes
//     the rule with the earliest day (ties: the rule listed first). `applies` = in scope and that
//     day is on or before `as_of`.
//
// Cost: O(n · R · C) for n firms, R rules and C conditions, plus one O(n) pass per country that
// an `employees_in_country` condition names (group sums per ultimate parent).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <diligence/core/date.hpp>
#include <diligence/directive/profile.hpp>
#include <diligence/model/supply_network.hpp>

namespace diligence::directive {

/// A figure the decision read: the firm's own or its group's, with how complete it was.
struct ScopeFigure {
  Basis basis = Basis::kFirm;
  Measure measure = Measure::kEmployees;
  std::string country;     ///< for employees_in_country
  double value = 0.0;      ///< the figure; when not complete, the sum of what was given
  bool complete = true;    ///< false: not given (firm) or not given by every member (group)
  bool estimated = false;  ///< `assume_home_country` counted a firm's `employees` in `country`
  friend bool operator==(const ScopeFigure&, const ScopeFigure&) = default;
};

/// The decision for one firm.
struct ScopeDecision {
  model::FirmIndex firm = model::kNoFirm;
  /// Meets the thresholds of at least one scope rule.
  bool in_scope = false;
  /// In scope and the obligations apply on the date.
  bool applies = false;
  /// The first day the obligations apply to the firm (nullopt when not in scope, or when no
  /// application phase covers it).
  std::optional<Date> applies_from;
  std::string rule;            ///< the scope rule that decided; empty when not in scope
  std::string phase;           ///< the application phase that gives `applies_from`; empty when none
  Basis basis = Basis::kFirm;  ///< the basis of `rule`
  bool eu = false;             ///< the firm's country is an EU member state (profile's list)
  model::FirmIndex group_parent = model::kNoFirm;  ///< the ultimate parent of the firm's group
  /// For a firm that is not the ultimate parent of its group: whether the parent is in scope.
  bool group_parent_in_scope = false;
  /// One sentence (or a few, separated by "; ") saying why, with the figures and thresholds.
  std::string reason;
  /// The figures read: those of the deciding rule and phase when in scope, else those of every
  /// rule that could apply to the firm.
  std::vector<ScopeFigure> figures;
  /// Figures that were not given and would have been needed to decide (`employees`,
  /// `group turnover_eur`, `employees_by_country.DE`).
  std::vector<std::string> missing;
};

/// Decisions for every firm of a network.
struct ScopeResult {
  std::string directive;  ///< the profile id
  Date as_of;
  std::vector<ScopeDecision> firms;  ///< one per firm, in firm index order

  [[nodiscard]] std::size_t in_scope_count() const noexcept {
    std::size_t k = 0;
    for (const auto& d : firms) k += d.in_scope ? 1 : 0;
    return k;
  }
  [[nodiscard]] std::size_t applies_count() const noexcept {
    std::size_t k = 0;
    for (const auto& d : firms) k += d.applies ? 1 : 0;
    return k;
  }
};

/// Decides scope for every firm of `net` under `profile` on `as_of`.
/// Complexity: see the file comment.
[[nodiscard]] inline ScopeResult scope(const model::SupplyNetwork& net,
                                       const DirectiveProfile& profile, Date as_of);

/// Decides scope for one firm (the same decision `scope` makes for it).
/// @throws UsageError (`network.index_range`) when `firm` names no firm. Complexity O(n) for the
///   group sums, then as `scope` for one firm.
[[nodiscard]] inline ScopeDecision scope_of(const model::SupplyNetwork& net,
                                            const DirectiveProfile& profile, model::FirmIndex firm,
                                            Date as_of);

}  // namespace diligence::directive

#include <diligence/directive/detail/scope_impl.hpp>
