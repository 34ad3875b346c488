// report plots: nice_ticks worked out by hand and checked against its definition on random ranges,
// label shortening, and bar and line charts checked through their hover titles, classes and
// coordinates.
#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/report/plots.hpp>

#include "xml_check.hpp"

namespace diligence::report {
namespace {

using xml_check::attribute;
using xml_check::count;
using xml_check::element_with_class;
using xml_check::element_with_title;
using xml_check::number_attribute;
using xml_check::well_formed;

/// Runs `f`, expecting a UsageError with id usage.parameter, exactly `detail` and `key_path`.
void expect_usage_error(const std::function<void()>& f, const std::string& detail,
                        const std::string& key_path = {}) {
  try {
    f();
    ADD_FAILURE() << "no exception; expected: " << detail;
  } catch (const UsageError& e) {
    EXPECT_EQ(e.id(), "usage.parameter");
    EXPECT_EQ(e.detail(), detail);
    EXPECT_EQ(e.key_path(), key_path);
  }
}

using Ticks = std::vector<double>;

TEST(NiceTicks, WorkedOutByHand) {
  // 0.87 / 5 = 0.174: step 0.1 needs 10 ticks, 0.2 needs 6 (0 … 1).
  EXPECT_EQ(nice_ticks(0, 0.87, 6), (Ticks{0, 0.2, 0.4, 0.6, 0.8, 1}));
  // 10 / 4 = 2.5: step 1 needs 11, 2 needs 7 (-4 … 8), 5 needs 4 (-5 … 10).
  EXPECT_EQ(nice_ticks(-3, 7, 5), (Ticks{-5, 0, 5, 10}));
  // 0.3 / 0.1 is 2.9999999999999996 in doubles, still the tick 0.3 exactly.
  EXPECT_EQ(nice_ticks(0.3, 0.7, 5), (Ticks{0.3, 0.4, 0.5, 0.6, 0.7}));
  EXPECT_EQ(nice_ticks(0, 1000, 3), (Ticks{0, 500, 1000}));
  // 0.0037 / 3: step 0.001 needs 5 (0.001 … 0.005), 0.002 needs 4 (0 … 0.006).
  EXPECT_EQ(nice_ticks(0.0012, 0.0049, 4), (Ticks{0, 0.002, 0.004, 0.006}));
  EXPECT_EQ(nice_ticks(1234, 98765, 6), (Ticks{0, 20000, 40000, 60000, 80000, 100000}));
  // Negative ranges; the last tick is +0, not -0.
  const Ticks neg = nice_ticks(-0.87, -0.1, 6);
  EXPECT_EQ(neg, (Ticks{-1, -0.8, -0.6, -0.4, -0.2, 0}));
  EXPECT_FALSE(std::signbit(neg.back()));
  // Already round ends stay the ends.
  EXPECT_EQ(nice_ticks(0, 1, 6), (Ticks{0, 0.2, 0.4, 0.6, 0.8, 1}));
  EXPECT_EQ(nice_ticks(0, 1, 11), (Ticks{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1}));
}

TEST(NiceTicks, AnEmptyRangeIsWidened) {
  EXPECT_EQ(nice_ticks(0, 0, 6), (Ticks{-1, -0.5, 0, 0.5, 1}));  // [-1, 1]
  EXPECT_EQ(nice_ticks(5, 5, 6), (Ticks{4.5, 5, 5.5}));          // [4.5, 5.5]
}

TEST(NiceTicks, RejectsBadArguments) {
  expect_usage_error([] { (void)nice_ticks(std::nan(""), 1, 5); },
                     "nice_ticks: lo and hi must be finite");
  expect_usage_error([] { (void)nice_ticks(0, INFINITY, 5); },
                     "nice_ticks: lo and hi must be finite");
  expect_usage_error([] { (void)nice_ticks(2, 1, 5); },
                     "nice_ticks: lo (2.000) is greater than hi (1.000)");
  expect_usage_error([] { (void)nice_ticks(0, 1, 2); }, "nice_ticks: max_ticks must be ≥ 3");
  expect_usage_error([] { (void)nice_ticks(-1e308, 1e308, 5); }, "nice_ticks: hi − lo overflows");
}

// The definition on random ranges of every magnitude: at most max_ticks equally spaced ticks
// covering [lo, hi], the step 1, 2 or 5 × 10^k, and no smaller such step would do.
TEST(NiceTicks, MatchesItsDefinitionOnRandomRanges) {
  std::mt19937_64 rng(20240611);
  const auto uniform = [&] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  for (int trial = 0; trial < 2000; ++trial) {
    const double scale = std::pow(10.0, std::floor(uniform() * 16.0) - 8.0);
    double lo = (uniform() * 2.0 - 1.0) * scale, hi = (uniform() * 2.0 - 1.0) * scale;
    if (lo > hi) std::swap(lo, hi);
    const std::size_t max_ticks = 3 + static_cast<std::size_t>(uniform() * 10.0);
    const Ticks t = nice_ticks(lo, hi, max_ticks);
    ASSERT_GE(t.size(), 2u);
    ASSERT_LE(t.size(), max_ticks) << lo << " " << hi;
    const double step = t[1] - t[0];
    const double tol = step * 1e-6;
    EXPECT_LE(t.front(), lo + tol);
    EXPECT_GE(t.back(), hi - tol);
    EXPECT_GT(t.front() + step, lo + tol);  // the first tick is the one at or below lo
    EXPECT_LT(t.back() - step, hi - tol);
    for (std::size_t i = 1; i < t.size(); ++i) EXPECT_NEAR(t[i] - t[i - 1], step, tol);
    const double e = std::floor(std::log10(step) + 1e-9);
    const double m = step / std::pow(10.0, e);
    EXPECT_TRUE(std::abs(m - 1) < 1e-6 || std::abs(m - 2) < 1e-6 || std::abs(m - 5) < 1e-6) << m;
    // The next smaller nice step needs more than max_ticks ticks.
    const double smaller = std::abs(m - 1) < 1e-6 ? 0.5 * step : (m < 3 ? step / 2 : step * 0.4);
    const double needed = std::ceil(hi / smaller - 1e-9) - std::floor(lo / smaller + 1e-9) + 1.0;
    EXPECT_GT(needed, static_cast<double>(max_ticks)) << lo << " " << hi << " step " << step;
  }
}

TEST(Ellipsize, CutsWholeCodePoints) {
  EXPECT_EQ(ellipsize("abcdef", 4), "abc…");
  EXPECT_EQ(ellipsize("abcd", 4), "abcd");
  EXPECT_EQ(ellipsize("Zürich-Werk", 3), "Zü…");  // ü is two bytes, kept whole
  EXPECT_EQ(ellipsize("ab", 1), "…");
  EXPECT_EQ(ellipsize("ab", 0), "");
  EXPECT_EQ(ellipsize("", 3), "");
}

TEST(Palette, EightColoursThenRepeats) {
  EXPECT_EQ(palette_colour(0), "#0072b2");
  EXPECT_EQ(palette_colour(8), palette_colour(0));
}

BarChart two_scenarios() {
  BarChart c;
  c.title = "Exposure by category";
  c.y_label = "exposure";
  c.categories = {"child labour", "pollution", "governance"};
  c.series = {{"2023", {0.25, 0.87, 0.5}, ""}, {"2024", {0.2, 0.6, 0.1}, "#123456"}};
  return c;
}

TEST(BarChart, OneBarPerValueWithTitlesColoursAndLegend) {
  const std::string svg = bar_chart_svg(two_scenarios());
  EXPECT_TRUE(well_formed(svg)) << svg;
  EXPECT_EQ(count(svg, "class=\"bar\""), 6u);
  EXPECT_NE(svg.find("<title>2023, child labour: 0.250</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>2024, governance: 0.100</title>"), std::string::npos);
  // An empty colour takes the palette; a given one is kept.
  EXPECT_EQ(attribute(element_with_title(svg, "2023, pollution: 0.870"), "fill"),
            palette_colour(0));
  EXPECT_EQ(attribute(element_with_title(svg, "2024, pollution: 0.600"), "fill"), "#123456");
  EXPECT_EQ(count(svg, "class=\"swatch\""), 2u);
  EXPECT_NE(svg.find("class=\"legend\">2024</text>"), std::string::npos);
  // 0 … 0.87 → ticks 0, 0.2, …, 1 with one decimal.
  EXPECT_EQ(count(svg, "class=\"tick\""), 6u);
  EXPECT_NE(svg.find("class=\"tick\">0.0</text>"), std::string::npos);
  EXPECT_NE(svg.find("class=\"tick\">1.0</text>"), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"Exposure by category\""), std::string::npos);
  EXPECT_EQ(count(svg, "class=\"note\""), 0u);
}

TEST(BarChart, NegativeValuesHangFromTheZeroLine) {
  BarChart c;
  c.categories = {"a"};
  c.series = {{"up", {0.6}, ""}, {"down", {-0.3}, ""}};
  const std::string svg = bar_chart_svg(c);
  EXPECT_TRUE(well_formed(svg)) << svg;
  // Ticks -0.4 … 0.6 over 240 px from y = 40: y(v) = 40 + 240 (0.6 − v), so y(0) = 184.
  const std::string up = element_with_title(svg, "up, a: 0.600");
  const std::string down = element_with_title(svg, "down, a: -0.300");
  EXPECT_EQ(attribute(up, "y"), "40");
  EXPECT_EQ(attribute(up, "height"), "144");
  EXPECT_EQ(attribute(down, "y"), "184");
  EXPECT_EQ(attribute(down, "height"), "72");
  const std::string zero = element_with_class(svg, "zero-line");
  EXPECT_EQ(attribute(zero, "y1"), "184");
  EXPECT_EQ(attribute(zero, "y2"), "184");
  EXPECT_NE(svg.find("class=\"tick\">-0.4</text>"), std::string::npos);
}

TEST(BarChart, CapsCategoriesAndSeriesAndSaysSo) {
  BarChart c;
  c.title = "many";
  for (int i = 0; i < 45; ++i) c.categories.push_back("category " + std::to_string(i));
  for (int s = 0; s < 10; ++s)
    c.series.push_back({"s" + std::to_string(s), std::vector<double>(45, 1.0 + s), ""});
  const std::string svg = bar_chart_svg(c);
  EXPECT_TRUE(well_formed(svg)) << svg;
  EXPECT_EQ(count(svg, "class=\"bar\""), kBarChartMaxCategories * kPlotMaxSeries);
  EXPECT_NE(svg.find(">+5 more categories not drawn</text>"), std::string::npos);
  EXPECT_NE(svg.find(">+2 more series not drawn</text>"), std::string::npos);
  EXPECT_EQ(svg.find("<title>s8,"), std::string::npos);
  EXPECT_EQ(svg.find("category 40"), std::string::npos);
  EXPECT_LE(std::stod(svg.substr(svg.find("width=\"") + 7)), 1100.0);
}

TEST(BarChart, EscapesNamesAndCategories) {
  BarChart c;
  c.categories = {"R&D <Korea>"};
  c.series = {{"say \"hi\"", {1.0}, ""}};
  const std::string svg = bar_chart_svg(c);
  EXPECT_TRUE(well_formed(svg)) << svg;
  EXPECT_NE(svg.find("<title>say &quot;hi&quot;, R&amp;D &lt;Korea&gt;: 1.000</title>"),
            std::string::npos)
      << svg;
}

TEST(BarChart, NoDataAndBadInput) {
  BarChart c;
  c.title = "empty";
  std::string svg = bar_chart_svg(c);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_NE(svg.find(">no data</text>"), std::string::npos);
  EXPECT_EQ(count(svg, "class=\"bar\""), 0u);

  c = two_scenarios();
  c.series[1].values.pop_back();
  expect_usage_error([&] { (void)bar_chart_svg(c); },
                     "bar chart: series '2024' has 2 values for 3 categories", "series[1].values");
  c = two_scenarios();
  c.series[0].values[1] = std::nan("");
  expect_usage_error([&] { (void)bar_chart_svg(c); },
                     "bar chart: series '2023', category 'pollution': value is not finite",
                     "series[0].values[1]");
  // All zero: an axis 0 … 1, bars of no height.
  c = two_scenarios();
  for (auto& s : c.series) s.values.assign(3, 0.0);
  svg = bar_chart_svg(c);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_EQ(attribute(element_with_title(svg, "2023, governance: 0.000"), "height"), "0");
}

LineChart rounds() {
  // Series A has a gap at r2; series B has only isolated values.
  LineChart c;
  c.title = "Findings per audit round";
  c.x_label = "round";
  c.y_label = "findings";
  c.x_labels = {"r0", "r1", "r2", "r3", "r4"};
  const double gap = std::nan("");
  c.series = {{"A", {1, 2, gap, 4, 5}, ""}, {"B", {gap, 3, gap, 2, gap}, "#aa0000"}};
  return c;
}

TEST(LineChart, GapsSplitTheLineAndEveryValueHasAPoint) {
  const std::string svg = line_chart_svg(rounds());
  EXPECT_TRUE(well_formed(svg)) << svg;
  EXPECT_EQ(count(svg, "class=\"point\""), 6u);        // 4 of A, 2 of B
  EXPECT_EQ(count(svg, "class=\"series-line\""), 2u);  // A: r0–r1 and r3–r4; B: none
  EXPECT_NE(svg.find("<title>A, r3: 4.000</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>B, r1: 3.000</title>"), std::string::npos);
  EXPECT_EQ(svg.find("<title>A, r2:"), std::string::npos);
  // Five positions over 300 px: x = 76 + 69 i; ticks 1 … 5 over 240 px: y = 40 + 60 (5 − v).
  const std::string p = element_with_title(svg, "A, r3: 4.000");
  EXPECT_EQ(attribute(p, "cx"), "283");
  EXPECT_EQ(attribute(p, "cy"), "100");
  EXPECT_NE(svg.find("points=\"76,280 145,220\""), std::string::npos);
  EXPECT_NE(svg.find("points=\"283,100 352,40\""), std::string::npos);
  EXPECT_EQ(attribute(element_with_title(svg, "B, r3: 2.000"), "fill"), "#aa0000");
  EXPECT_EQ(count(svg, "class=\"tick\""), 5u);
  EXPECT_EQ(count(svg, "class=\"x-label\""), 5u);
  EXPECT_EQ(count(svg, "class=\"swatch\""), 2u);
  EXPECT_NE(svg.find(">round</text>"), std::string::npos);
}

TEST(LineChart, ManyPointsDropMarkersButNotIsolatedValues) {
  LineChart c;
  c.title = "long";
  const std::size_t n = kLineChartMaxMarkers + 50;
  for (std::size_t i = 0; i < n; ++i) c.x_labels.push_back("t" + std::to_string(i));
  LineSeries s{"s", std::vector<double>(n, 1.0), ""};
  s.values[10] = 2.0;  // joined to its neighbours: no marker
  s.values[99] = s.values[101] = std::nan("");
  s.values[100] = 7.0;  // alone between gaps: keeps its marker
  c.series = {s};
  const std::string svg = line_chart_svg(c);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_EQ(count(svg, "class=\"point\""), 1u);
  EXPECT_NE(svg.find("<title>s, t100: 7.000</title>"), std::string::npos);
  EXPECT_EQ(count(svg, "class=\"series-line\""), 2u);
  EXPECT_NE(svg.find(">point markers not drawn above 250 points (300 here)</text>"),
            std::string::npos);
  EXPECT_LE(count(svg, "class=\"x-label\""), 13u);
}

TEST(LineChart, NoDataAndBadInput) {
  LineChart c;
  c.x_labels = {"a", "b"};
  c.series = {{"s", {std::nan(""), std::nan("")}, ""}};
  const std::string svg = line_chart_svg(c);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_NE(svg.find(">no data</text>"), std::string::npos);

  c = rounds();
  c.series[0].values.push_back(1.0);
  expect_usage_error([&] { (void)line_chart_svg(c); },
                     "line chart: series 'A' has 6 values for 5 x labels", "series[0].values");
  c = rounds();
  c.series[1].values[4] = -INFINITY;
  expect_usage_error([&] { (void)line_chart_svg(c); },
                     "line chart: series 'B', x 'r4': value is infinite", "series[1].values[4]");
}

TEST(LineChart, OnePointAndCappedSeries) {
  LineChart c;
  c.x_labels = {"only"};
  for (int s = 0; s < 10; ++s) c.series.push_back({"s" + std::to_string(s), {0.5}, ""});
  const std::string svg = line_chart_svg(c);
  EXPECT_TRUE(well_formed(svg)) << svg;
  EXPECT_EQ(count(svg, "class=\"point\""), kPlotMaxSeries);
  EXPECT_NE(svg.find(">+2 more series not drawn</text>"), std::string::npos);
  EXPECT_EQ(number_attribute(element_with_title(svg, "s0, only: 0.500"), "cx"), 64 + 150);
}

}  // namespace
}  // namespace diligence::report
