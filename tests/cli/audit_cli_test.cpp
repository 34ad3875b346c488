// End-to-end tests of `diligence audit`: the JSON keys of spec/cli.md for the company audit and
// the supplier mock due diligence, the out-of-scope report, `--json` = `--format json`, the
// Markdown rendering, identical Monte Carlo output for one and two OpenMP threads, `-o FILE`, and
// the exit status of every kind of bad input or usage.
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace {

using namespace diligence::cli_test;

const std::string kKorea =
    std::string(DILIGENCE_SOURCE_DIR) + "/examples/scenarios/korea-battery/scenario.yaml";

// Two firms: a German firm that misses its complaints procedure, and its Korean supplier.
//   KR-SUP (KR, SME) ──▶ DE-F (DE, 6 000 employees, EUR 2 000m)
constexpr const char* kScenario = R"(format: diligence/1
as_of: 2029-09-01
firms:
  - id: DE-F
    country: DE
    sector: C29
    employees: 6000
    turnover_eur: 2000000000
    due_diligence:
      policy_reviewed: 2028-09-01
      code_of_conduct: true
      risk_assessment: 2029-06-01
      mapped_tiers: 1
      prevention_plans: 1
      contractual_assurances: 1
      sme_support: true
      complaints_procedure: false
      stakeholder_engagement: true
      remediation: true
      annual_statement: true
      transition_plan: true
  - {id: KR-SUP, country: KR, sector: C25, employees: 40, turnover_eur: 5000000}
  - {id: DE-SMALL, country: DE, sector: C25, employees: 200, turnover_eur: 30000000}
links:
  - {supplier: KR-SUP, buyer: DE-F, spend_eur: 1000000, contract: {code_of_conduct: true}}
)";

class AuditCliTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    scenario_ = write("scenario.yaml", kScenario).string();
  }
  std::string scenario_;
};

/// Sets an environment variable for the life of the object (the CLI inherits it).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_.empty())
      ::unsetenv(name_);
    else
      ::setenv(name_, old_.c_str(), 1);
  }

 private:
  const char* name_;
  std::string old_;
};

TEST_F(AuditCliTest, CompanyJsonHasTheSpecKeys) {
  const Result r =
      run({"audit", kKorea, "--focal", "DE-AUTO", "--directive", "csddd-2024", "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const json doc = parse_json(r);
  for (const char* key : {"focal", "directive", "as_of", "in_scope", "applies", "findings", "score",
                          "max_penalty_eur", "sample"})
    EXPECT_TRUE(doc.contains(key)) << key;
  EXPECT_FALSE(doc.contains("monte_carlo"));
  EXPECT_EQ(doc["focal"], "DE-AUTO");
  EXPECT_EQ(doc["directive"], "csddd-2024");
  EXPECT_EQ(doc["as_of"], "2029-09-01");
  EXPECT_EQ(doc["in_scope"], true);
  EXPECT_EQ(doc["applies"], true);
  ASSERT_TRUE(doc["findings"].is_array());
  ASSERT_FALSE(doc["findings"].empty());
  for (const auto& f : doc["findings"]) {
    for (const char* key : {"obligation", "article", "grade", "message"})
      EXPECT_TRUE(f.contains(key)) << key;
    const std::string g = f["grade"];
    EXPECT_TRUE(g == "critical" || g == "major" || g == "minor") << g;
  }
  // DE-AUTO maps 3 tiers; cobalt sits at tier 5.
  EXPECT_EQ(doc["findings"][0]["obligation"], "art8-identify");
  EXPECT_EQ(doc["findings"][0]["article"], "Art. 8");
  EXPECT_TRUE(doc["score"].is_number());
  EXPECT_EQ(doc["max_penalty_eur"], 2.6e9);  // 5 % of EUR 52 000m
  EXPECT_EQ(doc["sample"].size(), 5u);
  for (const auto& s : doc["sample"])
    for (const char* key : {"id", "tier", "visit", "detection", "weight", "found", "missed"})
      EXPECT_TRUE(s.contains(key)) << key;
}

TEST_F(AuditCliTest, JsonFlagEqualsFormatJson) {
  const Result a = run({"audit", scenario_, "--focal", "DE-F", "-d", "csddd-2024", "--json"});
  const Result b =
      run({"audit", scenario_, "--focal", "DE-F", "-d", "csddd-2024", "--format", "json"});
  ASSERT_EQ(a.status, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
}

TEST_F(AuditCliTest, HandMadeScenarioFindingAndPenalty) {
  const Result r = run({"audit", scenario_, "--focal", "DE-F", "-d", "csddd-2026", "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);
  ASSERT_EQ(doc["findings"].size(), 1u) << doc["findings"].dump(2);
  EXPECT_EQ(doc["findings"][0]["obligation"], "art14-complaints");
  EXPECT_EQ(doc["findings"][0]["grade"], "major");
  EXPECT_EQ(doc["max_penalty_eur"], 6e7);  // 3 % cap of EUR 2 000m
  EXPECT_EQ(doc["penalty"]["bound"], "cap");
}

TEST_F(AuditCliTest, OutOfScopeReport) {
  const Result r = run(
      {"audit", scenario_, "--focal", "DE-SMALL", "-d", "csddd-2024", "--json", "--runs", "10"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);
  EXPECT_EQ(doc["in_scope"], false);
  EXPECT_EQ(doc["applies"], false);
  EXPECT_EQ(doc["findings"], json::array());
  EXPECT_EQ(doc["sample"], json::array());
  EXPECT_EQ(doc["max_penalty_eur"], 0.0);
  EXPECT_TRUE(doc["score"].is_null());
  EXPECT_EQ(doc["monte_carlo"]["runs"], 0);
  const std::string summary = doc["summary"];
  EXPECT_NE(summary.find("not in scope of csddd-2024"), std::string::npos) << summary;
  // Text says so too.
  const Result t = run({"audit", scenario_, "--focal", "DE-SMALL", "-d", "csddd-2024"});
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_NE(t.out.find("In scope: no."), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("employees 200 (not more than 1000)"), std::string::npos) << t.out;
}

TEST_F(AuditCliTest, MonteCarloIdenticalForOneAndTwoThreads) {
  const std::vector<std::string> args{"audit",       kKorea,       "--focal", "DE-AUTO",
                                      "--directive", "csddd-2024", "--runs",  "400",
                                      "--seed",      "3",          "--json"};
  Result one, two;
  {
    ScopedEnv env("OMP_NUM_THREADS", "1");
    one = run(args);
  }
  {
    ScopedEnv env("OMP_NUM_THREADS", "2");
    two = run(args);
  }
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  const json doc = parse_json(one);
  const json& mc = doc["monte_carlo"];
  EXPECT_EQ(mc["runs"], 400);
  EXPECT_EQ(mc["seed"], 3);
  for (const char* key : {"incidents", "found", "critical", "major", "minor", "penalty_eur"})
    for (const char* stat : {"mean", "p5", "p50", "p95"})
      EXPECT_TRUE(mc[key][stat].is_number()) << key << "." << stat;
  EXPECT_TRUE(mc["p_critical"].is_number());
  EXPECT_EQ(one.err, "");  // no progress bar when standard error is not a terminal
}

TEST_F(AuditCliTest, SeedChangesTheSample) {
  const auto sample = [&](const char* seed) {
    const Result r =
        run({"audit", kKorea, "--focal", "DE-AUTO", "-d", "csddd-2024", "--json", "--seed", seed});
    return parse_json(r)["sample"];
  };
  EXPECT_EQ(sample("5"), sample("5"));
  bool differs = false;
  for (const char* s : {"6", "7", "8", "9"}) differs = differs || sample(s) != sample("5");
  EXPECT_TRUE(differs);
}

TEST_F(AuditCliTest, MarkdownRendering) {
  const Result r = run({"audit", kKorea, "--focal", "FR-MACH", "-d", "csddd-2024", "--format", "md",
                        "--runs", "20"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("# Mock audit: FR-MACH (Rhône Manutention SA) under csddd-2024\n", 0), 0u)
      << r.out.substr(0, 200);
  for (const char* s :
       {"\n## Scope\n", "\n## Chain of activities\n", "\n## Risk identification\n",
        "\n## Prioritisation (severity x likelihood)\n", "\n## Obligations\n",
        "\n## Verification\n", "\n## Findings\n", "\n## Penalty exposure\n", "\n## Monte Carlo\n",
        "| article | obligation | result | checks | note |\n| --- | --- | --- | ---: | --- |\n",
        "| Art. 14 | art14-complaints | FAILED | 0 of 1 |  |\n",
        "1. [critical] Art. 11 (art11-end-actual-impacts): ",
        "   - evidence: network known_incidents: remediation false;",
        "   - action: Bring the actual impact to an end"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  // Text mode: the same report without Markdown syntax.
  const Result t = run({"audit", kKorea, "--focal", "FR-MACH", "-d", "csddd-2024"});
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_EQ(t.out.rfind("Mock audit: FR-MACH", 0), 0u);
  EXPECT_EQ(t.out.find("## "), std::string::npos);
  EXPECT_EQ(t.out.find("| --- |"), std::string::npos);
}

TEST_F(AuditCliTest, LksgAndSupplierKind) {
  const Result l = run({"audit", kKorea, "--focal", "DE-AUTO", "-d", "lksg", "--json"});
  ASSERT_EQ(l.status, 0) << l.err;
  const json ld = parse_json(l);
  EXPECT_EQ(ld["chain"]["coverage"], "direct_plus_substantiated");
  EXPECT_EQ(ld["max_penalty_eur"], 0.02 * 52e9);

  const Result s = run({"audit", kKorea, "--focal", "KR-NOK-03", "--kind", "supplier", "--buyer",
                        "KR-BATT", "-d", "csddd-2024", "--json", "--runs", "20"});
  ASSERT_EQ(s.status, 0) << s.err;
  const json sd = parse_json(s);
  EXPECT_EQ(sd["kind"], "supplier");
  EXPECT_EQ(sd["focal"], "KR-NOK-03");
  EXPECT_EQ(sd["buyer"], "KR-BATT");
  EXPECT_EQ(sd["directive"], "csddd-2024");
  EXPECT_EQ(sd["in_scope"], true);  // the buyer's scope
  for (const char* key : {"as_of", "applies", "findings", "score", "readiness", "fix_first",
                          "max_penalty_eur", "sample", "monte_carlo"})
    EXPECT_TRUE(sd.contains(key)) << key;
  ASSERT_FALSE(sd["findings"].empty());
  EXPECT_TRUE(sd["findings"][0]["deadline"].is_string());
  EXPECT_TRUE(sd["monte_carlo"]["p_critical"].is_number());
  const Result m =
      run({"audit", kKorea, "--focal", "KR-NOK-03", "--kind", "supplier", "--format", "md"});
  ASSERT_EQ(m.status, 0) << m.err;
  EXPECT_EQ(m.out.rfind("# Supplier mock due diligence: KR-NOK-03", 0), 0u);
  EXPECT_NE(m.out.find("\n## Findings\n"), std::string::npos);
}

TEST_F(AuditCliTest, OutputFile) {
  const std::string out = (dir_ / "audit.md").string();
  const Result r =
      run({"audit", scenario_, "--focal", "DE-F", "-d", "csddd-2024", "--format", "md", "-o", out});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(read_text(out).rfind("# Mock audit: DE-F under csddd-2024", 0), 0u);
}

TEST_F(AuditCliTest, UsageErrorsExitTwo) {
  const std::vector<std::vector<std::string>> cases{
      {"--focal", "DE-F", "-d", "csddd-2024", "--format", "pdf"},
      {"--focal", "DE-F", "-d", "csddd-2024", "--format", "html", "--json"},
      {"--focal", "DE-F"},  // --directive is required for a company audit
      {"--focal", "DE-F", "-d", "no-such-law"},
      {"--focal", "DE-F", "-d", "csddd-2024", "--json", "--format", "md"},
      {"--focal", "DE-F", "-d", "csddd-2024", "--kind", "buyer"},
      {"--focal", "DE-F", "-d", "csddd-2024", "--runs", "0"},
      {"--focal", "DE-F", "-d", "csddd-2024", "--seed", "-1"},
      {"--focal", "DE-F", "-d", "csddd-2024", "--as-of", "2029-02-30"},
      {"--focal", "DE-F", "-d", "csddd-2024", "--buyer", "KR-SUP"},
      {"--focal", "KR-SUP", "--kind", "supplier", "--audit-config", "x.yaml"},
      {"-d", "csddd-2024"},  // --focal is required
  };
  for (const auto& extra : cases) {
    std::vector<std::string> args{"audit", scenario_};
    args.insert(args.end(), extra.begin(), extra.end());
    const Result r = run(args);
    std::string cmd;
    for (const auto& a : extra) cmd += a + " ";
    EXPECT_EQ(r.status, 2) << cmd << "\n" << r.err;
    EXPECT_EQ(r.out, "") << cmd;
    EXPECT_NE(r.err, "") << cmd;
  }
}

TEST_F(AuditCliTest, BadInputExitsOne) {
  const std::string config = write("audit.yaml",
                                   "format: diligence-audit-config/1\n"
                                   "visits:\n"
                                   "  detection: {announced: 2}\n")
                                 .string();
  const std::string out = (dir_ / "never.json").string();
  const Result bad_config = run({"audit", scenario_, "--focal", "DE-F", "-d", "csddd-2024",
                                 "--audit-config", config, "-o", out});
  EXPECT_EQ(bad_config.status, 1);
  EXPECT_NE(bad_config.err.find("audit.yaml:3:26: error[input.range]: visits.detection.announced"),
            std::string::npos)
      << bad_config.err;
  EXPECT_FALSE(fs::exists(out));
  const Result unknown_firm = run({"audit", scenario_, "--focal", "NOPE", "-d", "csddd-2024"});
  EXPECT_EQ(unknown_firm.status, 1);
  EXPECT_NE(unknown_firm.err.find("error[usage.unknown_firm]: --focal: no firm with id 'NOPE'"),
            std::string::npos)
      << unknown_firm.err;
  const Result missing =
      run({"audit", (dir_ / "missing.yaml").string(), "--focal", "DE-F", "-d", "csddd-2024"});
  EXPECT_EQ(missing.status, 1);
  EXPECT_EQ(missing.out, "");
}

TEST_F(AuditCliTest, AuditConfigFileChangesTheAudit) {
  const std::string config = write("big.yaml",
                                   "format: diligence-audit-config/1\n"
                                   "id: big\n"
                                   "sampling: {size: 1}\n")
                                 .string();
  const Result r = run({"audit", kKorea, "--focal", "DE-AUTO", "-d", "csddd-2024", "--json",
                        "--audit-config", config});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);
  EXPECT_EQ(doc["config"]["id"], "big");
  EXPECT_EQ(doc["sample"].size(), 1u);
}

}  // namespace
