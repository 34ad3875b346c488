// End-to-end tests of `diligence risk`, `paths`, `disrupt` and `export`: exact numbers on small
// hand-drawn scenarios (explicit `risk:` values for every category, so the shipped risk model
// does not matter), the options and their usage errors (exit 2), unknown ids and categories
// (exit 1, nothing written), `-o`, `--timings`, the cascade simulation (`--model cascade --runs N
// --seed S`: within 5 standard errors of exact values, the same output for any thread count, its
// options' usage errors), and every command on the shipped examples.
#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace {

using namespace diligence::cli_test;

constexpr double kTol = 1e-12;

// The default categories (spec/scenario.md, "Categories").
const std::vector<std::string> kCategories = {
    "child_labour",           "forced_labour",  "health_safety", "wages_hours",
    "freedom_of_association", "discrimination", "land_rights",   "pollution",
    "biodiversity",           "climate",        "governance"};

// A `risk:` map giving `child` for child_labour and `rest` for every other category.
std::string risk_map(double child, double rest) {
  std::ostringstream out;
  out << "    risk:\n";
  for (const auto& c : kCategories)
    out << "      " << c << ": " << (c == "child_labour" ? child : rest) << "\n";
  return out.str();
}

// The three-firm chain. Arrows point from supplier to buyer.
//
//   S1 ──share 0.6──▶ B ──spend 1000──▶ C        (B: 0.4 of its procurement unmapped)
//
//   own risk r     child_labour   every other category
//   S1             0.8            0.2
//   B              0.4            0.1
//   C              0.2            0.3
//
// Linear exposure, λ = 0.5, u = 0.5:
//   x_S1 = r_S1                                          0.8     0.2
//   x_B  = 0.5 r_B + 0.5 (0.6 x_S1 + 0.4 · 0.5)          0.54    0.21
//   x_C  = 0.5 r_C + 0.5 (1 · x_B)                       0.37    0.255
// overall (max over categories): S1 0.8, B 0.54, C 0.37 (all child_labour).
//
// Own terms c (child_labour): c_S1 = 0.8, c_B = 0.5·0.4 + 0.5·0.4·0.5 = 0.3, c_C = 0.1, so the
// paths into C: C←B 0.5·0.3 = 0.15, C←B←S1 0.25·0.6·0.8 = 0.12, C alone 0.1; sum 0.37 = x_C.
std::string chain_yaml() {
  std::ostringstream y;
  y << "format: diligence/1\nname: Chain\nfirms:\n"
    << "  - id: S1\n    country: CD\n    sector: B07.29\n"
    << risk_map(0.8, 0.2)
    << "  - id: B\n    name: Beta & \"Sons\"\n    country: KR\n    sector: C27.20\n"
    << risk_map(0.4, 0.1) << "  - id: C\n    country: DE\n    sector: C29\n"
    << risk_map(0.2, 0.3) << "links:\n"
    << "  - {supplier: S1, buyer: B, share: 0.6}\n"
    << "  - {supplier: B, buyer: C, spend_eur: 1000}\n";
  return y.str();
}

// A cycle of two, H ⇄ I, each the only supplier of the other (spend: weight 1):
//   x_H = 0.5 r_H + 0.5 x_I,  x_I = 0.5 r_I + 0.5 x_H
// With r_H = 0.6, r_I = 0.3 in every category: x_H = (0.3 + 0.075) / 0.75 = 0.5, x_I = 0.4.
std::string cycle_yaml() {
  std::ostringstream y;
  y << "format: diligence/1\nfirms:\n"
    << "  - id: H\n    country: DE\n    sector: C29\n"
    << risk_map(0.6, 0.6) << "  - id: I\n    country: PL\n    sector: H49\n"
    << risk_map(0.3, 0.3) << "links:\n"
    << "  - {supplier: H, buyer: I, spend_eur: 10}\n"
    << "  - {supplier: I, buyer: H, spend_eur: 10}\n";
  return y.str();
}

// The disruption network. Arrows point from supplier to buyer; numbers are spend (EUR).
//
//   A ──300──▶ M ──100──▶ Z          weights: into M  A 0.3, X 0.7
//   X ──700──▶ M    Y ──300──▶ Z                  into Z  M 0.25, Y 0.75
//
//   turnover (EUR m): A 100, X 100, M 200, Y 100, Z 500 (total 1000)
//
// Fail A, τ = 1: round 1 M gets 0.3; round 2 Z gets 0.3 · 0.25 = 0.075; round 3 Z passes it to
// nobody. Total impact = (200 · 0.3 + 500 · 0.075) / 1000 = 0.0975; 2 affected, 3 rounds.
// Fail A, τ = 0.5: M 0.15, Z 0.01875; total (30 + 9.375) / 1000 = 0.039375.
// Fail A and X: M 1, Z 0.25; total (200 + 125) / 1000 = 0.325.
constexpr const char* kDisruption = R"(format: diligence/1
firms:
  - {id: A, country: CD, sector: B07, turnover_eur: 100000000}
  - {id: X, country: ID, sector: B07, turnover_eur: 100000000}
  - {id: M, name: Middle Corp, country: CN, sector: C24, turnover_eur: 200000000}
  - {id: Y, country: KR, sector: C27, turnover_eur: 100000000}
  - {id: Z, country: DE, sector: C29, turnover_eur: 500000000}
links:
  - {supplier: A, buyer: M, spend_eur: 300}
  - {supplier: X, buyer: M, spend_eur: 700}
  - {supplier: M, buyer: Z, spend_eur: 100}
  - {supplier: Y, buyer: Z, spend_eur: 300}
)";

// A risk model with two categories; it lacks the countries and the sector of the scenario
// below, so the fallback rows apply, with warnings.
constexpr const char* kTwoCategoryModel = R"(format: diligence-risk-model/1
id: two
categories:
  - {id: labour, pillar: S}
  - {id: water, pillar: E}
fallback:
  country: {values: {all: 0.5}, source: test}
  sector: {values: {all: 0.0}, source: test}
)";

// P ──spend──▶ Q, categories of the two-category model only.
constexpr const char* kTwoCategoryScenario = R"(format: diligence/1
firms:
  - id: P
    country: CD
    sector: B07
    risk: {labour: 0.9, water: 0.1}
  - id: Q
    country: DE
    sector: C29
    risk: {labour: 0.1, water: 0.2}
links:
  - {supplier: P, buyer: Q, spend_eur: 5}
)";

fs::path examples_dir() { return fs::path(DILIGENCE_SOURCE_DIR) / "examples" / "scenarios"; }

const json& firm_of(const json& doc, const std::string& id) {
  for (const json& f : doc.at("firms"))
    if (f.at("id") == id) return f;
  ADD_FAILURE() << "no firm " << id << " in " << doc.dump();
  static const json none;
  return none;
}

std::vector<std::string> ids_of(const json& doc) {
  std::vector<std::string> ids;
  for (const json& f : doc.at("firms")) ids.push_back(f.at("id"));
  return ids;
}

void expect_chain_exposure(const json& doc, const std::string& id, double child, double rest) {
  const json& f = firm_of(doc, id);
  for (const auto& c : kCategories)
    EXPECT_NEAR(f.at("exposure").at(c).get<double>(), c == "child_labour" ? child : rest, kTol)
        << id << " " << c;
  EXPECT_NEAR(f.at("overall").get<double>(), std::max(child, rest), kTol) << id;
}

// --- risk --------------------------------------------------------------------------------------

TEST_F(CliTest, RiskChainExactNumbers) {
  const fs::path scenario = write("chain.yaml", chain_yaml());
  const Result r = run({"risk", "--json", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const json doc = parse_json(r);
  EXPECT_EQ(doc.at("model"), "linear");
  EXPECT_EQ(doc.at("upstream_weight"), 0.5);
  EXPECT_EQ(doc.at("unmapped_risk"), 0.5);
  EXPECT_EQ(doc.at("categories").get<std::vector<std::string>>(), kCategories);
  EXPECT_EQ(ids_of(doc), (std::vector<std::string>{"S1", "B", "C"}));  // scenario order
  expect_chain_exposure(doc, "S1", 0.8, 0.2);
  expect_chain_exposure(doc, "B", 0.54, 0.21);
  expect_chain_exposure(doc, "C", 0.37, 0.255);
  // Own risk is the explicit value.
  EXPECT_EQ(firm_of(doc, "B").at("own").at("child_labour"), 0.4);
  EXPECT_EQ(firm_of(doc, "B").at("own").at("pollution"), 0.1);
  EXPECT_EQ(firm_of(doc, "B").at("name"), "Beta & \"Sons\"");
  EXPECT_EQ(firm_of(doc, "C").at("top_category"), "child_labour");
  EXPECT_FALSE(firm_of(doc, "C").contains("tier"));
  const json& solver = doc.at("solver");
  for (const char* key :
       {"sweeps", "residual", "converged", "cyclic_components", "firms_in_cycles"})
    EXPECT_TRUE(solver.contains(key)) << key;
  EXPECT_EQ(solver.at("converged"), true);
  EXPECT_EQ(solver.at("cyclic_components"), 0);
  EXPECT_LE(solver.at("residual").get<double>(), 1e-12);
  EXPECT_EQ(doc.at("warnings"), json::array());
  EXPECT_FALSE(doc.contains("timings"));
}

TEST_F(CliTest, RiskUpstreamWeightAndUnmappedRisk) {
  // λ = 0.2, u = 1, child_labour:
  //   x_B = 0.8 · 0.4 + 0.2 (0.6 · 0.8 + 0.4 · 1) = 0.496;  x_C = 0.8 · 0.2 + 0.2 · 0.496 = 0.2592
  // other categories:
  //   x_B = 0.8 · 0.1 + 0.2 (0.6 · 0.2 + 0.4) = 0.184;      x_C = 0.8 · 0.3 + 0.2 · 0.184 = 0.2768
  const fs::path scenario = write("chain.yaml", chain_yaml());
  const Result r = run(
      {"risk", "--json", "--upstream-weight", "0.2", "--unmapped-risk", "1", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);
  EXPECT_EQ(doc.at("upstream_weight"), 0.2);
  EXPECT_EQ(doc.at("unmapped_risk"), 1.0);
  expect_chain_exposure(doc, "S1", 0.8, 0.2);
  expect_chain_exposure(doc, "B", 0.496, 0.184);
  expect_chain_exposure(doc, "C", 0.2592, 0.2768);
  EXPECT_EQ(firm_of(doc, "C").at("top_category"), "forced_labour");  // first of the ties
}

TEST_F(CliTest, RiskNoisyOr) {
  // q_B = 1 − (1 − 0.4)(1 − 0.5 · 0.4 · 0.5)(1 − 0.5 · 0.6 · 0.8) = 1 − 0.6 · 0.9 · 0.76 = 0.5896
  // q_C = 1 − (1 − 0.2)(1 − 0.5 · 0.5896) = 0.43584                       (child_labour)
  const fs::path scenario = write("chain.yaml", chain_yaml());
  const Result r = run({"risk", "--json", "--model", "noisy-or", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);
  EXPECT_EQ(doc.at("model"), "noisy-or");
  EXPECT_NEAR(firm_of(doc, "S1").at("exposure").at("child_labour").get<double>(), 0.8, kTol);
  EXPECT_NEAR(firm_of(doc, "B").at("exposure").at("child_labour").get<double>(), 0.5896, kTol);
  EXPECT_NEAR(firm_of(doc, "C").at("exposure").at("child_labour").get<double>(), 0.43584, kTol);
  EXPECT_EQ(doc.at("solver").at("residual"), nullptr);
  EXPECT_EQ(doc.at("solver").at("converged"), true);
}

TEST_F(CliTest, RiskSolvesCycles) {
  const fs::path scenario = write("cycle.yaml", cycle_yaml());
  for (const char* model : {"linear", "noisy-or"}) {
    const Result r = run({"risk", "--json", "--model", model, scenario.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    const json doc = parse_json(r);
    EXPECT_EQ(doc.at("solver").at("cyclic_components"), 1) << model;
    EXPECT_EQ(doc.at("solver").at("firms_in_cycles"), 2) << model;
    EXPECT_EQ(doc.at("solver").at("converged"), true) << model;
    EXPECT_GT(doc.at("solver").at("sweeps").get<int>(), 1) << model;
    if (std::string(model) == "linear") {
      EXPECT_NEAR(firm_of(doc, "H").at("overall").get<double>(), 0.5, 1e-9);
      EXPECT_NEAR(firm_of(doc, "I").at("overall").get<double>(), 0.4, 1e-9);
      EXPECT_LE(doc.at("solver").at("residual").get<double>(), 1e-9);
    }
  }
  const Result text = run({"risk", scenario.string()});
  EXPECT_NE(text.out.find("1 cycle (2 firms)"), std::string::npos) << text.out;
}

TEST_F(CliTest, RiskFocalKeepsTheUpstreamWithTiers) {
  const fs::path scenario = write("chain.yaml", chain_yaml());
  const Result r = run({"risk", "--json", "--focal", "B", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);
  EXPECT_EQ(doc.at("focal"), "B");
  EXPECT_EQ(ids_of(doc), (std::vector<std::string>{"S1", "B"}));  // C is downstream of B
  EXPECT_EQ(firm_of(doc, "B").at("tier"), 0);
  EXPECT_EQ(firm_of(doc, "S1").at("tier"), 1);
  expect_chain_exposure(doc, "B", 0.54, 0.21);  // the exposure of the whole network

  const Result c = run({"risk", "--json", "--focal", "C", scenario.string()});
  ASSERT_EQ(c.status, 0) << c.err;
  const json cdoc = parse_json(c);
  EXPECT_EQ(ids_of(cdoc), (std::vector<std::string>{"S1", "B", "C"}));
  EXPECT_EQ(firm_of(cdoc, "S1").at("tier"), 2);

  const Result text = run({"risk", "--focal", "C", scenario.string()});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_NE(text.out.find("tier"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("focal C: 2 upstream firms, deepest tier 2"), std::string::npos)
      << text.out;
}

TEST_F(CliTest, RiskTopSortsByOverallThenId) {
  const fs::path scenario = write("chain.yaml", chain_yaml());
  const Result r = run({"risk", "--json", "--top", "2", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);
  EXPECT_EQ(ids_of(doc), (std::vector<std::string>{"S1", "B"}));
  EXPECT_EQ(doc.at("top"), 2);
  // More than there are: all, sorted.
  const Result all = run({"risk", "--json", "--top", "10", scenario.string()});
  EXPECT_EQ(ids_of(parse_json(all)), (std::vector<std::string>{"S1", "B", "C"}));
  // --focal first, then --top.
  const Result fb = run({"risk", "--json", "--focal", "C", "--top", "1", scenario.string()});
  EXPECT_EQ(ids_of(parse_json(fb)), std::vector<std::string>{"S1"});

  // Ties by id: three unlinked firms with the same risk, given out of id order.
  std::ostringstream y;
  y << "format: diligence/1\nfirms:\n";
  for (const char* id : {"b", "C", "a"})
    y << "  - id: " << id << "\n    country: DE\n    sector: C29\n" << risk_map(0.5, 0.5);
  y << "links: []\n";
  const fs::path ties = write("ties.yaml", y.str());
  const Result t = run({"risk", "--json", "--top", "3", ties.string()});
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_EQ(ids_of(parse_json(t)), (std::vector<std::string>{"C", "a", "b"}));
  const Result unsorted = run({"risk", "--json", ties.string()});
  EXPECT_EQ(ids_of(parse_json(unsorted)), (std::vector<std::string>{"b", "C", "a"}));
}

TEST_F(CliTest, RiskTimings) {
  const fs::path scenario = write("chain.yaml", chain_yaml());
  const Result r = run({"risk", "--json", "--timings", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const json t = parse_json(r).at("timings");
  for (const char* key : {"risk_model_s", "load_s", "own_risk_s", "propagate_s", "total_s"}) {
    ASSERT_TRUE(t.contains(key)) << key << " missing in " << t.dump();
    EXPECT_GE(t.at(key).get<double>(), 0.0) << key;
  }
  double sum = 0.0;
  for (const auto& [key, value] : t.items())
    if (key != "total_s") sum += value.get<double>();
  EXPECT_NEAR(sum, t.at("total_s").get<double>(), 1e-6);

  const Result text = run({"risk", "--timings", scenario.string()});
  ASSERT_EQ(text.status, 0) << text.err;
  for (const char* phase : {"Timings", "risk_model", "load", "own_risk", "propagate", "total"})
    EXPECT_NE(text.out.find(phase), std::string::npos) << phase << " missing in\n" << text.out;
  EXPECT_EQ(run({"risk", scenario.string()}).out.find("Timings"), std::string::npos);
}

TEST_F(CliTest, RiskTextIsATable) {
  const fs::path scenario = write("chain.yaml", chain_yaml());
  const Result r = run({"risk", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("Risk: Chain (3 firms)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("model linear, upstream weight 0.5, unmapped risk 0.5, risk model default"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("overall  top category"), std::string::npos) << r.out;
  // One row per firm: id, overall, top category, own risk in that category.
  EXPECT_NE(r.out.find("  S1    0.800  child_labour  0.800\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  B     0.540  child_labour  0.400\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  C     0.370  child_labour  0.200\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("solver: no cycles"), std::string::npos) << r.out;
}

TEST_F(CliTest, RiskWithAnotherRiskModel) {
  const fs::path model = write("two.yaml", kTwoCategoryModel);
  const fs::path scenario = write("pq.yaml", kTwoCategoryScenario);
  const Result r = run({"risk", "--json", "--risk-model", model.string(), scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);
  EXPECT_EQ(doc.at("risk_model"), "two");
  EXPECT_EQ(doc.at("categories"), (json{"labour", "water"}));
  // x_Q = 0.5 · 0.1 + 0.5 · 0.9 = 0.5 (labour), 0.5 · 0.2 + 0.5 · 0.1 = 0.15 (water).
  EXPECT_NEAR(firm_of(doc, "Q").at("exposure").at("labour").get<double>(), 0.5, kTol);
  EXPECT_NEAR(firm_of(doc, "Q").at("exposure").at("water").get<double>(), 0.15, kTol);
  // The model lacks CD, DE, B07 and C29: fallback warnings, in the JSON.
  ASSERT_FALSE(doc.at("warnings").empty());
  for (const json& w : doc.at("warnings")) EXPECT_EQ(w.at("id"), "risk.fallback");
  // In text mode on standard error.
  const Result text = run({"risk", "--risk-model", model.string(), scenario.string()});
  ASSERT_EQ(text.status, 0);
  EXPECT_NE(text.err.find("warning[risk.fallback]"), std::string::npos) << text.err;
  EXPECT_EQ(text.out.find("warning"), std::string::npos);

  // Without the model, the scenario's categories are unknown: bad input.
  const Result bad = run({"risk", scenario.string()});
  EXPECT_EQ(bad.status, 1);
  EXPECT_EQ(bad.out, "");
  EXPECT_NE(bad.err.find("input.unknown_category"), std::string::npos) << bad.err;
  // A missing or broken model file is bad input too.
  const Result missing =
      run({"risk", "--risk-model", (dir_ / "nope.yaml").string(), scenario.string()});
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("io.file_not_found"), std::string::npos) << missing.err;
  const fs::path broken = write("broken.yaml", "format: diligence-risk-model/1\nid: x\n");
  const Result b = run({"risk", "--risk-model", broken.string(), scenario.string()});
  EXPECT_EQ(b.status, 1);
  EXPECT_NE(b.err.find("broken.yaml"), std::string::npos) << b.err;
}

TEST_F(CliTest, RiskUnknownFocalIsBadInput) {
  const fs::path scenario = write("chain.yaml", chain_yaml());
  const fs::path out_dir = base_ / "out";
  fs::create_directories(out_dir);
  const Result r = run({"risk", "--json", "--focal", "NOPE", "-o", (out_dir / "r.json").string(),
                        scenario.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("'NOPE'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--focal"), std::string::npos) << r.err;
  EXPECT_TRUE(listing(out_dir).empty());
}

// --- paths -------------------------------------------------------------------------------------

TEST_F(CliTest, PathsChainExactContributions) {
  const fs::path scenario = write("chain.yaml", chain_yaml());
  const Result r = run({"paths", "--json", "--focal", "C", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);
  EXPECT_EQ(doc.at("focal"), "C");
  EXPECT_EQ(doc.at("category"), "child_labour");  // C's category of highest exposure
  EXPECT_NEAR(doc.at("exposure").get<double>(), 0.37, kTol);
  const json& paths = doc.at("paths");
  ASSERT_EQ(paths.size(), 3u) << doc.dump(2);
  EXPECT_EQ(paths[0].at("firms"), (json{"C", "B"}));
  EXPECT_NEAR(paths[0].at("contribution").get<double>(), 0.15, kTol);
  EXPECT_EQ(paths[1].at("firms"), (json{"C", "B", "S1"}));
  EXPECT_NEAR(paths[1].at("contribution").get<double>(), 0.12, kTol);
  EXPECT_EQ(paths[2].at("firms"), (json{"C"}));
  EXPECT_NEAR(paths[2].at("contribution").get<double>(), 0.1, kTol);
  EXPECT_NEAR(doc.at("explained").get<double>(), 0.37, kTol);
  EXPECT_EQ(doc.at("exact"), true);

  // Another category: c_S1 = 0.2, c_B = 0.05 + 0.1 = 0.15, c_C = 0.15: C←B 0.075,
  // C←B←S1 0.25 · 0.6 · 0.2 = 0.03, C 0.15; sum 0.255.
  const Result p = run({"paths", "--json", "--focal", "C", "--category", "pollution", "--top", "2",
                        scenario.string()});
  ASSERT_EQ(p.status, 0) << p.err;
  const json pdoc = parse_json(p);
  EXPECT_EQ(pdoc.at("category"), "pollution");
  EXPECT_NEAR(pdoc.at("exposure").get<double>(), 0.255, kTol);
  ASSERT_EQ(pdoc.at("paths").size(), 2u);
  EXPECT_EQ(pdoc.at("paths")[0].at("firms"), (json{"C"}));
  EXPECT_NEAR(pdoc.at("paths")[0].at("contribution").get<double>(), 0.15, kTol);
  EXPECT_EQ(pdoc.at("paths")[1].at("firms"), (json{"C", "B"}));
  EXPECT_NEAR(pdoc.at("explained").get<double>(), 0.225, kTol);

  // The same options as risk: λ = 0.2, u = 1 gives x_C = 0.2592 (child_labour).
  const Result l = run({"paths", "--json", "--focal", "C", "--category", "child_labour",
                        "--upstream-weight", "0.2", "--unmapped-risk", "1", scenario.string()});
  ASSERT_EQ(l.status, 0) << l.err;
  EXPECT_NEAR(parse_json(l).at("exposure").get<double>(), 0.2592, kTol);
  EXPECT_NEAR(parse_json(l).at("explained").get<double>(), 0.2592, kTol);

  const Result text = run({"paths", "--focal", "C", scenario.string()});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_NE(text.out.find("C <- B <- S1"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("explained: 0.3700 of 0.3700 (100.0%)"), std::string::npos) << text.out;
}

TEST_F(CliTest, PathsSumToTheExposureOnAnAcyclicExample) {
  const fs::path scenario = examples_dir() / "textbook" / "scenario.yaml";
  if (!fs::exists(scenario)) GTEST_SKIP() << "no " << scenario;
  for (const char* category : {"child_labour", "pollution", "governance"}) {
    const Result r = run({"paths", "--json", "--focal", "DE-RETAIL", "--category", category,
                          "--top", "1000", scenario.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    const json doc = parse_json(r);
    double sum = 0.0;
    for (const json& p : doc.at("paths")) {
      sum += p.at("contribution").get<double>();
      EXPECT_EQ(p.at("firms")[0], "DE-RETAIL");
    }
    EXPECT_NEAR(sum, doc.at("exposure").get<double>(), 1e-12) << category;
    EXPECT_NEAR(doc.at("explained").get<double>(), doc.at("exposure").get<double>(), 1e-12);
    EXPECT_EQ(doc.at("exact"), true);
    // Seven paths end at DE-RETAIL's six firms (NL-CHOC ← FR-SUGAR and DE-RETAIL ← FR-SUGAR
    // both reach FR-SUGAR).
    EXPECT_EQ(doc.at("paths").size(), 7u);
    // The exposure is the one `risk` reports.
    const Result risk = run({"risk", "--json", "--focal", "DE-RETAIL", scenario.string()});
    EXPECT_EQ(firm_of(parse_json(risk), "DE-RETAIL").at("exposure").at(category),
              doc.at("exposure"));
  }
}

TEST_F(CliTest, PathsUnknownCategoryOrFocalIsBadInput) {
  const fs::path scenario = write("chain.yaml", chain_yaml());
  const Result c = run({"paths", "--focal", "C", "--category", "child-labour", scenario.string()});
  EXPECT_EQ(c.status, 1);
  EXPECT_EQ(c.out, "");
  EXPECT_NE(c.err.find("'child-labour'"), std::string::npos) << c.err;
  EXPECT_NE(c.err.find("child_labour, forced_labour"), std::string::npos) << c.err;  // known ones
  const Result f = run({"paths", "--json", "--focal", "Q", scenario.string()});
  EXPECT_EQ(f.status, 1);
  EXPECT_EQ(f.out, "");
  EXPECT_NE(f.err.find("'Q'"), std::string::npos) << f.err;
}

// --- disrupt -----------------------------------------------------------------------------------

TEST_F(CliTest, DisruptHandDrawnChain) {
  const fs::path scenario = write("disrupt.yaml", kDisruption);
  const Result r = run({"disrupt", "--json", "--fail", "A", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);
  EXPECT_EQ(doc.at("failed"), json{"A"});
  ASSERT_EQ(doc.at("firms").size(), 2u) << doc.dump(2);
  EXPECT_EQ(doc.at("firms")[0].at("id"), "M");
  EXPECT_NEAR(doc.at("firms")[0].at("impact").get<double>(), 0.3, kTol);
  EXPECT_EQ(doc.at("firms")[1].at("id"), "Z");
  EXPECT_NEAR(doc.at("firms")[1].at("impact").get<double>(), 0.075, kTol);
  EXPECT_NEAR(doc.at("total_impact").get<double>(), 0.0975, kTol);
  EXPECT_EQ(doc.at("affected"), 2);
  EXPECT_EQ(doc.at("rounds"), 3);
  EXPECT_EQ(doc.at("transmission"), 1.0);

  const Result half =
      run({"disrupt", "--json", "--fail", "A", "--transmission", "0.5", scenario.string()});
  ASSERT_EQ(half.status, 0) << half.err;
  const json hdoc = parse_json(half);
  EXPECT_NEAR(hdoc.at("firms")[0].at("impact").get<double>(), 0.15, kTol);
  EXPECT_NEAR(hdoc.at("firms")[1].at("impact").get<double>(), 0.01875, kTol);
  EXPECT_NEAR(hdoc.at("total_impact").get<double>(), 0.039375, kTol);

  // Two failing firms, comma-separated or repeated; a duplicate counts once.
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"disrupt", "--json", "--fail", "A,X", scenario.string()},
           {"disrupt", "--json", "--fail", "A", "--fail", "X,A", scenario.string()}}) {
    const Result two = run(args);
    ASSERT_EQ(two.status, 0) << two.err;
    const json tdoc = parse_json(two);
    EXPECT_EQ(tdoc.at("failed"), (json{"A", "X"}));
    ASSERT_EQ(tdoc.at("firms").size(), 2u);
    EXPECT_EQ(tdoc.at("firms")[0].at("id"), "M");
    EXPECT_NEAR(tdoc.at("firms")[0].at("impact").get<double>(), 1.0, kTol);
    EXPECT_NEAR(tdoc.at("firms")[1].at("impact").get<double>(), 0.25, kTol);
    EXPECT_NEAR(tdoc.at("total_impact").get<double>(), 0.325, kTol);
  }

  // --fail takes one value per use: the scenario may follow it.
  const Result after = run({"disrupt", "--json", "--fail", "A", scenario.string()});
  EXPECT_EQ(after.status, 0) << after.err;

  // A firm with no buyers affects nobody.
  const Result none = run({"disrupt", "--json", "--fail", "Z", scenario.string()});
  ASSERT_EQ(none.status, 0);
  EXPECT_EQ(parse_json(none).at("firms"), json::array());
  EXPECT_EQ(parse_json(none).at("total_impact"), 0.0);

  const Result text = run({"disrupt", "--fail", "A", scenario.string()});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_NE(text.out.find("Disruption: A fails (transmission 1)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("2 firms affected in 3 rounds; total impact 0.0975"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("  M   0.3000  Middle Corp\n"), std::string::npos) << text.out;
}

TEST_F(CliTest, DisruptUnknownIdIsBadInput) {
  const fs::path scenario = write("disrupt.yaml", kDisruption);
  const fs::path out = base_ / "d.json";
  const Result r =
      run({"disrupt", "--json", "--fail", "A,NOPE", "-o", out.string(), scenario.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("'NOPE'"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

// --- export ------------------------------------------------------------------------------------

TEST_F(CliTest, ExportFormats) {
  const fs::path scenario = write("chain.yaml", chain_yaml());
  const Result csv = run({"export", "--format", "csv", scenario.string()});
  ASSERT_EQ(csv.status, 0) << csv.err;
  std::string header = csv.out.substr(0, csv.out.find("\r\n"));
  EXPECT_EQ(header.rfind("id,name,country,sector,size_class,own_child_labour,", 0), 0u) << header;
  EXPECT_NE(header.find(",exposure_governance,overall"), std::string::npos) << header;
  EXPECT_EQ(count_of(csv.out, "\r\n"), 4u);
  EXPECT_NE(csv.out.find("\r\nB,\"Beta & \"\"Sons\"\"\",KR,C27.20,unknown,0.4,"), std::string::npos)
      << csv.out;
  EXPECT_NE(csv.out.find(",0.54\r\n"), std::string::npos) << csv.out;  // B's overall, exactly

  const Result g = run({"export", "--format", "graphml", scenario.string()});
  ASSERT_EQ(g.status, 0) << g.err;
  EXPECT_EQ(g.out.rfind("<?xml", 0), 0u);
  EXPECT_NE(g.out.find("<data key=\"name\">Beta &amp; \"Sons\"</data>"), std::string::npos);
  EXPECT_NE(g.out.find("<edge id=\"e0\" source=\"S1\" target=\"B\">"), std::string::npos);
  EXPECT_NE(g.out.find("<data key=\"share\">0.6</data>"), std::string::npos);
  EXPECT_NE(g.out.find("<data key=\"spend_eur\">1000</data>"), std::string::npos);
  EXPECT_NE(g.out.find("<desc>Chain</desc>"), std::string::npos);

  const Result d = run({"export", "--format", "dot", scenario.string()});
  ASSERT_EQ(d.status, 0) << d.err;
  EXPECT_NE(d.out.find("digraph diligence {"), std::string::npos);
  EXPECT_NE(d.out.find(R"("S1" [label="S1\noverall 0.8", fillcolor="#ff6600"];)"),
            std::string::npos)
      << d.out;
  EXPECT_NE(d.out.find(R"(label="Beta & \"Sons\"\nB\noverall 0.54")"), std::string::npos);
  EXPECT_NE(d.out.find(R"("S1" -> "B" [label="0.6")"), std::string::npos);

  // --json wraps the document.
  const Result j = run({"export", "--json", "--format", "dot", scenario.string()});
  ASSERT_EQ(j.status, 0) << j.err;
  const json doc = parse_json(j);
  EXPECT_EQ(doc.at("format"), "dot");
  EXPECT_EQ(doc.at("content"), d.out);
  EXPECT_EQ(doc.at("firms"), 3);
  EXPECT_EQ(doc.at("links"), 2);

  // The risk options change the exposure: noisy-OR gives B 0.5896 (0.5895999999999999 in
  // floating point) where the linear model gives 0.54.
  const Result n = run({"export", "--format", "csv", "--model", "noisy-or", scenario.string()});
  ASSERT_EQ(n.status, 0) << n.err;
  EXPECT_NE(n.out.find(",0.58959999"), std::string::npos) << n.out;
  EXPECT_EQ(n.out.find(",0.54\r\n"), std::string::npos) << n.out;
}

TEST_F(CliTest, ExportToFileIsAtomic) {
  const fs::path scenario = write("chain.yaml", chain_yaml());
  const fs::path out_dir = base_ / "out";
  fs::create_directories(out_dir);
  const Result direct = run({"export", "--format", "graphml", scenario.string()});
  const Result r = run({"export", "--format", "graphml", "-o", (out_dir / "net.graphml").string(),
                        scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(read_text(out_dir / "net.graphml"), direct.out);
  EXPECT_EQ(listing(out_dir), std::set<std::string>{"net.graphml"});

  // Bad input: the existing file stays as it was, nothing else appears.
  const fs::path bad = write("bad.yaml", "format: diligence/1\nfirms:\n  - {id: A}\nlinks: []\n");
  const Result b = run(
      {"export", "--format", "graphml", "-o", (out_dir / "net.graphml").string(), bad.string()});
  EXPECT_EQ(b.status, 1);
  EXPECT_EQ(read_text(out_dir / "net.graphml"), direct.out);
  EXPECT_EQ(listing(out_dir), std::set<std::string>{"net.graphml"});
}

// --- shared rules ------------------------------------------------------------------------------

TEST_F(CliTest, RiskCommandsWriteOutputFiles) {
  const fs::path scenario = write("chain.yaml", chain_yaml());
  const fs::path out_dir = base_ / "out";
  fs::create_directories(out_dir);
  const std::vector<std::vector<std::string>> commands = {
      {"risk", "--top", "2"},      {"risk", "--json"},
      {"paths", "--focal", "C"},   {"paths", "--json", "--focal", "C"},
      {"disrupt", "--fail", "S1"}, {"disrupt", "--json", "--fail", "S1"},
  };
  int i = 0;
  for (auto args : commands) {
    args.push_back(scenario.string());
    const Result direct = run(args);
    ASSERT_EQ(direct.status, 0) << args[0] << ": " << direct.err;
    const fs::path file = out_dir / ("out" + std::to_string(i++));
    args.insert(args.end(), {"-o", file.string()});
    const Result r = run(args);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(read_text(file), direct.out) << args[0];
  }
  EXPECT_EQ(listing(out_dir).size(), commands.size());
}

TEST_F(CliTest, RiskCommandsBadInputWritesNothing) {
  const fs::path scenario = write("scenario.yaml",
                                  "format: diligence/1\nfirms:\n"
                                  "  - {id: A, country: de, sector: C}\n"
                                  "links: []\n");
  const fs::path out_dir = base_ / "out";
  fs::create_directories(out_dir);
  const fs::path file = out_dir / "result";
  for (const auto& cmd : std::vector<std::vector<std::string>>{{"risk"},
                                                               {"risk", "--json"},
                                                               {"paths", "--focal", "A"},
                                                               {"disrupt", "--fail", "A"},
                                                               {"export", "--format", "csv"}}) {
    std::vector<std::string> args = cmd;
    args.insert(args.end(), {"-o", file.string(), scenario.string()});
    const Result r = run(args);
    EXPECT_EQ(r.status, 1) << cmd[0];
    EXPECT_EQ(r.out, "") << cmd[0];
    EXPECT_NE(r.err.find("input.bad_country"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("scenario.yaml:3:"), std::string::npos) << r.err;
    EXPECT_TRUE(listing(out_dir).empty()) << cmd[0];
  }
}

TEST_F(CliTest, RiskCommandsUsageErrorsExitTwo) {
  const std::string s = write("chain.yaml", chain_yaml()).string();
  const std::vector<std::vector<std::string>> cases = {
      {"risk"},
      {"risk", s, "--upstream-weight", "1"},
      {"risk", s, "--upstream-weight", "-0.1"},
      {"risk", s, "--upstream-weight", "nan"},
      {"risk", s, "--upstream-weight", "half"},
      {"risk", s, "--unmapped-risk", "1.5"},
      {"risk", s, "--model", "quadratic"},
      {"risk", s, "--top", "0"},
      {"risk", s, "--top", "-1"},
      {"risk", s, "--top"},
      {"risk", s, "--no-such-option"},
      {"paths", s},  // --focal is required
      {"paths", s, "--focal", "C", "--top", "0"},
      {"paths", s, "--focal", "C", "--upstream-weight", "2"},
      {"paths", s, "--focal", "C", "--model", "noisy-or"},  // paths is linear only
      {"disrupt", s},                                       // --fail is required
      {"disrupt", s, "--fail", "S1", "--transmission", "1.01"},
      {"disrupt", s, "--fail", "S1", "--transmission", "-1"},
      {"export", s},  // --format is required
      {"export", s, "--format", "svg"},
      {"export", s, "--format", "csv", "--unmapped-risk", "-1"},
  };
  for (const auto& args : cases) {
    const Result r = run(args);
    std::string shown;
    for (const auto& a : args) shown += a + " ";
    EXPECT_EQ(r.status, 2) << "diligence " << shown << "\n" << r.err;
    EXPECT_EQ(r.out, "") << "diligence " << shown;
    EXPECT_FALSE(r.err.empty()) << "diligence " << shown;
  }
  const Result w = run({"risk", s, "--upstream-weight", "1"});
  EXPECT_NE(w.err.find("--upstream-weight: must be in [0,1), got 1"), std::string::npos) << w.err;
}

TEST_F(CliTest, RiskCommandsHaveHelp) {
  const Result help = run({"--help"});
  for (const char* cmd : {"risk", "paths", "disrupt", "export"}) {
    EXPECT_NE(help.out.find(cmd), std::string::npos) << cmd;
    const Result r = run({cmd, "--help"});
    EXPECT_EQ(r.status, 0) << cmd;
    for (const char* needle : {"SCENARIO", "--json", "-o"})
      EXPECT_NE(r.out.find(needle), std::string::npos) << cmd << ": " << needle;
  }
}

// --- risk --model cascade ----------------------------------------------------------------------

// The diamond of docs/algorithms.md ("Cascade simulation"), spend weights, impact only at A:
//
//        ┌──▶ B ──┐         w(A,B) = w(A,C) = 1, w(B,D) = w(C,D) = 0.5
//   A ───┤        ├──▶ D    r_A = 0.5 in every category, the others 0
//        └──▶ C ──┘
//
// λ = 0.5: exact P(D hit) = 0.5 · (1 − (1 − 0.5 · 0.25)²) = 0.1171875; P(B hit) = 0.25.
std::string diamond_yaml() {
  std::ostringstream y;
  y << "format: diligence/1\nname: Diamond\nfirms:\n";
  for (const char* id : {"A", "B", "C", "D"})
    y << "  - id: " << id << "\n    country: DE\n    sector: C29\n"
      << risk_map(id == std::string("A") ? 0.5 : 0.0, id == std::string("A") ? 0.5 : 0.0);
  y << "links:\n"
    << "  - {supplier: A, buyer: B, spend_eur: 10}\n"
    << "  - {supplier: A, buyer: C, spend_eur: 10}\n"
    << "  - {supplier: B, buyer: D, spend_eur: 10}\n"
    << "  - {supplier: C, buyer: D, spend_eur: 10}\n";
  return y.str();
}

/// |value − p| within 5 standard errors of a mean over `runs` runs, in every category.
void expect_simulated(const json& doc, const std::string& id, double p, double runs) {
  const json& f = firm_of(doc, id);
  const double tol = 5 * std::sqrt(p * (1 - p) / runs) + 1e-12;
  for (const auto& c : kCategories)
    EXPECT_NEAR(f.at("exposure").at(c).get<double>(), p, tol) << id << " " << c;
}

TEST_F(CliTest, RiskCascadeOnTheDiamond) {
  const fs::path scenario = write("diamond.yaml", diamond_yaml());
  const Result r = run({"risk", "--json", "--model", "cascade", "--runs", "20000", "--seed", "7",
                        scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);
  EXPECT_EQ(doc.at("model"), "cascade");
  EXPECT_EQ(doc.at("runs"), 20000);
  EXPECT_EQ(doc.at("seed"), 7);
  EXPECT_LE(doc.at("max_standard_error").get<double>(), 0.5 / std::sqrt(20000.0));
  EXPECT_EQ(doc.at("solver").at("residual"), nullptr);
  expect_simulated(doc, "A", 0.5, 20000);
  expect_simulated(doc, "B", 0.25, 20000);
  expect_simulated(doc, "C", 0.25, 20000);
  expect_simulated(doc, "D", 0.1171875, 20000);
  // Every value is a count of runs.
  for (const json& f : doc.at("firms"))
    for (const auto& [cat, v] : f.at("exposure").items())
      EXPECT_NEAR(v.get<double>() * 20000, std::round(v.get<double>() * 20000), 1e-6) << cat;
}

TEST_F(CliTest, RiskCascadeIsNoisyOrOnAChain) {
  // The chain is a forest: the simulation converges to noisy-OR (RiskNoisyOr's numbers).
  const fs::path scenario = write("chain.yaml", chain_yaml());
  const Result r =
      run({"risk", "--json", "--model", "cascade", "--runs", "20000", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);
  EXPECT_EQ(doc.at("runs"), 20000);
  EXPECT_EQ(doc.at("seed"), 1);  // the default
  const json& b = firm_of(doc, "B");
  EXPECT_NEAR(b.at("exposure").at("child_labour").get<double>(), 0.5896,
              5 * std::sqrt(0.5896 * 0.4104 / 20000));
  const json& c = firm_of(doc, "C");
  EXPECT_NEAR(c.at("exposure").at("child_labour").get<double>(), 0.43584,
              5 * std::sqrt(0.43584 * 0.56416 / 20000));
}

TEST_F(CliTest, RiskCascadeDefaultsSeedsAndThreads) {
  const fs::path scenario = write("cycle.yaml", cycle_yaml());
  const std::string s = scenario.string();
  const Result def = run({"risk", "--json", "--model", "cascade", s});
  ASSERT_EQ(def.status, 0) << def.err;
  const json doc = parse_json(def);
  EXPECT_EQ(doc.at("runs"), 1024);
  EXPECT_EQ(doc.at("seed"), 1);
  EXPECT_EQ(doc.at("solver").at("cyclic_components"), 1);
  // The explicit defaults, and other thread counts, give the same document.
  const Result same =
      run({"risk", "--json", "--model", "cascade", "--runs", "1024", "--seed", "1", s});
  EXPECT_EQ(same.out, def.out);
  for (const char* threads : {"1", "2", "3"}) {
    ::setenv("OMP_NUM_THREADS", threads, 1);
    const Result t = run({"risk", "--json", "--model", "cascade", s});
    EXPECT_EQ(t.out, def.out) << threads << " threads";
  }
  ::unsetenv("OMP_NUM_THREADS");
  const Result other = run({"risk", "--json", "--model", "cascade", "--seed", "2", s});
  EXPECT_NE(other.out, def.out);
  const Result text = run({"risk", "--model", "cascade", "--runs", "100", s});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_NE(text.out.find("model cascade, upstream weight 0.5"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("simulation: 100 runs, seed 1, largest standard error 0.0"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find(", 1 cycle (2 firms)\n"), std::string::npos) << text.out;
}

TEST_F(CliTest, RiskCascadeOptionsUsageErrors) {
  const std::string s = write("chain.yaml", chain_yaml()).string();
  const std::vector<std::vector<std::string>> cases = {
      {"risk", s, "--runs", "100"},  // --runs needs --model cascade
      {"risk", s, "--model", "noisy-or", "--seed", "3"},
      {"risk", s, "--model", "linear", "--runs", "64", "--seed", "3"},
      {"risk", s, "--model", "cascade", "--runs", "0"},
      {"risk", s, "--model", "cascade", "--runs", "-5"},
      {"risk", s, "--model", "cascade", "--runs", "4294967296"},
      {"risk", s, "--model", "cascade", "--seed", "-1"},
      {"risk", s, "--model", "cascade", "--seed", "x"},
      {"paths", s, "--focal", "C", "--model", "cascade"},
  };
  for (const auto& args : cases) {
    const Result r = run(args);
    std::string shown;
    for (const auto& a : args) shown += a + " ";
    EXPECT_EQ(r.status, 2) << "diligence " << shown << "\n" << r.err;
    EXPECT_EQ(r.out, "") << "diligence " << shown;
    EXPECT_FALSE(r.err.empty()) << "diligence " << shown;
  }
  const Result r = run({"risk", s, "--seed", "3"});
  EXPECT_NE(r.err.find("--runs and --seed are only for --model cascade"), std::string::npos)
      << r.err;
}

// --- shipped examples --------------------------------------------------------------------------

TEST_F(CliTest, RiskCommandsRunOnTheShippedExamples) {
  if (!fs::exists(examples_dir())) GTEST_SKIP() << "no " << examples_dir();
  std::size_t seen = 0;
  for (const auto& e : fs::directory_iterator(examples_dir())) {
    const fs::path scenario = e.path() / "scenario.yaml";
    if (!fs::exists(scenario)) continue;
    ++seen;
    const std::string s = scenario.string();
    const Result risk = run({"risk", "--json", "--timings", s});
    ASSERT_EQ(risk.status, 0) << s << "\n" << risk.err;
    const json doc = parse_json(risk);
    EXPECT_EQ(doc.at("solver").at("converged"), true) << s;
    ASSERT_FALSE(doc.at("firms").empty()) << s;
    for (const json& f : doc.at("firms")) {
      double max = 0.0;
      for (const auto& [cat, v] : f.at("exposure").items()) {
        EXPECT_GE(v.get<double>(), 0.0);
        EXPECT_LE(v.get<double>(), 1.0);
        max = std::max(max, v.get<double>());
      }
      EXPECT_EQ(f.at("overall").get<double>(), max) << s;
    }
    // The firm with the most upstream exposure: the last one of the listing is as good as any.
    const std::string focal = doc.at("firms").back().at("id");
    const std::string first = doc.at("firms").front().at("id");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"risk", s},
             {"risk", s, "--model", "noisy-or", "--top", "5"},
             {"risk", s, "--focal", focal, "--json"},
             {"paths", s, "--focal", focal},
             {"paths", s, "--focal", focal, "--json", "--top", "3"},
             {"disrupt", s, "--fail", first},
             {"disrupt", s, "--fail", first, "--json"},
             {"export", s, "--format", "graphml"},
             {"export", s, "--format", "dot"},
             {"export", s, "--format", "csv"}}) {
      const Result r = run(args);
      EXPECT_EQ(r.status, 0) << args[0] << " " << s << "\n" << r.err;
      EXPECT_FALSE(r.out.empty()) << args[0] << " " << s;
    }
  }
  if (seen == 0) GTEST_SKIP() << "no example scenarios yet";
}

}  // namespace
