// The in-memory directive profile: what a due-diligence law asks of whom and from when, as data.
// A profile holds the scope rules (thresholds on employees, turnover, EU turnover or employees in
// one country, judged on a firm's own figures or on its group's consolidated figures), the dated
// application phases, the part of the supply chain the law covers, the obligations with their
// articles and the evidence checks an auditor applies, a severity per impact category and the
// penalty rule. Profiles ship as YAML in data/directives/ (format `diligence-directive/1`,
// docs/directives.md) and are loaded by io::load_profile; this header is plain C++.
//
// Every rule, phase and obligation carries its legal reference, its source and a `verified`
// flag: true only when its values were seen in the legal text (tag [V] in the project's reference
// file); false marks an editable default (a value seen only in secondary summaries, not
// confirmed, or a modelling choice the law does not make).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <diligence/core/date.hpp>

namespace diligence::directive {

/// The 27 member states of the European Union (since 1 February 2020), as ISO 3166-1 alpha-2
/// codes. Greece is `GR` (ISO), not `EL` (the EU's own abbreviation). A profile may replace the
/// list with `scope.eu_countries`.
inline constexpr std::array<std::string_view, 27> kEu27 = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};

/// Which companies a scope rule or application phase is about, by the `country` of the firm it
/// judges (for a group rule: the group's ultimate parent, which is the firm judged).
enum class Who : std::uint8_t {
  kEu,     ///< `country` is a member state (a company formed under a member state's law)
  kNonEu,  ///< `country` is not a member state
  kAny,    ///< every firm
};

/// The figure a condition compares with its threshold.
enum class Measure : std::uint8_t {
  kEmployees,           ///< `employees`: average number of employees, worldwide
  kTurnover,            ///< `turnover_eur`: net worldwide turnover, last financial year
  kEuTurnover,          ///< `eu_turnover_eur`: net turnover generated in the EU
  kEmployeesInCountry,  ///< `employees_by_country.<country>`
};

/// How a figure meets a threshold: the law's "more than" is strict, its "at least" inclusive.
enum class Comparison : std::uint8_t {
  kMoreThan,  ///< figure > threshold
  kAtLeast,   ///< figure ≥ threshold
};

/// Whose figures a scope rule reads.
enum class Basis : std::uint8_t {
  kFirm,   ///< the firm's own figures
  kGroup,  ///< the consolidated figures of the group; the rule applies to its ultimate parent only
};

/// One threshold: `measure comparison threshold`, e.g. employees more than 1 000.
struct Condition {
  Measure measure = Measure::kEmployees;
  std::string country;  ///< for kEmployeesInCountry: the ISO alpha-2 code (`DE`); empty otherwise
  Comparison comparison = Comparison::kMoreThan;
  double threshold = 0.0;
  /// For kEmployeesInCountry: a firm that gives no `employees_by_country` at all but whose
  /// `country` is `country` counts all its `employees` there (an approximation, reported as
  /// estimated). False: such a firm's figure is unknown.
  bool assume_home_country = false;

  /// True when `value` meets the threshold.
  [[nodiscard]] constexpr bool met_by(double value) const noexcept {
    return comparison == Comparison::kMoreThan ? value > threshold : value >= threshold;
  }
};

/// One route into scope: every condition must hold (an empty list always holds).
struct ScopeRule {
  std::string id;  ///< `eu-company`
  Who who = Who::kAny;
  Basis basis = Basis::kFirm;
  std::vector<Condition> conditions;
  std::string reference;  ///< `Art. 2(1)(a)`
  std::string source;
  bool verified = false;
  std::string note;
};

/// A dated application phase: the obligations apply from `from` to an in-scope firm whose
/// figures meet every condition (an empty list: every in-scope firm). Conditions read the figures
/// of the scope rule that brought the firm into scope (its own for a firm rule, the group's for a
/// group rule). A firm takes the earliest phase it qualifies for.
struct Phase {
  std::string id;  ///< `phase-1-eu`
  Date from;
  Who who = Who::kAny;
  std::vector<Condition> conditions;
  std::vector<std::string> rules;  ///< scope rule ids this phase is limited to; empty = all
  std::string reference;
  std::string source;
  bool verified = false;
  std::string note;
};

/// Which part of the upstream chain the law covers.
enum class Coverage : std::uint8_t {
  kAllUpstream,              ///< direct and indirect partners at every tier (CSDDD)
  kDirectPlusSubstantiated,  ///< direct suppliers; indirect ones only on substantiated knowledge
                             ///< (LkSG)
};

struct ChainRule {
  Coverage coverage = Coverage::kAllUpstream;
  std::string reference;
  std::string source;
  bool verified = false;
  std::string note;
};

/// A key of the scenario's `due_diligence` map (spec/scenario.md), i.e. model::DueDiligence.
enum class EvidenceKey : std::uint8_t {
  kPolicyReviewed,         ///< date
  kCodeOfConduct,          ///< bool
  kRiskAssessment,         ///< date
  kMappedTiers,            ///< integer ≥ 0
  kPreventionPlans,        ///< share in [0,1]
  kContractualAssurances,  ///< share in [0,1]
  kSmeSupport,             ///< bool
  kComplaintsProcedure,    ///< bool
  kStakeholderEngagement,  ///< bool
  kRemediation,            ///< bool
  kAnnualStatement,        ///< bool
  kTransitionPlan,         ///< bool
};

/// The value type of an evidence key.
enum class EvidenceType : std::uint8_t { kDate, kBool, kCount, kShare };

/// What a check asks of the evidence.
enum class CheckKind : std::uint8_t {
  kGiven,         ///< the key is given (any value)
  kIs,            ///< a bool equals `expected`
  kWithinMonths,  ///< a date is no older than `value` months on the audit date
  kAtLeast,       ///< a count or share ≥ `value`
  kMoreThan,      ///< a count or share > `value`
};

/// One evidence check of an obligation.
struct EvidenceCheck {
  EvidenceKey evidence = EvidenceKey::kPolicyReviewed;
  CheckKind kind = CheckKind::kGiven;
  double value = 0.0;     ///< months (kWithinMonths) or the bound (kAtLeast, kMoreThan)
  bool expected = true;   ///< for kIs
  bool verified = false;  ///< the bound comes from the legal text (else: an editable default)
  std::string note;
};

/// How an auditor grades a failed obligation (spec/cli.md: critical, major, minor).
enum class Grade : std::uint8_t { kCritical, kMajor, kMinor };

/// Checks the audit runs against the network rather than the firm's own evidence. The names are
/// the vocabulary of the profile format; the audit module implements them.
enum class NetworkCheck : std::uint8_t {
  kBeyondMappedTiers,        ///< high risks upstream beyond the tiers the firm mapped
  kPrioritisation,           ///< risks addressed in order of severity × likelihood
  kDirectSupplierContracts,  ///< high-risk direct suppliers without contractual assurances
  kSmeSupport,               ///< high-risk direct SME suppliers without assurances or support
  kKnownIncidents,          ///< known actual impacts in the covered chain without corrective action
  kSubstantiatedKnowledge,  ///< known impacts at indirect suppliers (LkSG: substantiated knowledge)
};

/// One obligation: the article, what evidence shows it is met, and how a failure is graded.
struct Obligation {
  std::string id;       ///< `art7-policy`
  std::string article;  ///< `Art. 7`, `§ 5 LkSG`
  std::string title;
  std::vector<EvidenceCheck> checks;         ///< all must pass
  std::vector<NetworkCheck> network_checks;  ///< for the audit
  Grade grade = Grade::kMajor;
  std::string corrective_action;
  std::string source;
  bool verified = false;
  std::string note;
};

/// Severity of an adverse impact per impact category, in [0,1].
struct SeverityTable {
  std::vector<std::pair<std::string, double>> values;  ///< category id → severity, sorted by id
  std::string source;
  bool verified = false;
  std::string note;

  /// Severity of `category`, or `fallback` when the table lacks it.
  [[nodiscard]] double of(std::string_view category, double fallback = 0.0) const {
    const auto it = std::lower_bound(values.begin(), values.end(), category,
                                     [](const auto& e, std::string_view c) { return e.first < c; });
    return it != values.end() && it->first == category ? it->second : fallback;
  }
};

/// Which turnover a penalty share is taken of.
enum class TurnoverBasis : std::uint8_t {
  kNetWorldwide,   ///< net worldwide turnover (last financial year)
  kAverageAnnual,  ///< average annual turnover (LkSG)
};

/// How the law states the share.
enum class ShareBound : std::uint8_t {
  kFloor,  ///< member states' maximum fine must be at least the share (the profile models the
           ///< floor)
  kCap,    ///< the maximum fine is at most the share
};

/// A fixed maximum fine for a class of offences.
struct FixedMaximum {
  double max_eur = 0.0;
  std::string offences;  ///< which offences (text)
};

/// The penalty rule. The audit computes the penalty exposure from it; the profile only holds it.
struct PenaltyRule {
  std::optional<double> turnover_share;  ///< e.g. 0.05; absent: no turnover-based maximum
  TurnoverBasis turnover_basis = TurnoverBasis::kNetWorldwide;
  ShareBound share_bound = ShareBound::kCap;
  /// The share applies only above this turnover (strictly); below, the fixed maxima do.
  std::optional<double> share_above_turnover_eur;
  std::vector<FixedMaximum> fixed_maxima;
  /// Exclusion from public contracts: up to `exclusion_max_years` for fines of at least
  /// `exclusion_min_fine_eur` (LkSG); absent when the law has none.
  std::optional<double> exclusion_min_fine_eur;
  std::optional<double> exclusion_max_years;
  std::string reference;
  std::string source;
  bool verified = false;
  std::string note;
};

/// A whole profile.
struct DirectiveProfile {
  std::string id;  ///< `csddd-2024`
  std::string title;
  std::string legal_reference;  ///< `Directive (EU) 2024/1760`
  Date in_force;
  std::string source;
  std::vector<std::string> notes;
  std::vector<std::string> eu_countries = {kEu27.begin(), kEu27.end()};  ///< sorted
  std::vector<ScopeRule> rules;  ///< in profile order: the first rule that holds names the route
  std::vector<Phase> phases;
  ChainRule chain;
  std::vector<Obligation> obligations;
  SeverityTable severity;
  PenaltyRule penalty;

  /// True when `country` is in `eu_countries`.
  [[nodiscard]] bool is_eu(std::string_view country) const {
    return std::binary_search(eu_countries.begin(), eu_countries.end(), country,
                              [](std::string_view a, std::string_view b) { return a < b; });
  }
  /// The scope rule with this id, or nullptr.
  [[nodiscard]] const ScopeRule* rule(std::string_view rule_id) const {
    for (const auto& r : rules)
      if (r.id == rule_id) return &r;
    return nullptr;
  }
  /// The obligation with this id, or nullptr.
  [[nodiscard]] const Obligation* obligation(std::string_view obligation_id) const {
    for (const auto& o : obligations)
      if (o.id == obligation_id) return &o;
    return nullptr;
  }
};

// --- names as the profile format writes them ------------------------------------------------

[[nodiscard]] constexpr const char* to_string(Who w) noexcept {
  switch (w) {
    case Who::kEu:
      return "eu";
    case Who::kNonEu:
      return "non_eu";
    case Who::kAny:
      return "any";
  }
  return "any";
}

[[nodiscard]] constexpr const char* to_string(Measure m) noexcept {
  switch (m) {
    case Measure::kEmployees:
      return "employees";
    case Measure::kTurnover:
      return "turnover_eur";
    case Measure::kEuTurnover:
      return "eu_turnover_eur";
    case Measure::kEmployeesInCountry:
      return "employees_in_country";
  }
  return "employees";
}

[[nodiscard]] constexpr const char* to_string(Comparison c) noexcept {
  return c == Comparison::kMoreThan ? "more_than" : "at_least";
}

[[nodiscard]] constexpr const char* to_string(Basis b) noexcept {
  return b == Basis::kFirm ? "firm" : "group";
}

[[nodiscard]] constexpr const char* to_string(Coverage c) noexcept {
  return c == Coverage::kAllUpstream ? "all_upstream" : "direct_plus_substantiated";
}

[[nodiscard]] constexpr const char* to_string(EvidenceKey k) noexcept {
  switch (k) {
    case EvidenceKey::kPolicyReviewed:
      return "policy_reviewed";
    case EvidenceKey::kCodeOfConduct:
      return "code_of_conduct";
    case EvidenceKey::kRiskAssessment:
      return "risk_assessment";
    case EvidenceKey::kMappedTiers:
      return "mapped_tiers";
    case EvidenceKey::kPreventionPlans:
      return "prevention_plans";
    case EvidenceKey::kContractualAssurances:
      return "contractual_assurances";
    case EvidenceKey::kSmeSupport:
      return "sme_support";
    case EvidenceKey::kComplaintsProcedure:
      return "complaints_procedure";
    case EvidenceKey::kStakeholderEngagement:
      return "stakeholder_engagement";
    case EvidenceKey::kRemediation:
      return "remediation";
    case EvidenceKey::kAnnualStatement:
      return "annual_statement";
    case EvidenceKey::kTransitionPlan:
      return "transition_plan";
  }
  return "policy_reviewed";
}

/// Every evidence key, in the order of spec/scenario.md.
inline constexpr std::array<EvidenceKey, 12> kEvidenceKeys = {EvidenceKey::kPolicyReviewed,
                                                              EvidenceKey::kCodeOfConduct,
                                                              EvidenceKey::kRiskAssessment,
                                                              EvidenceKey::kMappedTiers,
                                                              EvidenceKey::kPreventionPlans,
                                                              EvidenceKey::kContractualAssurances,
                                                              EvidenceKey::kSmeSupport,
                                                              EvidenceKey::kComplaintsProcedure,
                                                              EvidenceKey::kStakeholderEngagement,
                                                              EvidenceKey::kRemediation,
                                                              EvidenceKey::kAnnualStatement,
                                                              EvidenceKey::kTransitionPlan};

[[nodiscard]] constexpr EvidenceType evidence_type(EvidenceKey k) noexcept {
  switch (k) {
    case EvidenceKey::kPolicyReviewed:
    case EvidenceKey::kRiskAssessment:
      return EvidenceType::kDate;
    case EvidenceKey::kMappedTiers:
      return EvidenceType::kCount;
    case EvidenceKey::kPreventionPlans:
    case EvidenceKey::kContractualAssurances:
      return EvidenceType::kShare;
    default:
      return EvidenceType::kBool;
  }
}

[[nodiscard]] constexpr const char* to_string(CheckKind k) noexcept {
  switch (k) {
    case CheckKind::kGiven:
      return "given";
    case CheckKind::kIs:
      return "is";
    case CheckKind::kWithinMonths:
      return "within_months";
    case CheckKind::kAtLeast:
      return "at_least";
    case CheckKind::kMoreThan:
      return "more_than";
  }
  return "given";
}

[[nodiscard]] constexpr const char* to_string(Grade g) noexcept {
  switch (g) {
    case Grade::kCritical:
      return "critical";
    case Grade::kMajor:
      return "major";
    case Grade::kMinor:
      return "minor";
  }
  return "major";
}

[[nodiscard]] constexpr const char* to_string(NetworkCheck c) noexcept {
  switch (c) {
    case NetworkCheck::kBeyondMappedTiers:
      return "beyond_mapped_tiers";
    case NetworkCheck::kPrioritisation:
      return "prioritisation";
    case NetworkCheck::kDirectSupplierContracts:
      return "direct_supplier_contracts";
    case NetworkCheck::kSmeSupport:
      return "sme_support";
    case NetworkCheck::kKnownIncidents:
      return "known_incidents";
    case NetworkCheck::kSubstantiatedKnowledge:
      return "substantiated_knowledge";
  }
  return "known_incidents";
}

/// Every network check, in declaration order.
inline constexpr std::array<NetworkCheck, 6> kNetworkChecks = {
    NetworkCheck::kBeyondMappedTiers,       NetworkCheck::kPrioritisation,
    NetworkCheck::kDirectSupplierContracts, NetworkCheck::kSmeSupport,
    NetworkCheck::kKnownIncidents,          NetworkCheck::kSubstantiatedKnowledge};

[[nodiscard]] constexpr const char* to_string(TurnoverBasis b) noexcept {
  return b == TurnoverBasis::kNetWorldwide ? "net_worldwide" : "average_annual";
}

[[nodiscard]] constexpr const char* to_string(ShareBound b) noexcept {
  return b == ShareBound::kFloor ? "floor" : "cap";
}

}  // namespace diligence::directive
