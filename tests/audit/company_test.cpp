// The company mock audit, obligation by obligation: for every evidence and network check of the
// shipped profiles a passing and a failing case on the hand-drawn world of audit_test_support.hpp
// (M ──▶ S1 ──▶ F ◀── S2), the chain and its coverage, scope (out of scope, not yet applying),
// findings, grades and score.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "audit_test_support.hpp"

namespace diligence::audit::test {
namespace {

using Status = ObligationStatus;

/// Audits `w` under `profile_id` and returns the result.
CompanyAuditResult audit_of(const World& w, const std::string& profile_id = "csddd-2024",
                            const AuditConfig& config = {}) {
  return prepare(w, profile_id).run(config);
}

/// The outcome of the check named `check` of obligation `id`.
const CheckOutcome& check_of(const CompanyAuditResult& r, const std::string& id,
                             const std::string& check) {
  const ObligationResult& o = obligation(r, id);
  for (const auto& c : o.checks)
    if (c.check == check) return c;
  ADD_FAILURE() << id << " has no check " << check;
  return o.checks.front();
}

TEST(CompanyAudit, BaseWorldPassesEveryObligation) {
  const CompanyAuditResult r = audit_of(base_world());
  ASSERT_TRUE(r.audited) << r.summary;
  EXPECT_TRUE(r.findings.empty()) << r.findings.front().message;
  for (const auto& o : r.obligations)
    EXPECT_TRUE(o.status == Status::kPassed || o.status == Status::kNotApplicable)
        << o.id << ": " << to_string(o.status);
  // Not applicable without a known impact: Arts 11 and 12. Everything else is checked.
  EXPECT_EQ(obligation(r, "art11-end-actual-impacts").status, Status::kNotApplicable);
  EXPECT_EQ(obligation(r, "art12-remediation").status, Status::kNotApplicable);
  EXPECT_EQ(r.obligation_checks, r.obligations.size() - 2);
  // Three covered suppliers, all visited (sample size 5), no incident anywhere.
  EXPECT_EQ(r.sample.size(), 3u);
  EXPECT_EQ(r.checks, r.obligation_checks + 3);
  EXPECT_EQ(r.failed, 0u);
  EXPECT_DOUBLE_EQ(r.score, 200.0);
  EXPECT_DOUBLE_EQ(r.penalty_exposure_eur, 0.0);  // no finding: no exposure
  ASSERT_TRUE(r.penalty.max_eur.has_value());
  EXPECT_DOUBLE_EQ(*r.penalty.max_eur, 0.05 * 2e9);
}

TEST(CompanyAudit, ChainTiersCoveragePriorities) {
  const Audit a = prepare(base_world(), "csddd-2024");
  const CompanyAuditResult r = a.run();
  ASSERT_EQ(r.chain.size(), 3u);
  // By tier, then index (S1, S2 at tier 1 in scenario order; M at tier 2).
  EXPECT_EQ(r.chain[0].firm, a.id("S1"));
  EXPECT_EQ(r.chain[1].firm, a.id("S2"));
  EXPECT_EQ(r.chain[2].firm, a.id("M"));
  EXPECT_EQ(r.chain[2].tier, 2);
  EXPECT_TRUE(r.chain[0].direct);
  EXPECT_FALSE(r.chain[2].direct);
  EXPECT_DOUBLE_EQ(r.chain[0].own_priority, 0.6);        // severity 1.0 × own 0.6
  EXPECT_NEAR(r.chain[0].chain_priority, 0.7, 1e-12);    // severity 1.0 × exposure 0.7
  EXPECT_DOUBLE_EQ(r.chain[1].own_priority, 0.5 * 0.4);  // climate severity 0.5
  EXPECT_TRUE(r.chain[0].high_risk);
  EXPECT_FALSE(r.chain[1].high_risk);
  EXPECT_TRUE(r.chain[2].high_risk);
  EXPECT_EQ(r.high_risk_firms, 2u);
  // Visit types: high risk → unannounced; other direct → announced.
  EXPECT_EQ(r.chain[0].visit, VisitType::kUnannounced);
  EXPECT_EQ(r.chain[1].visit, VisitType::kAnnounced);
  // Priorities: M forced_labour 0.8, S1 forced_labour 0.6, S2 climate 0.2.
  ASSERT_EQ(r.priorities.size(), 3u);
  EXPECT_EQ(r.priorities[0].firm, a.id("M"));
  EXPECT_DOUBLE_EQ(r.priorities[0].priority, 0.8);
  EXPECT_TRUE(r.priorities[0].within_mapped_tiers);
  EXPECT_EQ(r.priorities[2].firm, a.id("S2"));
  EXPECT_DOUBLE_EQ(r.priorities[2].priority, 0.2);
  // Risk identification: F's own term is 0; its exposure in forced_labour is
  // 0.5 · (w_S1 · 0.7 + w_S2 · 0) = 0.5 · 0.25 · 0.7.
  EXPECT_EQ(r.categories[r.focal_category], "forced_labour");
  EXPECT_DOUBLE_EQ(r.focal_exposure, 0.5 * 0.25 * 0.7);
  ASSERT_FALSE(r.paths.paths.empty());
}

TEST(CompanyAudit, SubsidiaryOfAHoldingIsTierOne) {
  // H holds F; F does not supply H. H's chain is F's chain one tier down.
  World w = base_world();
  model::Firm h = make_firm("H", "DE", 100, 5e7, {});
  h.due_diligence = passing_evidence();
  w.firms.push_back(std::move(h));
  w.firm("F").parent = "H";
  const Audit a = prepare(w, "csddd-2024");
  const CompanyAuditResult r = a.run({}, 1, "H");
  ASSERT_TRUE(r.audited) << r.summary;  // through the group rule
  EXPECT_EQ(r.scope.basis, directive::Basis::kGroup);
  ASSERT_EQ(r.chain.size(), 4u);
  EXPECT_EQ(r.chain[0].firm, a.id("F"));
  EXPECT_EQ(r.chain[0].tier, 1);
  EXPECT_TRUE(r.chain[0].own_operations);
  EXPECT_FALSE(r.chain[0].direct);
  // S1 and S2 supply the subsidiary: direct business partners of the group, at tier 2.
  EXPECT_EQ(r.chain[1].firm, a.id("S1"));
  EXPECT_EQ(r.chain[1].tier, 2);
  EXPECT_TRUE(r.chain[1].direct);
  // Penalty on the group's consolidated turnover (H 5e7 + F 2e9).
  EXPECT_TRUE(r.penalty.group_turnover);
  EXPECT_DOUBLE_EQ(*r.penalty.max_eur, 0.05 * (5e7 + 2e9));
}

// --- Art. 7: policy and code of conduct, reviewed within 24 months -----------------------------

TEST(CompanyAuditArt7, PolicyReviewedExactly24MonthsAgoPasses) {
  World w = base_world();
  w.evidence().policy_reviewed = Date(2027, 9, 1);
  const CompanyAuditResult r = audit_of(w);
  EXPECT_EQ(obligation(r, "art7-policy").status, Status::kPassed);
}

TEST(CompanyAuditArt7, PolicyReviewedOneDayTooEarlyFails) {
  World w = base_world();
  w.evidence().policy_reviewed = Date(2027, 8, 31);
  const CompanyAuditResult r = audit_of(w);
  EXPECT_EQ(obligation(r, "art7-policy").status, Status::kFailed);
  const Finding* f = finding(r, "art7-policy");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->article, "Art. 7");
  EXPECT_EQ(f->grade, Grade::kMajor);
  EXPECT_NE(f->evidence.find("policy_reviewed 2027-08-31 is older than 24 months"),
            std::string::npos)
      << f->evidence;
  EXPECT_EQ(f->corrective_action,
            profile("csddd-2024").obligation("art7-policy")->corrective_action);
}

TEST(CompanyAuditArt7, NoCodeOfConductFails) {
  World w = base_world();
  w.evidence().code_of_conduct = false;
  const CompanyAuditResult r = audit_of(w);
  EXPECT_FALSE(check_of(r, "art7-policy", "code_of_conduct is true").passed);
  EXPECT_NE(finding(r, "art7-policy"), nullptr);
}

// --- Art. 8: identification, mapping, high risk beyond the mapped tiers ------------------------

TEST(CompanyAuditArt8, NoRiskAssessmentFails) {
  World w = base_world();
  w.evidence().risk_assessment.reset();
  const CompanyAuditResult r = audit_of(w);
  EXPECT_FALSE(check_of(r, "art8-identify", "risk_assessment given").passed);
  EXPECT_EQ(obligation(r, "art8-identify").status, Status::kFailed);
}

TEST(CompanyAuditArt8, NoMappingFails) {
  World w = base_world();
  w.evidence().mapped_tiers = 0;
  const CompanyAuditResult r = audit_of(w);
  EXPECT_FALSE(check_of(r, "art8-identify", "mapped_tiers at_least 1").passed);
}

TEST(CompanyAuditArt8, HighRiskBeyondMappedTiersFails) {
  World w = base_world();
  w.evidence().mapped_tiers = 1;  // M (tier 2, priority 0.8) lies beyond
  const CompanyAuditResult r = audit_of(w);
  const CheckOutcome& c = check_of(r, "art8-identify", "network beyond_mapped_tiers");
  EXPECT_FALSE(c.passed);
  const Audit a = prepare(w, "csddd-2024");
  EXPECT_EQ(c.firms, std::vector<model::FirmIndex>{a.id("M")});
  EXPECT_NE(c.evidence.find("M (tier 2, forced_labour 0.80)"), std::string::npos) << c.evidence;
  const Finding* f = finding(r, "art8-identify");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->grade, Grade::kMajor);
  EXPECT_NE(f->message.find("1 high-risk firm lies beyond the 1 mapped tiers"), std::string::npos)
      << f->message;
}

TEST(CompanyAuditArt8, LowRiskBeyondMappedTiersPasses) {
  World w = base_world();
  w.evidence().mapped_tiers = 1;
  w.firm("M").risk = {{"forced_labour", 0.49}};  // priority 0.49 < 0.5
  w.evidence().prevention_plans = 1.0;
  const CompanyAuditResult r = audit_of(w);
  EXPECT_TRUE(check_of(r, "art8-identify", "network beyond_mapped_tiers").passed);
  EXPECT_EQ(obligation(r, "art8-identify").status, Status::kPassed);
}

// --- Art. 9: prioritisation by severity × likelihood -------------------------------------------

TEST(CompanyAuditArt9, PlansReachingEveryHighPriorityFirmPass) {
  // 0.7 × 3 mapped firms = 2.1 ≥ 2 high-priority firms (S1, M).
  const CompanyAuditResult r = audit_of(base_world());
  const CheckOutcome& c = check_of(r, "art9-prioritise", "network prioritisation");
  EXPECT_TRUE(c.passed) << c.evidence;
  EXPECT_NE(c.evidence.find("= 2.1 >= 2 high-priority firms"), std::string::npos) << c.evidence;
}

TEST(CompanyAuditArt9, PlansShortOfTheHighPriorityFirmsFail) {
  World w = base_world();
  w.evidence().prevention_plans = 0.6;  // 1.8 < 2: S1 (priority 0.6, ranked 2nd) is left out
  const CompanyAuditResult r = audit_of(w);
  const CheckOutcome& c = check_of(r, "art9-prioritise", "network prioritisation");
  EXPECT_FALSE(c.passed);
  const Audit a = prepare(w, "csddd-2024");
  EXPECT_EQ(c.firms, std::vector<model::FirmIndex>{a.id("S1")});
  const Finding* f = finding(r, "art9-prioritise");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->grade, Grade::kMinor);
  EXPECT_EQ(f->article, "Art. 9");
}

TEST(CompanyAuditArt9, NoRiskAssessmentFails) {
  World w = base_world();
  w.evidence().risk_assessment.reset();
  const CompanyAuditResult r = audit_of(w);
  EXPECT_FALSE(check_of(r, "art9-prioritise", "network prioritisation").passed);
}

// --- Art. 10: prevention plans, contractual assurances, SME support ----------------------------

TEST(CompanyAuditArt10, PreventionPlanPassesAndFails) {
  World w = base_world();
  EXPECT_EQ(obligation(audit_of(w), "art10-prevention-plan").status, Status::kPassed);
  w.evidence().prevention_plans = 0.0;
  const CompanyAuditResult r = audit_of(w);
  EXPECT_EQ(obligation(r, "art10-prevention-plan").status, Status::kFailed);
  EXPECT_NE(finding(r, "art10-prevention-plan"), nullptr);
}

TEST(CompanyAuditArt10, ContractualAssurancesShareMustBeShown) {
  World w = base_world();
  w.evidence().contractual_assurances = 0.0;
  const CompanyAuditResult r = audit_of(w);
  EXPECT_FALSE(
      check_of(r, "art10-contractual-assurances", "contractual_assurances more_than 0").passed);
}

TEST(CompanyAuditArt10, HighRiskDirectSupplierWithoutCodeOfConductFails) {
  World w = base_world();
  w.link("S1", "F").contract.code_of_conduct.reset();  // S1: chain priority 0.7
  const CompanyAuditResult r = audit_of(w);
  const CheckOutcome& c =
      check_of(r, "art10-contractual-assurances", "network direct_supplier_contracts");
  EXPECT_FALSE(c.passed);
  EXPECT_NE(c.evidence.find("1 of 2 direct business partners have a code of conduct"),
            std::string::npos)
      << c.evidence;
  const Finding* f = finding(r, "art10-contractual-assurances");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->grade, Grade::kMajor);
}

TEST(CompanyAuditArt10, LowRiskDirectSupplierWithoutCodeOfConductPasses) {
  World w = base_world();
  w.link("S2", "F").contract.code_of_conduct = false;  // S2: chain priority 0.2
  const CompanyAuditResult r = audit_of(w);
  EXPECT_TRUE(
      check_of(r, "art10-contractual-assurances", "network direct_supplier_contracts").passed);
}

TEST(CompanyAuditArt10, HighRiskSmePartnerNeedsSupport) {
  World w = base_world();
  EXPECT_EQ(obligation(audit_of(w), "art10-sme-support").status, Status::kPassed);
  w.evidence().sme_support = false;
  const CompanyAuditResult r = audit_of(w);
  EXPECT_EQ(obligation(r, "art10-sme-support").status, Status::kFailed);
  EXPECT_FALSE(check_of(r, "art10-sme-support", "network sme_support").passed);
  const Finding* f = finding(r, "art10-sme-support");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->grade, Grade::kMinor);
}

TEST(CompanyAuditArt10, SmeSupportNotApplicableWithoutHighRiskSmePartner) {
  World w = base_world();
  w.firm("S1").employees = 500;  // large now
  w.evidence().sme_support = false;
  const CompanyAuditResult r = audit_of(w);
  EXPECT_EQ(obligation(r, "art10-sme-support").status, Status::kNotApplicable);
  EXPECT_EQ(finding(r, "art10-sme-support"), nullptr);
}

// --- Arts 11 and 12: known actual impacts ------------------------------------------------------

World with_known_incident() {
  World w = base_world();
  w.firm("M").incidents.push_back({"forced_labour", true, model::IncidentSeverity::kSevere});
  return w;
}

TEST(CompanyAuditArt11, KnownImpactWithCorrectiveActionPasses) {
  const CompanyAuditResult r = audit_of(with_known_incident());
  EXPECT_EQ(obligation(r, "art11-end-actual-impacts").status, Status::kPassed);
  EXPECT_EQ(obligation(r, "art12-remediation").status, Status::kPassed);
}

TEST(CompanyAuditArt11, KnownImpactWithoutCorrectiveActionIsCritical) {
  World w = with_known_incident();
  w.evidence().remediation = false;
  const CompanyAuditResult r = audit_of(w);
  const Finding* f11 = finding(r, "art11-end-actual-impacts");
  ASSERT_NE(f11, nullptr);
  EXPECT_EQ(f11->grade, Grade::kCritical);
  EXPECT_NE(f11->evidence.find("M (tier 2, forced_labour, severe)"), std::string::npos)
      << f11->evidence;
  const Finding* f12 = finding(r, "art12-remediation");
  ASSERT_NE(f12, nullptr);
  EXPECT_EQ(f12->grade, Grade::kMajor);
  EXPECT_EQ(r.findings.front().grade, Grade::kCritical);  // critical first
}

TEST(CompanyAuditArt11, UnknownIncidentIsNotAKnownImpact) {
  World w = base_world();
  w.firm("M").incidents.push_back({"forced_labour", false, model::IncidentSeverity::kSevere});
  w.evidence().remediation = false;
  const CompanyAuditResult r = audit_of(w);
  EXPECT_EQ(obligation(r, "art11-end-actual-impacts").status, Status::kNotApplicable);
}

// --- Arts 13-16, 22: evidence flags and dates --------------------------------------------------

struct FlagCase {
  const char* obligation;
  std::optional<bool> model::DueDiligence::*key;
};

class CompanyAuditFlags : public ::testing::TestWithParam<FlagCase> {};

TEST_P(CompanyAuditFlags, TruePassesFalseAndMissingFail) {
  const FlagCase& c = GetParam();
  World w = base_world();
  EXPECT_EQ(obligation(audit_of(w), c.obligation).status, Status::kPassed);
  w.evidence().*c.key = false;
  EXPECT_EQ(obligation(audit_of(w), c.obligation).status, Status::kFailed);
  (w.evidence().*c.key).reset();
  const CompanyAuditResult r = audit_of(w);
  EXPECT_EQ(obligation(r, c.obligation).status, Status::kFailed);
  EXPECT_NE(finding(r, c.obligation), nullptr);
}

INSTANTIATE_TEST_SUITE_P(
    Obligations, CompanyAuditFlags,
    ::testing::Values(FlagCase{"art13-stakeholders", &model::DueDiligence::stakeholder_engagement},
                      FlagCase{"art14-complaints", &model::DueDiligence::complaints_procedure},
                      FlagCase{"art16-statement", &model::DueDiligence::annual_statement},
                      FlagCase{"art22-transition-plan", &model::DueDiligence::transition_plan}),
    [](const ::testing::TestParamInfo<FlagCase>& param_info) {
      std::string s = param_info.param.obligation;
      std::replace(s.begin(), s.end(), '-', '_');
      return s;
    });

TEST(CompanyAuditArt14, GradeIsMajorArt13Minor) {
  World w = base_world();
  w.evidence().complaints_procedure = false;
  w.evidence().stakeholder_engagement = false;
  const CompanyAuditResult r = audit_of(w);
  EXPECT_EQ(finding(r, "art14-complaints")->grade, Grade::kMajor);
  EXPECT_EQ(finding(r, "art13-stakeholders")->grade, Grade::kMinor);
}

TEST(CompanyAuditArt15, MonitoringWithin12Months) {
  World w = base_world();
  w.evidence().risk_assessment = Date(2028, 9, 1);  // exactly 12 months
  EXPECT_EQ(obligation(audit_of(w), "art15-monitoring").status, Status::kPassed);
  w.evidence().risk_assessment = Date(2028, 8, 31);
  const CompanyAuditResult r = audit_of(w);
  EXPECT_EQ(obligation(r, "art15-monitoring").status, Status::kFailed);
  EXPECT_EQ(finding(r, "art15-monitoring")->grade, Grade::kMajor);
}

TEST(CompanyAuditArt22, OnlyWhereTheProfileHasIt) {
  World w = base_world();
  w.evidence().transition_plan = false;
  EXPECT_NE(finding(audit_of(w, "csddd-2024"), "art22-transition-plan"), nullptr);
  const CompanyAuditResult r2026 = audit_of(w, "csddd-2026");
  ASSERT_TRUE(r2026.audited) << r2026.summary;
  EXPECT_TRUE(r2026.findings.empty());
  for (const auto& o : r2026.obligations) EXPECT_NE(o.article, "Art. 22");
}

// --- LkSG: direct suppliers, indirect ones on substantiated knowledge ---------------------------

TEST(CompanyAuditLksg, CoversDirectSuppliersOnlyWithoutSubstantiatedKnowledge) {
  const CompanyAuditResult r = audit_of(base_world(), "lksg");
  ASSERT_TRUE(r.audited) << r.summary;
  ASSERT_EQ(r.chain.size(), 3u);
  EXPECT_TRUE(r.chain[0].covered);
  EXPECT_TRUE(r.chain[1].covered);
  EXPECT_FALSE(r.chain[2].covered);  // M: indirect, nothing known
  EXPECT_EQ(r.sample.size(), 2u);    // only covered firms are sampled
  EXPECT_EQ(obligation(r, "lksg9-indirect-suppliers").status, Status::kNotApplicable);
  EXPECT_EQ(obligation(r, "lksg4-risk-management").status, Status::kNotAssessed);
  EXPECT_EQ(obligation(r, "lksg10-documentation").status, Status::kNotAssessed);
  EXPECT_TRUE(r.findings.empty()) << r.findings.front().message;
}

TEST(CompanyAuditLksg, SubstantiatedKnowledgeAnalysedPasses) {
  const CompanyAuditResult r = audit_of(with_known_incident(), "lksg");
  EXPECT_TRUE(r.chain[2].substantiated);
  EXPECT_TRUE(r.chain[2].covered);
  EXPECT_EQ(obligation(r, "lksg9-indirect-suppliers").status, Status::kPassed);
}

TEST(CompanyAuditLksg, SubstantiatedKnowledgeBeyondTheAnalysisFails) {
  World w = with_known_incident();
  w.evidence().mapped_tiers = 1;
  const CompanyAuditResult r = audit_of(w, "lksg");
  const Finding* f = finding(r, "lksg9-indirect-suppliers");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->article, "§ 9 LkSG");
  EXPECT_EQ(f->grade, Grade::kMajor);
  // § 5's mapping check leaves substantiated firms to § 9: S1 (tier 1) is mapped.
  EXPECT_EQ(obligation(r, "lksg5-risk-analysis").status, Status::kPassed);
}

TEST(CompanyAuditLksg, SubstantiatedPriorityFromTheConfig) {
  AuditConfig c;
  c.substantiated_priority = 0.8;  // M's own priority 0.8
  const CompanyAuditResult r = audit_of(base_world(), "lksg", c);
  EXPECT_TRUE(r.chain[2].substantiated);
  EXPECT_TRUE(r.chain[2].covered);
}

TEST(CompanyAuditLksg, RiskAnalysisOfDirectSuppliers) {
  World w = base_world();
  w.evidence().mapped_tiers = 0;  // S1 (tier 1, high risk) not analysed
  const CompanyAuditResult r = audit_of(w, "lksg");
  EXPECT_FALSE(check_of(r, "lksg5-risk-analysis", "network beyond_mapped_tiers").passed);
  EXPECT_NE(finding(r, "lksg5-risk-analysis"), nullptr);
  w = base_world();
  w.evidence().remediation = false;
  w.firm("S1").incidents.push_back({"wages_hours", true, model::IncidentSeverity::kMedium});
  const CompanyAuditResult r7 = audit_of(w, "lksg");
  ASSERT_NE(finding(r7, "lksg7-remediation"), nullptr);
  EXPECT_EQ(finding(r7, "lksg7-remediation")->grade, Grade::kCritical);
}

// --- scope first -------------------------------------------------------------------------------

TEST(CompanyAuditScope, OutOfScopeReportSaysWhy) {
  World w = base_world();
  w.firm("F").employees = 3000;  // csddd-2026 needs more than 5 000
  w.evidence().remediation = false;
  const CompanyAuditResult r = audit_of(w, "csddd-2026");
  EXPECT_FALSE(r.audited);
  EXPECT_FALSE(r.scope.in_scope);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_TRUE(r.obligations.empty());
  EXPECT_TRUE(r.sample.empty());
  EXPECT_DOUBLE_EQ(r.penalty_exposure_eur, 0.0);
  EXPECT_NE(r.summary.find("is not in scope of csddd-2026 on 2029-09-01"), std::string::npos)
      << r.summary;
  EXPECT_NE(r.summary.find("employees 3000 (not more than 5000)"), std::string::npos) << r.summary;
}

TEST(CompanyAuditScope, NotYetApplyingOneDayBeforeAndOnTheDate) {
  World w = base_world();
  w.firm("F").employees = 1500;  // csddd-2024 phase 3: from 2029-07-26
  w.firm("F").turnover_eur = 5e8;
  const Audit a = prepare(w, "csddd-2024");
  const CompanyAuditResult before = a.run({}, 1, "F", Date(2029, 7, 25));
  EXPECT_FALSE(before.audited);
  EXPECT_TRUE(before.scope.in_scope);
  EXPECT_NE(before.summary.find("apply only from 2029-07-26 (phase phase-3)"), std::string::npos)
      << before.summary;
  const CompanyAuditResult on = a.run({}, 1, "F", Date(2029, 7, 26));
  EXPECT_TRUE(on.audited);
}

// --- input errors ------------------------------------------------------------------------------

TEST(CompanyAuditErrors, BadInputIsAUsageError) {
  const Audit a = prepare(base_world(), "csddd-2024");
  CompanyAuditInput in = a.input();
  in.focal = 99;
  EXPECT_THROW((void)company_audit(in), UsageError);
  in = a.input();
  in.own = nullptr;
  EXPECT_THROW((void)company_audit(in), UsageError);
  AuditConfig c;
  c.detection[0] = 1.5;
  EXPECT_THROW((void)company_audit(a.input(), c), UsageError);
}

}  // namespace
}  // namespace diligence::audit::test
