// The company mock audit: a rehearsal of the audit an authority or a buyer runs on a firm's
// due-diligence process under one directive profile, obligation by obligation.
//
// The steps (docs/audits.md, "Company audit", has the full model):
//   1. Scope: directive::scope_of for the focal firm on the audit date. Out of scope, or in scope
//      but not yet applying: the result says so and why, with no findings and no penalty.
//   2. Chain of activities: the firms upstream of the focal firm with their tiers (breadth-first
//      as risk::tiers, except that the focal firm's subsidiaries, the firms whose `parent` chain
//      reaches it, count as tier 1 whether or not they supply it: a parent's chain includes its
//      subsidiaries' chains). Own operations are the focal firm and its subsidiaries; direct
//      business partners are the other firms that supply one of them.
//      Coverage all_upstream (CSDDD): every upstream firm. Coverage direct_plus_substantiated
//      (LkSG): own operations, direct business partners, and indirect suppliers on substantiated
//      knowledge: a known incident there (`incidents[].known: true`) or, when the audit config
//      sets `substantiated_priority`, an own priority at least that high.
//   3. Risk identification: the focal firm's exposure and the upstream paths that carry most of
//      it (risk::top_paths, in the category of its highest severity × exposure).
//   4. Prioritisation by severity × likelihood: own priority of firm i = max_k s_k · r_ik (the
//      risk located at i: severity s from the profile, likelihood = own risk r), chain priority =
//      max_k s_k · x_ik (the risk at or through i: exposure x). High risk: priority ≥ the config's
//      `high_risk_threshold`.
//   5. Obligation checks: every obligation of the profile, each evidence check through
//      directive::check_evidence on the focal firm's `due_diligence`, each network check on the
//      chain (the table in docs/audits.md). One finding per failed obligation, with the
//      obligation's grade and corrective action.
//   6. Verification: the auditor samples `sample_size` suppliers from the covered chain without
//      replacement, weighted by the config's sample weight, and visits them (visit type by the
//      config); each incident present at a visited supplier is found with the visit type's
//      detection probability. Draws come from diligence::Rng seeded with `options.seed`: the same
//      seed gives the same sample and the same detections. A found incident that was not known
//      is a finding graded by its category's severity.
//   7. Score (audit_score) and penalty exposure (penalty_exposure).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <diligence/audit/config.hpp>
#include <diligence/audit/finding.hpp>
#include <diligence/core/date.hpp>
#include <diligence/directive/profile.hpp>
#include <diligence/directive/scope.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/risk/linear.hpp>
#include <diligence/risk/matrix.hpp>
#include <diligence/risk/own_risk.hpp>
#include <diligence/risk/paths.hpp>

namespace diligence::audit {

/// What the company audit looks at.
struct CompanyAuditInput {
  const model::SupplyNetwork* network = nullptr;
  model::FirmIndex focal = model::kNoFirm;
  const directive::DirectiveProfile* profile = nullptr;
  /// Own risk of every firm (risk::own_risk): its `categories` and its `own` matrix are used.
  const risk::OwnRiskResult* own = nullptr;
  /// Exposure of every firm, n × K, in the order of `own->categories` (from the linear or the
  /// noisy-OR model). Null: the audit computes the linear exposure with `options.linear`.
  const risk::RiskMatrix* exposure = nullptr;
  Date as_of;  ///< the audit date
};

/// Options of `company_audit` (the audit's rules are in AuditConfig).
struct CompanyAuditOptions {
  risk::LinearOptions linear;  ///< λ and u of the path explanation (and of the exposure if absent)
  std::uint64_t seed = 1;      ///< seeds the sample and the detections of the verification
  std::size_t top_paths = 5;   ///< contributing paths reported
  std::size_t top_risks = 10;  ///< prioritised risks reported
};

/// One firm of the focal firm's upstream chain.
struct ChainFirm {
  model::FirmIndex firm = model::kNoFirm;
  std::int32_t tier = 0;        ///< shortest supplier path to the focal firm (1 = direct supplier
                                ///< or subsidiary)
  bool own_operations = false;  ///< a subsidiary of the focal firm
  bool direct = false;  ///< a direct business partner: supplies the focal firm or a subsidiary
  bool substantiated = false;      ///< indirect, covered on substantiated knowledge (LkSG coverage)
  bool covered = false;            ///< in the part of the chain the directive covers
  double own_priority = 0.0;       ///< max_k severity × own risk
  std::size_t own_category = 0;    ///< the category of that maximum
  double chain_priority = 0.0;     ///< max_k severity × exposure
  std::size_t chain_category = 0;  ///< the category of that maximum
  double overall_exposure = 0.0;   ///< max_k exposure
  bool high_risk = false;          ///< own_priority ≥ high_risk_threshold
  double sample_weight = 0.0;      ///< the auditor's sampling weight (covered firms)
  VisitType visit = VisitType::kDeskReview;  ///< the visit it gets when sampled
};

/// One prioritised risk: an impact category at a firm of the covered chain.
struct PrioritisedRisk {
  model::FirmIndex firm = model::kNoFirm;
  std::size_t category = 0;
  std::int32_t tier = 0;
  double severity = 0.0;    ///< profile severity of the category
  double likelihood = 0.0;  ///< own risk
  double priority = 0.0;    ///< severity × likelihood
  bool within_mapped_tiers = false;
  bool high = false;  ///< priority ≥ high_risk_threshold
};

/// Outcome of one check of an obligation.
struct CheckOutcome {
  std::string check;  ///< `policy_reviewed within_months 24`, `network beyond_mapped_tiers`
  bool passed = false;
  bool verified = false;  ///< the check's bound is from the legal text (evidence checks only)
  std::string evidence;   ///< the value found and the threshold
  std::vector<model::FirmIndex> firms;  ///< firms a failed network check concerns
  std::string summary;  ///< a failed check in a few words (`11 high-risk firms lie beyond ...`)
};

enum class ObligationStatus : std::uint8_t {
  kPassed,
  kFailed,
  kNotApplicable,  ///< the facts that make it relevant are absent (no known impact, no SME partner)
  kNotAssessed,    ///< no scenario evidence key or network check shows it
};

[[nodiscard]] constexpr const char* to_string(ObligationStatus s) noexcept {
  switch (s) {
    case ObligationStatus::kPassed:
      return "passed";
    case ObligationStatus::kFailed:
      return "failed";
    case ObligationStatus::kNotApplicable:
      return "not_applicable";
    case ObligationStatus::kNotAssessed:
      return "not_assessed";
  }
  return "not_assessed";
}

/// The audit of one obligation of the profile.
struct ObligationResult {
  std::string id;
  std::string article;
  std::string title;
  Grade grade = Grade::kMajor;  ///< the grade of a failure
  bool verified = false;        ///< the obligation's values are from the legal text
  ObligationStatus status = ObligationStatus::kNotAssessed;
  std::string reason;  ///< why not applicable / not assessed
  std::vector<CheckOutcome> checks;
};

/// One visit of the verification.
struct Visit {
  model::FirmIndex firm = model::kNoFirm;
  std::int32_t tier = 0;
  VisitType type = VisitType::kDeskReview;
  double detection = 0.0;                  ///< probability of finding each incident present
  double weight = 0.0;                     ///< sampling weight
  std::vector<std::size_t> found;          ///< categories of incidents present and found
  std::vector<std::size_t> missed;         ///< categories of incidents present and not found
  std::vector<std::size_t> found_unknown;  ///< of `found`, those no buyer knew of (findings)
};

/// The penalty exposure of the focal firm under the profile's penalty rule.
struct PenaltyExposure {
  /// The maximum fine the firm is exposed to; nullopt when the turnover it rests on is unknown
  /// and the rule has no fixed maximum.
  std::optional<double> max_eur;
  std::optional<double> turnover_eur;  ///< the turnover the share is taken of
  bool group_turnover = false;  ///< consolidated group turnover (the firm is in scope as a group)
  bool share_applies = false;   ///< the turnover share gives the maximum (else a fixed maximum)
  directive::ShareBound bound = directive::ShareBound::kCap;
  bool exclusion_possible = false;  ///< the maximum reaches the exclusion from public contracts
  std::string explanation;          ///< one sentence with the rule, the figures and the article
};

/// Result of `company_audit`.
struct CompanyAuditResult {
  model::FirmIndex focal = model::kNoFirm;
  std::string directive;  ///< profile id
  Date as_of;
  std::uint64_t seed = 0;
  directive::ScopeDecision scope;
  /// In scope and the obligations apply: the audit ran. False: only `scope` and `summary` say
  /// anything; no chain, findings or sample, `score` 0 (the reports show none), penalty 0.
  bool audited = false;
  std::string summary;  ///< one sentence: the outcome, or why the firm was not audited

  std::vector<std::string> categories;  ///< category ids (columns)
  directive::Coverage coverage = directive::Coverage::kAllUpstream;
  std::vector<ChainFirm> chain;               ///< every upstream firm, by tier then index
  std::optional<std::uint32_t> mapped_tiers;  ///< the focal firm's `mapped_tiers` evidence

  double focal_exposure = 0.0;              ///< focal firm's exposure in `focal_category`
  std::size_t focal_category = 0;           ///< its category of highest severity × exposure
  risk::PathResult paths;                   ///< top contributing paths in `focal_category`
  std::vector<PrioritisedRisk> priorities;  ///< the top prioritised risks of the covered chain
  std::size_t high_risk_firms = 0;          ///< covered firms with own priority ≥ threshold

  std::vector<ObligationResult> obligations;  ///< in profile order
  std::vector<Visit> sample;                  ///< in the order drawn

  std::vector<Finding> findings;      ///< critical first
  GradeCounts obligation_grades;      ///< findings of the obligation checks (without verification)
  std::size_t checks = 0;             ///< applicable obligations checked + visits
  std::size_t failed = 0;             ///< failed obligations + visits with a finding
  std::size_t obligation_checks = 0;  ///< applicable obligations checked
  std::size_t obligation_failed = 0;  ///< of those, failed
  double score = 0.0;                 ///< audit_score(checks, failed, findings)
  PenaltyExposure penalty;            ///< the maximum under the profile's rule
  double penalty_exposure_eur = 0.0;  ///< penalty.max_eur when a finding reaches penalty_from
};

/// Runs the company mock audit of `input.focal` (see the top of this file and docs/audits.md).
/// @throws UsageError `usage.parameter` for a null pointer, matrices that do not fit the network,
///   or a config out of range (check(AuditConfig)); `network.index_range` for a focal index that
///   names no firm.
/// Complexity: O((n + m)·K) for the chain, priorities and exposure (when not given), plus the
///   path search (bounded by risk::PathOptions) and O(s · log n) for a sample of s.
[[nodiscard]] inline CompanyAuditResult company_audit(const CompanyAuditInput& input,
                                                      const AuditConfig& config = {},
                                                      const CompanyAuditOptions& options = {});

/// The penalty exposure of the firm `decision` is about under `profile`'s penalty rule:
///   - turnover share (CSDDD): share × turnover, where turnover is the group's consolidated
///     `turnover_eur` when the firm is in scope through a group rule and its own otherwise (the
///     project's reading; the reference does not say which turnover a group's parent is fined on);
///     `bound: floor` (csddd-2024, 5 %) reports the floor of the maximum member states must set,
///     `bound: cap` (csddd-2026, 3 %) the cap;
///   - with `share_above_turnover_eur` (LkSG): the share only for a turnover strictly above it,
///     else the largest fixed maximum (which offence carries which maximum is not encoded);
///   - the exclusion from public contracts when the maximum reaches its minimum fine.
/// Complexity O(1).
[[nodiscard]] inline PenaltyExposure penalty_exposure(const model::SupplyNetwork& net,
                                                      const directive::DirectiveProfile& profile,
                                                      const directive::ScopeDecision& decision);

}  // namespace diligence::audit

#include <diligence/audit/detail/company_impl.hpp>
