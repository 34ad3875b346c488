// End-to-end tests of `diligence scope`: the JSON keys of spec/cli.md, `--as-of` one day before
// and on an application date, group consolidation, non-EU firms, LkSG's employees in Germany,
// profiles by id and by path, and the exit status of every kind of bad input or usage.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace {

using namespace diligence::cli_test;

// Five firms on the first application day of csddd-2024 (groups are made with `parent`):
//
//   HOLD (DE, 100 employees, EUR 50m)            ultimate parent, no employees_by_country
//    └── SUB (DE, 5 000 employees, EUR 1 500m)    900 of them in DE
//   group: 5 100 employees, EUR 1 550m → HOLD in scope through eu-group, phase 1 (2027-07-26);
//   SUB in scope on its own figures, but exactly 5 000 / EUR 1 500m is not "more than": phase 2.
//   KR-EXP  (KR, EU turnover EUR 1 600m)          non-EU, phase 1
//   US-BR   (US, 2 000 employees in DE)           no EU turnover given; LkSG: in scope
//   SME     (KR, 40 employees)                    out of scope everywhere
constexpr const char* kScenario = R"(format: diligence/1
name: scope CLI test
as_of: 2027-07-26
firms:
  - {id: HOLD, country: DE, sector: K64, employees: 100, turnover_eur: 50000000}
  - id: SUB
    country: DE
    sector: C27
    employees: 5000
    employees_by_country: {DE: 900, PL: 4100}
    turnover_eur: 1500000000
    parent: HOLD
  - {id: KR-EXP, country: KR, sector: C27.20, employees: 2000, turnover_eur: 4000000000, eu_turnover_eur: 1600000000}
  - id: US-BR
    country: US
    sector: G46
    employees: 30000
    employees_by_country: {US: 28000, DE: 2000}
  - {id: SME, country: KR, sector: C25, employees: 40, turnover_eur: 5000000}
links:
  - {supplier: SME, buyer: KR-EXP, spend_eur: 100000}
  - {supplier: KR-EXP, buyer: SUB, spend_eur: 900000}
)";

// A tiny profile file: in scope with at least 40 employees, from 2027-01-01.
constexpr const char* kProfile = R"(format: diligence-directive/1
id: tiny
title: Tiny test act
legal_reference: Act 1
in_force: 2026-01-01
source: test
scope:
  rules:
    - {id: forty, who: any, conditions: [{measure: employees, comparison: at_least, threshold: 40}],
       reference: Art. 1, source: test, verified: false}
application:
  phases:
    - {id: all, from: 2027-01-01, reference: Art. 2, source: test, verified: true}
chain: {coverage: all_upstream, reference: Art. 3, source: test, verified: true}
obligations:
  - {id: policy, article: Art. 4, title: Policy, grade: major, corrective_action: Do it., source: test, verified: true}
severity: {values: {child_labour: 1.0}, source: judgement, verified: false}
penalty: {fixed_maxima: [{max_eur: 1000, offences: all}], reference: Art. 5, source: test, verified: true}
)";

class ScopeCliTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    scenario_ = write("scenario.yaml", kScenario).string();
  }

  // `scope --json` on the test scenario; the firms by id.
  json scope_json(const std::vector<std::string>& extra) const {
    std::vector<std::string> args{"scope", scenario_, "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const Result r = run(args);
    EXPECT_EQ(r.status, 0) << r.err;
    json doc = parse_json(r);
    json by_id = json::object();
    for (const json& f : doc.at("firms")) by_id[f.at("id").get<std::string>()] = f;
    doc["by_id"] = by_id;
    return doc;
  }

  std::string scenario_;
};

TEST_F(ScopeCliTest, JsonHasTheKeysOfTheSpecForEveryFirm) {
  const json doc = scope_json({"--directive", "csddd-2024"});
  EXPECT_EQ(doc.at("directive"), "csddd-2024");
  EXPECT_EQ(doc.at("as_of"), "2027-07-26");
  ASSERT_EQ(doc.at("firms").size(), 5u);
  for (const json& f : doc.at("firms")) {
    for (const char* key : {"id", "in_scope", "applies", "applies_from", "rule"})
      EXPECT_TRUE(f.contains(key)) << key << " missing in " << f.dump();
    EXPECT_TRUE(f.at("in_scope").is_boolean());
    EXPECT_TRUE(f.at("applies").is_boolean());
  }
  const json& sme = doc.at("by_id").at("SME");
  EXPECT_EQ(sme.at("in_scope"), false);
  EXPECT_EQ(sme.at("applies"), false);
  EXPECT_TRUE(sme.at("applies_from").is_null());
  EXPECT_TRUE(sme.at("rule").is_null());
  EXPECT_EQ(doc.at("in_scope_count"), 3);
  EXPECT_EQ(doc.at("applies_count"), 2);
}

TEST_F(ScopeCliTest, GroupConsolidationAndTheStrictPhaseThresholds) {
  const json by_id = scope_json({"--directive", "csddd-2024"}).at("by_id");
  const json& hold = by_id.at("HOLD");
  EXPECT_EQ(hold.at("in_scope"), true);
  EXPECT_EQ(hold.at("rule"), "eu-group");
  EXPECT_EQ(hold.at("basis"), "group");
  EXPECT_EQ(hold.at("applies_from"), "2027-07-26");
  EXPECT_EQ(hold.at("applies"), true);
  EXPECT_EQ(hold.at("figures")[0].at("value"), 5100.0);
  const json& sub = by_id.at("SUB");
  EXPECT_EQ(sub.at("in_scope"), true);
  EXPECT_EQ(sub.at("rule"), "eu-company");
  EXPECT_EQ(sub.at("applies_from"), "2028-07-26");  // 5 000 is not more than 5 000
  EXPECT_EQ(sub.at("applies"), false);
  EXPECT_EQ(sub.at("group_parent"), "HOLD");
  EXPECT_EQ(sub.at("group_parent_in_scope"), true);
  const json& kr = by_id.at("KR-EXP");
  EXPECT_EQ(kr.at("rule"), "non-eu-company");
  EXPECT_EQ(kr.at("eu"), false);
  EXPECT_EQ(kr.at("applies"), true);
  const json& us = by_id.at("US-BR");
  EXPECT_EQ(us.at("in_scope"), false);
  EXPECT_EQ(us.at("missing"), json::array({"eu_turnover_eur"}));
}

TEST_F(ScopeCliTest, AsOfOneDayBeforeAndOnTheApplicationDate) {
  const json before = scope_json({"--directive", "csddd-2024", "--as-of", "2027-07-25"});
  EXPECT_EQ(before.at("as_of"), "2027-07-25");
  EXPECT_EQ(before.at("by_id").at("HOLD").at("in_scope"), true);
  EXPECT_EQ(before.at("by_id").at("HOLD").at("applies"), false);
  EXPECT_EQ(before.at("by_id").at("KR-EXP").at("applies"), false);
  EXPECT_EQ(before.at("applies_count"), 0);
  const json on = scope_json({"--directive", "csddd-2024", "--as-of", "2027-07-26"});
  EXPECT_EQ(on.at("by_id").at("HOLD").at("applies"), true);
  EXPECT_EQ(on.at("by_id").at("KR-EXP").at("applies"), true);
  // The amended text: one date for everyone.
  const json amended = scope_json({"--directive", "csddd-2026", "--as-of", "2029-07-26"});
  EXPECT_EQ(amended.at("by_id").at("HOLD").at("applies_from"), "2029-07-26");
  EXPECT_EQ(amended.at("by_id").at("HOLD").at("rule_verified"), false);
  EXPECT_EQ(amended.at("by_id").at("SUB").at("in_scope"), false);  // 5 000 is not more than 5 000
  EXPECT_EQ(amended.at("by_id").at("KR-EXP").at("applies"), true);
}

TEST_F(ScopeCliTest, LksgCountsEmployeesInGermany) {
  const json by_id = scope_json({"--directive", "lksg"}).at("by_id");
  // US-BR: a foreign company with 2 000 employees in Germany.
  EXPECT_EQ(by_id.at("US-BR").at("in_scope"), true);
  EXPECT_EQ(by_id.at("US-BR").at("applies_from"), "2024-01-01");
  // SUB: 900 in Germany, not in scope; its parent counts the group: 100 (estimated) + 900.
  EXPECT_EQ(by_id.at("SUB").at("in_scope"), false);
  EXPECT_EQ(by_id.at("HOLD").at("in_scope"), true);
  EXPECT_EQ(by_id.at("HOLD").at("rule"), "group-employees-in-germany");
  EXPECT_EQ(by_id.at("HOLD").at("figures")[0].at("estimated"), true);
  // KR-EXP gives no employees_by_country: its German employees are unknown.
  EXPECT_EQ(by_id.at("KR-EXP").at("in_scope"), false);
  EXPECT_EQ(by_id.at("KR-EXP").at("missing"), json::array({"employees_by_country.DE"}));
}

TEST_F(ScopeCliTest, TextListsFirmsInScopeAndExplains) {
  const Result r = run({"scope", scenario_, "--directive", "csddd-2026", "--explain"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("as of 2027-07-26: 2 of 5 firms in scope, 0 with obligations that apply"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("HOLD"), std::string::npos);
  EXPECT_EQ(r.out.find("SME"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("eu-group *"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("editable default"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("group employees 5100 (more than 5000)"), std::string::npos) << r.out;
  const Result all = run({"scope", scenario_, "--directive", "csddd-2026", "--all"});
  ASSERT_EQ(all.status, 0) << all.err;
  EXPECT_NE(all.out.find("SME"), std::string::npos) << all.out;
}

TEST_F(ScopeCliTest, ProfileByPathAndOutputFile) {
  const fs::path profile = write("tiny.yaml", kProfile);
  const fs::path out = dir_ / "scope.json";
  const Result r =
      run({"scope", scenario_, "--directive", profile.string(), "--json", "-o", out.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const json doc = json::parse(read_text(out));
  EXPECT_EQ(doc.at("directive"), "tiny");
  for (const json& f : doc.at("firms")) {
    EXPECT_EQ(f.at("in_scope"), true) << f.dump();  // every firm has at least 40 employees
    EXPECT_EQ(f.at("applies_from"), "2027-01-01");
  }
}

TEST_F(ScopeCliTest, BadInputExitsOneAndBadUsageTwo) {
  // An id that names no shipped profile: usage, with the shipped ids named.
  Result r = run({"scope", scenario_, "--directive", "csddd"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("directive.unknown_profile"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("csddd-2024"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  // A profile path that does not exist: bad input.
  r = run({"scope", scenario_, "--directive", (dir_ / "none.yaml").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("io.file_not_found"), std::string::npos) << r.err;
  // A broken profile: bad input, with position and key.
  std::string broken = kProfile;
  broken.replace(broken.find("comparison: at_least"), 20, "comparison: atleast");
  const fs::path bad = write("bad.yaml", broken);
  const fs::path out = dir_ / "out.json";
  r = run({"scope", scenario_, "--directive", bad.string(), "--json", "-o", out.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("bad.yaml:9:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("input.bad_value"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("scope.rules[0].conditions[0].comparison"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  // A bad date and a missing --directive: usage.
  r = run({"scope", scenario_, "--directive", "lksg", "--as-of", "2027-02-30"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("2027-02-30"), std::string::npos) << r.err;
  r = run({"scope", scenario_});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--directive"), std::string::npos) << r.err;
  // A missing scenario: bad input.
  r = run({"scope", (dir_ / "missing.yaml").string(), "--directive", "lksg"});
  EXPECT_EQ(r.status, 1);
}

TEST_F(ScopeCliTest, HelpListsTheCommand) {
  const Result r = run({"--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("scope"), std::string::npos) << r.out;
  const Result s = run({"scope", "--help"});
  EXPECT_EQ(s.status, 0);
  for (const char* opt : {"--directive", "--as-of", "--json", "--explain", "--all"})
    EXPECT_NE(s.out.find(opt), std::string::npos) << opt;
}

TEST_F(ScopeCliTest, ShippedExampleMatchesItsComments) {
  // examples/scenarios/korea-battery says what the scope rules should find on 2029-09-01.
  const std::string example =
      std::string(DILIGENCE_SOURCE_DIR) + "/examples/scenarios/korea-battery/scenario.yaml";
  auto by_id = [&](const char* directive) {
    const Result r = run({"scope", example, "--directive", directive, "--json"});
    EXPECT_EQ(r.status, 0) << r.err;
    const json doc = json::parse(r.out);
    json m = json::object();
    for (const json& f : doc.at("firms")) m[f.at("id").get<std::string>()] = f;
    return m;
  };
  const json c24 = by_id("csddd-2024");
  const json c26 = by_id("csddd-2026");
  const json lksg = by_id("lksg");
  for (const char* id : {"DE-AUTO", "KR-BATT", "KR-GRP"}) {
    EXPECT_EQ(c24.at(id).at("in_scope"), true) << id;
    EXPECT_EQ(c26.at(id).at("in_scope"), true) << id;
  }
  EXPECT_EQ(lksg.at("DE-AUTO").at("in_scope"), true);
  EXPECT_EQ(c24.at("DE-AUTO-BS").at("in_scope"), false);
  EXPECT_EQ(c24.at("DE-AUTO-BS").at("group_parent_in_scope"), true);
  EXPECT_EQ(c24.at("FR-MACH").at("applies_from"), "2028-07-26");
  EXPECT_EQ(c26.at("FR-MACH").at("in_scope"), false);
  EXPECT_EQ(lksg.at("FR-MACH").at("in_scope"), false);
  EXPECT_EQ(c24.at("KR-BATT").at("applies_from"), "2027-07-26");
  EXPECT_EQ(c24.at("KR-AUTO").at("applies_from"), "2029-07-26");
  EXPECT_EQ(c26.at("KR-AUTO").at("in_scope"), false);
  EXPECT_EQ(c24.at("KR-GRP").at("rule"), "non-eu-group");
}

}  // namespace
