// Evidence checks against a firm's due_diligence map: dates within N months (inclusive at the
// boundary, not after the audit date), bools, counts and shares, evidence not shown.
#include <gtest/gtest.h>

#include <diligence/directive/evidence.hpp>

namespace diligence::test {
namespace {

using namespace diligence::directive;

EvidenceCheck within(EvidenceKey k, int months) {
  EvidenceCheck c;
  c.evidence = k;
  c.kind = CheckKind::kWithinMonths;
  c.value = months;
  return c;
}

TEST(EvidenceCheck, PolicyReviewedWithin24Months) {
  const EvidenceCheck c = within(EvidenceKey::kPolicyReviewed, 24);
  model::DueDiligence e;
  const Date as_of(2029, 9, 1);
  e.policy_reviewed = Date(2027, 9, 1);  // exactly 24 months: still current
  EXPECT_TRUE(check_evidence(c, &e, as_of).passed);
  e.policy_reviewed = Date(2027, 8, 31);  // one day older: overdue
  const EvidenceResult old = check_evidence(c, &e, as_of);
  EXPECT_FALSE(old.passed);
  EXPECT_TRUE(old.given);
  EXPECT_EQ(old.text, "policy_reviewed 2027-08-31 is older than 24 months");
  e.policy_reviewed = Date(2029, 9, 2);  // after the audit date: not evidence on that date
  EXPECT_FALSE(check_evidence(c, &e, as_of).passed);
  e.policy_reviewed = as_of;
  EXPECT_TRUE(check_evidence(c, &e, as_of).passed);
}

TEST(EvidenceCheck, RiskAssessmentWithin12MonthsAcrossMonthEnds) {
  const EvidenceCheck c = within(EvidenceKey::kRiskAssessment, 12);
  model::DueDiligence e;
  e.risk_assessment = Date(2028, 2, 29);
  // 12 months before 2029-02-28 is 2028-02-28: 2028-02-29 is within.
  EXPECT_TRUE(check_evidence(c, &e, Date(2029, 2, 28)).passed);
  EXPECT_FALSE(check_evidence(c, &e, Date(2029, 3, 1)).passed);
}

TEST(EvidenceCheck, MissingEvidenceFails) {
  const EvidenceCheck c = within(EvidenceKey::kPolicyReviewed, 24);
  const EvidenceResult none = check_evidence(c, nullptr, Date(2029, 9, 1));
  EXPECT_FALSE(none.passed);
  EXPECT_FALSE(none.given);
  EXPECT_EQ(none.text, "policy_reviewed not shown");
  model::DueDiligence e;  // a map without the key
  EXPECT_FALSE(check_evidence(c, &e, Date(2029, 9, 1)).given);
}

TEST(EvidenceCheck, BoolsCountsAndShares) {
  model::DueDiligence e;
  e.complaints_procedure = false;
  e.mapped_tiers = 2;
  e.contractual_assurances = 0.0;
  e.prevention_plans = 0.7;

  EvidenceCheck is;
  is.evidence = EvidenceKey::kComplaintsProcedure;
  is.kind = CheckKind::kIs;
  EXPECT_FALSE(check_evidence(is, &e, Date(2029, 1, 1)).passed);
  EXPECT_EQ(check_evidence(is, &e, Date(2029, 1, 1)).text,
            "complaints_procedure is false, expected true");
  e.complaints_procedure = true;
  EXPECT_TRUE(check_evidence(is, &e, Date(2029, 1, 1)).passed);

  EvidenceCheck tiers;
  tiers.evidence = EvidenceKey::kMappedTiers;
  tiers.kind = CheckKind::kAtLeast;
  tiers.value = 2;
  EXPECT_TRUE(check_evidence(tiers, &e, Date(2029, 1, 1)).passed);
  tiers.value = 3;
  EXPECT_FALSE(check_evidence(tiers, &e, Date(2029, 1, 1)).passed);

  EvidenceCheck share;
  share.evidence = EvidenceKey::kContractualAssurances;
  share.kind = CheckKind::kMoreThan;
  share.value = 0.0;
  EXPECT_FALSE(check_evidence(share, &e, Date(2029, 1, 1)).passed);  // 0 is not more than 0
  share.evidence = EvidenceKey::kPreventionPlans;
  const EvidenceResult r = check_evidence(share, &e, Date(2029, 1, 1));
  EXPECT_TRUE(r.passed);
  EXPECT_EQ(r.text, "prevention_plans 0.7 is more than 0");

  EvidenceCheck given;
  given.evidence = EvidenceKey::kMappedTiers;
  given.kind = CheckKind::kGiven;
  EXPECT_TRUE(check_evidence(given, &e, Date(2029, 1, 1)).passed);
}

}  // namespace
}  // namespace diligence::test
