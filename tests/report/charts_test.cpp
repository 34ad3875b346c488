// report charts: heat map cells and histogram bins, checked through their hover titles.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/report/charts.hpp>

namespace diligence::report {
namespace {

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto i = s.find(what); i != std::string::npos; i = s.find(what, i + what.size())) ++n;
  return n;
}

TEST(HeatMap, OneCellPerValueWithItsTitleAndColour) {
  HeatMap h;
  h.title = "Exposure by tier";
  h.row_labels = {"tier 1", "tier 2"};
  h.column_labels = {"child labour", "pollution", "governance"};
  h.values = {0.0, 0.5, 1.0, 0.25, std::nan(""), 2.0};
  const std::string svg = heat_map_svg(h);
  EXPECT_EQ(count(svg, "class=\"cell\""), 6u);
  EXPECT_NE(svg.find("<title>tier 1, pollution: 0.500</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>tier 2, pollution: no firms</title>"), std::string::npos);
  EXPECT_NE(svg.find("fill=\"" + risk_colour(0.5) + "\""), std::string::npos);
  EXPECT_NE(svg.find("fill=\"#bbbbbb\""), std::string::npos);  // the NaN cell
  EXPECT_EQ(count(svg, "fill=\"#800026\""), 2u);  // 1.0, and 2.0 clamped to the darkest
  EXPECT_NE(svg.find("aria-label=\"Exposure by tier\""), std::string::npos);
}

TEST(HeatMap, RejectsMismatchedValues) {
  HeatMap h;
  h.row_labels = {"a"};
  h.column_labels = {"x", "y"};
  h.values = {0.1};
  EXPECT_THROW((void)heat_map_svg(h), UsageError);
  h.values = {0.1, 0.2};
  h.scale_max = 0.0;
  EXPECT_THROW((void)heat_map_svg(h), UsageError);
}

TEST(Histogram, BinsByHand) {
  // Samples 0..9 in 5 bins of width 1.8: [0,1.8) 0 1; [1.8,3.6) 2 3; [3.6,5.4) 4 5;
  // [5.4,7.2) 6 7; [7.2,9] 8 9.
  std::vector<double> s;
  for (int i = 0; i < 10; ++i) s.push_back(i);
  double lo = 0, width = 0;
  EXPECT_EQ(bin_counts(s, 5, lo, width), (std::vector<std::uint64_t>{2, 2, 2, 2, 2}));
  EXPECT_EQ(lo, 0.0);
  EXPECT_DOUBLE_EQ(width, 1.8);
  // All equal: one bin holding everything.
  EXPECT_EQ(bin_counts({3.0, 3.0, 3.0}, 7, lo, width), (std::vector<std::uint64_t>{3}));
  EXPECT_THROW((void)bin_counts(s, 0, lo, width), UsageError);
  EXPECT_THROW((void)bin_counts({1.0, std::nan("")}, 3, lo, width), UsageError);
}

TEST(Histogram, OneBarPerBinWithCountsInTitles) {
  Histogram h;
  h.title = "Incidents found per run";
  h.x_label = "incidents";
  h.samples = {0, 0, 1, 1, 1, 4};
  h.bins = 4;
  const std::string svg = histogram_svg(h);
  EXPECT_EQ(count(svg, "class=\"bar\""), 4u);
  EXPECT_NE(svg.find("<title>2 of 6 in [0.000, 1.000)</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>3 of 6 in [1.000, 2.000)</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>1 of 6 in [3.000, 4.000]</title>"), std::string::npos);
}

}  // namespace
}  // namespace diligence::report

namespace {

/// The width attribute of an <svg> element.
double svg_width(const std::string& svg) {
  const auto at = svg.find("width=\"");
  return std::stod(svg.substr(at + 7));
}

}  // namespace

TEST(Charts, LongTitlesWidenTheChartInsteadOfBeingCut) {
  const std::string title(120, 'W');
  const double need = diligence::report::title_width(title);
  EXPECT_DOUBLE_EQ(need, 16.0 + 0.62 * 14.0 * 120.0);
  // Code points, not bytes: "é" counts once.
  EXPECT_DOUBLE_EQ(diligence::report::title_width("é", 10.0), 16.0 + 6.2);
  diligence::report::Histogram h;
  h.title = title;
  h.samples = {1.0, 2.0};
  EXPECT_GE(svg_width(diligence::report::histogram_svg(h)), need);
  diligence::report::HeatMap m;
  m.title = title;
  m.row_labels = {"r"};
  m.column_labels = {"c"};
  m.values = {0.5};
  EXPECT_GE(svg_width(diligence::report::heat_map_svg(m)), need);
}
