// The GraphML, DOT and CSV writers (io/export.hpp) on a small hand-made network, compared byte
// for byte with golden files in tests/data/golden/, plus the escaping rules, the colour scale
// and the argument checks.
//
// To regenerate the golden files after an intended change of format, run the tests with
// DILIGENCE_UPDATE_GOLDEN=1 and review the diff.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/io/export.hpp>
#include <diligence/model/network_builder.hpp>

namespace diligence::io {
namespace {

namespace fs = std::filesystem;

// The network of the golden files. Arrows point from supplier to buyer.
//
//   MINE ──spend 300, [cobalt, copper ore]──▶ SMELT ──share 0.5, "cathode, NMC"──▶ CELL
//                                              ▲
//   TRADE ──spend 700 (no commodity)───────────┘
//
//   MINE  name `Mine "Kolwezi" & <Sons>`, CD, B07.29, no figures         size unknown
//   SMELT name "Smelter, Line 1\nLine 2" (a comma and a newline), CN, C24.4, 40 employees,
//         EUR 5m                                                         size small
//   CELL  no name (shown as its id), KR, C27.20, 300 employees             size large
//   TRADE name `Back\slash Trading`, AE, G46                              size unknown
//
// Weights: into SMELT by spend, 0.3 and 0.7; into CELL by share, 0.5 (0.5 unmapped).
// Categories labour, pollution; own and exposure values are fixed numbers (not computed).
model::SupplyNetwork golden_network() {
  model::NetworkBuilder nb;
  auto firm = [](std::string id, std::string name, std::string country, std::string sector) {
    model::Firm f;
    f.id = std::move(id);
    f.name = std::move(name);
    f.country = std::move(country);
    f.sector = std::move(sector);
    return f;
  };
  nb.add_firm(firm("MINE", "Mine \"Kolwezi\" & <Sons>", "CD", "B07.29"));
  model::Firm smelt = firm("SMELT", "Smelter, Line 1\nLine 2", "CN", "C24.4");
  smelt.employees = 40;
  smelt.turnover_eur = 5e6;
  nb.add_firm(smelt);
  model::Firm cell = firm("CELL", "", "KR", "C27.20");
  cell.employees = 300;
  nb.add_firm(cell);
  nb.add_firm(firm("TRADE", "Back\\slash Trading", "AE", "G46"));
  model::SupplyLink a;
  a.supplier = "MINE";
  a.buyer = "SMELT";
  a.spend_eur = 300;
  a.commodities = {"cobalt", "copper ore"};
  nb.add_link(a);
  model::SupplyLink b;
  b.supplier = "SMELT";
  b.buyer = "CELL";
  b.share = 0.5;
  b.commodities = {"cathode, NMC"};
  nb.add_link(b);
  model::SupplyLink c;
  c.supplier = "TRADE";
  c.buyer = "SMELT";
  c.spend_eur = 700;
  nb.add_link(c);
  return nb.build();
}

// Row-major n × K: MINE, SMELT, CELL, TRADE × labour, pollution.
const std::vector<double> kOwn = {0.8, 0.25, 0.1, 0.6, 0.05, 0.0, 0.5, 0.125};
const std::vector<double> kExposure = {0.8, 0.25, 0.375, 0.6, 0.25, 0.4, 0.5, 0.125};

RiskAttributes golden_risk() {
  RiskAttributes r;
  r.categories = {"labour", "pollution"};
  r.own = kOwn;
  r.exposure = kExposure;
  return r;
}

ExportOptions golden_options() {
  ExportOptions o;
  o.title = "Golden <export> & \"test\"";
  return o;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Compares `actual` with the golden file, or rewrites it when DILIGENCE_UPDATE_GOLDEN is set.
void expect_golden(const std::string& name, const std::string& actual) {
  const fs::path path = fs::path(DILIGENCE_TEST_DATA_DIR) / "golden" / name;
  if (const char* update = std::getenv("DILIGENCE_UPDATE_GOLDEN"); update && *update) {
    std::ofstream(path, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << path;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " is missing (run with DILIGENCE_UPDATE_GOLDEN=1)";
  EXPECT_EQ(actual, read_text(path)) << "differs from " << path;
}

TEST(Export, GraphmlMatchesGoldenFile) {
  const auto net = golden_network();
  expect_golden("export.graphml", to_graphml(net, golden_risk(), golden_options()));
}

TEST(Export, DotMatchesGoldenFile) {
  const auto net = golden_network();
  expect_golden("export.dot", to_dot(net, golden_risk(), golden_options()));
}

TEST(Export, CsvMatchesGoldenFile) {
  const auto net = golden_network();
  expect_golden("export.csv", to_csv(net, golden_risk()));
}

TEST(Export, StreamAndStringWritersAgree) {
  const auto net = golden_network();
  std::ostringstream g, d, c;
  write_graphml(g, net, golden_risk(), golden_options());
  write_dot(d, net, golden_risk(), golden_options());
  write_csv(c, net, golden_risk());
  EXPECT_EQ(g.str(), to_graphml(net, golden_risk(), golden_options()));
  EXPECT_EQ(d.str(), to_dot(net, golden_risk(), golden_options()));
  EXPECT_EQ(c.str(), to_csv(net, golden_risk()));
}

TEST(Export, EscapesXmlText) {
  const std::string g = to_graphml(golden_network(), golden_risk(), golden_options());
  EXPECT_NE(g.find("<data key=\"name\">Mine \"Kolwezi\" &amp; &lt;Sons&gt;</data>"),
            std::string::npos)
      << g;
  EXPECT_NE(g.find("<data key=\"name\">Smelter, Line 1\nLine 2</data>"), std::string::npos);
  EXPECT_NE(g.find("<desc>Golden &lt;export&gt; &amp; \"test\"</desc>"), std::string::npos);
  EXPECT_EQ(g.find("<Sons>"), std::string::npos);
}

TEST(Export, EscapesDotStrings) {
  const std::string d = to_dot(golden_network(), golden_risk(), golden_options());
  EXPECT_NE(d.find(R"(label="Mine \"Kolwezi\" & <Sons>\nMINE\noverall 0.8")"), std::string::npos)
      << d;
  EXPECT_NE(d.find(R"(label="Smelter, Line 1\nLine 2\nSMELT\noverall 0.6")"), std::string::npos);
  EXPECT_NE(d.find(R"(label="Back\\slash Trading\nTRADE\noverall 0.5")"), std::string::npos);
  EXPECT_NE(d.find(R"(label="Golden <export> & \"test\"";)"), std::string::npos);
}

TEST(Export, QuotesCsvFieldsByRfc4180) {
  const std::string c = to_csv(golden_network(), golden_risk());
  EXPECT_NE(c.find("MINE,\"Mine \"\"Kolwezi\"\" & <Sons>\",CD,"), std::string::npos) << c;
  EXPECT_NE(c.find("SMELT,\"Smelter, Line 1\nLine 2\",CN,"), std::string::npos);
  EXPECT_NE(c.find("TRADE,Back\\slash Trading,AE,"), std::string::npos);
  // Every record ends with CRLF; the newline inside the quoted name is kept as it is.
  EXPECT_EQ(c.substr(c.size() - 2), "\r\n");
  std::size_t records = 0;
  for (auto p = c.find("\r\n"); p != std::string::npos; p = c.find("\r\n", p + 2)) ++records;
  EXPECT_EQ(records, 5u);  // header + 4 firms
}

TEST(Export, ControlCharactersAndBadUtf8BecomeReplacementCharacters) {
  model::NetworkBuilder nb;
  model::Firm f;
  f.id = "X";
  f.name = std::string("bell\x07 tab\t cr\r bad\xff end");
  f.country = "DE";
  f.sector = "C";
  nb.add_firm(f);
  const auto net = nb.build();
  const std::string g = to_graphml(net);
  EXPECT_NE(g.find("bell\xEF\xBF\xBD tab\t cr&#13; bad\xEF\xBF\xBD end"), std::string::npos) << g;
  const std::string d = to_dot(net);
  EXPECT_NE(d.find("bell\xEF\xBF\xBD tab  cr\\n bad\xEF\xBF\xBD end"), std::string::npos) << d;
  // CSV keeps the bytes as they are (quoted because of the CR).
  EXPECT_NE(to_csv(net).find("\"bell\x07 tab\t cr\r bad\xff end\""), std::string::npos);
}

TEST(Export, WithoutRiskFiguresOnlyTheNetwork) {
  const auto net = golden_network();
  const std::string g = to_graphml(net);
  EXPECT_EQ(g.find("own_"), std::string::npos);
  EXPECT_EQ(g.find("overall"), std::string::npos);
  EXPECT_NE(g.find("<data key=\"weight\">0.3</data>"), std::string::npos);
  const std::string d = to_dot(net);
  EXPECT_EQ(d.find("fillcolor=\"#"), d.find("fillcolor=\"#d9d9d9\""));  // only the default
  EXPECT_EQ(to_csv(net).substr(0, to_csv(net).find('\r')), "id,name,country,sector,size_class");
}

TEST(Export, GroupsOfAttributesAreOptional) {
  const auto net = golden_network();
  RiskAttributes r = golden_risk();
  r.own.reset();
  const std::string c = to_csv(net, r);
  EXPECT_EQ(c.substr(0, c.find('\r')),
            "id,name,country,sector,size_class,exposure_labour,exposure_pollution,overall");
  r.exposure.reset();
  EXPECT_EQ(to_csv(net, r), to_csv(net));

  // A network without firms still gets every column.
  const model::SupplyNetwork empty = model::NetworkBuilder().build();
  RiskAttributes none;
  none.categories = {"labour"};
  none.own = std::span<const double>();
  none.exposure = std::span<const double>();
  EXPECT_EQ(to_csv(empty, none),
            "id,name,country,sector,size_class,own_labour,exposure_labour,overall\r\n");
  EXPECT_NE(to_graphml(empty, none).find("attr.name=\"overall\""), std::string::npos);
}

TEST(Export, ColourScaleGreenYellowRed) {
  EXPECT_EQ(exposure_colour(0.0), "#00ff00");
  EXPECT_EQ(exposure_colour(0.25), "#80ff00");
  EXPECT_EQ(exposure_colour(0.5), "#ffff00");
  EXPECT_EQ(exposure_colour(0.75), "#ff8000");
  EXPECT_EQ(exposure_colour(1.0), "#ff0000");
  EXPECT_EQ(exposure_colour(-1.0), "#00ff00");  // clamped
  EXPECT_EQ(exposure_colour(2.0), "#ff0000");
}

TEST(Export, WrongMatrixSizeIsAUsageError) {
  const auto net = golden_network();
  RiskAttributes r = golden_risk();
  const std::vector<double> short_exposure(7, 0.5);
  r.exposure = short_exposure;
  try {
    (void)to_csv(net, r);
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_EQ(e.id(), errc::kParameter);
    EXPECT_NE(e.detail().find("7 values"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)to_graphml(net, r), UsageError);
  EXPECT_THROW((void)to_dot(net, r), UsageError);
}

TEST(Export, KeyIdsThatAreNotNameTokensAreNumbered) {
  const auto net = golden_network();
  RiskAttributes r = golden_risk();
  r.categories = {"labour", "odd category"};
  const std::string g = to_graphml(net, r);
  // Keys: name, country, sector, size_class, own_labour, own_odd category (index 5), ...
  EXPECT_NE(g.find("<key id=\"k5\" for=\"node\" attr.name=\"own_odd category\""), std::string::npos)
      << g;
  EXPECT_NE(g.find("<data key=\"k5\">0.25</data>"), std::string::npos);
}

}  // namespace
}  // namespace diligence::io
