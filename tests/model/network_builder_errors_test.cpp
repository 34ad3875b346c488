// Every error rule of NetworkBuilder: the stable id (errc::*) and the key path
// (`firms[i].field`, `links[j].field`) of the offending item, counted in input order.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/model/network_builder.hpp>

#include "network_test_support.hpp"

namespace diligence::model {
namespace {

using test::LinkSpec;
using test::make_firm;
using test::make_link;
using test::throws_error;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// A builder that already holds firms A, B, C (indices 0, 1, 2).
class BuilderErrors : public ::testing::Test {
 protected:
  BuilderErrors() {
    for (const char* id : {"A", "B", "C"}) nb.add_firm(make_firm(id));
  }
  ::testing::AssertionResult firm_error(Firm f, const char* id, const std::string& key) {
    auto r = throws_error([&] { nb.add_firm(std::move(f)); }, id, key);
    if (r && nb.num_firms() != 3) return ::testing::AssertionFailure() << "the bad firm was added";
    return r;
  }
  ::testing::AssertionResult link_error(const LinkSpec& l, const char* id, const std::string& key) {
    const std::size_t before = nb.num_links();
    auto r = throws_error([&] { nb.add_link(make_link(l)); }, id, key);
    if (r && nb.num_links() != before)
      return ::testing::AssertionFailure() << "the bad link was added";
    return r;
  }
  ::testing::AssertionResult build_error(const char* id, const std::string& key) {
    return throws_error([&] { (void)nb.build(); }, id, key);
  }
  void add(const LinkSpec& l) { nb.add_link(make_link(l)); }

  NetworkBuilder nb;
};

// --- firms -----------------------------------------------------------------------------------

TEST_F(BuilderErrors, BadFirmId) {
  EXPECT_TRUE(firm_error(make_firm("has space"), errc::kBadId, "firms[3].id"));
  EXPECT_TRUE(firm_error(make_firm(""), errc::kBadId, "firms[3].id"));
  EXPECT_TRUE(firm_error(make_firm(std::string(65, 'x')), errc::kBadId, "firms[3].id"));
  EXPECT_EQ(nb.add_firm(make_firm(std::string(64, 'x'))), 3u);
}

TEST_F(BuilderErrors, BadCountry) {
  EXPECT_TRUE(firm_error(make_firm("D", "de"), errc::kBadCountry, "firms[3].country"));
  EXPECT_TRUE(firm_error(make_firm("D", ""), errc::kBadCountry, "firms[3].country"));
  EXPECT_TRUE(firm_error(make_firm("D", "DEU"), errc::kBadCountry, "firms[3].country"));
}

TEST_F(BuilderErrors, BadSector) {
  EXPECT_TRUE(firm_error(make_firm("D", "DE", ""), errc::kBadSector, "firms[3].sector"));
  EXPECT_TRUE(firm_error(make_firm("D", "DE", "C01"), errc::kBadSector, "firms[3].sector"));
  EXPECT_TRUE(firm_error(make_firm("D", "DE", "V"), errc::kBadSector, "firms[3].sector"));
  EXPECT_TRUE(firm_error(make_firm("D", "DE", "c27"), errc::kBadSector, "firms[3].sector"));
  EXPECT_TRUE(firm_error(make_firm("D", "DE", "C27.200"), errc::kBadSector, "firms[3].sector"));
}

TEST_F(BuilderErrors, FieldsAreCheckedInOrderIdCountrySector) {
  EXPECT_TRUE(firm_error(make_firm("bad id", "de", "V"), errc::kBadId, "firms[3].id"));
  EXPECT_TRUE(firm_error(make_firm("D", "de", "V"), errc::kBadCountry, "firms[3].country"));
}

TEST_F(BuilderErrors, Turnover) {
  for (double v : {-1.0, -1e-300, kNaN, kInf, -kInf}) {
    Firm f = make_firm("D");
    f.turnover_eur = v;
    EXPECT_TRUE(firm_error(f, errc::kRange, "firms[3].turnover_eur")) << v;
    Firm g = make_firm("D");
    g.eu_turnover_eur = v;
    EXPECT_TRUE(firm_error(g, errc::kRange, "firms[3].eu_turnover_eur")) << v;
  }
  Firm ok = make_firm("D");
  ok.turnover_eur = 0.0;
  ok.eu_turnover_eur = 1e300;
  EXPECT_EQ(nb.add_firm(ok), 3u);
}

TEST_F(BuilderErrors, DuplicateFirmId) {
  auto r = throws_error([&] { nb.add_firm(make_firm("B")); }, errc::kDuplicateFirm, "firms[3].id");
  EXPECT_TRUE(r);
  try {
    nb.add_firm(make_firm("B"));
  } catch (const ValidationError& e) {
    EXPECT_NE(e.detail().find("'B'"), std::string::npos) << e.detail();
    EXPECT_NE(e.detail().find("firms[1]"), std::string::npos) << e.detail();
  }
  EXPECT_EQ(nb.num_firms(), 3u);
  EXPECT_EQ(nb.find("B"), 1u);
  // Ids are case-sensitive.
  EXPECT_EQ(nb.add_firm(make_firm("b")), 3u);
}

TEST_F(BuilderErrors, EmployeesByCountry) {
  Firm bad = make_firm("D");
  bad.employees_by_country = {{"DE", 10}, {"kr", 5}};
  EXPECT_TRUE(firm_error(bad, errc::kBadCountry, "firms[3].employees_by_country.kr"));
  Firm dup = make_firm("D");
  dup.employees_by_country = {{"DE", 10}, {"KR", 5}, {"DE", 1}};
  EXPECT_TRUE(firm_error(dup, errc::kDuplicateKey, "firms[3].employees_by_country.DE"));
  Firm ok = make_firm("D");
  ok.employees_by_country = {{"DE", 10}, {"KR", 5}};
  EXPECT_EQ(nb.add_firm(ok), 3u);
}

TEST_F(BuilderErrors, RiskValues) {
  for (double v : {-0.1, 1.0000001, 2.0, kNaN, kInf}) {
    Firm f = make_firm("D");
    f.risk = {{"pollution", 0.5}, {"child_labour", v}};
    EXPECT_TRUE(firm_error(f, errc::kRange, "firms[3].risk.child_labour")) << v;
  }
  Firm ok = make_firm("D");
  ok.risk = {{"pollution", 0.0}, {"child_labour", 1.0}};
  EXPECT_EQ(nb.add_firm(ok), 3u);
}

TEST_F(BuilderErrors, RiskUnknownAndDuplicateCategory) {
  Firm unknown = make_firm("D");
  unknown.risk = {{"pollution", 0.5}, {"child_labor", 0.5}};
  EXPECT_TRUE(firm_error(unknown, errc::kUnknownCategory, "firms[3].risk.child_labor"));
  Firm dup = make_firm("D");
  dup.risk = {{"pollution", 0.5}, {"climate", 0.1}, {"pollution", 0.2}};
  EXPECT_TRUE(firm_error(dup, errc::kDuplicateKey, "firms[3].risk.pollution"));
}

TEST_F(BuilderErrors, IncidentCategory) {
  Firm f = make_firm("D");
  f.incidents = {{"forced_labour", true, IncidentSeverity::kHigh},
                 {"smuggling", false, IncidentSeverity::kLow}};
  EXPECT_TRUE(firm_error(f, errc::kUnknownCategory, "firms[3].incidents[1].category"));
  Firm ok = make_firm("D");
  ok.incidents = {{"forced_labour", true, IncidentSeverity::kHigh}};
  EXPECT_EQ(nb.add_firm(ok), 3u);
}

TEST(BuilderCategories, CustomCategoryList) {
  BuildOptions o;
  o.categories = {"water", "pollution"};
  NetworkBuilder nb(o);
  Firm f = make_firm("A");
  f.risk = {{"water", 0.3}};
  f.incidents = {{"pollution", false, IncidentSeverity::kMedium}};
  EXPECT_EQ(nb.add_firm(f), 0u);
  Firm g = make_firm("B");
  g.risk = {{"child_labour", 0.3}};  // a default category, but not in this list
  EXPECT_TRUE(
      throws_error([&] { nb.add_firm(g); }, errc::kUnknownCategory, "firms[1].risk.child_labour"));
  Firm h = make_firm("B");
  h.incidents = {{"water", false, IncidentSeverity::kLow},
                 {"climate", false, IncidentSeverity::kLow}};
  EXPECT_TRUE(throws_error([&] { nb.add_firm(h); }, errc::kUnknownCategory,
                           "firms[1].incidents[1].category"));
}

TEST(BuilderCategories, DefaultListIsTheSpecList) {
  const std::vector<std::string> expected = {
      "child_labour",           "forced_labour",  "health_safety", "wages_hours",
      "freedom_of_association", "discrimination", "land_rights",   "pollution",
      "biodiversity",           "climate",        "governance"};
  EXPECT_EQ(default_categories(), expected);
  EXPECT_EQ(BuildOptions{}.categories, expected);
}

TEST_F(BuilderErrors, AssessmentAndDueDiligenceShares) {
  Firm f = make_firm("D");
  f.assessment = Assessment{PillarScores{0.5, 1.5, 0.5}, {}, {}};
  EXPECT_TRUE(firm_error(f, errc::kRange, "firms[3].assessment.scores.S"));
  Firm g = make_firm("D");
  g.due_diligence = DueDiligence{};
  g.due_diligence->contractual_assurances = -0.5;
  EXPECT_TRUE(firm_error(g, errc::kRange, "firms[3].due_diligence.contractual_assurances"));
  Firm h = make_firm("D");
  h.due_diligence = DueDiligence{};
  h.due_diligence->prevention_plans = 1.01;
  EXPECT_TRUE(firm_error(h, errc::kRange, "firms[3].due_diligence.prevention_plans"));
}

TEST_F(BuilderErrors, ParentWithBadId) {
  Firm f = make_firm("D");
  f.parent = "no such/id";
  EXPECT_TRUE(firm_error(f, errc::kBadId, "firms[3].parent"));
}

// --- links -----------------------------------------------------------------------------------

TEST_F(BuilderErrors, UnknownSupplierOrBuyer) {
  add({"A", "B"});
  EXPECT_TRUE(link_error({"X", "B"}, errc::kUnknownFirm, "links[1].supplier"));
  EXPECT_TRUE(link_error({"A", "X"}, errc::kUnknownFirm, "links[1].buyer"));
  EXPECT_TRUE(link_error({"X", "Y"}, errc::kUnknownFirm, "links[1].supplier"));
  EXPECT_TRUE(link_error({"a", "B"}, errc::kUnknownFirm, "links[1].supplier"));
  // A firm added later is not known yet.
  EXPECT_TRUE(link_error({"A", "D"}, errc::kUnknownFirm, "links[1].buyer"));
}

TEST_F(BuilderErrors, SelfLink) {
  EXPECT_TRUE(link_error({"C", "C"}, errc::kSelfLink, "links[0].buyer"));
  EXPECT_TRUE(link_error({"C", "C", 10.0, 0.5}, errc::kSelfLink, "links[0].buyer"));
}

TEST_F(BuilderErrors, Spend) {
  for (double v : {-1.0, -0.0001, kNaN, kInf, -kInf})
    EXPECT_TRUE(link_error({"A", "B", v}, errc::kRange, "links[0].spend_eur")) << v;
  add({"A", "B", 0.0});
  add({"C", "B", 1e300});
  EXPECT_EQ(nb.num_links(), 2u);
}

TEST_F(BuilderErrors, ShareOnOneLink) {
  for (double v : {1.0000001, 1.5, -0.01, kNaN, kInf})
    EXPECT_TRUE(link_error({"A", "B", std::nullopt, v}, errc::kRange, "links[0].share")) << v;
  add({"A", "B", std::nullopt, 1.0});
  add({"B", "C", std::nullopt, 0.0});
  EXPECT_EQ(nb.num_links(), 2u);
}

TEST_F(BuilderErrors, EmptyCommodity) {
  SupplyLink l = make_link({"A", "B"});
  l.commodities = {"cobalt", ""};
  EXPECT_TRUE(throws_error([&] { nb.add_link(l); }, errc::kType, "links[0].commodity"));
}

TEST_F(BuilderErrors, SharesSumAboveOne) {
  add({"A", "C", std::nullopt, 0.6});
  add({"B", "C", std::nullopt, 0.5});
  EXPECT_TRUE(build_error(errc::kShareSum, "links[1].share"));
}

TEST_F(BuilderErrors, ShareSumNamesTheLinkThatCrossesOneInInputOrder) {
  // Input order differs from index order: B→C comes first, so A→C pushes the sum over 1.
  nb.add_firm(make_firm("D"));
  add({"A", "D"});
  add({"B", "C", std::nullopt, 0.7});
  add({"A", "B"});
  add({"A", "C", std::nullopt, 0.4});
  try {
    (void)nb.build();
    FAIL() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.id(), errc::kShareSum);
    EXPECT_EQ(e.key_path(), "links[3].share");
    EXPECT_NE(e.detail().find("'C'"), std::string::npos) << e.detail();
  }
}

TEST_F(BuilderErrors, ShareSumWithinTolerance) {
  add({"A", "C", std::nullopt, 0.5});
  add({"B", "C", std::nullopt, 0.5 + 1e-10});
  const SupplyNetwork net = nb.build();
  EXPECT_EQ(net.weight_rule(2), WeightRule::kShare);
  EXPECT_DOUBLE_EQ(net.mapped_share(2), 1.0 + 1e-10);
}

TEST_F(BuilderErrors, ShareSumJustAboveTolerance) {
  add({"A", "C", std::nullopt, 0.5});
  add({"B", "C", std::nullopt, 0.5 + 2e-9});
  EXPECT_TRUE(build_error(errc::kShareSum, "links[1].share"));
}

TEST(BuilderShareTolerance, OptionWidensTheTolerance) {
  BuildOptions o;
  o.share_tolerance = 0.05;
  const auto net = test::make_network(
      {"A", "B", "C"}, {{"A", "C", std::nullopt, 0.6}, {"B", "C", std::nullopt, 0.44}}, o);
  EXPECT_DOUBLE_EQ(net.mapped_share(2), 1.04);
  BuildOptions tight;
  tight.share_tolerance = 0.0;
  EXPECT_TRUE(throws_error(
      [&] {
        (void)test::make_network(
            {"A", "B", "C"}, {{"A", "C", std::nullopt, 0.5}, {"B", "C", std::nullopt, 0.5 + 1e-12}},
            tight);
      },
      errc::kShareSum, "links[1].share"));
}

TEST_F(BuilderErrors, ShareMixSecondLinkLacksShare) {
  add({"A", "C", 10.0, 0.5});
  add({"B", "C", 10.0});
  EXPECT_TRUE(build_error(errc::kShareMix, "links[1].share"));
}

TEST_F(BuilderErrors, ShareMixSecondLinkHasShare) {
  add({"A", "C", 10.0});
  add({"B", "C", 10.0, 0.5});
  EXPECT_TRUE(build_error(errc::kShareMix, "links[1].share"));
}

TEST_F(BuilderErrors, ShareMixNamesFirstDifferingLinkInInputOrder) {
  nb.add_firm(make_firm("D"));
  nb.add_firm(make_firm("E"));
  add({"A", "B"});                     // links[0], another buyer
  add({"D", "C", std::nullopt, 0.2});  // links[1]
  add({"B", "C", std::nullopt, 0.2});  // links[2]
  add({"E", "C"});                     // links[3]: first without share
  add({"A", "C"});                     // links[4]
  EXPECT_TRUE(build_error(errc::kShareMix, "links[3].share"));
}

TEST_F(BuilderErrors, ShareMixIsPerBuyer) {
  // Shares on all links into C, none on the links into B: fine.
  add({"A", "C", std::nullopt, 0.3});
  add({"B", "C", std::nullopt, 0.3});
  add({"A", "B", 5.0});
  const SupplyNetwork net = nb.build();
  EXPECT_EQ(net.weight_rule(2), WeightRule::kShare);
  EXPECT_EQ(net.weight_rule(1), WeightRule::kSpend);
}

TEST_F(BuilderErrors, DuplicateLinkReportedAtSecondOccurrence) {
  add({"A", "B", 1.0});  // links[0]
  add({"C", "B", 1.0});  // links[1]
  add({"B", "A", 1.0});  // links[2]: the reverse pair is a different link
  add({"A", "B", 2.0});  // links[3]: same pair as links[0]
  try {
    (void)nb.build();
    FAIL() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.id(), errc::kDuplicateLink);
    EXPECT_EQ(e.key_path(), "links[3]");
    EXPECT_NE(e.detail().find("links[0]"), std::string::npos) << e.detail();
    EXPECT_NE(e.detail().find("'A' -> 'B'"), std::string::npos) << e.detail();
  }
}

TEST_F(BuilderErrors, DuplicateLinkThreeTimes) {
  add({"C", "A"});  // links[0]
  add({"B", "A"});  // links[1]
  add({"C", "A"});  // links[2]
  add({"C", "A"});  // links[3]
  EXPECT_TRUE(build_error(errc::kDuplicateLink, "links[2]"));
}

// --- parents ---------------------------------------------------------------------------------

TEST(BuilderParents, UnknownParent) {
  NetworkBuilder nb;
  nb.add_firm(make_firm("A"));
  Firm b = make_firm("B");
  b.parent = "Z";
  nb.add_firm(b);
  EXPECT_TRUE(throws_error([&] { (void)nb.build(); }, errc::kUnknownFirm, "firms[1].parent"));
}

TEST(BuilderParents, ParentMayBeAddedLater) {
  NetworkBuilder nb;
  Firm a = make_firm("A");
  a.parent = "B";
  nb.add_firm(a);
  nb.add_firm(make_firm("B"));
  const SupplyNetwork net = nb.build();
  EXPECT_EQ(net.ultimate_parent(0), 1u);
}

SupplyNetwork build_with_parents(const std::vector<std::pair<std::string, std::string>>& firms) {
  NetworkBuilder nb;
  for (const auto& [id, parent] : firms) {
    Firm f = make_firm(id);
    f.parent = parent;
    nb.add_firm(f);
  }
  return nb.build();
}

TEST(BuilderParents, SelfParent) {
  EXPECT_TRUE(throws_error(
      [] {
        (void)build_with_parents({{"A", ""}, {"B", "B"}});
      },
      errc::kParentCycle, "firms[1].parent"));
}

TEST(BuilderParents, TwoCycle) {
  EXPECT_TRUE(throws_error(
      [] {
        (void)build_with_parents({{"A", ""}, {"B", "C"}, {"C", "B"}});
      },
      errc::kParentCycle, "firms[1].parent"));
}

TEST(BuilderParents, ThreeCycleReachedFromOutside) {
  // A → B → C → D → B: A only leads into the loop; the loop's smallest member B is named.
  try {
    (void)build_with_parents({{"A", "B"}, {"B", "C"}, {"C", "D"}, {"D", "B"}});
    FAIL() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.id(), errc::kParentCycle);
    EXPECT_EQ(e.key_path(), "firms[1].parent");
    EXPECT_NE(e.detail().find("B -> C -> D -> B"), std::string::npos) << e.detail();
  }
}

TEST(BuilderParents, ThreeCycleEnteredAtALargerIndex) {
  // A → D, D → B → C → D: the walk meets D first, the error still names firms[1] (B).
  EXPECT_TRUE(throws_error(
      [] {
        (void)build_with_parents({{"A", "D"}, {"B", "C"}, {"C", "D"}, {"D", "B"}});
      },
      errc::kParentCycle, "firms[1].parent"));
}

TEST(BuilderParents, LongChainIsNotACycle) {
  std::vector<std::pair<std::string, std::string>> firms;
  for (int i = 0; i < 500; ++i)
    firms.emplace_back("f" + std::to_string(i), i + 1 < 500 ? "f" + std::to_string(i + 1) : "");
  const SupplyNetwork net = build_with_parents(firms);
  for (FirmIndex i = 0; i < 500; ++i) EXPECT_EQ(net.ultimate_parent(i), 499u);
  EXPECT_EQ(net.group(0).members, 500u);
}

// --- builder state ---------------------------------------------------------------------------

TEST(BuilderState, BuildLeavesTheBuilderEmpty) {
  NetworkBuilder nb;
  nb.reserve(4, 4);
  nb.add_firm(make_firm("A"));
  nb.add_firm(make_firm("B"));
  nb.add_link(make_link({"A", "B", 3.0}));
  EXPECT_EQ(nb.num_firms(), 2u);
  EXPECT_EQ(nb.num_links(), 1u);
  EXPECT_EQ(nb.find("B"), 1u);
  EXPECT_EQ(nb.find("Z"), std::nullopt);
  const SupplyNetwork net = nb.build();
  EXPECT_EQ(net.num_firms(), 2u);
  EXPECT_EQ(net.num_links(), 1u);
  EXPECT_EQ(nb.num_firms(), 0u);
  EXPECT_EQ(nb.num_links(), 0u);
  EXPECT_EQ(nb.find("A"), std::nullopt);
  // The emptied builder can be used again.
  nb.add_firm(make_firm("B"));
  const SupplyNetwork again = nb.build();
  EXPECT_EQ(again.num_firms(), 1u);
  EXPECT_EQ(again.find("B"), 0u);
  EXPECT_EQ(net.find("B"), 1u);
}

TEST(BuilderState, FailedBuildAlsoLeavesTheBuilderEmpty) {
  NetworkBuilder nb;
  nb.add_firm(make_firm("A"));
  nb.add_firm(make_firm("B"));
  nb.add_link(make_link({"A", "B", 3.0}));
  nb.add_link(make_link({"A", "B", 4.0}));  // duplicate pair: build() throws
  EXPECT_THROW((void)nb.build(), ValidationError);
  EXPECT_EQ(nb.num_firms(), 0u);
  EXPECT_EQ(nb.num_links(), 0u);
  nb.add_firm(make_firm("A"));  // no duplicate-id error: the old firms are gone
  EXPECT_EQ(nb.build().num_firms(), 1u);
}

TEST(BuilderState, EmptyNetwork) {
  NetworkBuilder nb;
  const SupplyNetwork net = nb.build();
  EXPECT_EQ(net.num_firms(), 0u);
  EXPECT_EQ(net.num_links(), 0u);
  EXPECT_TRUE(net.warnings().empty());
  EXPECT_EQ(net.find("A"), std::nullopt);
}

}  // namespace
}  // namespace diligence::model
