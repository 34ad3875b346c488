// Evaluating one evidence check of an obligation (profile.hpp, EvidenceCheck) against a firm's
// `due_diligence` evidence on a date. The mock audit builds its findings on this; the semantics
// are stated here once so that profiles, docs and audit agree:
//   - a key the firm does not give fails every check (evidence not shown);
//   - `within_months: N` passes when the date lies in [as_of − N months, as_of] (inclusive: a
//     policy reviewed exactly 24 months ago still meets "at least every 24 months"; a date after
//     the audit date is not evidence on that date);
//   - `is: B` passes when the bool equals B; `at_least` / `more_than` compare counts and shares.
#pragma once

#include <optional>
#include <string>

#include <diligence/core/date.hpp>
#include <diligence/directive/profile.hpp>
#include <diligence/model/firm.hpp>

namespace diligence::directive {

/// Result of `check_evidence`.
struct EvidenceResult {
  bool passed = false;
  bool given = false;  ///< the firm gave the evidence key
  std::string text;  ///< what was found, e.g. `policy_reviewed 2026-05-15 is older than 24 months`
};

namespace detail {

inline std::string format_share(double v) {
  std::string s = std::to_string(v);  // fixed, six decimals
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace detail

/// Evaluates `check` against `evidence` (null: the firm has no `due_diligence` map) on `as_of`.
/// Complexity O(1).
[[nodiscard]] inline EvidenceResult check_evidence(const EvidenceCheck& check,
                                                   const model::DueDiligence* evidence,
                                                   Date as_of) {
  EvidenceResult r;
  const std::string key = to_string(check.evidence);
  std::optional<Date> date;
  std::optional<bool> flag;
  std::optional<double> number;
  if (evidence != nullptr) {
    const model::DueDiligence& e = *evidence;
    switch (check.evidence) {
      case EvidenceKey::kPolicyReviewed:
        date = e.policy_reviewed;
        break;
      case EvidenceKey::kCodeOfConduct:
        flag = e.code_of_conduct;
        break;
      case EvidenceKey::kRiskAssessment:
        date = e.risk_assessment;
        break;
      case EvidenceKey::kMappedTiers:
        if (e.mapped_tiers) number = static_cast<double>(*e.mapped_tiers);
        break;
      case EvidenceKey::kPreventionPlans:
        number = e.prevention_plans;
        break;
      case EvidenceKey::kContractualAssurances:
        number = e.contractual_assurances;
        break;
      case EvidenceKey::kSmeSupport:
        flag = e.sme_support;
        break;
      case EvidenceKey::kComplaintsProcedure:
        flag = e.complaints_procedure;
        break;
      case EvidenceKey::kStakeholderEngagement:
        flag = e.stakeholder_engagement;
        break;
      case EvidenceKey::kRemediation:
        flag = e.remediation;
        break;
      case EvidenceKey::kAnnualStatement:
        flag = e.annual_statement;
        break;
      case EvidenceKey::kTransitionPlan:
        flag = e.transition_plan;
        break;
    }
  }
  r.given = date.has_value() || flag.has_value() || number.has_value();
  if (!r.given) {
    r.text = key + " not shown";
    return r;
  }
  std::string shown;
  if (date)
    shown = date->to_string();
  else if (flag)
    shown = *flag ? "true" : "false";
  else
    shown = detail::format_share(*number);
  switch (check.kind) {
    case CheckKind::kGiven:
      r.passed = true;
      r.text = key + " " + shown;
      break;
    case CheckKind::kIs:
      r.passed = flag.has_value() && *flag == check.expected;
      r.text = key + " is " + shown +
               (r.passed ? "" : std::string(", expected ") + (check.expected ? "true" : "false"));
      break;
    case CheckKind::kWithinMonths: {
      const int months = static_cast<int>(check.value);
      if (!date) break;
      const Date oldest = as_of.add_months(-months);
      r.passed = *date >= oldest && *date <= as_of;
      const std::string span = std::to_string(months) + " months";
      if (*date > as_of)
        r.text = key + " " + shown + " is after the date " + as_of.to_string();
      else if (r.passed)
        r.text = key + " " + shown + " is within " + span;
      else
        r.text = key + " " + shown + " is older than " + span;
      break;
    }
    case CheckKind::kAtLeast:
    case CheckKind::kMoreThan: {
      if (!number) break;
      const bool at_least = check.kind == CheckKind::kAtLeast;
      r.passed = at_least ? *number >= check.value : *number > check.value;
      r.text = key + " " + shown + (r.passed ? " is " : " is not ") +
               (at_least ? "at least " : "more than ") + detail::format_share(check.value);
      break;
    }
  }
  return r;
}

}  // namespace diligence::directive
