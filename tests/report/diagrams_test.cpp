// report diagrams: contribution paths and the layered network map, checked through hover titles,
// classes and coordinates on small hand-drawn inputs, their caps and notes, and bad input.
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/report/diagrams.hpp>

#include "xml_check.hpp"

namespace diligence::report {
namespace {

using xml_check::attribute;
using xml_check::count;
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

/// The width attribute of the <svg> element.
double svg_width(const std::string& svg) { return number_attribute(svg.substr(0, 200), "width"); }

// ---------------------------------------------------------------------------------------------
// Contribution paths

//   1.  [CN-MINE] → [KR-SMELT] → [DE-AUTO]   0.320 · child labour
//   2.  [ID-<&"x] → [DE-AUTO]                0.080 · pollution
PathDiagram two_paths() {
  PathDiagram d;
  d.title = "Paths into DE-AUTO";
  d.paths = {
      {{{"CN-MINE", "Shenzhen Mine", 0.8}, {"KR-SMELT", "", 0.5}, {"DE-AUTO", "Focal AG", 0.1}},
       0.32,
       "child labour"},
      {{{"ID-<&\"x", "", 0.2}, {"DE-AUTO", "Focal AG", 0.1}}, 0.08, "pollution"}};
  return d;
}

TEST(PathDiagram, BoxesArrowsAndContributions) {
  const std::string svg = path_diagram_svg(two_paths());
  EXPECT_TRUE(well_formed(svg)) << svg;
  EXPECT_EQ(count(svg, "class=\"path-node\""), 5u);
  EXPECT_EQ(count(svg, "class=\"flow\""), 3u);
  EXPECT_EQ(count(svg, "class=\"contribution\""), 2u);
  const std::string mine = element_with_title(svg, "CN-MINE (Shenzhen Mine) · exposure 0.800");
  ASSERT_FALSE(mine.empty()) << svg;
  EXPECT_EQ(attribute(mine, "fill"), risk_colour(0.8));
  EXPECT_NE(svg.find("<title>KR-SMELT · exposure 0.500</title>"), std::string::npos);
  // Escaped in the title and in the box's text.
  EXPECT_NE(svg.find("<title>ID-&lt;&amp;&quot;x · exposure 0.200</title>"), std::string::npos);
  EXPECT_NE(svg.find(">ID-&lt;&amp;&quot;x</text>"), std::string::npos);
  // Arrows follow the risk: supplier → buyer.
  EXPECT_NE(svg.find("<title>CN-MINE → KR-SMELT</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>KR-SMELT → DE-AUTO</title>"), std::string::npos);
  // The largest contribution gets the full 100 px bar; 0.08 gets 100 × 0.08 / 0.32.
  const std::string first = element_with_title(svg, "path 1: contribution 0.320 · child labour");
  const std::string second = element_with_title(svg, "path 2: contribution 0.080 · pollution");
  EXPECT_EQ(attribute(first, "width"), "100");
  EXPECT_EQ(attribute(second, "width"), "25");
  EXPECT_NE(svg.find(">0.320 · child labour</text>"), std::string::npos);
  // Rows are ranked as given: path 1 above path 2.
  EXPECT_LT(number_attribute(first, "y"), number_attribute(second, "y"));
  EXPECT_NE(svg.find("aria-label=\"Paths into DE-AUTO\""), std::string::npos);
}

TEST(PathDiagram, LongIdsAreShortenedInTheBoxOnly) {
  PathDiagram d;
  d.paths = {{{{"VERY-LONG-FIRM-IDENTIFIER-0001", "", 0.4}}, 0.1, ""}};
  const std::string svg = path_diagram_svg(d);
  EXPECT_TRUE(well_formed(svg)) << svg;
  EXPECT_NE(svg.find(">VERY-LONG-FIR…</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>VERY-LONG-FIRM-IDENTIFIER-0001 · exposure 0.400</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("<title>path 1: contribution 0.100</title>"), std::string::npos);
  EXPECT_EQ(count(svg, "class=\"flow\""), 0u);
}

// A path of 20 firms F0 … F19: boxes F0–F5 on the first line, then "+9 firms" and F15–F19 on the
// second; the arrow out of F5 turns down to the second line.
TEST(PathDiagram, LongPathsWrapAndElideTheMiddle) {
  PathDiagram d;
  ContributionPath p;
  for (int i = 0; i < 20; ++i) p.nodes.push_back({"F" + std::to_string(i), "", 0.05 * i});
  p.contribution = 0.2;
  d.paths = {p};
  const std::string svg = path_diagram_svg(d);
  EXPECT_TRUE(well_formed(svg)) << svg;
  EXPECT_EQ(count(svg, "class=\"path-node\""), 11u);
  EXPECT_EQ(count(svg, "class=\"path-elided\""), 1u);
  EXPECT_NE(svg.find("<title>9 firms not drawn</title>"), std::string::npos);
  EXPECT_NE(svg.find(">+9 firms</text>"), std::string::npos);
  EXPECT_EQ(count(svg, "class=\"flow\""), 11u);
  EXPECT_EQ(svg.find("<title>F6 · "), std::string::npos);
  // Box k sits at x = 40 + 128 (k mod 6), y = 40 + 44 ⌊k / 6⌋; its outline starts 6 px in.
  EXPECT_EQ(attribute(element_with_title(svg, "F0 · exposure 0.000"), "d").substr(0, 7), "M 46 40");
  EXPECT_EQ(attribute(element_with_title(svg, "F15 · exposure 0.750"), "d").substr(0, 8),
            "M 174 84");
  const std::string turn = attribute(element_with_title(svg, "F5 → +9 firms"), "d");
  EXPECT_EQ(turn, "M 732 70 V 76.5 H 92 V 79");
  EXPECT_LE(svg_width(svg), 1100.0);
}

TEST(PathDiagram, CapsThePathsAndSaysSo) {
  PathDiagram d;
  for (int i = 0; i < 30; ++i) d.paths.push_back({{{"S" + std::to_string(i), "", 0.1}}, 0.01, ""});
  const std::string svg = path_diagram_svg(d);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_EQ(count(svg, "class=\"contribution\""), 25u);
  EXPECT_NE(svg.find(">+5 more paths not drawn</text>"), std::string::npos);
  d.max_paths = 30;
  EXPECT_EQ(path_diagram_svg(d).find("more paths"), std::string::npos);
}

TEST(PathDiagram, NoPathsAndBadInput) {
  PathDiagram d;
  d.title = "none";
  const std::string svg = path_diagram_svg(d);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_NE(svg.find(">no contributing paths</text>"), std::string::npos);

  d = two_paths();
  d.paths[1].nodes.clear();
  expect_usage_error([&] { (void)path_diagram_svg(d); }, "path diagram: path 2 has no firms",
                     "paths[1].nodes");
  d = two_paths();
  d.paths[0].nodes[1].value = -0.1;
  expect_usage_error([&] { (void)path_diagram_svg(d); },
                     "path diagram: path 1, firm 'KR-SMELT': value must be finite and ≥ 0",
                     "paths[0].nodes[1].value");
  d = two_paths();
  d.paths[1].contribution = std::nan("");
  expect_usage_error([&] { (void)path_diagram_svg(d); },
                     "path diagram: path 2: contribution must be finite and ≥ 0",
                     "paths[1].contribution");
  d = two_paths();
  d.scale_max = 0;
  expect_usage_error([&] { (void)path_diagram_svg(d); },
                     "path diagram: scale_max must be positive and finite", "scale_max");
  d = two_paths();
  d.max_paths = 0;
  expect_usage_error([&] { (void)path_diagram_svg(d); }, "path diagram: max_paths must be ≥ 1",
                     "max_paths");
}

// ---------------------------------------------------------------------------------------------
// Network map

// tier 0    tier 1       tier 2          (arrows: supplier → buyer; values in brackets)
//
//                        C [.9] ──┐
//           A [.5] ◄──── E [.4]   │
//  F ◄──────┤    ◄────── D [.1]   │
//           B [.2] ◄──────────────┘
//                        G [.3]  (no links)
//
// Each column starts in value order: A B | C E G D. Sweep out: A and B both have key 0.5 (F) and
// keep their order; in tier 2 the keys are the positions of the buyers, A = 0.25 and B = 0.75:
// C 0.75, E 0.25, D 0.25, and G, without a buyer, keeps its own 0.625, so the stable order is
// E D G C. The sweep back (A's suppliers at 0.125 and 0.375, B's at 0.875) and the second sweep
// out change nothing.
NetworkMap hand_drawn() {
  NetworkMap m;
  m.title = "Network of DE-AUTO";
  m.nodes = {{"F", "Focal AG", 0, 0.3, true},
             {"A", "", 1, 0.5},
             {"B", "", 1, 0.2},
             {"C", "", 2, 0.9},
             {"D", "", 2, 0.1},
             {"E", "", 2, 0.4},
             {"G", "", 2, 0.3}};
  m.edges = {{1, 0, 0.6}, {2, 0, 0.4}, {3, 2, 1.0}, {4, 1, 0.5}, {5, 1, 0.5}};
  return m;
}

/// The circle of firm `id` (the circle whose hover title starts with "id "), or "".
std::string node(const std::string& svg, const std::string& id) {
  const std::string key = "<title>" + id + " ";
  for (auto at = svg.find(key); at != std::string::npos; at = svg.find(key, at + 1)) {
    const auto open = svg.rfind('<', at - 1);
    if (svg.compare(open, 8, "<circle ") == 0) return svg.substr(open, at - open);
  }
  return {};
}

TEST(NetworkMap, TiersAreColumnsAndTheBarycentreOrdersThem) {
  const std::string svg = network_map_svg(hand_drawn());
  EXPECT_TRUE(well_formed(svg)) << svg;
  EXPECT_EQ(count(svg, "class=\"node\""), 6u);
  EXPECT_EQ(count(svg, "class=\"node focal\""), 1u);
  EXPECT_EQ(count(svg, "class=\"edge\""), 5u);
  // Columns 180 px apart from x = 40.
  for (const char* id : {"F"}) EXPECT_EQ(number_attribute(node(svg, id), "cx"), 40) << id;
  for (const char* id : {"A", "B"}) EXPECT_EQ(number_attribute(node(svg, id), "cx"), 220) << id;
  for (const char* id : {"C", "D", "E", "G"})
    EXPECT_EQ(number_attribute(node(svg, id), "cx"), 400) << id;
  // Rows 22 px apart, each column centred on the tallest (4 rows from y = 64).
  EXPECT_EQ(number_attribute(node(svg, "E"), "cy"), 75);
  EXPECT_EQ(number_attribute(node(svg, "D"), "cy"), 97);
  EXPECT_EQ(number_attribute(node(svg, "G"), "cy"), 119);
  EXPECT_EQ(number_attribute(node(svg, "C"), "cy"), 141);
  EXPECT_EQ(number_attribute(node(svg, "A"), "cy"), 97);
  EXPECT_EQ(number_attribute(node(svg, "B"), "cy"), 119);
  EXPECT_EQ(number_attribute(node(svg, "F"), "cy"), 108);
  // Titles, colours, the focal ring.
  const std::string focal = element_with_title(svg, "F (Focal AG) · tier 0 · exposure 0.300");
  ASSERT_FALSE(focal.empty()) << svg;
  EXPECT_EQ(attribute(focal, "r"), "9");
  EXPECT_EQ(attribute(focal, "fill"), risk_colour(0.3));
  EXPECT_EQ(attribute(element_with_title(svg, "C · tier 2 · exposure 0.900"), "fill"),
            risk_colour(0.9));
  // Edges: titles and opacity by weight (0.15 + 0.7 w / 1.0).
  const std::string cb = element_with_title(svg, "C → B · weight 1.000");
  EXPECT_EQ(attribute(cb, "opacity"), "0.85");
  EXPECT_EQ(attribute(element_with_title(svg, "B → F · weight 0.400"), "opacity"), "0.43");
  // Headers, legend, no caption.
  EXPECT_NE(svg.find(">tier 2</text>"), std::string::npos);
  EXPECT_NE(svg.find(">4 firms</text>"), std::string::npos);
  EXPECT_EQ(count(svg, "class=\"legend-step\""), 10u);
  EXPECT_NE(svg.find(">1.000</text>"), std::string::npos);  // scale_max at the legend's end
  EXPECT_EQ(count(svg, "class=\"note\""), 0u);
  EXPECT_EQ(count(svg, "class=\"more\""), 0u);
}

// Crossings between neighbouring columns, counted pair by pair (the obvious O(E²) way).
std::size_t crossings(const NetworkMap& m, const detail::MapLayout& l) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < m.edges.size(); ++i)
    for (std::size_t j = i + 1; j < m.edges.size(); ++j) {
      const MapEdge &a = m.edges[i], &b = m.edges[j];
      if (l.column_of[a.from] != l.column_of[b.from] || l.column_of[a.to] != l.column_of[b.to])
        continue;
      const auto d = [&](std::size_t x, std::size_t y) {
        return static_cast<double>(l.row_of[x]) - static_cast<double>(l.row_of[y]);
      };
      if (d(a.from, b.from) * d(a.to, b.to) < 0) ++n;
    }
  return n;
}

// On a tree (every supplier has one buyer in the tier below) the last sweep out sorts each
// column by its buyers' rows, so the drawing has no crossings at all, whatever the values.
TEST(NetworkMap, TreesAreDrawnWithoutCrossings) {
  std::uint64_t state = 99;
  const auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  for (int trial = 0; trial < 50; ++trial) {
    NetworkMap m;
    m.nodes.push_back({"F", "", 0, 0.5, true});
    std::vector<std::size_t> previous{0};
    for (std::uint32_t t = 1; t <= 4; ++t) {
      std::vector<std::size_t> tier;
      const std::size_t size = 1 + next() % 12;
      for (std::size_t i = 0; i < size; ++i) {
        tier.push_back(m.nodes.size());
        m.nodes.push_back({"N" + std::to_string(m.nodes.size()), "", t,
                           static_cast<double>(next() % 100) / 100.0});
        m.edges.push_back({tier.back(), previous[next() % previous.size()], 1.0});
      }
      previous = tier;
    }
    const detail::MapLayout l = detail::layout_map(m);
    ASSERT_EQ(l.columns.size(), 5u);
    std::size_t drawn = 0;
    for (std::size_t c = 0; c < l.columns.size(); ++c) {
      drawn += l.columns[c].size();
      for (std::size_t r = 0; r < l.columns[c].size(); ++r) {
        EXPECT_EQ(m.nodes[l.columns[c][r]].tier, c);
        EXPECT_EQ(l.row_of[l.columns[c][r]], r);
      }
    }
    EXPECT_EQ(drawn, m.nodes.size());
    EXPECT_EQ(crossings(m, l), 0u) << "trial " << trial;
  }
}

TEST(NetworkMap, ColouredAgainstScaleMax) {
  NetworkMap m = hand_drawn();
  m.scale_max = 0.5;
  const std::string svg = network_map_svg(m);
  EXPECT_EQ(attribute(element_with_title(svg, "G · tier 2 · exposure 0.300"), "fill"),
            risk_colour(0.6));
  EXPECT_NE(svg.find(">0.500</text>"), std::string::npos);
}

// Tier 1 holds S1 … S5 with values 0.1 … 0.5; three are drawn (S5 S4 S3). S1 and S2 are not, nor
// their edges S1 → F, S2 → F and S1 → S2.
TEST(NetworkMap, CapsCrowdedTiersAndCountsWhatIsNotDrawn) {
  NetworkMap m;
  m.max_nodes_per_tier = 3;
  m.nodes.push_back({"F", "", 0, 0.0, true});
  for (int i = 1; i <= 5; ++i) m.nodes.push_back({"S" + std::to_string(i), "", 1, 0.1 * i});
  for (std::size_t i = 1; i <= 5; ++i) m.edges.push_back({i, 0, 0.2});
  m.edges.push_back({1, 2, 0.1});
  const std::string svg = network_map_svg(m);
  EXPECT_TRUE(well_formed(svg)) << svg;
  EXPECT_EQ(count(svg, "class=\"node\""), 3u);
  EXPECT_EQ(count(svg, "class=\"node focal\""), 1u);
  EXPECT_TRUE(node(svg, "S1").empty());
  EXPECT_TRUE(node(svg, "S2").empty());
  EXPECT_FALSE(node(svg, "S3").empty());
  EXPECT_EQ(count(svg, "class=\"edge\""), 3u);
  EXPECT_EQ(count(svg, "class=\"edge-same-tier\""), 0u);
  EXPECT_NE(svg.find("class=\"more\">+2 more</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">5 firms</text>"), std::string::npos);
  EXPECT_NE(svg.find(">2 of 6 firms not drawn</text>"), std::string::npos);
  EXPECT_NE(svg.find(">3 of 6 edges not drawn (3 to firms not drawn)</text>"), std::string::npos);
  // The "+2 more" line takes the row below the last drawn firm: 4 rows from y = 64.
  EXPECT_EQ(number_attribute(node(svg, "S3"), "cy"), 119);
}

TEST(NetworkMap, TheFocalFirmIsKeptInACappedTier) {
  NetworkMap m;
  m.max_nodes_per_tier = 1;
  m.nodes = {{"Y", "", 0, 0.9}, {"F", "", 0, 0.0, true}};
  const std::string svg = network_map_svg(m);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_EQ(count(svg, "class=\"node focal\""), 1u);
  EXPECT_EQ(count(svg, "class=\"node\""), 0u);
  EXPECT_NE(svg.find(">+1 more</text>"), std::string::npos);
}

TEST(NetworkMap, CapsEdgesKeepingTheHeaviest) {
  NetworkMap m;
  m.max_edges = 2;
  m.nodes = {{"F", "", 0, 0.1, true}, {"A", "", 1, 0.1}, {"B", "", 1, 0.1}, {"C", "", 1, 0.1}};
  m.edges = {{1, 0, 0.1}, {2, 0, 0.5}, {3, 0, 0.25}, {1, 2, 0.2}};
  const std::string svg = network_map_svg(m);
  EXPECT_TRUE(well_formed(svg)) << svg;
  EXPECT_NE(svg.find("<title>B → F · weight 0.500</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>C → F · weight 0.250</title>"), std::string::npos);
  EXPECT_EQ(svg.find("<title>A → F"), std::string::npos);
  EXPECT_EQ(svg.find("<title>A → B"), std::string::npos);
  EXPECT_NE(svg.find(">2 of 4 edges not drawn (2 lighter than the 2 drawn)</text>"),
            std::string::npos);
  // Opacity relative to the heaviest drawn edge: 0.15 + 0.7 × 0.25 / 0.5.
  EXPECT_EQ(attribute(element_with_title(svg, "C → F · weight 0.250"), "opacity"), "0.5");
}

// Links inside a tier, loops and links towards a deeper tier (cycles) are drawn as arcs.
//
//   F ◄── A ◄── C        plus A → B (same tier), B → B (loop), F → C (towards tier 2)
//     ◄── B
TEST(NetworkMap, SameTierLoopsAndBackEdgesAreArcs) {
  NetworkMap m;
  m.nodes = {{"F", "", 0, 0.2, true}, {"A", "", 1, 0.4}, {"B", "", 1, 0.3}, {"C", "", 2, 0.6}};
  m.edges = {{1, 0, 0.5}, {2, 0, 0.5}, {3, 1, 1.0}, {1, 2, 0.3}, {2, 2, 0.1}, {0, 3, 0.2}};
  const std::string svg = network_map_svg(m);
  EXPECT_TRUE(well_formed(svg)) << svg;
  EXPECT_EQ(count(svg, "class=\"edge\""), 3u);
  EXPECT_EQ(count(svg, "class=\"edge-same-tier\""), 2u);
  EXPECT_EQ(count(svg, "class=\"edge-back\""), 1u);
  EXPECT_NE(svg.find("<title>B → B · weight 0.100</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>F → C · weight 0.200</title>"), std::string::npos);
  // The arc within tier 1 leaves A and comes back to B in the same column.
  const std::string ab = attribute(element_with_title(svg, "A → B · weight 0.300"), "d");
  EXPECT_EQ(ab.substr(0, 2), "M ");
  EXPECT_NE(ab.find(" C "), std::string::npos);
}

TEST(NetworkMap, SparseTiersGetOneColumnEach) {
  NetworkMap m;
  m.nodes = {{"F", "", 0, 0.1, true}, {"P", "", 2, 0.1}, {"Q", "", 5, 0.1}};
  m.edges = {{1, 0, 1.0}, {2, 1, 1.0}};
  const std::string svg = network_map_svg(m);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_NE(svg.find(">tier 2</text>"), std::string::npos);
  EXPECT_NE(svg.find(">tier 5</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">tier 1</text>"), std::string::npos);
  EXPECT_EQ(number_attribute(node(svg, "Q"), "cx"), 40 + 2 * 180);
}

TEST(NetworkMap, DeepChainsAreCutAfterTwelveTiers) {
  NetworkMap m;
  for (std::uint32_t t = 0; t < 14; ++t) m.nodes.push_back({"T" + std::to_string(t), "", t, 0.1});
  for (std::size_t t = 1; t < 14; ++t) m.edges.push_back({t, t - 1, 1.0});
  const std::string svg = network_map_svg(m);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_EQ(count(svg, "class=\"node\""), 12u);
  EXPECT_NE(svg.find(">2 of 14 firms not drawn (2 in 2 deeper tiers beyond the first 12)</text>"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find(">2 of 13 edges not drawn (2 to firms not drawn)</text>"), std::string::npos);
  EXPECT_LE(svg_width(svg), 1100.0);
}

TEST(NetworkMap, EscapesIdsAndLabels) {
  NetworkMap m;
  m.nodes = {{"<F&\"1\">", "R&D 'Korea'", 0, 0.5, true}, {"S<2>", "", 1, 0.1}};
  m.edges = {{1, 0, 0.5}};
  const std::string svg = network_map_svg(m);
  EXPECT_TRUE(well_formed(svg)) << svg;
  EXPECT_NE(svg.find("<title>&lt;F&amp;&quot;1&quot;&gt; (R&amp;D &#39;Korea&#39;) · tier 0 · "
                     "exposure 0.500</title>"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("<title>S&lt;2&gt; → &lt;F&amp;&quot;1&quot;&gt; · weight 0.500</title>"),
            std::string::npos);
}

// Thousands of firms: the drawing keeps 40 per tier and at most max_edges edges.
TEST(NetworkMap, LargeNetworksStayBounded) {
  NetworkMap m;
  m.nodes.push_back({"F", "", 0, 0.0, true});
  std::uint64_t state = 12345;
  const auto next = [&] {  // a small LCG: the same numbers everywhere
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  for (int i = 1; i <= 6000; ++i)
    m.nodes.push_back({"X" + std::to_string(i), "", static_cast<std::uint32_t>(1 + i % 3),
                       static_cast<double>(next() % 1000) / 1000.0});
  for (std::size_t i = 1; i < m.nodes.size(); ++i) {
    const std::uint32_t t = m.nodes[i].tier;
    for (int k = 0; k < 3; ++k) {  // three buyers one tier up
      std::size_t to = 0;
      if (t > 1) do
          to = 1 + next() % 6000;
        while (m.nodes[to].tier != t - 1);
      m.edges.push_back({i, to, static_cast<double>(next() % 100) / 100.0});
    }
  }
  const std::string svg = network_map_svg(m);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_EQ(count(svg, "class=\"node\""), 3u * 40u);
  EXPECT_EQ(count(svg, "class=\"more\""), 3u);
  EXPECT_LE(count(svg, "class=\"edge\""), m.max_edges);
  EXPECT_NE(svg.find(">5880 of 6001 firms not drawn</text>"), std::string::npos);
  EXPECT_LE(svg_width(svg), 1100.0);
}

TEST(NetworkMap, NoFirmsAndBadInput) {
  NetworkMap m;
  m.title = "empty";
  const std::string svg = network_map_svg(m);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_NE(svg.find(">no firms</text>"), std::string::npos);

  m = hand_drawn();
  m.edges.push_back({2, 7, 0.1});
  expect_usage_error([&] { (void)network_map_svg(m); },
                     "network map: edge 5 names firm 7, but there are 7 firms", "edges[5].to");
  m = hand_drawn();
  m.edges[0].from = 100;
  expect_usage_error([&] { (void)network_map_svg(m); },
                     "network map: edge 0 names firm 100, but there are 7 firms", "edges[0].from");
  m = hand_drawn();
  m.edges[1].weight = -0.5;
  expect_usage_error([&] { (void)network_map_svg(m); },
                     "network map: edge 1: weight must be finite and ≥ 0", "edges[1].weight");
  m = hand_drawn();
  m.nodes[3].value = std::nan("");
  expect_usage_error([&] { (void)network_map_svg(m); },
                     "network map: firm 'C': value must be finite and ≥ 0", "nodes[3].value");
  m = hand_drawn();
  m.scale_max = -1;
  expect_usage_error([&] { (void)network_map_svg(m); },
                     "network map: scale_max must be positive and finite", "scale_max");
  m = hand_drawn();
  m.max_nodes_per_tier = 0;
  expect_usage_error([&] { (void)network_map_svg(m); },
                     "network map: max_nodes_per_tier must be ≥ 1", "max_nodes_per_tier");
}

}  // namespace
}  // namespace diligence::report
