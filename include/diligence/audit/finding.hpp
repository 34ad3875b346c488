// Findings of a mock audit and the score both audit kinds (company, supplier) share.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <diligence/core/date.hpp>
#include <diligence/directive/profile.hpp>
#include <diligence/model/firm.hpp>

namespace diligence::audit {

using directive::Grade;

[[nodiscard]] constexpr const char* to_string(Grade g) noexcept {
  return g == Grade::kCritical ? "critical" : g == Grade::kMajor ? "major" : "minor";
}

/// One finding: an obligation (or, in a supplier audit, an impact category) not met.
struct Finding {
  std::string obligation;         ///< obligation id (`art-7-policy`) or category id
  std::string article;            ///< `Art. 7`, `§ 5 LkSG`, or the buyer's code clause
  Grade grade = Grade::kMinor;
  std::string message;            ///< what is wrong, in one sentence
  std::string evidence;           ///< what was checked: the value found and the threshold
  std::string corrective_action;  ///< what to do
  std::optional<Date> deadline;   ///< by when (supplier audits)
  std::vector<model::FirmIndex> firms;  ///< firms concerned (suppliers, the SME itself)
};

/// Counts of findings by grade.
struct GradeCounts {
  std::size_t critical = 0;
  std::size_t major = 0;
  std::size_t minor = 0;
};

[[nodiscard]] inline GradeCounts count_grades(const std::vector<Finding>& findings) {
  GradeCounts c;
  for (const auto& f : findings) {
    if (f.grade == Grade::kCritical) ++c.critical;
    else if (f.grade == Grade::kMajor) ++c.major;
    else ++c.minor;
  }
  return c;
}

/// Audit score in the style of the RBA Validated Audit Process (reference/regulation.md, "Audit
/// practice", tagged [S]): 200 × share of checks passed − 20 per critical − 4 per major − 1 per
/// minor finding, clamped to [0, 200]. `checks` counts every check run, `failed` those that raised
/// at least one finding (a check may raise several).
[[nodiscard]] inline double audit_score(std::size_t checks, std::size_t failed,
                                        const std::vector<Finding>& findings) {
  if (checks == 0) return 200.0;
  const GradeCounts g = count_grades(findings);
  failed = std::min(checks, failed);
  const double passed = static_cast<double>(checks - failed) / static_cast<double>(checks);
  const double s = 200.0 * passed - 20.0 * static_cast<double>(g.critical) -
                   4.0 * static_cast<double>(g.major) - 1.0 * static_cast<double>(g.minor);
  return std::clamp(s, 0.0, 200.0);
}

/// Findings sorted critical first, then major, then minor; stable within a grade.
inline void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return a.grade < b.grade; });
}

}  // namespace diligence::audit
