// Verification: the seeded, risk-weighted sample without replacement, visit types, detection and
// the findings it raises; the penalty exposure of each shipped profile with exact numbers.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "audit_test_support.hpp"

namespace diligence::audit::test {
namespace {

std::vector<model::FirmIndex> sampled(const CompanyAuditResult& r) {
  std::vector<model::FirmIndex> v;
  for (const auto& s : r.sample) v.push_back(s.firm);
  return v;
}

/// A focal firm F with `n` large direct suppliers P0..P{n-1}, each with a code of conduct;
/// supplier i has own risk wages_hours (i + 1) / (n + 1) (severity 0.6): sampling weights
/// 0.6 (i + 1) / (n + 1), all different.
World fan(int n) {
  World w;
  model::Firm f = make_firm("F", "DE", 6000, 2e9, {});
  f.due_diligence = passing_evidence();
  w.firms.push_back(std::move(f));
  for (int i = 0; i < n; ++i) {
    const std::string id = "P" + std::to_string(i);
    w.firms.push_back(
        make_firm(id, "KR", 1000, 5e8, {{"wages_hours", static_cast<double>(i + 1) / (n + 1)}}));
    w.add_link(id, "F", 1e6, true);
  }
  return w;
}

TEST(Sampling, SameSeedSameSampleAndDetections) {
  const Audit a = prepare(fan(12), "csddd-2024");
  AuditConfig c;
  c.sample_size = 4;
  const CompanyAuditResult r1 = a.run(c, 42);
  const CompanyAuditResult r2 = a.run(c, 42);
  const std::vector<model::FirmIndex> s1 = sampled(r1);
  EXPECT_EQ(s1, sampled(r2));
  EXPECT_EQ(s1.size(), 4u);
  // Without replacement.
  const std::set<model::FirmIndex> distinct(s1.begin(), s1.end());
  EXPECT_EQ(distinct.size(), 4u);
  // Another seed gives another sample for at least one of ten seeds.
  bool differs = false;
  for (std::uint64_t s = 43; s < 53; ++s) differs = differs || sampled(a.run(c, s)) != s1;
  EXPECT_TRUE(differs);
}

TEST(Sampling, SampleSizeCappedByTheChain) {
  const Audit a = prepare(fan(3), "csddd-2024");
  AuditConfig c;
  c.sample_size = 10;
  EXPECT_EQ(a.run(c).sample.size(), 3u);
  c.sample_size = 0;
  const CompanyAuditResult r = a.run(c);
  EXPECT_TRUE(r.sample.empty());
  EXPECT_EQ(r.checks, r.obligation_checks);
}

TEST(Sampling, WeightedBySeverityTimesExposure) {
  // Two suppliers with weights 0.6·0.25 and 0.6·0.75 (wages_hours own risk 0.25 and 0.75):
  // one draw picks the second with probability 0.75.
  World w;
  model::Firm f = make_firm("F", "DE", 6000, 2e9, {});
  f.due_diligence = passing_evidence();
  w.firms.push_back(std::move(f));
  w.firms.push_back(make_firm("A", "KR", 1000, 5e8, {{"wages_hours", 0.25}}));
  w.firms.push_back(make_firm("B", "KR", 1000, 5e8, {{"wages_hours", 0.75}}));
  w.add_link("A", "F", 1e6, true);
  w.add_link("B", "F", 1e6, true);
  const Audit a = prepare(w, "csddd-2024");
  AuditConfig c;
  c.sample_size = 1;
  const int n = 4000;
  int b = 0;
  for (int s = 0; s < n; ++s)
    b += a.run(c, static_cast<std::uint64_t>(s)).sample[0].firm == a.id("B");
  // Binomial(4000, 0.75): standard deviation 27.4; 4.5 sigma.
  EXPECT_NEAR(b, 3000, 123);
  const CompanyAuditResult one = a.run(c);
  EXPECT_DOUBLE_EQ(one.sample[0].weight, 0.6 * (one.sample[0].firm == a.id("B") ? 0.75 : 0.25));
  // Uniform weighting: about half.
  c.sample_weight = SampleWeight::kUniform;
  b = 0;
  for (int s = 0; s < n; ++s)
    b += a.run(c, static_cast<std::uint64_t>(s)).sample[0].firm == a.id("B");
  EXPECT_NEAR(b, 2000, 143);  // sd 31.6
}

TEST(Sampling, ZeroWeightIsNeverSampled) {
  World w = fan(4);
  w.firm("P0").risk.clear();  // own risk 0 everywhere: weight 0
  const Audit a = prepare(w, "csddd-2024");
  AuditConfig c;
  c.sample_size = 4;  // more than the three firms with weight
  for (std::uint64_t s = 1; s <= 50; ++s) {
    const auto v = sampled(a.run(c, s));
    EXPECT_EQ(v.size(), 3u);
    EXPECT_EQ(std::count(v.begin(), v.end(), a.id("P0")), 0);
  }
}

TEST(Sampling, LargeSampleOfUnevenWeightsDrawsEveryFirmOnce) {
  // The rejection path gives up on heavy firms already drawn and draws from the rest exactly.
  World w = fan(40);
  w.firm("P39").risk = {{"wages_hours", 1.0}};
  const Audit a = prepare(w, "csddd-2024");
  AuditConfig c;
  c.sample_size = 40;
  const auto v = sampled(a.run(c, 7));
  EXPECT_EQ(std::set<model::FirmIndex>(v.begin(), v.end()).size(), 40u);
}

TEST(Verification, VisitTypesFromTheConfig) {
  World w = base_world();
  w.evidence().mapped_tiers = 2;
  const Audit a = prepare(w, "csddd-2024");
  AuditConfig c;
  c.sample_size = 3;
  const CompanyAuditResult r = a.run(c);
  std::map<model::FirmIndex, VisitType> visit;
  for (const auto& v : r.sample) visit[v.firm] = v.type;
  EXPECT_EQ(visit.at(a.id("S1")), VisitType::kUnannounced);  // high own risk
  EXPECT_EQ(visit.at(a.id("M")), VisitType::kUnannounced);   // high own risk
  EXPECT_EQ(visit.at(a.id("S2")), VisitType::kAnnounced);    // direct, not high risk
  c.high_risk_threshold = 0.9;
  c.visit_direct = VisitType::kDeskReview;
  c.visit_other = VisitType::kAnnounced;
  const CompanyAuditResult r2 = a.run(c);
  for (const auto& v : r2.sample) visit[v.firm] = v.type;
  EXPECT_EQ(visit.at(a.id("S1")), VisitType::kDeskReview);
  EXPECT_EQ(visit.at(a.id("M")), VisitType::kAnnounced);
  for (const auto& v : r2.sample) EXPECT_DOUBLE_EQ(v.detection, c.detection_of(v.type));
}

TEST(Verification, UnknownIncidentFoundIsAFindingGradedBySeverity) {
  World w = base_world();
  w.firm("M").incidents.push_back({"forced_labour", false, model::IncidentSeverity::kHigh});
  w.firm("S2").incidents.push_back({"climate", false, model::IncidentSeverity::kLow});
  w.evidence().prevention_plans = 1.0;  // S2 is high risk now (climate 1.0 × 0.5): 3 to plan for
  const Audit a = prepare(w, "csddd-2024");
  AuditConfig c;
  c.detection = {1.0, 1.0, 1.0};
  const CompanyAuditResult r = a.run(c);
  ASSERT_EQ(r.findings.size(), 2u) << r.findings.front().message;
  EXPECT_EQ(r.findings[0].grade, Grade::kCritical);  // forced_labour severity 1.0
  EXPECT_EQ(r.findings[0].obligation, "art8-identify");
  EXPECT_EQ(r.findings[0].article, "Art. 8");
  EXPECT_EQ(r.findings[0].firms, std::vector<model::FirmIndex>{a.id("M")});
  EXPECT_EQ(r.findings[0].corrective_action,
            profile("csddd-2024").obligation("art11-end-actual-impacts")->corrective_action);
  EXPECT_NE(r.findings[0].message.find("An unannounced visit at M found"), std::string::npos)
      << r.findings[0].message;
  EXPECT_EQ(r.findings[1].grade, Grade::kMinor);  // climate severity 0.5
  // Score: the obligations checked and 3 visits, of which 2 failed; −20 − 1.
  EXPECT_EQ(r.checks, r.obligation_checks + 3);
  EXPECT_EQ(r.failed, 2u);
  const double share = static_cast<double>(r.checks - 2) / static_cast<double>(r.checks);
  EXPECT_DOUBLE_EQ(r.score, 200.0 * share - 20.0 - 1.0);
  // The critical finding exposes the firm to the maximum fine.
  EXPECT_DOUBLE_EQ(r.penalty_exposure_eur, 1e8);
}

TEST(Verification, MissedAndKnownIncidentsRaiseNoVerificationFinding) {
  World w = base_world();
  w.firm("M").incidents.push_back({"forced_labour", false, model::IncidentSeverity::kHigh});
  w.firm("S1").incidents.push_back({"wages_hours", true, model::IncidentSeverity::kMedium});
  const Audit a = prepare(w, "csddd-2024");
  AuditConfig c;
  c.detection = {0.0, 0.0, 0.0};
  CompanyAuditResult r = a.run(c);
  EXPECT_TRUE(r.findings.empty()) << r.findings.front().message;  // remediation true: Art. 11 ok
  std::size_t missed = 0;
  for (const auto& v : r.sample) missed += v.missed.size();
  EXPECT_EQ(missed, 2u);
  c.detection = {1.0, 1.0, 1.0};
  r = a.run(c);
  ASSERT_EQ(r.findings.size(), 1u);  // the known one at S1 is found but is no finding
  EXPECT_EQ(r.findings[0].firms, std::vector<model::FirmIndex>{a.id("M")});
}

// --- penalty exposure --------------------------------------------------------------------------

PenaltyExposure penalty_of(double turnover, const std::string& profile_id) {
  World w = base_world();
  w.firm("F").turnover_eur = turnover;
  const Audit a = prepare(w, profile_id);
  const auto d = directive::scope_of(a.net, *a.profile, a.id("F"), kAsOf);
  return penalty_exposure(a.net, *a.profile, d);
}

TEST(Penalty, Csddd2024FivePercentFloor) {
  const PenaltyExposure p = penalty_of(2e9, "csddd-2024");
  ASSERT_TRUE(p.max_eur);
  EXPECT_DOUBLE_EQ(*p.max_eur, 100'000'000.0);
  EXPECT_EQ(p.bound, directive::ShareBound::kFloor);
  EXPECT_TRUE(p.share_applies);
  EXPECT_FALSE(p.group_turnover);
  EXPECT_NE(p.explanation.find("at least EUR 100 000 000: 5 % of the firm's net worldwide "
                               "turnover EUR 2 000 000 000"),
            std::string::npos)
      << p.explanation;
}

TEST(Penalty, Csddd2026ThreePercentCap) {
  const PenaltyExposure p = penalty_of(2e9, "csddd-2026");
  ASSERT_TRUE(p.max_eur);
  EXPECT_DOUBLE_EQ(*p.max_eur, 60'000'000.0);
  EXPECT_EQ(p.bound, directive::ShareBound::kCap);
  EXPECT_NE(p.explanation.find("up to EUR 60 000 000"), std::string::npos) << p.explanation;
}

TEST(Penalty, LksgTwoPercentAboveFourHundredMillion) {
  const PenaltyExposure p = penalty_of(500e6, "lksg");
  ASSERT_TRUE(p.max_eur);
  EXPECT_DOUBLE_EQ(*p.max_eur, 10'000'000.0);
  EXPECT_TRUE(p.share_applies);
  EXPECT_TRUE(p.exclusion_possible);
}

TEST(Penalty, LksgFixedMaximumAtOrBelowFourHundredMillion) {
  const PenaltyExposure at = penalty_of(400e6, "lksg");  // not above: the fixed maxima
  ASSERT_TRUE(at.max_eur);
  EXPECT_DOUBLE_EQ(*at.max_eur, 800'000.0);
  EXPECT_FALSE(at.share_applies);
  EXPECT_TRUE(at.exclusion_possible);  // 800 000 ≥ 175 000
  const PenaltyExposure above = penalty_of(400e6 + 1.0, "lksg");
  EXPECT_DOUBLE_EQ(*above.max_eur, 0.02 * (400e6 + 1.0));
}

TEST(Penalty, UnknownTurnoverWithoutFixedMaximum) {
  World w = base_world();
  w.firm("F").turnover_eur.reset();
  w.firm("F").eu_turnover_eur.reset();
  const Audit a = prepare(w, "csddd-2024");
  directive::ScopeDecision d;  // judged as a firm rule whatever the scope says
  d.firm = a.id("F");
  const PenaltyExposure p = penalty_exposure(a.net, *a.profile, d);
  EXPECT_FALSE(p.max_eur.has_value());
  EXPECT_NE(p.explanation.find("is not given"), std::string::npos) << p.explanation;
}

TEST(Penalty, ExposureFollowsTheWorstFinding) {
  World w = base_world();
  w.evidence().stakeholder_engagement = false;  // a minor finding only
  const Audit a = prepare(w, "csddd-2024");
  EXPECT_DOUBLE_EQ(a.run().penalty_exposure_eur, 0.0);
  AuditConfig c;
  c.penalty_from = Grade::kMinor;
  EXPECT_DOUBLE_EQ(a.run(c).penalty_exposure_eur, 1e8);
}

}  // namespace
}  // namespace diligence::audit::test
