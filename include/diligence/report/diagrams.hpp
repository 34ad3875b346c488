// Diagrams for the HTML reports, drawn with report::Svg: the paths that carry risk to the focal
// firm (one row of firms per path, with its contribution), and a map of the supply network laid
// out by tier.
//
// The network map is a layered drawing in the manner of Sugiyama, Tagawa and Toda ("Methods for
// visual understanding of hierarchical system structures", IEEE Trans. SMC 11(2), 1981): one
// column per tier, the focal firm's tier on the left, and within each column the firms ordered by
// the barycentre heuristic to reduce edge crossings: a firm's key is the mean position of its
// neighbours in the column just swept (its buyers on the way out, its suppliers on the way back),
// a firm without such neighbours keeps its position, and the column is stably sorted by key.
// Three sweeps (out, back, out) cost O(E + V log V) and remove most avoidable crossings on
// tree-like supply networks; an optimal order is NP-hard and not attempted. Edges inside a tier
// or towards a deeper tier (cycles) are drawn as arcs. Both diagrams keep a bounded size: the map
// draws at most `max_nodes_per_tier` firms per tier (the highest exposures), kNetworkMapMaxTiers
// tiers and `max_edges` edges, the path diagram `max_paths` paths of at most kPathDiagramMaxNodes
// boxes, and each says in the drawing what it left out.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/report/charts.hpp>
#include <diligence/report/plots.hpp>
#include <diligence/report/svg.hpp>

namespace diligence::report {

// ---------------------------------------------------------------------------------------------
// Contribution paths

namespace detail {

/// Path data of a w × h box at (x, y) with corners rounded to radius r.
[[nodiscard]] inline std::string rounded_box(double x, double y, double w, double h, double r) {
  const auto n = [](double v) { return svg_number(v); };
  const std::string arc = " A " + n(r) + ' ' + n(r) + " 0 0 1 ";
  return "M " + n(x + r) + ' ' + n(y) + " H " + n(x + w - r) + arc + n(x + w) + ' ' + n(y + r) +
         " V " + n(y + h - r) + arc + n(x + w - r) + ' ' + n(y + h) + " H " + n(x + r) + arc +
         n(x) + ' ' + n(y + h - r) + " V " + n(y + r) + arc + n(x + r) + ' ' + n(y) + " Z";
}

}  // namespace detail

/// A firm on a contribution path.
struct PathNode {
  std::string id;
  std::string label;  ///< e.g. the firm's name; may be empty
  double value;       ///< the firm's exposure, finite and ≥ 0, coloured by value / scale_max
};

/// A chain of firms from the risk source (most upstream) to the focal firm, and how much of the
/// focal firm's exposure flows along it.
struct ContributionPath {
  std::vector<PathNode> nodes;  ///< from the risk source (most upstream) to the focal firm
  double contribution;          ///< finite and ≥ 0
  std::string category;         ///< the risk category, e.g. "child labour"
};

/// The paths to draw, ranked as given (the first is drawn on top).
struct PathDiagram {
  std::string title;
  std::vector<ContributionPath> paths;
  double scale_max = 1.0;      ///< the node value drawn darkest
  std::size_t max_paths = 25;  ///< paths drawn; the rest are counted in a note
};

/// Paths longer than this many firms are drawn with their first and last firms and one box
/// "+K firms" for the middle.
inline constexpr std::size_t kPathDiagramMaxNodes = 12;

/// One row per path: the firms as rounded boxes coloured by value / scale_max on risk_colour's
/// scale with the (shortened) id inside (class `path-node`, hover title "ID (label) · exposure
/// 0.123"), arrows from supplier to buyer (class `flow`, hover title "A → B"), and at the row's
/// end a bar proportional to the contribution (class `contribution`, hover title "path 1:
/// contribution 0.123 · category") with the value and category as text. Rows wrap after six
/// boxes, so the drawing stays under 1100 px wide. No paths gives a small diagram saying
/// "no contributing paths".
/// @throws UsageError (`usage.parameter`) when scale_max is not positive and finite, max_paths is
///   0, a path has no firms, or a value or contribution is negative or not finite; the key path
///   names the field (`paths[1].nodes[0].value`), the message the path as numbered in the drawing.
/// Complexity: O(total firms on the paths).
[[nodiscard]] inline std::string path_diagram_svg(const PathDiagram& d) {
  if (!(d.scale_max > 0.0) || !std::isfinite(d.scale_max))
    throw UsageError(errc::kParameter, "path diagram: scale_max must be positive and finite",
                     "scale_max");
  if (d.max_paths == 0)
    throw UsageError(errc::kParameter, "path diagram: max_paths must be ≥ 1", "max_paths");
  for (std::size_t p = 0; p < d.paths.size(); ++p) {
    const ContributionPath& path = d.paths[p];
    const std::string where = "path diagram: path " + std::to_string(p + 1);  // as drawn
    const std::string key = "paths[" + std::to_string(p) + "]";
    if (path.nodes.empty())
      throw UsageError(errc::kParameter, where + " has no firms", key + ".nodes");
    if (!(path.contribution >= 0.0) || !std::isfinite(path.contribution))
      throw UsageError(errc::kParameter, where + ": contribution must be finite and ≥ 0",
                       key + ".contribution");
    for (std::size_t i = 0; i < path.nodes.size(); ++i)
      if (!(path.nodes[i].value >= 0.0) || !std::isfinite(path.nodes[i].value))
        throw UsageError(errc::kParameter,
                         where + ", firm '" + path.nodes[i].id + "': value must be finite and ≥ 0",
                         key + ".nodes[" + std::to_string(i) + "].value");
  }
  if (d.paths.empty()) return detail::empty_chart(d.title, "no contributing paths");

  constexpr double kLeft = 40.0, kTop = 40.0, kBoxW = 104.0, kBoxH = 28.0, kGap = 24.0;
  constexpr double kLineH = 44.0, kRowGap = 12.0, kBarW = 100.0, kTextW = 170.0;
  constexpr std::size_t kPerLine = 6, kIdChars = 14;
  constexpr std::size_t kHead = kPathDiagramMaxNodes / 2, kTail = kPathDiagramMaxNodes - kHead - 1;

  const std::size_t drawn = std::min(d.paths.size(), d.max_paths);
  // The boxes of a path: a firm's index, or npos for the "+K firms" box.
  constexpr std::size_t kElided = static_cast<std::size_t>(-1);
  const auto boxes = [&](const ContributionPath& path) {
    std::vector<std::size_t> b;
    const std::size_t n = path.nodes.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (n > kPathDiagramMaxNodes && i >= kHead && i < n - kTail) {
        if (i == kHead) b.push_back(kElided);
        continue;
      }
      b.push_back(i);
    }
    return b;
  };
  std::size_t widest = 1;
  double max_contribution = 0.0, height = kTop;
  for (std::size_t p = 0; p < drawn; ++p) {
    const std::size_t n = boxes(d.paths[p]).size();
    widest = std::max(widest, std::min(n, kPerLine));
    max_contribution = std::max(max_contribution, d.paths[p].contribution);
    height += kLineH * static_cast<double>((n + kPerLine - 1) / kPerLine) + kRowGap;
  }
  const bool more = d.paths.size() > drawn;
  const double bar_x = kLeft + (kBoxW + kGap) * static_cast<double>(widest) - kGap + 16.0;
  Svg svg(std::max(bar_x + kBarW + kTextW, title_width(d.title)), height + (more ? 24.0 : 8.0));
  svg.text(8, 22, d.title, TextStyle::sized(14).bolded());

  const auto arrow_head = [&](double x, double y, double dx, double dy) {  // tip at (x, y)
    const double px = -dy, py = dx;                                        // perpendicular
    svg.path("M " + svg_number(x) + ' ' + svg_number(y) + " L " + svg_number(x - 7 * dx + 4 * px) +
                 ' ' + svg_number(y - 7 * dy + 4 * py) + " L " + svg_number(x - 7 * dx - 4 * px) +
                 ' ' + svg_number(y - 7 * dy - 4 * py) + " Z",
             Style::filled("#555"));
  };
  const auto node_name = [](const PathNode& n) {
    return n.label.empty() ? n.id : n.id + " (" + n.label + ")";
  };

  double y = kTop;
  for (std::size_t p = 0; p < drawn; ++p) {
    const ContributionPath& path = d.paths[p];
    const std::vector<std::size_t> b = boxes(path);
    const std::size_t lines = (b.size() + kPerLine - 1) / kPerLine;
    svg.begin_group("path");
    svg.text(8, y + kBoxH * 0.65, std::to_string(p + 1) + ".",
             TextStyle::sized(12).bolded().with_class("rank"));
    const auto box_x = [&](std::size_t k) {
      return kLeft + (kBoxW + kGap) * static_cast<double>(k % kPerLine);
    };
    const auto box_y = [&](std::size_t k) {
      return y + kLineH * static_cast<double>(k / kPerLine);
    };
    const std::size_t hidden = path.nodes.size() - (b.size() - 1);  // when one box is elided
    const auto label_of = [&](std::size_t k) {
      return b[k] == kElided ? "+" + std::to_string(hidden) + " firms" : path.nodes[b[k]].id;
    };
    for (std::size_t k = 0; k < b.size(); ++k) {
      const double bx = box_x(k), by = box_y(k);
      if (b[k] == kElided) {
        svg.rect(bx, by, kBoxW, kBoxH,
                 Style::filled("#f4f4f4").with_stroke("#999").with_class("path-elided"),
                 std::to_string(hidden) + " firms not drawn");
        svg.text(bx + kBoxW / 2, by + kBoxH * 0.64, label_of(k),
                 TextStyle::sized(11).anchored("middle").coloured("#555"));
      } else {
        const PathNode& node = path.nodes[b[k]];
        const double t = node.value / d.scale_max;
        svg.path(detail::rounded_box(bx, by, kBoxW, kBoxH, 6),
                 Style::filled(risk_colour(t)).with_stroke("#666", 0.8).with_class("path-node"),
                 node_name(node) + " · exposure " + format_value(node.value));
        svg.text(bx + kBoxW / 2, by + kBoxH * 0.64, ellipsize(node.id, kIdChars),
                 TextStyle::sized(10).anchored("middle").coloured(t > 0.6 ? "#fff" : "#222"));
      }
      if (k + 1 == b.size()) continue;
      // The arrow to the next box: straight along a line, or down and back to the next line.
      const std::string tip = label_of(k) + " → " + label_of(k + 1);
      if ((k + 1) % kPerLine != 0) {
        const double ay = by + kBoxH / 2;
        svg.line(bx + kBoxW + 2, ay, bx + kBoxW + kGap - 2, ay,
                 Style::stroked("#555", 1.5).with_class("flow"), tip);
        arrow_head(bx + kBoxW + kGap - 1, ay, 1, 0);
      } else {
        const double x1 = bx + kBoxW / 2, x2 = box_x(k + 1) + kBoxW / 2;
        const double y1 = by + kBoxH + 2, y2 = box_y(k + 1) - 1, ym = (y1 + y2) / 2;
        svg.path("M " + svg_number(x1) + ' ' + svg_number(y1) + " V " + svg_number(ym) + " H " +
                     svg_number(x2) + " V " + svg_number(y2 - 4),
                 Style::stroked("#555", 1.5).with_class("flow"), tip);
        arrow_head(x2, y2, 0, 1);
      }
    }
    const double w = max_contribution > 0.0 ? kBarW * path.contribution / max_contribution : 0.0;
    svg.rect(bar_x, y + 6, w, kBoxH - 12, Style::filled("#3b7dd8").with_class("contribution"),
             "path " + std::to_string(p + 1) + ": contribution " + format_value(path.contribution) +
                 (path.category.empty() ? "" : " · " + path.category));
    svg.text(bar_x + w + 6, y + kBoxH * 0.64,
             format_value(path.contribution) +
                 (path.category.empty() ? "" : " · " + ellipsize(path.category, 22)),
             TextStyle::sized(11));
    svg.end_group();
    y += kLineH * static_cast<double>(lines) + kRowGap;
  }
  if (more)
    detail::draw_notes(svg, 8, y + 8,
                       {"+" + std::to_string(d.paths.size() - drawn) + " more paths not drawn"});
  return svg.str(d.title);
}

// ---------------------------------------------------------------------------------------------
// Network map

/// A firm on the network map.
struct MapNode {
  std::string id;
  std::string label;   ///< e.g. the firm's name; may be empty
  std::uint32_t tier;  ///< 0 for the focal firm, k for its k-th tier suppliers
  double value;        ///< the firm's exposure, finite and ≥ 0, coloured by value / scale_max
  bool focal = false;  ///< drawn larger and always kept when its tier is capped
};

/// A supply link between two firms of NetworkMap::nodes.
struct MapEdge {
  std::size_t from;  ///< the supplier's index
  std::size_t to;    ///< the buyer's index
  double weight;     ///< finite and ≥ 0, e.g. the supplier's share; drawn as opacity
};

/// The network to draw.
struct NetworkMap {
  std::string title;
  std::vector<MapNode> nodes;
  std::vector<MapEdge> edges;
  double scale_max = 1.0;               ///< the node value drawn darkest
  std::size_t max_nodes_per_tier = 40;  ///< firms drawn per tier (highest values first)
  std::size_t max_edges = 2000;         ///< edges drawn (heaviest first)
};

/// The most tiers (columns) the network map draws, the lowest ones; firms in deeper tiers are
/// counted in a note.
inline constexpr std::size_t kNetworkMapMaxTiers = 12;

namespace detail {

/// The network map's layout: which firms are drawn, in which column and row.
struct MapLayout {
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::uint32_t> column_tier;         ///< tier of each column, ascending
  std::vector<std::vector<std::size_t>> columns;  ///< drawn firms per column, top to bottom
  std::vector<std::size_t> hidden;                ///< firms of the column's tier not drawn
  std::vector<std::size_t> column_of;             ///< per firm; kNone when not drawn
  std::vector<std::size_t> row_of;                ///< per drawn firm
  std::size_t deeper_firms = 0;                   ///< firms in tiers beyond the last column
  std::size_t deeper_tiers = 0;
};

/// Selection and barycentre ordering, as described at the top of this file.
/// Complexity: O(V log V + E).
[[nodiscard]] inline MapLayout layout_map(const NetworkMap& m) {
  MapLayout l;
  const std::size_t n = m.nodes.size();
  std::vector<std::uint32_t> tiers;
  tiers.reserve(n);
  for (const MapNode& node : m.nodes) tiers.push_back(node.tier);
  std::sort(tiers.begin(), tiers.end());
  tiers.erase(std::unique(tiers.begin(), tiers.end()), tiers.end());
  l.deeper_tiers = tiers.size() > kNetworkMapMaxTiers ? tiers.size() - kNetworkMapMaxTiers : 0;
  tiers.resize(std::min(tiers.size(), kNetworkMapMaxTiers));
  l.column_tier = tiers;
  l.columns.resize(tiers.size());
  l.hidden.assign(tiers.size(), 0);
  l.column_of.assign(n, MapLayout::kNone);
  l.row_of.assign(n, 0);

  // Firms per column, focal first, then by value (highest first), then by index; keep the first
  // max_nodes_per_tier.
  for (std::size_t i = 0; i < n; ++i) {
    const auto it = std::lower_bound(tiers.begin(), tiers.end(), m.nodes[i].tier);
    if (it == tiers.end() || *it != m.nodes[i].tier) {
      ++l.deeper_firms;
      continue;
    }
    l.columns[static_cast<std::size_t>(it - tiers.begin())].push_back(i);
  }
  for (std::size_t c = 0; c < l.columns.size(); ++c) {
    std::vector<std::size_t>& col = l.columns[c];
    std::sort(col.begin(), col.end(), [&](std::size_t a, std::size_t b) {
      if (m.nodes[a].focal != m.nodes[b].focal) return m.nodes[a].focal;
      if (m.nodes[a].value != m.nodes[b].value) return m.nodes[a].value > m.nodes[b].value;
      return a < b;
    });
    if (col.size() > m.max_nodes_per_tier) {
      l.hidden[c] = col.size() - m.max_nodes_per_tier;
      col.resize(m.max_nodes_per_tier);
    }
    for (std::size_t r = 0; r < col.size(); ++r) {
      l.column_of[col[r]] = c;
      l.row_of[col[r]] = r;
    }
  }

  // Edges between drawn firms in neighbouring columns, either direction, bucketed by the gap
  // they cross: gaps[c] holds (firm in column c, firm in column c + 1).
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> gaps(l.columns.size());
  for (const MapEdge& e : m.edges) {
    const std::size_t ca = l.column_of[e.from], cb = l.column_of[e.to];
    if (ca == MapLayout::kNone || cb == MapLayout::kNone) continue;
    if (ca + 1 == cb) gaps[ca].emplace_back(e.from, e.to);
    if (cb + 1 == ca) gaps[cb].emplace_back(e.to, e.from);
  }
  // A position in [0, 1] within the column, comparable across columns of different lengths.
  const auto pos = [&](std::size_t firm) {
    return (static_cast<double>(l.row_of[firm]) + 0.5) /
           static_cast<double>(l.columns[l.column_of[firm]].size());
  };
  std::vector<double> sum(n, 0.0);
  std::vector<std::uint32_t> count(n, 0);
  // Reorders column `c` by the positions of its neighbours in column `from` (c ± 1).
  const auto sweep = [&](std::size_t c, std::size_t from) {
    std::vector<std::size_t>& col = l.columns[c];
    for (const std::size_t f : col) sum[f] = 0.0, count[f] = 0;
    const std::size_t gap = std::min(c, from);
    for (const auto& [left, right] : gaps[gap]) {
      const std::size_t mine = c == gap ? left : right, other = c == gap ? right : left;
      sum[mine] += pos(other);
      ++count[mine];
    }
    std::vector<std::pair<double, std::size_t>> keyed;
    keyed.reserve(col.size());
    for (const std::size_t f : col) keyed.emplace_back(count[f] ? sum[f] / count[f] : pos(f), f);
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t r = 0; r < col.size(); ++r) {
      col[r] = keyed[r].second;
      l.row_of[col[r]] = r;
    }
  };
  const std::size_t cols = l.columns.size();
  for (std::size_t c = 1; c < cols; ++c) sweep(c, c - 1);
  for (std::size_t c = cols; c-- > 1;) sweep(c - 1, c);
  for (std::size_t c = 1; c < cols; ++c) sweep(c, c - 1);
  return l;
}

}  // namespace detail

/// A layered map of the network: one column per tier (the focal firm's tier 0 on the left), firms
/// as circles coloured by value / scale_max on risk_colour's scale (class `node`, or `node focal`
/// drawn larger with a dark ring; hover title "ID (label) · tier k · exposure 0.123") with their
/// shortened id beside them, ordered within each column by the barycentre heuristic; supply links
/// as curves from supplier to buyer with opacity by weight (hover title "SUP → BUY · weight
/// 0.250"; class `edge` towards a lower tier, `edge-same-tier` within a tier, including loops,
/// and `edge-back` towards a deeper tier), a colour legend from 0 to scale_max, and notes for
/// what is not drawn: "+K more" under a capped column (class `more`), and caption lines (class
/// `note`) counting the firms and edges not drawn. No firms gives a small map saying
/// "no firms".
/// @throws UsageError (`usage.parameter`) when scale_max is not positive and finite,
///   max_nodes_per_tier is 0, a value or weight is negative or not finite, or an edge names a
///   firm index outside nodes; the key path names the field (`edges[5].to`, `nodes[3].value`).
/// Complexity: O(V log V + E log E); the drawing holds at most kNetworkMapMaxTiers ×
///   max_nodes_per_tier firms and max_edges edges.
[[nodiscard]] inline std::string network_map_svg(const NetworkMap& m) {
  if (!(m.scale_max > 0.0) || !std::isfinite(m.scale_max))
    throw UsageError(errc::kParameter, "network map: scale_max must be positive and finite",
                     "scale_max");
  if (m.max_nodes_per_tier == 0)
    throw UsageError(errc::kParameter, "network map: max_nodes_per_tier must be ≥ 1",
                     "max_nodes_per_tier");
  const std::size_t n = m.nodes.size();
  for (std::size_t i = 0; i < n; ++i)
    if (!(m.nodes[i].value >= 0.0) || !std::isfinite(m.nodes[i].value))
      throw UsageError(errc::kParameter,
                       "network map: firm '" + m.nodes[i].id + "': value must be finite and ≥ 0",
                       "nodes[" + std::to_string(i) + "].value");
  for (std::size_t k = 0; k < m.edges.size(); ++k) {
    const MapEdge& e = m.edges[k];
    const std::string where = "network map: edge " + std::to_string(k);  // edges[k]
    const std::string key = "edges[" + std::to_string(k) + "]";
    if (e.from >= n || e.to >= n)
      throw UsageError(errc::kParameter,
                       where + " names firm " + std::to_string(e.from >= n ? e.from : e.to) +
                           ", but there are " + std::to_string(n) + " firms",
                       key + (e.from >= n ? ".from" : ".to"));
    if (!(e.weight >= 0.0) || !std::isfinite(e.weight))
      throw UsageError(errc::kParameter, where + ": weight must be finite and ≥ 0",
                       key + ".weight");
  }
  if (n == 0) return detail::empty_chart(m.title, "no firms");

  const detail::MapLayout l = detail::layout_map(m);
  const std::size_t cols = l.columns.size();
  std::size_t rows = 1;
  for (std::size_t c = 0; c < cols; ++c)
    rows = std::max(rows, l.columns[c].size() + (l.hidden[c] ? 1 : 0));

  constexpr double kLeft = 40.0, kTop = 64.0, kRowH = 22.0, kR = 6.0, kFocalR = 9.0;
  constexpr double kSpan = 900.0, kLabelW = 130.0;
  const double col_gap = cols > 1 ? std::min(180.0, kSpan / static_cast<double>(cols - 1)) : 0.0;
  const double plot_h = std::max(60.0, kRowH * static_cast<double>(rows));
  const auto x_of = [&](std::size_t c) { return kLeft + col_gap * static_cast<double>(c); };
  const auto y_of = [&](std::size_t c, std::size_t r) {
    const double used = kRowH * static_cast<double>(l.columns[c].size() + (l.hidden[c] ? 1 : 0));
    return kTop + (plot_h - used) / 2 + kRowH * (static_cast<double>(r) + 0.5);
  };
  const auto px = [&](std::size_t f) { return x_of(l.column_of[f]); };
  const auto py = [&](std::size_t f) { return y_of(l.column_of[f], l.row_of[f]); };

  // Edges: both ends drawn, then the max_edges heaviest (ties: input order).
  std::vector<std::size_t> shown;
  std::size_t to_hidden_firms = 0;
  for (std::size_t k = 0; k < m.edges.size(); ++k) {
    const MapEdge& e = m.edges[k];
    if (l.column_of[e.from] == detail::MapLayout::kNone ||
        l.column_of[e.to] == detail::MapLayout::kNone)
      ++to_hidden_firms;
    else
      shown.push_back(k);
  }
  const auto heavier = [&](std::size_t a, std::size_t b) {
    if (m.edges[a].weight != m.edges[b].weight) return m.edges[a].weight > m.edges[b].weight;
    return a < b;
  };
  std::size_t beyond_cap = 0;
  if (shown.size() > m.max_edges) {
    std::nth_element(shown.begin(), shown.begin() + static_cast<std::ptrdiff_t>(m.max_edges),
                     shown.end(), heavier);
    beyond_cap = shown.size() - m.max_edges;
    shown.resize(m.max_edges);
  }
  // Lightest first, so that heavy edges are drawn on top.
  std::sort(shown.begin(), shown.end(),
            [&](std::size_t a, std::size_t b) { return heavier(b, a); });
  double max_weight = 0.0;
  for (const std::size_t k : shown) max_weight = std::max(max_weight, m.edges[k].weight);

  std::vector<std::string> captions;
  const std::size_t hidden_firms =
      n - std::accumulate(l.columns.begin(), l.columns.end(), std::size_t{0},
                          [](std::size_t s, const auto& col) { return s + col.size(); });
  if (hidden_firms > 0) {
    std::string s = std::to_string(hidden_firms) + " of " + std::to_string(n) + " firms not drawn";
    if (l.deeper_firms > 0)
      s += " (" + std::to_string(l.deeper_firms) + " in " + std::to_string(l.deeper_tiers) +
           " deeper tiers beyond the first " + std::to_string(kNetworkMapMaxTiers) + ")";
    captions.push_back(s);
  }
  if (to_hidden_firms + beyond_cap > 0) {
    std::string s = std::to_string(to_hidden_firms + beyond_cap) + " of " +
                    std::to_string(m.edges.size()) + " edges not drawn (";
    if (to_hidden_firms > 0) s += std::to_string(to_hidden_firms) + " to firms not drawn";
    if (to_hidden_firms > 0 && beyond_cap > 0) s += ", ";
    if (beyond_cap > 0)
      s += std::to_string(beyond_cap) + " lighter than the " + std::to_string(m.max_edges) +
           " drawn";
    captions.push_back(s + ")");
  }

  const double legend_y = kTop + plot_h + 24.0;
  const double width = std::max({x_of(cols - 1) + kLabelW, 420.0, title_width(m.title)});
  Svg svg(width, legend_y + 36.0 + 16.0 * static_cast<double>(captions.size()));
  svg.text(8, 22, m.title, TextStyle::sized(14).bolded());
  for (std::size_t c = 0; c < cols; ++c) {
    const std::size_t total = l.columns[c].size() + l.hidden[c];
    svg.text(x_of(c), kTop - 16, "tier " + std::to_string(l.column_tier[c]),
             TextStyle::sized(11).anchored(c == 0 ? "start" : "middle").bolded());
    svg.text(x_of(c), kTop - 4, std::to_string(total) + (total == 1 ? " firm" : " firms"),
             TextStyle::sized(9).anchored(c == 0 ? "start" : "middle").coloured("#666"));
  }

  svg.begin_group("edges");
  for (const std::size_t k : shown) {
    const MapEdge& e = m.edges[k];
    const std::size_t ca = l.column_of[e.from], cb = l.column_of[e.to];
    const double x1 = px(e.from), y1 = py(e.from), x2 = px(e.to), y2 = py(e.to);
    std::string d = "M " + svg_number(x1) + ' ' + svg_number(y1);
    std::string css;
    if (e.from == e.to) {  // a loop right of the firm
      d += " C " + svg_number(x1 + 28) + ' ' + svg_number(y1 - 16) + ' ' + svg_number(x1 + 28) +
           ' ' + svg_number(y1 + 16) + ' ' + svg_number(x1) + ' ' + svg_number(y1);
      css = "edge-same-tier";
    } else if (ca == cb) {  // an arc right of the column
      const double bulge = 16.0 + 0.35 * std::abs(y2 - y1);
      d += " C " + svg_number(x1 + bulge) + ' ' + svg_number(y1) + ' ' + svg_number(x2 + bulge) +
           ' ' + svg_number(y2) + ' ' + svg_number(x2) + ' ' + svg_number(y2);
      css = "edge-same-tier";
    } else if (ca > cb) {  // the usual direction: from a deeper tier towards the focal firm
      const double xm = (x1 + x2) / 2;
      d += " C " + svg_number(xm) + ' ' + svg_number(y1) + ' ' + svg_number(xm) + ' ' +
           svg_number(y2) + ' ' + svg_number(x2) + ' ' + svg_number(y2);
      css = "edge";
    } else {  // towards a deeper tier: an arc above the straight line
      const double lift = 20.0 + 0.15 * (x2 - x1);
      d += " Q " + svg_number((x1 + x2) / 2) + ' ' + svg_number(std::min(y1, y2) - lift) + ' ' +
           svg_number(x2) + ' ' + svg_number(y2);
      css = "edge-back";
    }
    const double opacity = max_weight > 0.0 ? 0.15 + 0.7 * e.weight / max_weight : 0.15;
    svg.path(d, Style::stroked("#4a5568", 1.2).with_opacity(opacity).with_class(css),
             m.nodes[e.from].id + " → " + m.nodes[e.to].id + " · weight " + format_value(e.weight));
  }
  svg.end_group();

  svg.begin_group("nodes");
  const double label_chars = std::max(4.0, ((cols > 1 ? col_gap : kLabelW) - 2 * kFocalR) / 5.5);
  for (std::size_t c = 0; c < cols; ++c) {
    for (const std::size_t f : l.columns[c]) {
      const MapNode& node = m.nodes[f];
      const double x = px(f), y = py(f);
      const std::string tip = (node.label.empty() ? node.id : node.id + " (" + node.label + ")") +
                              " · tier " + std::to_string(node.tier) + " · exposure " +
                              format_value(node.value);
      const Style fill = Style::filled(risk_colour(node.value / m.scale_max));
      if (node.focal)
        svg.circle(x, y, kFocalR, Style(fill).with_stroke("#111", 2.5).with_class("node focal"),
                   tip);
      else
        svg.circle(x, y, kR, Style(fill).with_stroke("#555", 0.7).with_class("node"), tip);
      // The id right of the circle, on a pale backing so that edges do not hide it.
      const std::string label = ellipsize(node.id, static_cast<std::size_t>(label_chars));
      const double lx = x + (node.focal ? kFocalR : kR) + 2;
      svg.rect(lx, y - 6, 5.2 * static_cast<double>(text_length(label)) + 3, 11,
               Style::filled("#fff").with_opacity(0.8));
      svg.text(lx + 1.5, y + 3, label, TextStyle::sized(9).coloured("#333").with_class("label"));
    }
    if (l.hidden[c] > 0)
      svg.text(x_of(c), y_of(c, l.columns[c].size()) + 3,
               "+" + std::to_string(l.hidden[c]) + " more",
               TextStyle::sized(10)
                   .anchored(c == 0 ? "start" : "middle")
                   .coloured("#666")
                   .with_class("more"));
  }
  svg.end_group();

  // Colour legend: ten steps from 0 to scale_max.
  constexpr int kSteps = 10;
  constexpr double kStepW = 18.0;
  svg.text(8, legend_y + 10, "exposure", TextStyle::sized(10));
  for (int k = 0; k < kSteps; ++k)
    svg.rect(64 + kStepW * k, legend_y, kStepW, 12,
             Style::filled(risk_colour((k + 0.5) / kSteps)).with_class("legend-step"));
  svg.text(64, legend_y + 24, "0", TextStyle::sized(9).anchored("middle"));
  svg.text(64 + kStepW * kSteps, legend_y + 24, format_value(m.scale_max),
           TextStyle::sized(9).anchored("middle"));
  detail::draw_notes(svg, 8, legend_y + 44, captions);
  return svg.str(m.title);
}

}  // namespace diligence::report
