// A firm of a supplier network as the scenario format describes it (spec/scenario.md, "Firm"):
// identity, size figures, group, cluster, self-assessment, due-diligence evidence, incidents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <diligence/core/date.hpp>

namespace diligence::model {

/// Dense index of a firm in a SupplyNetwork (0..n-1). 32 bits: up to 4 294 967 294 firms.
using FirmIndex = std::uint32_t;
inline constexpr FirmIndex kNoFirm = static_cast<FirmIndex>(-1);

/// Severity of an actual adverse impact (scenario `incidents[].severity`).
enum class IncidentSeverity : std::uint8_t { kLow, kMedium, kHigh, kSevere };

[[nodiscard]] constexpr const char* to_string(IncidentSeverity s) noexcept {
  switch (s) {
    case IncidentSeverity::kLow:
      return "low";
    case IncidentSeverity::kMedium:
      return "medium";
    case IncidentSeverity::kHigh:
      return "high";
    case IncidentSeverity::kSevere:
      return "severe";
  }
  return "medium";
}

/// An actual adverse impact at a firm. `known` means the firm's buyers know of it.
struct Incident {
  std::string category;
  bool known = false;
  IncidentSeverity severity = IncidentSeverity::kMedium;  ///< default when the scenario omits it
  friend bool operator==(const Incident&, const Incident&) = default;
};

/// E, S, G pillar scores of a self-assessment, each in [0,1].
struct PillarScores {
  double e = 0.0;
  double s = 0.0;
  double g = 0.0;
  [[nodiscard]] double overall() const noexcept { return (e + s + g) / 3.0; }
  friend bool operator==(const PillarScores&, const PillarScores&) = default;
};

/// A self-assessment: pillar scores given directly, or a questionnaire id with raw answers that
/// the risk module scores. Answers keep the scalar text as written (`"3"`, `"yes"`).
struct Assessment {
  std::optional<PillarScores> scores;
  std::string questionnaire;
  std::vector<std::pair<std::string, std::string>> answers;
  friend bool operator==(const Assessment&, const Assessment&) = default;
};

/// Evidence of a firm's own due-diligence process (scenario `due_diligence`). Absent = not shown.
struct DueDiligence {
  std::optional<Date> policy_reviewed;
  std::optional<bool> code_of_conduct;
  std::optional<Date> risk_assessment;
  std::optional<std::uint32_t> mapped_tiers;
  std::optional<double> prevention_plans;        ///< share of prioritised risks, [0,1]
  std::optional<double> contractual_assurances;  ///< share of direct suppliers, [0,1]
  std::optional<bool> sme_support;
  std::optional<bool> complaints_procedure;
  std::optional<bool> stakeholder_engagement;
  std::optional<bool> remediation;
  std::optional<bool> annual_statement;
  std::optional<bool> transition_plan;
  friend bool operator==(const DueDiligence&, const DueDiligence&) = default;
};

/// One firm. Only `id`, `country` and `sector` are required; absent numbers stay `nullopt`.
struct Firm {
  std::string id;       ///< 1–64 chars of `A-Z a-z 0-9 . _ : -`
  std::string name;     ///< display name; empty = use id
  std::string country;  ///< ISO 3166-1 alpha-2, upper case
  std::string sector;   ///< NACE Rev. 2 code (`C`, `C27`, `C27.2`, `C27.20`)
  std::optional<std::uint64_t> employees;
  std::vector<std::pair<std::string, std::uint64_t>> employees_by_country;
  std::optional<double> turnover_eur;
  std::optional<double> eu_turnover_eur;
  std::string parent;   ///< id of the group's parent; empty = none
  std::string cluster;  ///< industrial complex; empty = none
  bool exporter = false;
  std::vector<std::string> certifications;
  std::optional<Assessment> assessment;
  std::vector<std::pair<std::string, double>> risk;  ///< category → own residual risk in [0,1]
  std::vector<Incident> incidents;
  std::optional<DueDiligence> due_diligence;

  /// The name to show: `name`, or `id` when no name was given.
  [[nodiscard]] const std::string& display_name() const noexcept {
    return name.empty() ? id : name;
  }
  /// Employees in one country, from `employees_by_country` (nullopt when not given).
  [[nodiscard]] std::optional<std::uint64_t> employees_in(std::string_view country_code) const {
    for (const auto& [c, n] : employees_by_country)
      if (c == country_code) return n;
    return std::nullopt;
  }
  friend bool operator==(const Firm&, const Firm&) = default;
};

}  // namespace diligence::model
