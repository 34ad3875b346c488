// SME classes exactly as spec/support.md: urgent (within N tiers upstream of a target, or an
// exporter), beginner (overall score below the threshold, 0 without an assessment), established;
// large and unknown for firms that are not SMEs (group figures count); scores from questionnaire
// answers; eligibility of programmes; targets from a list or a directive.
#include <gtest/gtest.h>

#include <diligence/io/directive_io.hpp>

#include "support_test_support.hpp"

namespace diligence::support {
namespace {

using test::firm;

model::Firm scored(std::string id, double e, double s, double g) {
  model::Firm f = firm(std::move(id));
  f.assessment = model::Assessment{model::PillarScores{e, s, g}, {}, {}};
  return f;
}

// Index: 0 T (target, large) ◀─ 1 A ◀─ 2 B ◀─ 3 C ◀─ 4 D        (tiers 1, 2, 3, 4)
//        5 X exporter, unconnected      6 E scores .5/.5/.5     7 G scores .3/.3/.3
//        8 H no assessment              9 U no employees (unknown) 10 L large, supplies T
//        11 Q scores .25/.5/.75 (mean exactly 0.5)
model::SupplyNetwork chain() {
  model::Firm x = firm("X");
  x.exporter = true;
  model::Firm u = firm("U");
  u.employees.reset();
  return test::build(
      {firm("T", true), firm("A"), firm("B"), firm("C"), firm("D"), x, scored("E", .5, .5, .5),
       scored("G", .3, .3, .3), firm("H"), u, firm("L", true), scored("Q", 0.25, 0.5, 0.75)},
      {{"A", "T"}, {"B", "A"}, {"C", "B"}, {"D", "C"}, {"L", "T"}, {"U", "T"}});
}

std::vector<std::optional<model::PillarScores>> scores_of(const model::SupplyNetwork& net) {
  return assessment_scores(net, std::vector<risk::Questionnaire>{});
}

TEST(Classes, FollowTheSpecRuleByRule) {
  const model::SupplyNetwork net = chain();
  const std::vector<model::FirmIndex> targets{0};
  const Classification c = classify(net, targets, scores_of(net), ClassOptions{});
  using enum FirmClass;
  const std::vector<FirmClass> want{kLarge,    kUrgent,  kUrgent,      kUrgent,
                                    kBeginner, kUrgent,  kEstablished, kBeginner,
                                    kBeginner, kUnknown, kLarge,       kEstablished};
  EXPECT_EQ(c.classes, want);
  EXPECT_EQ(c.tier[1], 1);
  EXPECT_EQ(c.tier[3], 3);
  EXPECT_EQ(c.tier[4], -1);  // beyond the searched depth
  EXPECT_EQ(c.tier[0], -1);  // a target is not upstream of itself
  EXPECT_EQ(c.count(kUrgent), 4u);
  EXPECT_EQ(c.count(kBeginner), 3u);
  EXPECT_EQ(c.count(kEstablished), 2u);
  EXPECT_EQ(c.count(kLarge), 2u);
  EXPECT_EQ(c.count(kUnknown), 1u);
  EXPECT_EQ(c.overall[11], 0.5);
  EXPECT_EQ(c.overall[8], 0.0);
}

TEST(Classes, ThresholdsMoveTheBoundaries) {
  const model::SupplyNetwork net = chain();
  const std::vector<model::FirmIndex> targets{0};
  ClassOptions o;
  o.urgent_within_tiers = 4;
  EXPECT_EQ(classify(net, targets, scores_of(net), o).classes[4], FirmClass::kUrgent);
  o.urgent_within_tiers = 0;  // only exporters are urgent
  const Classification c0 = classify(net, targets, scores_of(net), o);
  EXPECT_EQ(c0.classes[1], FirmClass::kBeginner);
  EXPECT_EQ(c0.classes[5], FirmClass::kUrgent);
  o.beginner_below = 0.5;  // a score exactly at the threshold is not below it
  const Classification c1 = classify(net, targets, scores_of(net), o);
  EXPECT_EQ(c1.classes[6], FirmClass::kEstablished);
  EXPECT_EQ(c1.classes[11], FirmClass::kEstablished);
  o.beginner_below = 0.51;
  const Classification c2 = classify(net, targets, scores_of(net), o);
  EXPECT_EQ(c2.classes[6], FirmClass::kBeginner);
  EXPECT_EQ(c2.classes[11], FirmClass::kBeginner);
  EXPECT_EQ(c2.classes[7], FirmClass::kBeginner);
  // No targets: nobody is urgent except exporters.
  const Classification none =
      classify(net, std::vector<model::FirmIndex>{}, scores_of(net), ClassOptions{});
  EXPECT_EQ(none.classes[1], FirmClass::kBeginner);
  EXPECT_EQ(none.classes[5], FirmClass::kUrgent);
}

TEST(Classes, ASmallSubsidiaryOfALargeGroupIsLarge) {
  model::Firm sub = firm("SUB");
  sub.parent = "GRP";
  const model::SupplyNetwork net =
      test::build({firm("T", true), firm("GRP", true), sub}, {{"SUB", "T"}});
  const Classification c =
      classify(net, std::vector<model::FirmIndex>{0}, scores_of(net), ClassOptions{});
  EXPECT_EQ(c.classes[2], FirmClass::kLarge);
}

TEST(Classes, TiersComeFromTheNearestTargetThroughCycles) {
  // T1 ◀─ A ◀─ B ◀─ C ◀─ A (a cycle), and C ─▶ T2 directly.
  const model::SupplyNetwork net =
      test::build({firm("T1", true), firm("T2", true), firm("A"), firm("B"), firm("C")},
                  {{"A", "T1"}, {"B", "A"}, {"C", "B"}, {"A", "C"}, {"C", "T2"}});
  const std::vector<model::FirmIndex> targets{0, 1};
  const auto tier = upstream_tiers(net, targets, 10);
  EXPECT_EQ(tier, (std::vector<std::int32_t>{-1, -1, 1, 2, 1}));
  // T1 supplying T2 makes T1 tier 1.
  const model::SupplyNetwork net2 = test::build({firm("T1"), firm("T2", true)}, {{"T1", "T2"}});
  EXPECT_EQ(upstream_tiers(net2, targets, 3), (std::vector<std::int32_t>{1, -1}));
  EXPECT_THROW((void)upstream_tiers(net2, std::vector<model::FirmIndex>{7}, 3), UsageError);
}

TEST(Classes, QuestionnaireAnswersAreScoredWithScoreAnswers) {
  risk::Questionnaire q;
  q.id = "mini";
  q.scale_min = 0;
  q.scale_max = 4;
  q.items = {{"E1", "environment", risk::Pillar::kE, 1.0, "e?", "do e"},
             {"S1", "social", risk::Pillar::kS, 1.0, "s?", "do s"},
             {"G1", "governance", risk::Pillar::kG, 1.0, "g?", "do g"}};
  model::Firm a = firm("A");
  a.assessment = model::Assessment{std::nullopt, "mini", {{"E1", "4"}, {"S1", "2"}, {"G1", "0"}}};
  model::Firm b = firm("B");
  b.assessment = model::Assessment{std::nullopt, "mini", {{"E1", "1"}}};
  const model::SupplyNetwork net = test::build({firm("T", true), a, b}, {});
  const std::vector<risk::Questionnaire> qs{q};
  const auto scores = assessment_scores(net, qs);
  ASSERT_TRUE(scores[1]);
  EXPECT_EQ(*scores[1], risk::score_answers(q, net.firm(1).assessment->answers).scores);
  EXPECT_NEAR(scores[1]->overall(), 0.5, 1e-15);
  const Classification c = classify(net, std::vector<model::FirmIndex>{0}, scores, ClassOptions{});
  EXPECT_EQ(c.classes[1], FirmClass::kEstablished);
  EXPECT_EQ(c.classes[2], FirmClass::kBeginner);
  // An unknown questionnaire names the firm's key.
  try {
    (void)assessment_scores(net, std::vector<risk::Questionnaire>{});
    FAIL() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.id(), errc::kUnknownQuestionnaire);
    EXPECT_EQ(e.key_path(), "firms[1].assessment.questionnaire");
  }
}

TEST(Classes, NamesRoundTrip) {
  for (const FirmClass c : kAllClasses) EXPECT_EQ(parse_class(to_string(c)), c);
  EXPECT_FALSE(parse_class("Urgent"));
  for (const Strategy s : kAllStrategies) EXPECT_EQ(parse_strategy(to_string(s)), s);
  EXPECT_FALSE(parse_strategy("best"));
}

TEST(Eligibility, AProgrammeServesOnlyTheSmeClassesItLists) {
  Programme p;
  p.id = "p";
  p.slots = 3;
  p.effect.all = 0.2;
  p.effect.categories.push_back({"b", 0.9, "programmes[0].effect.b", {}});
  const std::vector<std::string> cats{"a", "b", "c"};
  const ResolvedProgramme all = resolve(p, cats);
  EXPECT_EQ(all.effect, (std::vector<double>{0.2, 0.9, 0.2}));  // named overrides all
  for (const FirmClass c : kSmeClasses) EXPECT_TRUE(all.serves(c));
  EXPECT_FALSE(all.serves(FirmClass::kLarge));
  EXPECT_FALSE(all.serves(FirmClass::kUnknown));
  p.eligible = {FirmClass::kUrgent, FirmClass::kLarge};  // large is dropped: never eligible
  const ResolvedProgramme urgent = resolve(p, cats);
  EXPECT_TRUE(urgent.serves(FirmClass::kUrgent));
  EXPECT_FALSE(urgent.serves(FirmClass::kBeginner));
  EXPECT_FALSE(urgent.serves(FirmClass::kLarge));
  // Allocation never serves large or unknown firms whatever their gain.
  const model::SupplyNetwork net = chain();
  SupportProblem prob;
  prob.targets = {0};
  prob.own = risk::RiskMatrix::Constant(12, 3, 0.5);
  prob.scores = scores_of(net);
  prob.programmes = {resolve(p, cats)};
  prob.programmes[0].slots = 100;
  for (const Strategy s : kAllStrategies) {
    AllocationOptions o;
    o.strategy = s;
    const AllocationResult r = allocate(net, prob, o);
    for (const auto& a : r.years[0].allocation)
      EXPECT_EQ(a.firm == 1 || a.firm == 2 || a.firm == 3 || a.firm == 5, true)
          << to_string(s) << " served " << net.firm(a.firm).id;
  }
}

TEST(Targets, ComeFromTheListOrFromTheDirectivesScope) {
  model::Firm oem = firm("DE-OEM", true);
  oem.country = "DE";
  oem.employees = 6000;
  oem.turnover_eur = 2e9;
  const model::SupplyNetwork net =
      test::build({firm("KR-SME"), oem, firm("FR-SMALL", true)}, {{"KR-SME", "DE-OEM"}});
  ProgrammeSet set;
  set.targets.firms = {{"FR-SMALL", "targets.firms[0]", {}}, {"DE-OEM", "targets.firms[1]", {}}};
  EXPECT_EQ(resolve_targets(net, set, nullptr, Date{}), (std::vector<model::FirmIndex>{1, 2}));
  set.targets.firms.push_back({"NOPE", "targets.firms[2]", Location{"p.yaml", 7, 12}});
  try {
    (void)resolve_targets(net, set, nullptr, Date{});
    FAIL() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.id(), errc::kUnknownFirm);
    EXPECT_EQ(e.location(), (Location{"p.yaml", 7, 12}));
    EXPECT_EQ(e.key_path(), "targets.firms[2]");
  }
  ProgrammeSet d;
  d.targets.directive = "csddd-2026";
  EXPECT_THROW((void)resolve_targets(net, d, nullptr, Date{}), UsageError);
  const directive::DirectiveProfile profile = io::find_profile("csddd-2026");
  EXPECT_EQ(resolve_targets(net, d, &profile, *Date::parse("2029-09-01")),
            (std::vector<model::FirmIndex>{1}));
  EXPECT_TRUE(resolve_targets(net, d, &profile, *Date::parse("2029-07-25")).empty());
}

}  // namespace
}  // namespace diligence::support
