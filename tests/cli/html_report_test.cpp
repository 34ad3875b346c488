// End-to-end tests of the HTML reports (`--format html` of audit, risk and support): one
// self-contained page (no script, no external URL, no stylesheet link), every chart present by
// its accessible name, every SVG well-formed, the same findings and figures as the JSON report,
// identical bytes for identical runs, and the usage errors.
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../report/xml_check.hpp"
#include "cli_test_support.hpp"

namespace {

using namespace diligence::cli_test;

const std::string kKorea =
    std::string(DILIGENCE_SOURCE_DIR) + "/examples/scenarios/korea-battery/scenario.yaml";
const std::string kComplex =
    std::string(DILIGENCE_SOURCE_DIR) + "/examples/support/complex-2000/scenario.yaml";
const std::string kProgrammes =
    std::string(DILIGENCE_SOURCE_DIR) + "/examples/support/programmes.yaml";

/// The <svg>…</svg> elements of a page.
std::vector<std::string> svg_blocks(const std::string& html) {
  std::vector<std::string> out;
  for (std::size_t pos = html.find("<svg"); pos != std::string::npos;
       pos = html.find("<svg", pos + 1)) {
    const std::size_t end = html.find("</svg>", pos);
    if (end == std::string::npos) {
      ADD_FAILURE() << "unclosed <svg> at " << pos;
      break;
    }
    out.push_back(html.substr(pos, end + 6 - pos));
  }
  return out;
}

/// The accessible names (aria-label) of the page's charts, in order.
std::vector<std::string> chart_labels(const std::string& html) {
  std::vector<std::string> out;
  const std::regex re("<svg [^>]*aria-label=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator();
       ++it)
    out.push_back((*it)[1].str());
  return out;
}

bool has_label_starting(const std::vector<std::string>& labels, const std::string& prefix) {
  for (const auto& l : labels)
    if (l.rfind(prefix, 0) == 0) return true;
  return false;
}

/// Checks what every report page must be: one document, nothing fetched or run, SVG that parses.
void expect_self_contained(const std::string& html) {
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  // The only URL is the SVG namespace name, which is never fetched.
  EXPECT_EQ(count_of(html, "http"), count_of(html, "xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
  const std::vector<std::string> svgs = svg_blocks(html);
  EXPECT_FALSE(svgs.empty());
  for (const std::string& svg : svgs)
    EXPECT_TRUE(diligence::report::xml_check::well_formed(svg)) << svg.substr(0, 400);
}

class HtmlReportTest : public CliTest {};

TEST_F(HtmlReportTest, CompanyAuditHasEveryChartAndTheFindingsOfTheJson) {
  const std::string out = (dir_ / "audit.html").string();
  const std::vector<std::string> common{"audit",      kKorea, "--focal", "DE-AUTO",
                                        "--directive", "csddd-2024", "--runs", "50"};
  std::vector<std::string> args = common;
  args.insert(args.end(), {"--format", "html", "-o", out});
  const Result r = run(args);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string html = read_text(out);
  expect_self_contained(html);

  const std::vector<std::string> labels = chart_labels(html);
  EXPECT_TRUE(has_label_starting(labels, "Mean exposure by tier and category"));
  EXPECT_TRUE(has_label_starting(labels, "Upstream network of DE-AUTO: exposure in "));
  EXPECT_TRUE(has_label_starting(labels, "Top contributing paths to DE-AUTO in "));
  EXPECT_TRUE(has_label_starting(labels, "Incidents in the chain per run (50 runs)"));
  EXPECT_TRUE(has_label_starting(labels, "Incidents found per run (50 runs)"));
  EXPECT_TRUE(has_label_starting(labels, "Findings per run (50 runs)"));
  EXPECT_TRUE(has_label_starting(labels, "Penalty exposure per run (50 runs)"));
  EXPECT_EQ(labels.size(), 7u);

  // The scope decision and the findings table say what the JSON report says.
  args = common;
  args.push_back("--json");
  const Result j = run(args);
  ASSERT_EQ(j.status, 0) << j.err;
  const json doc = parse_json(j);
  EXPECT_NE(html.find("<h2 id=\"scope\">Scope</h2>"), std::string::npos);
  EXPECT_NE(html.find(std::string("In scope: ") + (doc["in_scope"].get<bool>() ? "yes" : "no")),
            std::string::npos);
  const auto& findings = doc["findings"];
  ASSERT_FALSE(findings.empty());
  std::size_t graded = 0;
  for (const char* g : {"critical", "major", "minor"})
    graded += count_of(html, std::string("<td class=\"grade-") + g + "\">" + g + "</td>");
  EXPECT_EQ(graded, findings.size());
  for (const auto& f : findings) {
    EXPECT_NE(html.find("<td>" + f["article"].get<std::string>() + "</td>"), std::string::npos);
    const std::string action = f["corrective_action"].get<std::string>();
    if (!action.empty()) {
      EXPECT_NE(html.find(action.substr(0, 30)), std::string::npos) << action;
    }
  }
  // The map's hover titles name the focal firm.
  EXPECT_NE(html.find("<title>DE-AUTO"), std::string::npos);
}

TEST_F(HtmlReportTest, IdenticalRunsGiveIdenticalPagesAndStdoutWorks) {
  const std::vector<std::string> args{"audit",  kKorea, "--focal", "DE-AUTO", "--directive",
                                      "lksg",   "--format", "html"};
  const Result a = run(args);
  const Result b = run(args);
  ASSERT_EQ(a.status, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  expect_self_contained(a.out);
  // Without --runs there are no histograms.
  for (const auto& l : chart_labels(a.out)) EXPECT_EQ(l.find("per run"), std::string::npos) << l;
}

TEST_F(HtmlReportTest, SupplierAuditHasItsHistograms) {
  const Result r = run({"audit", kKorea, "--focal", "KR-NOK-03", "--kind", "supplier", "--buyer", "KR-BATT",
                        "--runs", "40", "--format", "html"});
  ASSERT_EQ(r.status, 0) << r.err;
  expect_self_contained(r.out);
  const std::vector<std::string> labels = chart_labels(r.out);
  EXPECT_TRUE(has_label_starting(labels, "Audit score per run (40 runs)"));
  EXPECT_TRUE(has_label_starting(labels, "Readiness per run (40 runs)"));
  EXPECT_TRUE(has_label_starting(labels, "Findings per run (40 runs)"));
  EXPECT_NE(r.out.find("Supplier mock due diligence: KR-NOK-03"), std::string::npos);
}

TEST_F(HtmlReportTest, RiskWholeNetworkAndFocalViews) {
  const Result whole = run({"risk", kKorea, "--format", "html"});
  ASSERT_EQ(whole.status, 0) << whole.err;
  expect_self_contained(whole.out);
  std::vector<std::string> labels = chart_labels(whole.out);
  EXPECT_TRUE(has_label_starting(labels, "Mean exposure by tier and category"));
  EXPECT_TRUE(has_label_starting(labels, "Mean exposure and own risk by category"));
  EXPECT_TRUE(has_label_starting(labels, "Overall exposure of "));
  EXPECT_TRUE(has_label_starting(labels, "Supply network by tier: overall exposure"));

  // The table lists the firms with the highest overall exposure, as the JSON does.
  const Result j = run({"risk", kKorea, "--top", "3", "--json"});
  ASSERT_EQ(j.status, 0) << j.err;
  const json doc = parse_json(j);
  const Result top = run({"risk", kKorea, "--top", "3", "--format", "html"});
  ASSERT_EQ(top.status, 0) << top.err;
  std::size_t last = 0;
  for (const auto& f : doc["firms"]) {
    const std::size_t at = top.out.find("<tr><td>" + f["id"].get<std::string>() + "</td>");
    ASSERT_NE(at, std::string::npos) << f["id"];
    EXPECT_GT(at, last);  // in the same order
    last = at;
  }
  EXPECT_NE(top.out.find("The 3 firms with the highest overall exposure"), std::string::npos);

  const Result focal = run({"risk", kKorea, "--focal", "KR-BATT", "--format", "html"});
  ASSERT_EQ(focal.status, 0) << focal.err;
  expect_self_contained(focal.out);
  labels = chart_labels(focal.out);
  EXPECT_TRUE(has_label_starting(labels, "Upstream network of KR-BATT: overall exposure"));
}

TEST_F(HtmlReportTest, SupportHasGainsBaselinesAndTheYearByYearPath) {
  const std::string out = (dir_ / "support.html").string();
  const Result r = run({"support", kComplex, "--programmes", kProgrammes, "--years", "3", "--format", "html",
                        "-o", out});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string html = read_text(out);
  expect_self_contained(html);
  const std::vector<std::string> labels = chart_labels(html);
  EXPECT_TRUE(has_label_starting(labels, "Total gain by strategy"));
  EXPECT_TRUE(has_label_starting(labels, "Target exposure by year"));
  EXPECT_TRUE(has_label_starting(labels, "Gain by programme and class (greedy, all years)"));

  // The strategies table carries the JSON's total gains, to 4 decimals.
  const Result j =
      run({"support", kComplex, "--programmes", kProgrammes, "--years", "3", "--json"});
  ASSERT_EQ(j.status, 0) << j.err;
  const json doc = parse_json(j);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f", doc["total_gain"].get<double>());
  EXPECT_NE(html.find(std::string("<td>greedy *</td><td class=\"num\">") + buf + "</td>"),
            std::string::npos)
      << buf;
  for (const auto& [name, gain] : doc["baselines"].items()) {
    std::snprintf(buf, sizeof buf, "%.4f", gain.get<double>());
    EXPECT_NE(html.find(std::string("<td class=\"num\">") + buf + "</td>"), std::string::npos)
        << name;
  }
  // Years 0 to 3 on the path.
  EXPECT_NE(html.find("<tr><td>3</td>"), std::string::npos);
}

TEST_F(HtmlReportTest, UsageErrors) {
  Result r = run({"risk", kKorea, "--format", "html", "--json"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--json conflicts with --format html"), std::string::npos) << r.err;
  r = run({"risk", kKorea, "--format", "pdf"});
  EXPECT_EQ(r.status, 2);
  r = run({"audit", kKorea, "--focal", "DE-AUTO", "--directive", "csddd-2024", "--format", "html",
           "--json"});
  EXPECT_EQ(r.status, 2);
  r = run({"support", kComplex, "--programmes", kProgrammes, "--format", "html", "--json"});
  EXPECT_EQ(r.status, 2);
  // Nothing is left behind when the input is bad.
  const std::string out = (dir_ / "bad.html").string();
  r = run({"risk", (dir_ / "missing.yaml").string(), "--format", "html", "-o", out});
  EXPECT_EQ(r.status, 1);
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
