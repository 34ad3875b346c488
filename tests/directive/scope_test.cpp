// Scope decisions on the shipped profiles: thresholds at and one unit above ("more than" strict,
// "at least" inclusive), application dates one day before and on the day, group consolidation
// through `parent`, non-EU firms judged on EU turnover, LkSG's employees in Germany (also for a
// foreign company), missing figures, and a property test against a brute-force reference.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/directive/scope.hpp>

#include "directive_test_support.hpp"

namespace diligence::test {
namespace {

using directive::Basis;
using directive::ScopeDecision;

constexpr double kM = 1'000'000.0;

// --- thresholds -----------------------------------------------------------------------------

// csddd-2024 Art. 2(1)(a): more than 1 000 employees AND more than EUR 450m. Exactly at either
// threshold is not enough; one unit above both is.
TEST(ScopeThresholds, Csddd2024MoreThanIsStrict) {
  const auto net = firms_only({
      sized_firm("AT-BOTH", "DE", {1000, 450 * kM, {}}),
      sized_firm("EMP-AT", "DE", {1000, 450 * kM + 1, {}}),
      sized_firm("TURN-AT", "DE", {1001, 450 * kM, {}}),
      sized_firm("ABOVE", "DE", {1001, 450 * kM + 1, {}}),
  });
  const auto r = directive::scope(net, shipped("csddd-2024"), Date(2030, 1, 1));
  ASSERT_EQ(r.firms.size(), 4u);
  EXPECT_FALSE(r.firms[0].in_scope) << r.firms[0].reason;
  EXPECT_FALSE(r.firms[1].in_scope) << r.firms[1].reason;
  EXPECT_FALSE(r.firms[2].in_scope) << r.firms[2].reason;
  EXPECT_TRUE(r.firms[3].in_scope) << r.firms[3].reason;
  EXPECT_EQ(r.firms[3].rule, "eu-company");
  EXPECT_EQ(r.firms[3].phase, "phase-3");
  EXPECT_EQ(r.firms[0].rule, "");
  EXPECT_FALSE(r.firms[0].applies_from.has_value());
  EXPECT_NE(r.firms[0].reason.find("employees 1000 (not more than 1000)"), std::string::npos)
      << r.firms[0].reason;
  EXPECT_EQ(r.in_scope_count(), 1u);
  EXPECT_EQ(r.applies_count(), 1u);
}

// csddd-2026: more than 5 000 and more than EUR 1 500m.
TEST(ScopeThresholds, Csddd2026MoreThanIsStrict) {
  const auto net = firms_only({
      sized_firm("AT", "FR", {5000, 1500 * kM, {}}),
      sized_firm("ABOVE", "FR", {5001, 1500 * kM + 1, {}}),
      sized_firm("OLD-SCOPE", "FR", {3000, 1000 * kM, {}}),
  });
  const auto r = directive::scope(net, shipped("csddd-2026"), Date(2030, 1, 1));
  EXPECT_FALSE(r.firms[0].in_scope);
  EXPECT_TRUE(r.firms[1].in_scope);
  EXPECT_EQ(r.firms[1].applies_from, Date(2029, 7, 26));
  EXPECT_EQ(r.firms[1].phase, "single-date");
  // In scope of the 2024 text, not of the amended one.
  EXPECT_FALSE(r.firms[2].in_scope);
  EXPECT_TRUE(decide(net, shipped("csddd-2024"), "OLD-SCOPE", Date(2030, 1, 1)).in_scope);
}

// LkSG § 1: AT LEAST 1 000 employees in Germany: exactly 1 000 is in scope, 999 is not.
TEST(ScopeThresholds, LksgAtLeastIsInclusive) {
  const auto net = firms_only({
      sized_firm("BELOW", "DE", {2000, {}, {}, {{"DE", 999}, {"PL", 1001}}}),
      sized_firm("AT", "DE", {1000, {}, {}, {{"DE", 1000}}}),
      sized_firm("ABOVE", "DE", {1001, {}, {}, {{"DE", 1001}}}),
  });
  const auto r = directive::scope(net, shipped("lksg"), Date(2025, 1, 1));
  EXPECT_FALSE(r.firms[0].in_scope) << r.firms[0].reason;
  EXPECT_NE(r.firms[0].reason.find("employees in DE 999 (not at least 1000)"), std::string::npos)
      << r.firms[0].reason;
  EXPECT_TRUE(r.firms[1].in_scope) << r.firms[1].reason;
  EXPECT_TRUE(r.firms[2].in_scope);
  EXPECT_EQ(r.firms[1].rule, "employees-in-germany");
  EXPECT_EQ(r.firms[1].applies_from, Date(2024, 1, 1));
}

// LkSG phase 2023: at least 3 000 in Germany. Exactly 3 000 is in the 2023 phase, 2 999 is not.
TEST(ScopeThresholds, LksgPhaseThresholdIsInclusive) {
  const auto net = firms_only({
      sized_firm("AT", "DE", {3000, {}, {}, {{"DE", 3000}}}),
      sized_firm("BELOW", "DE", {2999, {}, {}, {{"DE", 2999}}}),
  });
  const auto r = directive::scope(net, shipped("lksg"), Date(2023, 6, 1));
  EXPECT_EQ(r.firms[0].applies_from, Date(2023, 1, 1));
  EXPECT_EQ(r.firms[0].phase, "from-2023");
  EXPECT_TRUE(r.firms[0].applies);
  EXPECT_TRUE(r.firms[1].in_scope);
  EXPECT_EQ(r.firms[1].applies_from, Date(2024, 1, 1));
  EXPECT_FALSE(r.firms[1].applies);
}

// Art. 37 phase thresholds are "more than" too: exactly 5 000 employees falls to phase 2.
TEST(ScopeThresholds, Csddd2024PhaseThresholdsAreStrict) {
  const auto net = firms_only({
      sized_firm("P1-AT", "DE", {5000, 1500 * kM + 1, {}}),
      sized_firm("P1", "DE", {5001, 1500 * kM + 1, {}}),
      sized_firm("P2-AT", "DE", {3000, 900 * kM + 1, {}}),
      sized_firm("P2", "DE", {3001, 900 * kM + 1, {}}),
  });
  const auto r = directive::scope(net, shipped("csddd-2024"), Date(2030, 1, 1));
  EXPECT_EQ(r.firms[0].applies_from, Date(2028, 7, 26));
  EXPECT_EQ(r.firms[0].phase, "phase-2-eu");
  EXPECT_EQ(r.firms[1].applies_from, Date(2027, 7, 26));
  EXPECT_EQ(r.firms[1].phase, "phase-1-eu");
  EXPECT_EQ(r.firms[2].applies_from, Date(2029, 7, 26));
  EXPECT_EQ(r.firms[3].applies_from, Date(2028, 7, 26));
}

// --- application dates ----------------------------------------------------------------------

struct DateCase {
  const char* profile;
  const char* country;
  Size size;
  Date from;
};

// One day before the application date the firm is in scope but the obligations do not apply;
// on the day they do.
TEST(ScopeDates, OneDayBeforeAndOnTheApplicationDate) {
  const std::vector<DateCase> cases = {
      {"csddd-2024", "DE", {6000, 2000 * kM, {}}, Date(2027, 7, 26)},
      {"csddd-2024", "KR", {100, 9000 * kM, 1600 * kM}, Date(2027, 7, 26)},
      {"csddd-2024", "DE", {4000, 1000 * kM, {}}, Date(2028, 7, 26)},
      {"csddd-2024", "KR", {100, 9000 * kM, 1000 * kM}, Date(2028, 7, 26)},
      {"csddd-2024", "DE", {1500, 500 * kM, {}}, Date(2029, 7, 26)},
      {"csddd-2024", "KR", {100, 9000 * kM, 500 * kM}, Date(2029, 7, 26)},
      {"csddd-2026", "DE", {6000, 2000 * kM, {}}, Date(2029, 7, 26)},
      {"csddd-2026", "US", {100, 9000 * kM, 1600 * kM}, Date(2029, 7, 26)},
      {"lksg", "DE", {3500, {}, {}, {{"DE", 3500}}}, Date(2023, 1, 1)},
      {"lksg", "DE", {1500, {}, {}, {{"DE", 1500}}}, Date(2024, 1, 1)},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.profile) + " " + c.country + " from " + c.from.to_string());
    const auto net = firms_only({sized_firm("F", c.country, c.size)});
    const Date before = Date::from_days(c.from.days() - 1);
    const ScopeDecision b = decide(net, shipped(c.profile), "F", before);
    const ScopeDecision on = decide(net, shipped(c.profile), "F", c.from);
    EXPECT_TRUE(b.in_scope) << b.reason;
    EXPECT_FALSE(b.applies) << b.reason;
    EXPECT_EQ(b.applies_from, c.from);
    EXPECT_NE(b.reason.find("not yet on " + before.to_string()), std::string::npos) << b.reason;
    EXPECT_TRUE(on.in_scope);
    EXPECT_TRUE(on.applies) << on.reason;
    EXPECT_EQ(on.applies_from, c.from);
  }
}

// --- groups ---------------------------------------------------------------------------------

//   HOLD (DE, 100 employees, EUR 50m)        ultimate parent
//    ├── BIG (DE, 900 employees, EUR 400m)    parent: HOLD
//    │    └── SMALL (PL, 30 employees, EUR 5m) parent: BIG   (a small subsidiary, two levels down)
//    └── MID (FR, 200 employees, EUR 100m)    parent: HOLD
//   group: 1 230 employees, EUR 555m → HOLD is in scope through eu-group (Art. 2(1)(b)); no member
//   is in scope on its own figures.
TEST(ScopeGroups, UltimateParentInScopeThroughConsolidatedFigures) {
  const auto net = firms_only({
      sized_firm("HOLD", "DE", {100, 50 * kM, {}}),
      sized_firm("BIG", "DE", {900, 400 * kM, {}, {}, "HOLD"}),
      sized_firm("SMALL", "PL", {30, 5 * kM, {}, {}, "BIG"}),
      sized_firm("MID", "FR", {200, 100 * kM, {}, {}, "HOLD"}),
  });
  for (const char* profile_id : {"csddd-2024"}) {
    const auto r = directive::scope(net, shipped(profile_id), Date(2029, 9, 1));
    const ScopeDecision& hold = r.firms[0];
    EXPECT_TRUE(hold.in_scope) << hold.reason;
    EXPECT_EQ(hold.rule, "eu-group");
    EXPECT_EQ(hold.basis, Basis::kGroup);
    EXPECT_EQ(hold.applies_from, Date(2029, 7, 26));
    EXPECT_TRUE(hold.applies);
    ASSERT_FALSE(hold.figures.empty());
    EXPECT_EQ(hold.figures[0].basis, Basis::kGroup);
    EXPECT_DOUBLE_EQ(hold.figures[0].value, 1230.0);
    EXPECT_DOUBLE_EQ(hold.figures[1].value, 555 * kM);
    EXPECT_NE(hold.reason.find("group employees 1230 (more than 1000)"), std::string::npos)
        << hold.reason;
    for (std::size_t i = 1; i < 4; ++i) {
      const ScopeDecision& sub = r.firms[i];
      SCOPED_TRACE(net.firm(static_cast<model::FirmIndex>(i)).id);
      EXPECT_FALSE(sub.in_scope) << sub.reason;
      EXPECT_FALSE(sub.applies);
      EXPECT_EQ(sub.group_parent, 0u);
      EXPECT_TRUE(sub.group_parent_in_scope);
      EXPECT_NE(sub.reason.find("ultimate parent HOLD is in scope under eu-group"),
                std::string::npos)
          << sub.reason;
      EXPECT_NE(sub.reason.find("group figures count for the group's ultimate parent HOLD only"),
                std::string::npos)
          << sub.reason;
    }
  }
  // Under the 2026 thresholds the same group is too small.
  const auto r26 = directive::scope(net, shipped("csddd-2026"), Date(2029, 9, 1));
  EXPECT_FALSE(r26.firms[0].in_scope);
  EXPECT_FALSE(r26.firms[2].group_parent_in_scope);
}

// A subsidiary that meets the thresholds on its own figures is in scope itself; its parent is in
// scope through the group.
TEST(ScopeGroups, LargeSubsidiaryInScopeOnItsOwnFigures) {
  const auto net = firms_only({
      sized_firm("PARENT", "NL", {10, 1 * kM, {}}),
      sized_firm("SUB", "NL", {1200, 600 * kM, {}, {}, "PARENT"}),
  });
  const auto r = directive::scope(net, shipped("csddd-2024"), Date(2029, 9, 1));
  EXPECT_TRUE(r.firms[0].in_scope);
  EXPECT_EQ(r.firms[0].rule, "eu-group");
  EXPECT_TRUE(r.firms[1].in_scope);
  EXPECT_EQ(r.firms[1].rule, "eu-company");
  EXPECT_TRUE(r.firms[1].group_parent_in_scope);
}

// The parent meets eu-company on its own figures (phase 3) and eu-group on the group's (phase 1):
// the earlier date wins and names the group rule.
TEST(ScopeGroups, EarliestApplicationDateOverAllRulesThatHold) {
  const auto net = firms_only({
      sized_firm("PARENT", "DE", {1500, 600 * kM, {}}),
      sized_firm("SUB", "CZ", {4000, 1200 * kM, {}, {}, "PARENT"}),
  });
  const ScopeDecision d = decide(net, shipped("csddd-2024"), "PARENT", Date(2027, 8, 1));
  EXPECT_TRUE(d.in_scope);
  EXPECT_EQ(d.rule, "eu-group");
  EXPECT_EQ(d.phase, "phase-1-eu");
  EXPECT_EQ(d.applies_from, Date(2027, 7, 26));
  EXPECT_TRUE(d.applies);
  // The subsidiary alone: eu-company, phase 2 (more than 3 000 and more than EUR 900m).
  const ScopeDecision s = decide(net, shipped("csddd-2024"), "SUB", Date(2027, 8, 1));
  EXPECT_EQ(s.rule, "eu-company");
  EXPECT_EQ(s.applies_from, Date(2028, 7, 26));
}

// Non-EU group: the ultimate parent (KR) is in scope when the group's EU turnover is above the
// threshold, though neither member is on its own.
TEST(ScopeGroups, NonEuGroupOnConsolidatedEuTurnover) {
  const auto net = firms_only({
      sized_firm("KR-HOLD", "KR", {50, 10 * kM, 0.0}),
      sized_firm("KR-A", "KR", {3000, 2000 * kM, 300 * kM, {}, "KR-HOLD"}),
      sized_firm("KR-B", "KR", {2000, 1000 * kM, 200 * kM, {}, "KR-HOLD"}),
  });
  const auto r = directive::scope(net, shipped("csddd-2024"), Date(2029, 9, 1));
  EXPECT_TRUE(r.firms[0].in_scope) << r.firms[0].reason;
  EXPECT_EQ(r.firms[0].rule, "non-eu-group");
  EXPECT_EQ(r.firms[0].applies_from, Date(2029, 7, 26));
  EXPECT_FALSE(r.firms[1].in_scope);
  EXPECT_FALSE(r.firms[2].in_scope);
  EXPECT_TRUE(r.firms[1].group_parent_in_scope);
}

// An EU subsidiary of a non-EU parent: the parent is judged by the non-EU group rule on the
// group's EU turnover; the subsidiary by the EU rules on its own figures.
TEST(ScopeGroups, WhoFollowsTheCountryOfTheFirmJudged) {
  const auto net = firms_only({
      sized_firm("US-PARENT", "US", {20000, 9000 * kM, 100 * kM}),
      sized_firm("DE-SUB", "DE", {1100, 460 * kM, 400 * kM, {}, "US-PARENT"}),
  });
  const auto r = directive::scope(net, shipped("csddd-2024"), Date(2029, 9, 1));
  EXPECT_TRUE(r.firms[0].in_scope);
  EXPECT_EQ(r.firms[0].rule, "non-eu-group");  // 100m + 400m EU turnover > 450m
  EXPECT_FALSE(r.firms[0].eu);
  EXPECT_TRUE(r.firms[1].in_scope);
  EXPECT_EQ(r.firms[1].rule, "eu-company");
  EXPECT_TRUE(r.firms[1].eu);
}

// --- non-EU firms ---------------------------------------------------------------------------

// A non-EU firm is judged on EU turnover only: its worldwide turnover and employees do not count.
TEST(ScopeNonEu, JudgedOnEuTurnover) {
  const auto net = firms_only({
      sized_firm("KR-AT", "KR", {100000, 90000 * kM, 450 * kM}),
      sized_firm("KR-ABOVE", "KR", {10, 460 * kM, 450 * kM + 1}),
      sized_firm("CH-NONE", "CH", {5000, 5000 * kM, {}}),
  });
  const auto r = directive::scope(net, shipped("csddd-2024"), Date(2029, 9, 1));
  EXPECT_FALSE(r.firms[0].in_scope) << r.firms[0].reason;
  EXPECT_NE(r.firms[0].reason.find("eu_turnover_eur 450 000 000 (not more than 450 000 000)"),
            std::string::npos)
      << r.firms[0].reason;
  EXPECT_EQ(r.firms[0].reason.find("Art. 2(1)"), std::string::npos) << r.firms[0].reason;
  EXPECT_TRUE(r.firms[1].in_scope);
  EXPECT_EQ(r.firms[1].rule, "non-eu-company");
  // Switzerland is not an EU member state; its EU turnover is not given.
  EXPECT_FALSE(r.firms[2].in_scope);
  EXPECT_EQ(r.firms[2].missing, std::vector<std::string>{"eu_turnover_eur"});
}

TEST(ScopeNonEu, EuMembershipFollowsTheEu27List) {
  const auto& p = shipped("csddd-2024");
  EXPECT_EQ(p.eu_countries.size(), 27u);
  for (const char* c : {"AT", "DE", "FR", "GR", "HR", "IE", "SE", "CY", "MT"})
    EXPECT_TRUE(p.is_eu(c)) << c;
  for (const char* c : {"GB", "CH", "NO", "IS", "EL", "KR", "US", "TR"})
    EXPECT_FALSE(p.is_eu(c)) << c;
}

// --- LkSG: employees in Germany ---------------------------------------------------------------

TEST(ScopeLksg, CountsEmployeesByCountryDeAlsoForForeignCompanies) {
  const auto net = firms_only({
      // A US company with a German branch of 1 200 employees: in scope.
      sized_firm("US-BRANCH", "US", {50000, {}, {}, {{"US", 48800}, {"DE", 1200}}}),
      // A German company with most of its staff abroad: 800 in Germany, not in scope.
      sized_firm("DE-ABROAD", "DE", {5000, {}, {}, {{"DE", 800}, {"CN", 4200}}}),
      // A German company without a breakdown: all employees counted in DE (estimated).
      sized_firm("DE-PLAIN", "DE", {1500, {}, {}}),
      // A Korean company without a breakdown: its German employees are unknown.
      sized_firm("KR-PLAIN", "KR", {1500, {}, {}}),
  });
  const auto r = directive::scope(net, shipped("lksg"), Date(2025, 1, 1));
  EXPECT_TRUE(r.firms[0].in_scope) << r.firms[0].reason;
  EXPECT_EQ(r.firms[0].rule, "employees-in-germany");
  EXPECT_FALSE(r.firms[1].in_scope) << r.firms[1].reason;
  EXPECT_TRUE(r.firms[2].in_scope) << r.firms[2].reason;
  ASSERT_EQ(r.firms[2].figures.size(), 1u);
  EXPECT_TRUE(r.firms[2].figures[0].estimated);
  EXPECT_NE(r.firms[2].reason.find("estimated"), std::string::npos);
  EXPECT_FALSE(r.firms[3].in_scope);
  EXPECT_EQ(r.firms[3].missing, std::vector<std::string>{"employees_by_country.DE"});
  EXPECT_NE(r.firms[3].reason.find("employees in DE not given"), std::string::npos)
      << r.firms[3].reason;
}

//   DE-PARENT (DE: 600)  ← DE-SUB (DE: 300)  ← FR-SUB (FR: 900, DE: 150)
//   group employees in DE: 1 050 ≥ 1 000 → the parent is in scope through the group rule.
TEST(ScopeLksg, GroupCountsGermanEmployeesOfAllMembersForTheParent) {
  const auto net = firms_only({
      sized_firm("DE-PARENT", "DE", {600, {}, {}, {{"DE", 600}}}),
      sized_firm("DE-SUB", "DE", {300, {}, {}, {{"DE", 300}}, "DE-PARENT"}),
      sized_firm("FR-SUB", "FR", {1050, {}, {}, {{"FR", 900}, {"DE", 150}}, "DE-SUB"}),
  });
  const auto r = directive::scope(net, shipped("lksg"), Date(2025, 1, 1));
  EXPECT_TRUE(r.firms[0].in_scope) << r.firms[0].reason;
  EXPECT_EQ(r.firms[0].rule, "group-employees-in-germany");
  ASSERT_FALSE(r.firms[0].figures.empty());
  EXPECT_DOUBLE_EQ(r.firms[0].figures[0].value, 1050.0);
  EXPECT_TRUE(r.firms[0].figures[0].complete);
  EXPECT_FALSE(r.firms[1].in_scope);
  EXPECT_FALSE(r.firms[2].in_scope);
  EXPECT_TRUE(r.firms[2].group_parent_in_scope);
}

// --- missing figures --------------------------------------------------------------------------

TEST(ScopeMissing, UnknownFigureLeavesTheFirmOutAndIsListed) {
  const auto net = firms_only({
      sized_firm("NO-EMP", "DE", {{}, 900 * kM, {}}),
      sized_firm("NO-EMP-SMALL", "DE", {{}, 100 * kM, {}}),
  });
  const auto r = directive::scope(net, shipped("csddd-2024"), Date(2029, 9, 1));
  EXPECT_FALSE(r.firms[0].in_scope);
  EXPECT_EQ(r.firms[0].missing, std::vector<std::string>{"employees"});
  EXPECT_NE(r.firms[0].reason.find("employees not given (not known to be more than 1000)"),
            std::string::npos)
      << r.firms[0].reason;
  // The turnover fails anyway, so the missing employees do not matter.
  EXPECT_FALSE(r.firms[1].in_scope);
  EXPECT_TRUE(r.firms[1].missing.empty());
}

// A group sum with a member that gave no figure is a lower bound; when it already exceeds the
// threshold it decides.
TEST(ScopeMissing, IncompleteGroupSumDecidesWhenItAlreadyExceeds) {
  const auto net = firms_only({
      sized_firm("P", "IT", {800, 300 * kM, {}}),
      sized_firm("S1", "IT", {300, 200 * kM, {}, {}, "P"}),
      sized_firm("S2", "IT", {{}, {}, {}, {}, "P"}),
  });
  const ScopeDecision d = decide(net, shipped("csddd-2024"), "P", Date(2029, 9, 1));
  EXPECT_TRUE(d.in_scope) << d.reason;
  EXPECT_EQ(d.rule, "eu-group");
  ASSERT_GE(d.figures.size(), 2u);
  EXPECT_FALSE(d.figures[0].complete);
  EXPECT_DOUBLE_EQ(d.figures[0].value, 1100.0);
  EXPECT_NE(d.reason.find("so far"), std::string::npos) << d.reason;

  const auto net2 = firms_only({
      sized_firm("P", "IT", {500, 300 * kM, {}}),
      sized_firm("S", "IT", {{}, 200 * kM, {}, {}, "P"}),
  });
  const ScopeDecision d2 = decide(net2, shipped("csddd-2024"), "P", Date(2029, 9, 1));
  EXPECT_FALSE(d2.in_scope);
  EXPECT_EQ(d2.missing, std::vector<std::string>{"group employees"});
}

// --- scope and scope_of agree; index errors ---------------------------------------------------

TEST(ScopeApi, ScopeOfMatchesScopeAndChecksTheIndex) {
  const auto net = firms_only({
      sized_firm("HOLD", "DE", {100, 50 * kM, {}}),
      sized_firm("BIG", "DE", {1200, 500 * kM, {}, {{"DE", 1200}}, "HOLD"}),
      sized_firm("KR", "KR", {10, 10 * kM, 500 * kM}),
  });
  for (const char* id : {"csddd-2024", "csddd-2026", "lksg"}) {
    const auto& p = shipped(id);
    const auto all = directive::scope(net, p, Date(2029, 9, 1));
    EXPECT_EQ(all.directive, id);
    for (model::FirmIndex i = 0; i < net.num_firms(); ++i) {
      const ScopeDecision one = directive::scope_of(net, p, i, Date(2029, 9, 1));
      EXPECT_EQ(one.in_scope, all.firms[i].in_scope);
      EXPECT_EQ(one.applies_from, all.firms[i].applies_from);
      EXPECT_EQ(one.rule, all.firms[i].rule);
      EXPECT_EQ(one.reason, all.firms[i].reason);
      EXPECT_EQ(one.group_parent_in_scope, all.firms[i].group_parent_in_scope);
    }
  }
  EXPECT_THROW((void)directive::scope_of(net, shipped("lksg"), 3, Date(2029, 9, 1)), UsageError);
}

// --- property test: a brute-force reference ------------------------------------------------------

// Random forests of parent chains with random figures (some missing); the reference walks every
// firm's parent chain to its root, sums the figures, and applies csddd-2024's four rules with
// "unknown counts as not met".
TEST(ScopeProperty, MatchesBruteForceGroupSums) {
  std::mt19937_64 rng(20241760);
  const char* countries[] = {"DE", "FR", "KR", "US", "PL"};
  int in_scope = 0, out_of_scope = 0, phase1 = 0, phase2 = 0;  // the test covers every outcome
  for (int round = 0; round < 40; ++round) {
    const int n = 1 + static_cast<int>(rng() % 30);
    std::vector<model::Firm> firms;
    std::vector<int> parent(static_cast<std::size_t>(n), -1);
    for (int i = 0; i < n; ++i) {
      Size s;
      if (rng() % 5 != 0) s.employees = rng() % 1600;
      if (rng() % 5 != 0) s.turnover_eur = static_cast<double>(rng() % 700) * kM;
      if (rng() % 5 != 0) s.eu_turnover_eur = static_cast<double>(rng() % 700) * kM;
      if (i > 0 && rng() % 2 == 0) {
        parent[static_cast<std::size_t>(i)] = static_cast<int>(rng() % static_cast<unsigned>(i));
        s.parent = "F" + std::to_string(parent[static_cast<std::size_t>(i)]);
      }
      firms.push_back(sized_firm("F" + std::to_string(i), countries[rng() % 5], s));
    }
    const std::vector<model::Firm> copy = firms;
    const auto net = firms_only(std::move(firms));
    const auto& p = shipped("csddd-2024");
    const auto r = directive::scope(net, p, Date(2029, 9, 1));
    auto root_of = [&](int i) {
      while (parent[static_cast<std::size_t>(i)] >= 0) i = parent[static_cast<std::size_t>(i)];
      return i;
    };
    for (int i = 0; i < n; ++i) {
      const model::Firm& f = copy[static_cast<std::size_t>(i)];
      const bool eu = f.country == "DE" || f.country == "FR" || f.country == "PL";
      // Group sums by brute force. A sum over members that did not all give the figure is a
      // lower bound, and a lower bound above the threshold decides: the same comparison.
      double ge = 0, gt = 0, gu = 0;
      for (int j = 0; j < n; ++j) {
        if (root_of(j) != i) continue;
        const model::Firm& m = copy[static_cast<std::size_t>(j)];
        ge += static_cast<double>(m.employees.value_or(0));
        gt += m.turnover_eur.value_or(0.0);
        gu += m.eu_turnover_eur.value_or(0.0);
      }
      const bool is_root = root_of(i) == i;
      const bool own_eu =
          f.employees && *f.employees > 1000 && f.turnover_eur && *f.turnover_eur > 450 * kM;
      const bool group_eu = is_root && ge > 1000 && gt > 450 * kM;
      const bool own_non = f.eu_turnover_eur && *f.eu_turnover_eur > 450 * kM;
      const bool group_non = is_root && gu > 450 * kM;
      const bool expected = eu ? (own_eu || group_eu) : (own_non || group_non);
      EXPECT_EQ(r.firms[static_cast<std::size_t>(i)].in_scope, expected)
          << "round " << round << " firm " << f.id << ": "
          << r.firms[static_cast<std::size_t>(i)].reason;
      EXPECT_EQ(r.firms[static_cast<std::size_t>(i)].group_parent,
                static_cast<model::FirmIndex>(root_of(i)));
      ++(expected ? in_scope : out_of_scope);
      if (!expected) continue;
      // Art. 37 on the figures of each route that holds; the earliest day wins.
      auto phase = [&](double emp, double turn, double eu_turn) {
        if (eu ? (emp > 5000 && turn > 1500 * kM) : eu_turn > 1500 * kM) return Date(2027, 7, 26);
        if (eu ? (emp > 3000 && turn > 900 * kM) : eu_turn > 900 * kM) return Date(2028, 7, 26);
        return Date(2029, 7, 26);
      };
      Date best(2100, 1, 1);
      if (eu ? own_eu : own_non) {
        best = std::min(best, phase(static_cast<double>(f.employees.value_or(0)),
                                    f.turnover_eur.value_or(0.0), f.eu_turnover_eur.value_or(0.0)));
      }
      if (eu ? group_eu : group_non) best = std::min(best, phase(ge, gt, gu));
      phase1 += best == Date(2027, 7, 26) ? 1 : 0;
      phase2 += best == Date(2028, 7, 26) ? 1 : 0;
      EXPECT_EQ(r.firms[static_cast<std::size_t>(i)].applies_from, best)
          << "round " << round << " firm " << f.id << ": "
          << r.firms[static_cast<std::size_t>(i)].reason;
    }
  }
  EXPECT_GT(in_scope, 0);
  EXPECT_GT(out_of_scope, 0);
  EXPECT_GT(phase1, 0);
  EXPECT_GT(phase2, 0);
}

}  // namespace
}  // namespace diligence::test
