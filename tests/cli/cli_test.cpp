// End-to-end tests of the `diligence` command, validate and summary and what every command
// shares. Each test writes small scenario files into its own temporary directory, runs the real
// binary (cli_test_support.hpp) and checks the exit status (0 ok, 1 bad data, 2 bad usage), the
// output and the files left behind. The risk commands are in risk_commands_test.cpp.
#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace {

using namespace diligence::cli_test;

// The hand-drawn network most tests use. Arrows point from supplier to buyer.
//
//   F ──▶ E ──▶ D ──▶ C ──▶ B ──▶ A          G (no links)
//         ▲           │
//         └───────────┘  C also supplies E: the cycle C → E → D → C
//
//   H ◀──▶ I            a cycle of two, its own component
//
//   firm  country sector  employees turnover   size     cluster     exporter
//   A     DE      C29.10  1000      500 m      large    -           -
//   B     KR      C27.20  300       200 m      large    Noksan      yes
//   C     KR      C20     100       20 m       medium   Noksan      yes
//   D     KR      C25     20        5 m        small    Noksan      -
//   E     CN      B07     5         1 m        micro    -           -
//   F     CD      B07.29  -         -          unknown  -           -
//   G     VN      G46     30        -          unknown  Binh Duong  -
//   H     DE      C29     500       -          large    -           -
//   I     PL      H49     8         3 m        small    -           -   (3 m > 2 m: not micro)
//
// Links E→D, C→E and F→E give no spend, so buyers D and E get equal weights: two warnings.
// Tiers: from A: B 1, C 2, D 3, E 4, F 5 (max 5, 5 upstream); from B: max 4, 4 upstream;
// from H: I 1 (max 1, 1 upstream). Large firms by turnover: A, B, then H (no turnover).
constexpr const char* kNetwork = R"(format: diligence/1
name: CLI test network
as_of: 2029-09-01
firms:
  - id: A
    name: Alpha Motors
    country: DE
    sector: C29.10
    employees: 1000
    turnover_eur: 500000000
  - id: B
    name: Beta Cells
    country: KR
    sector: C27.20
    employees: 300
    turnover_eur: 200000000
    cluster: Noksan
    exporter: true
  - id: C
    country: KR
    sector: C20
    employees: 100
    turnover_eur: 20000000
    cluster: Noksan
    exporter: true
  - id: D
    country: KR
    sector: C25
    employees: 20
    turnover_eur: 5000000
    cluster: Noksan
  - id: E
    country: CN
    sector: B07
    employees: 5
    turnover_eur: 1000000
  - id: F
    country: CD
    sector: B07.29
  - id: G
    country: VN
    sector: G46
    employees: 30
    cluster: Binh Duong
  - id: H
    name: Hotel Holding
    country: DE
    sector: C29
    employees: 500
  - id: I
    country: PL
    sector: H49
    employees: 8
    turnover_eur: 3000000
links:
  - supplier: B
    buyer: A
    spend_eur: 1000000
  - supplier: C
    buyer: B
    spend_eur: 500000
  - supplier: D
    buyer: C
    spend_eur: 200000
  - supplier: E
    buyer: D
  - supplier: C
    buyer: E
  - supplier: F
    buyer: E
  - supplier: H
    buyer: I
    spend_eur: 1000
  - supplier: I
    buyer: H
    spend_eur: 1000
)";

// `country: de` (lower case) on line 7.
constexpr const char* kBadCountry = R"(format: diligence/1
name: bad country
firms:
  - id: A
    name: Alpha
    sector: C27
    country: de
links: []
)";

// --- validate ----------------------------------------------------------------------------------

TEST_F(CliTest, ValidatePrintsCountsAndWarnings) {
  const fs::path scenario = write("network.yaml", kNetwork);
  const Result r = run({"validate", scenario.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "ok: 9 firms, 8 links\n");
  // One equal-weights warning for buyer D and one for buyer E, on standard error.
  EXPECT_EQ(count_of(r.err, "warning[weights.equal]"), 2u) << r.err;
  EXPECT_NE(r.err.find("firms[3]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("firms[4]"), std::string::npos) << r.err;
}

TEST_F(CliTest, ValidateJsonListsEveryWarning) {
  const fs::path scenario = write("network.yaml", kNetwork);
  const Result r = run({"validate", "--json", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const json doc = parse_json(r);
  EXPECT_EQ(doc.at("ok"), true);
  EXPECT_EQ(doc.at("firms"), 9);
  EXPECT_EQ(doc.at("links"), 8);
  ASSERT_EQ(doc.at("warnings").size(), 2u);
  for (const json& w : doc.at("warnings")) {
    for (const char* key : {"id", "message", "key_path", "file", "line", "column"})
      EXPECT_TRUE(w.contains(key)) << key << " missing in " << w.dump();
    EXPECT_EQ(w.at("id"), "weights.equal");
  }
  EXPECT_EQ(doc.at("warnings")[0].at("key_path"), "firms[3]");
  EXPECT_EQ(doc.at("warnings")[1].at("key_path"), "firms[4]");
}

TEST_F(CliTest, ValidateTextShowsAtMostTwentyWarnings) {
  // 25 buyers, each with one supplier link without spend: 25 equal-weights warnings.
  std::ostringstream yaml;
  yaml << "format: diligence/1\nfirms:\n  - id: S\n    country: KR\n    sector: C25\n";
  for (int i = 0; i < 25; ++i) yaml << "  - id: B" << i << "\n    country: DE\n    sector: C29\n";
  yaml << "links:\n";
  for (int i = 0; i < 25; ++i) yaml << "  - supplier: S\n    buyer: B" << i << "\n";
  const fs::path scenario = write("many.yaml", yaml.str());

  const Result text = run({"validate", scenario.string()});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(text.out, "ok: 26 firms, 25 links\n");
  EXPECT_EQ(count_of(text.err, "warning[weights.equal]"), 20u) << text.err;
  EXPECT_NE(text.err.find("... and 5 more warnings"), std::string::npos) << text.err;

  const Result js = run({"validate", "--json", scenario.string()});
  ASSERT_EQ(js.status, 0) << js.err;
  EXPECT_EQ(parse_json(js).at("warnings").size(), 25u);
}

// --- bad input: exit 1 -------------------------------------------------------------------------

TEST_F(CliTest, BadCountryNamesPositionAndId) {
  const fs::path scenario = write("scenario.yaml", kBadCountry);
  for (const char* cmd : {"validate", "summary"}) {
    const Result r = run({cmd, scenario.string()});
    EXPECT_EQ(r.status, 1) << cmd << ": " << r.err;
    EXPECT_EQ(r.out, "") << cmd;
    EXPECT_NE(r.err.find("scenario.yaml:7:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("input.bad_country"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("firms[0].country"), std::string::npos) << r.err;
  }
  // The same in JSON mode: still nothing on standard output.
  const Result js = run({"summary", "--json", scenario.string()});
  EXPECT_EQ(js.status, 1);
  EXPECT_EQ(js.out, "");
}

TEST_F(CliTest, ValidateChecksQuestionnaireAnswers) {
  // An unknown questionnaire (line 6, column 33) and an answer off the kesg-sme scale (line 6, column 57).
  const fs::path unknown = write("unknown.yaml",
                                 "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n"
                                 "    sector: C29\n    assessment: {questionnaire: nope, answers: {D1: 2}}\n");
  Result r = run({"validate", unknown.string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("unknown.yaml:6:33:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("input.unknown_questionnaire"), std::string::npos) << r.err;
  const fs::path off_scale = write("off.yaml",
                                   "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n"
                                   "    sector: C29\n    assessment: {questionnaire: kesg-sme, answers: {D1: 7}}\n");
  r = run({"validate", off_scale.string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("off.yaml:6:57:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("firms[0].assessment.answers.D1"), std::string::npos) << r.err;
}

TEST_F(CliTest, MissingScenarioFileIsBadInput) {
  const std::string missing = (dir_ / "no-such-file.yaml").string();
  for (const char* cmd : {"validate", "summary"}) {
    const Result r = run({cmd, missing});
    EXPECT_EQ(r.status, 1) << cmd << ": " << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("io.file_not_found"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("no-such-file.yaml"), std::string::npos) << r.err;
  }
}

TEST_F(CliTest, UnknownFormatVersionIsBadInput) {
  const fs::path scenario = write("v2.yaml", "format: diligence/2\nfirms: []\nlinks: []\n");
  const Result r = run({"validate", scenario.string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("input.format"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("v2.yaml:1:"), std::string::npos) << r.err;
}

// --- -o FILE -----------------------------------------------------------------------------------

TEST_F(CliTest, OutputFileHoldsTheOutputAndStdoutStaysEmpty) {
  const fs::path scenario = write("network.yaml", kNetwork);
  const fs::path out_dir = base_ / "out";
  fs::create_directories(out_dir);
  const Result direct = run({"summary", "--json", scenario.string()});
  ASSERT_EQ(direct.status, 0) << direct.err;

  const fs::path file = out_dir / "summary.json";
  const Result r = run({"summary", "--json", "-o", file.string(), scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(read_text(file), direct.out);
  EXPECT_EQ(listing(out_dir), std::set<std::string>{"summary.json"});

  const fs::path text_file = out_dir / "validate.txt";
  const Result v = run({"validate", scenario.string(), "--output", text_file.string()});
  ASSERT_EQ(v.status, 0) << v.err;
  EXPECT_EQ(v.out, "");
  EXPECT_EQ(read_text(text_file), "ok: 9 firms, 8 links\n");
  EXPECT_EQ(listing(out_dir), (std::set<std::string>{"summary.json", "validate.txt"}));
}

TEST_F(CliTest, OutputFileIsNotWrittenOnBadInput) {
  const fs::path scenario = write("scenario.yaml", kBadCountry);
  const fs::path out_dir = base_ / "out";
  fs::create_directories(out_dir);
  for (const char* cmd : {"validate", "summary"}) {
    const Result r =
        run({cmd, "--json", "-o", (out_dir / "result.json").string(), scenario.string()});
    EXPECT_EQ(r.status, 1) << cmd;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(listing(out_dir).empty()) << cmd << ": left " << *listing(out_dir).begin();
  }
  // An existing file is left as it was.
  std::ofstream(out_dir / "result.json") << "previous\n";
  const Result r = run({"summary", "-o", (out_dir / "result.json").string(), scenario.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(read_text(out_dir / "result.json"), "previous\n");
  EXPECT_EQ(listing(out_dir), std::set<std::string>{"result.json"});
}

TEST_F(CliTest, UnwritableOutputFileIsAnError) {
  const fs::path scenario = write("network.yaml", kNetwork);
  const fs::path target = base_ / "no-such-dir" / "out.json";
  const Result r = run({"summary", "--json", "-o", target.string(), scenario.string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("io."), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(base_ / "no-such-dir"));
}

// --- summary -----------------------------------------------------------------------------------

TEST_F(CliTest, SummaryJsonHasExactCounts) {
  const fs::path scenario = write("network.yaml", kNetwork);
  const Result r = run({"summary", "--json", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);

  EXPECT_EQ(doc.at("name"), "CLI test network");
  EXPECT_EQ(doc.at("as_of"), "2029-09-01");
  EXPECT_EQ(doc.at("firms"), 9);
  EXPECT_EQ(doc.at("links"), 8);
  EXPECT_EQ(doc.at("warnings"), 2);
  EXPECT_EQ(doc.at("exporters"), 2);
  EXPECT_EQ(doc.at("size_classes"),
            (json{{"micro", 1}, {"small", 2}, {"medium", 1}, {"large", 3}, {"unknown", 2}}));
  EXPECT_EQ(doc.at("countries"),
            (json{{"CD", 1}, {"CN", 1}, {"DE", 2}, {"KR", 3}, {"PL", 1}, {"VN", 1}}));
  EXPECT_EQ(doc.at("sectors"), (json{{"B", 2}, {"C", 5}, {"G", 1}, {"H", 1}}));
  EXPECT_EQ(doc.at("clusters"), (json{{"Binh Duong", 1}, {"Noksan", 3}}));
  EXPECT_EQ(doc.at("no_cluster"), 5);
  EXPECT_EQ(doc.at("components"), (json{{"weak", 3}, {"largest_weak", 6}, {"isolated", 1}}));
  EXPECT_EQ(doc.at("cycles"), (json{{"count", 2}, {"firms_in_cycles", 5}, {"largest", 3}}));

  const json& depth = doc.at("depth");
  EXPECT_EQ(depth.at("max_tier"), 5);
  ASSERT_EQ(depth.at("firms").size(), 3u);
  const json& a = depth.at("firms")[0];
  EXPECT_EQ(a.at("id"), "A");
  EXPECT_EQ(a.at("name"), "Alpha Motors");
  EXPECT_EQ(a.at("max_tier"), 5);
  EXPECT_EQ(a.at("upstream_firms"), 5);
  const json& b = depth.at("firms")[1];
  EXPECT_EQ(b.at("id"), "B");
  EXPECT_EQ(b.at("max_tier"), 4);
  EXPECT_EQ(b.at("upstream_firms"), 4);
  const json& h = depth.at("firms")[2];
  EXPECT_EQ(h.at("id"), "H");
  EXPECT_EQ(h.at("name"), "Hotel Holding");
  EXPECT_EQ(h.at("max_tier"), 1);
  EXPECT_EQ(h.at("upstream_firms"), 1);

  // Warnings go to standard error in summary too.
  EXPECT_EQ(count_of(r.err, "warning[weights.equal]"), 2u) << r.err;
}

TEST_F(CliTest, SummaryListsAtMostTenLargeFirmsByTurnover) {
  // Twelve large firms L0..L11 with turnover 1..12 m EUR (employees ≥ 250 makes them large);
  // L(i) supplies L(i+1), so L(i) has i upstream firms.
  std::ostringstream yaml;
  yaml << "format: diligence/1\nfirms:\n";
  for (int i = 0; i < 12; ++i)
    yaml << "  - id: L" << i << "\n    country: DE\n    sector: C29\n    employees: 300\n"
         << "    turnover_eur: " << (i + 1) * 1000000 << "\n";
  yaml << "links:\n";
  for (int i = 0; i + 1 < 12; ++i)
    yaml << "  - supplier: L" << i << "\n    buyer: L" << i + 1 << "\n    spend_eur: 10\n";
  const fs::path scenario = write("chain.yaml", yaml.str());
  const Result r = run({"summary", "--json", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);
  const json& firms = doc.at("depth").at("firms");
  ASSERT_EQ(firms.size(), 10u);
  for (int k = 0; k < 10; ++k) {
    EXPECT_EQ(firms[k].at("id"), "L" + std::to_string(11 - k));
    EXPECT_EQ(firms[k].at("max_tier"), 11 - k);
    EXPECT_EQ(firms[k].at("upstream_firms"), 11 - k);
  }
  EXPECT_EQ(doc.at("depth").at("max_tier"), 11);
  EXPECT_EQ(doc.at("cycles").at("count"), 0);
  EXPECT_EQ(doc.at("cycles").at("largest"), 0);
  EXPECT_EQ(doc.at("components").at("isolated"), 0);
  EXPECT_EQ(doc.at("clusters"), json::object());
  EXPECT_EQ(doc.at("no_cluster"), 12);
  EXPECT_EQ(doc.at("warnings"), 0);
  EXPECT_EQ(r.err, "");
}

TEST_F(CliTest, SummaryKeepsIdsAndNumbersExact) {
  constexpr const char* kYaml = R"(format: diligence/1
firms:
  - id: KR:0001.a-b_c
    country: KR
    sector: C27.20
    employees: 1000
    turnover_eur: 1234567890.1234567
links: []
)";
  const fs::path scenario = write("exact.yaml", kYaml);
  const Result r = run({"summary", "--json", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = parse_json(r);
  EXPECT_EQ(doc.at("name"), nullptr);
  const json& f = doc.at("depth").at("firms").at(0);
  EXPECT_EQ(f.at("id"), "KR:0001.a-b_c");
  EXPECT_EQ(f.at("name"), "KR:0001.a-b_c");
  EXPECT_EQ(f.at("turnover_eur").get<double>(), 1234567890.1234567);
  EXPECT_EQ(f.at("max_tier"), 0);
  EXPECT_EQ(doc.at("depth").at("max_tier"), 0);
  EXPECT_EQ(doc.at("components").at("isolated"), 1);
}

TEST_F(CliTest, SummaryTextIsAReadableReport) {
  const fs::path scenario = write("network.yaml", kNetwork);
  const Result r = run({"summary", scenario.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* needle :
       {"CLI test network", "2029-09-01", "Size classes", "Countries", "Sectors", "Clusters",
        "Noksan", "Binh Duong", "Supply cycles", "Alpha Motors", "Hotel Holding", "deepest tier 5"})
    EXPECT_NE(r.out.find(needle), std::string::npos) << needle << " missing in\n" << r.out;
  // Aligned: the size-class lines have the same length.
  std::istringstream lines(r.out);
  std::string line;
  std::vector<std::size_t> widths;
  for (const char* c : {"micro", "small", "medium", "large", "unknown"}) {
    lines.clear();
    lines.seekg(0);
    while (std::getline(lines, line))
      if (line.rfind(std::string("  ") + c + " ", 0) == 0) {
        widths.push_back(line.size());
        break;
      }
  }
  ASSERT_EQ(widths.size(), 5u) << r.out;
  EXPECT_TRUE(std::all_of(widths.begin(), widths.end(), [&](auto w) { return w == widths[0]; }))
      << r.out;
}

TEST_F(CliTest, OutputIsDeterministic) {
  const fs::path scenario = write("network.yaml", kNetwork);
  for (const bool js : {false, true}) {
    std::vector<std::string> args{"summary", scenario.string()};
    if (js) args.push_back("--json");
    const Result first = run(args);
    const Result second = run(args);
    ASSERT_EQ(first.status, 0);
    EXPECT_EQ(first.out, second.out);
  }
}

// --- usage: exit 2 -----------------------------------------------------------------------------

TEST_F(CliTest, UsageErrorsExitTwo) {
  const fs::path scenario = write("network.yaml", kNetwork);
  const std::vector<std::vector<std::string>> cases = {
      {},                                 // no sub-command
      {"frobnicate"},                     // unknown sub-command
      {"frobnicate", scenario.string()},  // unknown sub-command with an argument
      {"validate"},                       // missing SCENARIO
      {"summary"},                        // missing SCENARIO
      {"summary", "--no-such-option", scenario.string()},
      {"validate", scenario.string(), "extra.yaml"},
      {"summary", scenario.string(), "-o"},  // -o without FILE
  };
  for (const auto& args : cases) {
    const Result r = run(args);
    std::string shown;
    for (const auto& a : args) shown += a + " ";
    EXPECT_EQ(r.status, 2) << "diligence " << shown << "\n" << r.err;
    EXPECT_EQ(r.out, "") << "diligence " << shown;
    EXPECT_FALSE(r.err.empty()) << "diligence " << shown;
  }
}

TEST_F(CliTest, UnknownCommandIsNamed) {
  const Result r = run({"frobnicate", "x.yaml"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("validate"), std::string::npos) << r.err;
  // An unknown option before any command is still CLI11's own message.
  const Result opt = run({"--frobnicate"});
  EXPECT_EQ(opt.status, 2);
  EXPECT_EQ(opt.err.find("unknown command"), std::string::npos) << opt.err;
}

TEST_F(CliTest, HelpAndVersion) {
  const Result help = run({"--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("validate"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("summary"), std::string::npos) << help.out;

  for (const char* cmd : {"validate", "summary"}) {
    const Result r = run({cmd, "--help"});
    EXPECT_EQ(r.status, 0) << cmd;
    EXPECT_NE(r.out.find("SCENARIO"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("--json"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("-o"), std::string::npos) << r.out;
  }

  const Result version = run({"--version"});
  EXPECT_EQ(version.status, 0);
  EXPECT_EQ(version.out.rfind("diligence ", 0), 0u) << version.out;
}

// --- shipped examples --------------------------------------------------------------------------

TEST_F(CliTest, ShippedExampleScenariosValidate) {
  const fs::path examples = fs::path(DILIGENCE_SOURCE_DIR) / "examples" / "scenarios";
  if (!fs::exists(examples)) GTEST_SKIP() << "no " << examples;
  std::size_t seen = 0;
  for (const auto& e : fs::directory_iterator(examples)) {
    const fs::path scenario = e.path() / "scenario.yaml";
    if (!fs::exists(scenario)) continue;
    ++seen;
    const Result v = run({"validate", scenario.string()});
    EXPECT_EQ(v.status, 0) << scenario << "\n" << v.err;
    EXPECT_EQ(v.out.rfind("ok: ", 0), 0u) << v.out;
    const Result s = run({"summary", "--json", scenario.string()});
    EXPECT_EQ(s.status, 0) << scenario << "\n" << s.err;
  }
  if (seen == 0) GTEST_SKIP() << "no example scenarios yet";
}

}  // namespace
