// End-to-end tests of `diligence support`: the JSON keys of spec/cli.md (classes, allocation,
// total_gain, baselines with every other strategy), greedy against the baselines, the seeded
// random strategy, the multi-year path, targets by directive and by list, the exit status and
// position of every kind of bad input, and the shipped example (issue 5: the allocation beats
// every baseline on it).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace {

using namespace diligence::cli_test;

// DE-OEM (csddd-2026 applies on 2029-09-01) ◀─ KR-EXP (large exporter) ◀─ KR-A, KR-B (tier 2)
//   KR-A ◀─ KR-C (tier 3, self-assessed 0.6) ◀─ KR-D (tier 4: beginner) ◀─ KR-E (size unknown)
constexpr const char* kScenario = R"(format: diligence/1
name: support CLI test
as_of: 2029-09-01
firms:
  - {id: DE-OEM, country: DE, sector: C29.10, employees: 6000, turnover_eur: 2000000000}
  - {id: KR-EXP, country: KR, sector: C27.20, employees: 2600, turnover_eur: 1900000000, eu_turnover_eur: 700000000, exporter: true}
  - {id: KR-A, country: KR, sector: C25.62, employees: 40, turnover_eur: 5000000}
  - {id: KR-B, country: KR, sector: C22.19, employees: 12, turnover_eur: 2000000}
  - {id: KR-C, country: KR, sector: C25.61, employees: 8, turnover_eur: 1000000, assessment: {scores: {E: 0.6, S: 0.7, G: 0.5}}}
  - {id: KR-D, country: KR, sector: C13.96, employees: 30, turnover_eur: 3000000}
  - {id: KR-E, country: KR, sector: C25, employees: 5}
links:
  - {supplier: KR-EXP, buyer: DE-OEM, share: 0.2}
  - {supplier: KR-A, buyer: KR-EXP, spend_eur: 5000000}
  - {supplier: KR-B, buyer: KR-EXP, spend_eur: 1000000}
  - {supplier: KR-C, buyer: KR-A, spend_eur: 300000}
  - {supplier: KR-D, buyer: KR-C, spend_eur: 200000}
  - {supplier: KR-E, buyer: KR-D, spend_eur: 100000}
)";

constexpr const char* kProgrammes = R"(format: diligence-programmes/1
targets: {directive: csddd-2026}
programmes:
  - {id: consulting, slots: 2, effect: {all: 0.3}, eligible: [beginner, urgent]}
  - id: supply-chain
    slots: 1
    effect: {forced_labour: 0.5, child_labour: 0.5, health_safety: 0.4}
    eligible: [urgent]
)";

class SupportCliTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    scenario_ = write("scenario.yaml", kScenario).string();
    programmes_ = write("programmes.yaml", kProgrammes).string();
  }
  Result support(const std::vector<std::string>& extra, const std::string& programmes = {}) const {
    std::vector<std::string> args{"support", scenario_, "--programmes",
                                  programmes.empty() ? programmes_ : programmes};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }
  json support_json(const std::vector<std::string>& extra) const {
    std::vector<std::string> args{"--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const Result r = support(args);
    EXPECT_EQ(r.status, 0) << r.err;
    return parse_json(r);
  }
  std::string scenario_, programmes_;
};

TEST_F(SupportCliTest, JsonHasTheKeysOfTheSpec) {
  const json d = support_json({});
  ASSERT_TRUE(d.contains("classes"));
  EXPECT_EQ(d["classes"].size(), 7u);
  EXPECT_EQ(d["classes"]["DE-OEM"], "large");
  EXPECT_EQ(d["classes"]["KR-EXP"], "large");
  EXPECT_EQ(d["classes"]["KR-A"], "urgent");
  EXPECT_EQ(d["classes"]["KR-B"], "urgent");
  EXPECT_EQ(d["classes"]["KR-C"], "urgent");
  EXPECT_EQ(d["classes"]["KR-D"], "beginner");
  EXPECT_EQ(d["classes"]["KR-E"], "unknown");
  EXPECT_EQ(d["targets"], json::array({"DE-OEM"}));
  EXPECT_EQ(d["strategy"], "greedy");
  ASSERT_TRUE(d["allocation"].is_array());
  ASSERT_EQ(d["allocation"].size(), 3u);
  double sum = 0.0;
  for (const auto& a : d["allocation"]) {
    ASSERT_TRUE(a.contains("programme") && a.contains("firm") && a.contains("gain"));
    EXPECT_GT(a["gain"].get<double>(), 0.0);
    sum += a["gain"].get<double>();
  }
  const double total = d["total_gain"].get<double>();
  EXPECT_GT(total, 0.0);
  EXPECT_NEAR(sum, total, 1e-12);
  EXPECT_NEAR(
      d["target_exposure"]["before"].get<double>() - d["target_exposure"]["after"].get<double>(),
      total, 1e-12);
  // Baselines: every other strategy, never better than greedy here (one year).
  ASSERT_TRUE(d["baselines"].is_object());
  EXPECT_EQ(d["baselines"].size(), 3u);
  for (const char* s : {"random", "own-risk", "spend"}) {
    ASSERT_TRUE(d["baselines"].contains(s)) << s;
    EXPECT_LE(d["baselines"][s].get<double>(), total + 1e-12) << s;
    EXPECT_EQ(d["baselines"][s], d["strategies"][s]["total_gain"]);
  }
  EXPECT_EQ(d["strategies"]["greedy"]["total_gain"], d["total_gain"]);
  EXPECT_EQ(d["class_counts"]["urgent"], 3);
  EXPECT_EQ(d["path"].size(), 2u);
  EXPECT_TRUE(d["converged"].get<bool>());
}

TEST_F(SupportCliTest, ABaselineStrategyListsGreedyAmongItsBaselines) {
  const json d = support_json({"--strategy", "spend"});
  EXPECT_EQ(d["strategy"], "spend");
  EXPECT_TRUE(d["baselines"].contains("greedy"));
  EXPECT_FALSE(d["baselines"].contains("spend"));
  // spend fills every slot: consulting 2 of 4 eligible, supply-chain 1 of 3.
  EXPECT_EQ(d["allocation"].size(), 3u);
  EXPECT_EQ(d["allocation"][0]["firm"], "KR-A");  // the largest sales among the eligible
}

TEST_F(SupportCliTest, RandomIsReproducibleWithItsSeed) {
  const Result a = support({"--json", "--strategy", "random", "--seed", "17"});
  const Result b = support({"--json", "--strategy", "random", "--seed", "17"});
  ASSERT_EQ(a.status, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(parse_json(a)["seed"], 17);
}

TEST_F(SupportCliTest, YearsGiveThePathOfTargetExposure) {
  // Consulting with a slot for every SME: KR-D, the only beginner, is served in year 1.
  const std::string p = write("years.yaml", R"(format: diligence-programmes/1
targets: {directive: csddd-2026}
programmes:
  - {id: consulting, slots: 4, effect: {all: 0.3}, eligible: [beginner, urgent]}
  - {id: supply-chain, slots: 1, effect: {forced_labour: 0.5}, eligible: [urgent]}
)")
                            .string();
  const Result run3 = support({"--json", "--years", "3"}, p);
  ASSERT_EQ(run3.status, 0) << run3.err;
  const json d = parse_json(run3);
  ASSERT_EQ(d["path"].size(), 4u);
  double previous = d["path"][0]["target_exposure"].get<double>();
  double sum = 0.0;
  for (std::size_t y = 1; y < 4; ++y) {
    const double x = d["path"][y]["target_exposure"].get<double>();
    EXPECT_LT(x, previous);
    EXPECT_NEAR(d["path"][y]["gain"].get<double>(), previous - x, 1e-12);
    sum += previous - x;
    previous = x;
  }
  EXPECT_NEAR(sum, d["total_gain"].get<double>(), 1e-12);
  bool third = false;
  for (const auto& a : d["allocation"]) third = third || a["year"] == 3;
  EXPECT_TRUE(third);
  // KR-D (the only beginner, no assessment) is served by consulting in year 1 (0 → 0.6 in every
  // pillar: effect 0.3, pillar strength 0.5) and is established in year 2.
  EXPECT_EQ(d["path"][1]["class_counts"]["beginner"], 1);
  EXPECT_EQ(d["path"][2]["class_counts"]["beginner"], 0);
  EXPECT_EQ(d["path"][2]["class_counts"]["established"], 1);
  const Result text = support({"--years", "3"}, p);
  EXPECT_NE(text.out.find("Path of target exposure"), std::string::npos) << text.out;
}

TEST_F(SupportCliTest, TargetsCanBeListed) {
  const std::string p = write("list.yaml", R"(format: diligence-programmes/1
targets: {firms: [KR-EXP]}
classes: {urgent_within_tiers: 1}
programmes: [{id: c, slots: 10, effect: {all: 0.5}}]
)")
                            .string();
  const Result r = support({"--json"}, p);
  ASSERT_EQ(r.status, 0) << r.err;
  const json d = parse_json(r);
  EXPECT_EQ(d["targets"], json::array({"KR-EXP"}));
  EXPECT_TRUE(d["directive"].is_null());
  EXPECT_EQ(d["classes"]["KR-A"], "urgent");
  EXPECT_EQ(d["classes"]["KR-C"], "established");
  EXPECT_EQ(d["classes"]["KR-D"], "beginner");
  // Greedy serves only firms whose risk reaches KR-EXP: KR-A, KR-B, KR-C, KR-D (not KR-E: unknown).
  EXPECT_EQ(d["allocation"].size(), 4u);
}

TEST_F(SupportCliTest, TextReportComparesEveryStrategy) {
  const Result r = support({});
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* s : {"greedy *", "random (seed 1)", "own-risk", "spend",
                        "Classes (year 1): urgent 3", "consulting", "supply-chain"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  const fs::path out = dir_ / "report.json";
  const Result f = support({"--json", "-o", out.string()});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_TRUE(f.out.empty());
  EXPECT_TRUE(json::accept(read_text(out)));
}

TEST_F(SupportCliTest, BadProgrammeFilesExitWithStatus1AndAPosition) {
  struct Bad {
    const char* text;
    const char* expect;
  };
  const std::vector<Bad> cases = {
      {"format: diligence-programmes/1\ntargets: {directive: csddd-2026}\n"
       "programmes:\n  - {id: c, slots: -1, effect: {all: 0.3}}\n",
       "bad.yaml:4:20: error[input.range]: programmes[0].slots"},
      {"format: diligence-programmes/1\ntargets: {directive: csddd-2026}\n"
       "programmes:\n  - {id: c, slots: 1, effect: {child_labor: 0.3}}\n",
       "bad.yaml:4:32: error[input.unknown_category]: programmes[0].effect.child_labor"},
      {"format: diligence-programmes/1\ntargets:\n  firms: [DE-OEM, KR-NOPE]\n"
       "programmes:\n  - {id: c, slots: 1, effect: {all: 0.3}}\n",
       "bad.yaml:3:19: error[network.unknown_firm]: targets.firms[1]"},
      {"format: diligence-programmes/1\ntargets:\n  directive: csddd-2099\n"
       "programmes:\n  - {id: c, slots: 1, effect: {all: 0.3}}\n",
       "bad.yaml:3:14: error[directive.unknown_profile]: targets.directive"},
      {"format: diligence-programmes/1\ntargets: {directive: csddd-2026}\n"
       "programmes:\n  - {id: c, slots: 1, effect: {all: 0.3}, eligible: [novice]}\n",
       "bad.yaml:4:54: error[input.bad_value]: programmes[0].eligible[0]"},
      {"format: diligence-programmes/1\ntargets: {directive: csddd-2026}\n"
       "programmes:\n  - {id: c, slots: 1, effect: {all: 1.3}}\n",
       "bad.yaml:4:37: error[input.range]: programmes[0].effect.all"},
      {"format: diligence-programmes/1\ntargets: {directive: csddd-2026}\nbudget: 1\n",
       "bad.yaml:3:1: error[input.unknown_key]: budget"},
  };
  for (const Bad& c : cases) {
    const std::string p = write("bad.yaml", c.text).string();
    const fs::path out = dir_ / "out.json";
    const Result r = support({"--json", "-o", out.string()}, p);
    EXPECT_EQ(r.status, 1) << c.expect << "\n" << r.err;
    EXPECT_TRUE(r.out.empty());
    EXPECT_FALSE(fs::exists(out));
    EXPECT_NE(r.err.find(c.expect), std::string::npos) << r.err;
  }
  const Result missing = support({}, (dir_ / "none.yaml").string());
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("io.file_not_found"), std::string::npos) << missing.err;
}

TEST_F(SupportCliTest, BadUsageExitsWithStatus2) {
  EXPECT_EQ(support({"--strategy", "best"}).status, 2);
  EXPECT_EQ(support({"--years", "0"}).status, 2);
  EXPECT_EQ(support({"--seed", "-3"}).status, 2);
  EXPECT_EQ(support({"--upstream-weight", "1"}).status, 2);
  EXPECT_EQ(run({"support", scenario_}).status, 2);  // --programmes is required
  const Result help = run({"support", "--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--programmes"), std::string::npos);
}

TEST_F(SupportCliTest, NoTargetsIsAWarningAndZeroGain) {
  const std::string p = write("early.yaml", R"(format: diligence-programmes/1
targets: {directive: csddd-2026}
programmes: [{id: c, slots: 3, effect: {all: 0.5}}]
)")
                            .string();
  const std::string s = write("early-scenario.yaml",
                              [] {
                                std::string t = kScenario;
                                t.replace(t.find("2029-09-01"), 10,
                                          "2029-07-25");  // the day before csddd-2026 applies
                                return t;
                              }())
                            .string();
  const Result r = run({"support", s, "--programmes", p, "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json d = parse_json(r);
  EXPECT_EQ(d["total_gain"], 0.0);
  EXPECT_TRUE(d["targets"].empty());
  bool warned = false;
  for (const auto& w : d["warnings"]) warned = warned || w["id"] == "support.no_targets";
  EXPECT_TRUE(warned);
}

// Issue 5, "Done when": on the shipped example the allocation beats every baseline.
TEST_F(SupportCliTest, OnTheShippedExampleGreedyBeatsEveryBaseline) {
  const fs::path dir = fs::path(DILIGENCE_SOURCE_DIR) / "examples" / "support";
  const Result r =
      run({"support", (dir / "complex-2000" / "scenario.yaml").string(), "--programmes",
           (dir / "programmes.yaml").string(), "--json", "--years", "2"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json d = parse_json(r);
  EXPECT_EQ(d["targets"], json::array({"DE-AUTO", "FR-ELEC", "SE-MACH", "NL-MED"}));
  EXPECT_GE(d["classes"].size(), 2000u);
  const double greedy = d["total_gain"].get<double>();
  for (const auto& [name, gain] : d["baselines"].items())
    EXPECT_GT(greedy, gain.get<double>()) << name;
  std::size_t consulting = 0, supply = 0, training = 0;
  for (const auto& a : d["allocation"]) {
    if (a["year"] != 1) continue;
    consulting += a["programme"] == "consulting";
    supply += a["programme"] == "supply-chain";
    training += a["programme"] == "training";
  }
  EXPECT_EQ(consulting, 100u);
  EXPECT_EQ(supply, 110u);
  EXPECT_EQ(training, 50u);
}

}  // namespace
