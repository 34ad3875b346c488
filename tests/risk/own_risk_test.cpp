// Own risk on hand-built risk models: the inherent combination of country, sector (longest NACE
// prefix) and commodities supplied, mitigation by pillar scores and certifications, explicit
// values, incidents, fallbacks with their warnings, and the errors.
#include <gtest/gtest.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/risk/own_risk.hpp>

#include "../model/network_test_support.hpp"

namespace diligence::risk {
namespace {

/// Two categories: `labour` (pillar S) and `pollution` (pillar E).
RiskModel two_category_model() {
  RiskModel m;
  m.id = "test";
  m.categories = {{"labour", "Labour", Pillar::kS, ""}, {"pollution", "Pollution", Pillar::kE, ""}};
  m.country_fallback = {{0.5, 0.5}, "fallback"};
  m.sector_fallback = {{0.0, 0.0}, "fallback"};
  m.countries = {{"CD", {{0.6, 0.2}, ""}}, {"DE", {{0.1, 0.1}, ""}}};  // sorted by key
  m.sectors = {{"B", {{0.2, 0.5}, ""}}, {"B07.2", {{0.5, 0.5}, ""}}, {"C", {{0.0, 0.2}, ""}}};
  m.commodities = {{"cobalt", {{0.5, 0.0}, ""}}, {"tin", {{0.2, 0.0}, ""}}};
  m.pillar_strength = 0.5;
  m.certifications = {{"ISO14001", {0.0, 0.4}, ""}};
  return m;
}

model::Firm firm(std::string id, std::string country, std::string sector) {
  return test::make_firm(std::move(id), std::move(country), std::move(sector));
}

TEST(OwnRisk, InherentCombinesCountrySectorAndCommoditiesSupplied) {
  //   MINE (CD, B07.29) ─cobalt, Cobalt , tin─▶ OEM (DE, C29)
  model::NetworkBuilder nb;
  nb.add_firm(firm("MINE", "CD", "B07.29"));
  nb.add_firm(firm("OEM", "DE", "C29"));
  model::SupplyLink l;
  l.supplier = "MINE";
  l.buyer = "OEM";
  l.commodities = {"cobalt", " Cobalt ", "tin", "copper ore"};
  nb.add_link(l);
  const auto net = nb.build();
  const auto r = own_risk(net, two_category_model());
  // MINE labour: 1 − (1−0.6)(1−0.5 [B07.2])(1−0.5 cobalt)(1−0.2 tin) = 1 − 0.4·0.5·0.5·0.8 = 0.92
  EXPECT_NEAR(r.inherent(0, 0), 0.92, 1e-15);
  // MINE pollution: 1 − 0.8·0.5 = 0.6 (commodities add nothing to pollution)
  EXPECT_NEAR(r.inherent(0, 1), 0.6, 1e-15);
  // OEM: supplies nothing; labour 1 − 0.9·1.0 = 0.1, pollution 1 − 0.9·0.8 = 0.28
  EXPECT_NEAR(r.inherent(1, 0), 0.1, 1e-15);
  EXPECT_NEAR(r.inherent(1, 1), 0.28, 1e-15);
  EXPECT_EQ(r.own, r.inherent);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(r.categories, (std::vector<std::string>{"labour", "pollution"}));
}

TEST(OwnRisk, MitigationByPillarScoresAndCertifications) {
  model::NetworkBuilder nb;
  model::Firm f = firm("A", "DE", "C29");
  f.assessment = model::Assessment{model::PillarScores{0.6, 0.4, 0.0}, "", {}};
  f.certifications = {"ISO14001", "UNKNOWN-CERT"};
  nb.add_firm(f);
  const auto net = nb.build();
  const auto r = own_risk(net, two_category_model());
  // labour: 0.1 · (1 − 0.5·S 0.4) = 0.08; pollution: 0.28 · (1 − 0.5·E 0.6) · (1 − 0.4) = 0.1176
  EXPECT_NEAR(r.own(0, 0), 0.08, 1e-15);
  EXPECT_NEAR(r.own(0, 1), 0.1176, 1e-15);
  ASSERT_TRUE(r.pillar_scores[0]);
  EXPECT_DOUBLE_EQ(r.pillar_scores[0]->e, 0.6);
}

TEST(OwnRisk, QuestionnaireAnswersAreScoredFirst) {
  Questionnaire q;
  q.id = "q";
  q.scale_min = 0;
  q.scale_max = 4;
  q.stages = {{"beginner", 0.5}, {"leading", std::nullopt}};
  q.items = {{"E1", "environment", Pillar::kE, 1.0, "", ""},
             {"S1", "social", Pillar::kS, 1.0, "", ""},
             {"S2", "social", Pillar::kS, 3.0, "", ""}};
  model::NetworkBuilder nb;
  model::Firm f = firm("A", "DE", "C29");
  f.assessment = model::Assessment{std::nullopt, "q", {{"E1", "4"}, {"S1", "2"}, {"S2", "no"}}};
  nb.add_firm(f);
  const auto net = nb.build();
  const std::vector<Questionnaire> qs{q};
  OwnRiskOptions o;
  o.questionnaires = &qs;
  const auto r = own_risk(net, two_category_model(), o);
  // E = 1; S = (1·0.5 + 3·0) / 4 = 0.125.
  ASSERT_TRUE(r.pillar_scores[0]);
  EXPECT_DOUBLE_EQ(r.pillar_scores[0]->e, 1.0);
  EXPECT_DOUBLE_EQ(r.pillar_scores[0]->s, 0.125);
  EXPECT_NEAR(r.own(0, 0), 0.1 * (1 - 0.5 * 0.125), 1e-15);
  EXPECT_NEAR(r.own(0, 1), 0.28 * 0.5, 1e-15);
  // Without the questionnaire: an error naming the firm's key.
  try {
    (void)own_risk(net, two_category_model());
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.id(), errc::kUnknownQuestionnaire);
    EXPECT_EQ(e.key_path(), "firms[0].assessment.questionnaire");
  }
  // A bad answer names the item under the firm.
  model::NetworkBuilder nb2;
  f.assessment->answers = {{"E1", "9"}};
  nb2.add_firm(f);
  const auto bad = nb2.build();
  try {
    (void)own_risk(bad, two_category_model(), o);
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.id(), errc::kRange);
    EXPECT_EQ(e.key_path(), "firms[0].assessment.answers.E1");
  }
}

TEST(OwnRisk, ExplicitValuesThenIncidentsOverride) {
  model::BuildOptions bo;
  bo.categories = {"labour", "pollution"};
  model::NetworkBuilder nb(bo);
  model::Firm f = firm("A", "DE", "C29");
  f.assessment = model::Assessment{model::PillarScores{1, 1, 1}, "", {}};
  f.risk = {{"labour", 0.7}, {"pollution", 0.05}};
  f.incidents = {{"pollution", true, model::IncidentSeverity::kHigh}};
  nb.add_firm(f);
  const auto net = nb.build();
  const auto r = own_risk(net, two_category_model());
  EXPECT_DOUBLE_EQ(r.own(0, 0), 0.7);  // explicit value, not mitigated
  EXPECT_DOUBLE_EQ(r.own(0, 1), 1.0);  // incident wins over the explicit value
}

TEST(OwnRisk, FallbacksWarnOncePerCode) {
  model::NetworkBuilder nb;
  nb.add_firm(firm("A", "XK", "C29"));
  nb.add_firm(firm("B", "XK", "C29"));
  nb.add_firm(firm("C", "DE", "Q86"));
  const auto net = nb.build();
  std::vector<Diagnostic> seen;
  OwnRiskOptions o;
  o.sink = [&](const Diagnostic& d) { seen.push_back(d); };
  const auto r = own_risk(net, two_category_model(), o);
  // A: fallback country 0.5 with sector C: labour 0.5, pollution 1 − 0.5·0.8 = 0.6.
  EXPECT_NEAR(r.own(0, 0), 0.5, 1e-15);
  EXPECT_NEAR(r.own(0, 1), 0.6, 1e-15);
  // C: sector Q has no row: the sector fallback (0) applies.
  EXPECT_NEAR(r.own(2, 0), 0.1, 1e-15);
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_EQ(r.warnings[0].id, errc::kWarnFallback);
  EXPECT_EQ(r.warnings[0].key_path, "firms[0].country");
  EXPECT_NE(r.warnings[0].message.find("2 firms"), std::string::npos);
  EXPECT_EQ(r.warnings[1].key_path, "firms[2].sector");
  EXPECT_EQ(seen.size(), 2u);
}

TEST(OwnRisk, CategoryTheModelLacksIsAnError) {
  model::NetworkBuilder nb;  // the builder accepts the 11 default categories
  model::Firm f = firm("A", "DE", "C29");
  f.incidents = {{"child_labour", false, model::IncidentSeverity::kLow}};
  nb.add_firm(f);
  const auto net = nb.build();
  try {
    (void)own_risk(net, two_category_model());
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.id(), errc::kUnknownCategory);
    EXPECT_EQ(e.key_path(), "firms[0].incidents[0].category");
  }
}

}  // namespace
}  // namespace diligence::risk
