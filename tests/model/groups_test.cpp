// Groups consolidated through `parent`: ultimate parents, summed figures with completeness flags,
// merged per-country headcounts, and EU size classes judged on the group's figures.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/model/network_builder.hpp>

#include "network_test_support.hpp"

namespace diligence::model {
namespace {

using test::make_firm;

struct FirmSpec {
  std::string id;
  std::string parent;
  std::optional<std::uint64_t> employees;
  std::optional<double> turnover;
  std::optional<double> eu_turnover = std::nullopt;
  std::vector<std::pair<std::string, std::uint64_t>> by_country = {};
};

SupplyNetwork build(const std::vector<FirmSpec>& specs) {
  NetworkBuilder nb;
  for (const auto& s : specs) {
    Firm f = make_firm(s.id);
    f.parent = s.parent;
    f.employees = s.employees;
    f.turnover_eur = s.turnover;
    f.eu_turnover_eur = s.eu_turnover;
    f.employees_by_country = s.by_country;
    nb.add_firm(std::move(f));
  }
  return nb.build();
}

constexpr double kM = 1'000'000.0;

//   G (4000 staff)          X (standalone, 20 staff)    Y (standalone, turnover missing)
//   └── M (900 staff)
//       └── S (20 staff)
class ThreeLevels : public ::testing::Test {
 protected:
  static constexpr FirmIndex S = 0, X = 1, M = 2, G = 3, Y = 4;
  ThreeLevels()
      : net(build({
            {"S", "M", 20, 1 * kM, std::nullopt, {{"DE", 5}}},
            {"X", "", 20, 1 * kM, 0.5 * kM, {{"PL", 20}}},
            {"M", "G", 900, 100 * kM, 60 * kM, {{"KR", 30}, {"DE", 20}}},
            {"G", "", 4000, 800 * kM, 500 * kM, {{"FR", 50}, {"DE", 100}}},
            {"Y", "", 5, std::nullopt},
        })) {}
  SupplyNetwork net;
};

TEST_F(ThreeLevels, UltimateParent) {
  EXPECT_EQ(net.ultimate_parent(S), G);
  EXPECT_EQ(net.ultimate_parent(M), G);
  EXPECT_EQ(net.ultimate_parent(G), G);
  EXPECT_EQ(net.ultimate_parent(X), X);
  EXPECT_EQ(net.ultimate_parent(Y), Y);
}

TEST_F(ThreeLevels, GroupSums) {
  const GroupFigures& g = net.group(S);
  EXPECT_EQ(g.parent, G);
  EXPECT_EQ(g.members, 3u);
  EXPECT_EQ(g.employees, 4920u);
  EXPECT_EQ(g.turnover_eur, 901 * kM);
  EXPECT_EQ(g.eu_turnover_eur, 560 * kM);
  EXPECT_TRUE(g.employees_complete);
  EXPECT_TRUE(g.turnover_complete);
  EXPECT_FALSE(g.eu_turnover_complete);  // S gave none
  const std::vector<std::pair<std::string, std::uint64_t>> by_country = {
      {"DE", 125}, {"FR", 50}, {"KR", 30}};
  EXPECT_EQ(g.employees_by_country, by_country);
  EXPECT_EQ(g.employees_in("DE"), 125u);
  EXPECT_EQ(g.employees_in("KR"), 30u);
  EXPECT_EQ(g.employees_in("US"), 0u);
  // Every member sees the same group.
  EXPECT_EQ(&net.group(M), &g);
  EXPECT_EQ(&net.group(G), &g);
  EXPECT_NE(&net.group(X), &g);
}

TEST_F(ThreeLevels, StandaloneGroups) {
  const GroupFigures& x = net.group(X);
  EXPECT_EQ(x.parent, X);
  EXPECT_EQ(x.members, 1u);
  EXPECT_EQ(x.employees, 20u);
  EXPECT_EQ(x.turnover_eur, 1 * kM);
  EXPECT_EQ(x.eu_turnover_eur, 0.5 * kM);
  EXPECT_TRUE(x.employees_complete);
  EXPECT_TRUE(x.turnover_complete);
  EXPECT_TRUE(x.eu_turnover_complete);
  EXPECT_EQ(x.employees_by_country,
            (std::vector<std::pair<std::string, std::uint64_t>>{{"PL", 20}}));
  const GroupFigures& y = net.group(Y);
  EXPECT_EQ(y.parent, Y);
  EXPECT_EQ(y.members, 1u);
  EXPECT_EQ(y.employees, 5u);
  EXPECT_EQ(y.turnover_eur, 0.0);
  EXPECT_FALSE(y.turnover_complete);
  EXPECT_FALSE(y.eu_turnover_complete);
  EXPECT_TRUE(y.employees_by_country.empty());
}

TEST_F(ThreeLevels, SizeClassesOnGroupFigures) {
  EXPECT_EQ(net.size_class(S), SizeClass::kLarge);  // 20 staff, but in a 4920-staff group
  EXPECT_EQ(net.size_class(M), SizeClass::kLarge);
  EXPECT_EQ(net.size_class(G), SizeClass::kLarge);
  EXPECT_EQ(net.size_class(X), SizeClass::kSmall);  // the same figures as S, standalone
  EXPECT_EQ(net.size_class(Y), SizeClass::kUnknown);
}

TEST(Groups, SmallSubsidiaryOfLargeParentIsLarge) {
  const auto net = build({{"Parent", "", 5000, 1000 * kM}, {"Sub", "Parent", 20, 1 * kM}});
  EXPECT_EQ(net.size_class(1), SizeClass::kLarge);
  EXPECT_EQ(net.group(1).employees, 5020u);
}

TEST(Groups, MicroFirmsAddUp) {
  const auto micro = build({{"P", "", 5, 1 * kM}, {"C", "P", 4, 1 * kM}});
  EXPECT_EQ(micro.size_class(0), SizeClass::kMicro);  // 9 staff, 2m
  EXPECT_EQ(micro.size_class(1), SizeClass::kMicro);
  const auto small = build({{"P", "", 6, 1 * kM}, {"C", "P", 4, 1 * kM}});
  EXPECT_EQ(small.size_class(0), SizeClass::kSmall);  // 10 staff
  EXPECT_EQ(small.size_class(1), SizeClass::kSmall);
  const auto by_turnover = build({{"P", "", 100, 30 * kM}, {"C", "P", 100, 30 * kM}});
  EXPECT_EQ(by_turnover.size_class(1), SizeClass::kLarge);  // 200 staff, 60m > 50m
}

TEST(Groups, IncompleteFigures) {
  // Headcount missing in one member: unknown below 250, large once the known part reaches 250.
  const auto below = build({{"P", "", 100, 1 * kM}, {"C", "P", std::nullopt, 1 * kM}});
  EXPECT_FALSE(below.group(0).employees_complete);
  EXPECT_EQ(below.group(0).employees, 100u);
  EXPECT_EQ(below.size_class(0), SizeClass::kUnknown);
  EXPECT_EQ(below.size_class(1), SizeClass::kUnknown);
  const auto above = build({{"P", "", 300, std::nullopt}, {"C", "P", std::nullopt, 1 * kM}});
  EXPECT_EQ(above.size_class(0), SizeClass::kLarge);
  EXPECT_EQ(above.size_class(1), SizeClass::kLarge);
  // Headcount complete and below 250, turnover missing in one member: unknown.
  const auto no_turnover = build({{"P", "", 10, 1 * kM}, {"C", "P", 10, std::nullopt}});
  EXPECT_FALSE(no_turnover.group(1).turnover_complete);
  EXPECT_EQ(no_turnover.group(1).turnover_eur, 1 * kM);
  EXPECT_EQ(no_turnover.size_class(1), SizeClass::kUnknown);
  // ... but a known part above the EUR 50m ceiling already decides: large.
  const auto big_turnover = build({{"P", "", 10, 60 * kM}, {"C", "P", 10, std::nullopt}});
  EXPECT_FALSE(big_turnover.group(1).turnover_complete);
  EXPECT_EQ(big_turnover.size_class(0), SizeClass::kLarge);
  EXPECT_EQ(big_turnover.size_class(1), SizeClass::kLarge);
}

TEST(Groups, SiblingsShareTheirParentsGroup) {
  //        P
  //      ┌─┴─┐
  //      A   B
  //      │
  //      C
  const auto net = build({{"A", "P", 1, 1.0},
                          {"B", "P", 2, 2.0},
                          {"C", "A", 3, 3.0},
                          {"P", "", 4, 4.0},
                          {"Q", "", 5, 5.0}});
  for (FirmIndex i : {0u, 1u, 2u, 3u}) {
    EXPECT_EQ(net.ultimate_parent(i), 3u) << i;
    EXPECT_EQ(net.group(i).members, 4u) << i;
    EXPECT_EQ(net.group(i).employees, 10u) << i;
    EXPECT_EQ(net.group(i).turnover_eur, 10.0) << i;
  }
  EXPECT_EQ(net.ultimate_parent(4), 4u);
  EXPECT_EQ(net.group(4).members, 1u);
  // Each member alone would be micro; together they have 10 staff: small.
  EXPECT_EQ(net.size_class(0), SizeClass::kSmall);
  EXPECT_EQ(net.size_class(3), SizeClass::kSmall);
  EXPECT_EQ(net.size_class(4), SizeClass::kMicro);
}

TEST(Groups, FirmWithoutFiguresIsIncompleteEverywhere) {
  const auto net = build({{"A", "", std::nullopt, std::nullopt}});
  const GroupFigures& g = net.group(0);
  EXPECT_EQ(g.members, 1u);
  EXPECT_FALSE(g.employees_complete);
  EXPECT_FALSE(g.turnover_complete);
  EXPECT_FALSE(g.eu_turnover_complete);
  EXPECT_EQ(g.employees, 0u);
  EXPECT_EQ(net.size_class(0), SizeClass::kUnknown);
}

}  // namespace
}  // namespace diligence::model
