// Writers that export a supplier network with its risk figures for other tools: GraphML (Gephi,
// yEd, Cytoscape, NetworkX), Graphviz DOT (nodes coloured by overall exposure) and CSV (one row
// per firm, RFC 4180). Plain C++ over the frozen network; no Eigen and no yaml-cpp here, so the
// risk figures come in as flat row-major arrays (a `risk::RiskMatrix`'s `data()` is one).
//
// The output is deterministic: firms in scenario order, links in scenario order, numbers in the
// shortest form that reads back to the same double (`std::to_chars`), so exports can be
// compared byte for byte (tests/data/golden/).
#pragma once

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <diligence/model/supply_network.hpp>

namespace diligence::io {

/// Per-firm risk figures to attach to an export. Both matrices are n × K, row-major (entry
/// `[i * K + k]` is firm i, category k); leaving one out (nullopt) leaves that group of
/// attributes out. `overall` (the maximum over categories of exposure, spec/scenario.md) is
/// written whenever `exposure` is given. Without categories neither group is written.
struct RiskAttributes {
  std::vector<std::string> categories;              ///< K category ids, the column order
  std::optional<std::span<const double>> own;       ///< own residual risk, n × K
  std::optional<std::span<const double>> exposure;  ///< exposure, n × K
};

/// Options common to the writers.
struct ExportOptions {
  /// Graph name: GraphML `<desc>` and DOT graph label; empty = none.
  std::string title;
};

/// GraphML 1.0 (http://graphml.graphdrawing.org/). Node attributes: `name` (display name),
/// `country`, `sector`, `size_class`, `own_<cat>`, `exposure_<cat>`, `overall`; edge attributes:
/// `weight` (w(s,b)), `spend_eur`, `share` and `commodity` (several joined by `;`). Attributes
/// the scenario does not give (spend, share, commodity) are left out of that edge. The key id of
/// an attribute is its name when that is a valid XML name token, else `k<number>`. Text is
/// XML-escaped; control characters that XML 1.0 cannot carry become U+FFFD.
/// @throws UsageError (`usage.parameter`) when a matrix does not have n × K entries.
/// O(n·K + m) time and output size.
void write_graphml(std::ostream& out, const model::SupplyNetwork& net,
                   const RiskAttributes& risk = {}, const ExportOptions& options = {});
[[nodiscard]] std::string to_graphml(const model::SupplyNetwork& net,
                                     const RiskAttributes& risk = {},
                                     const ExportOptions& options = {});

/// Graphviz DOT: a `digraph` with one box per firm, labelled with its display name, its id when
/// that differs, and its overall exposure x (at most three decimals), filled by the colour of x
/// on a green → yellow → red scale (`exposure_colour`, repeated in a comment in the output);
/// grey (`#d9d9d9`) without exposure. One edge per link, labelled by its weight w (at most three
/// decimals), pen width 1 + 3w. Strings are double-quoted with `"` and `\` escaped and line
/// breaks written as `\n`.
/// @throws UsageError (`usage.parameter`) when a matrix does not have n × K entries.
/// O(n·K + m) time and output size.
void write_dot(std::ostream& out, const model::SupplyNetwork& net, const RiskAttributes& risk = {},
               const ExportOptions& options = {});
[[nodiscard]] std::string to_dot(const model::SupplyNetwork& net, const RiskAttributes& risk = {},
                                 const ExportOptions& options = {});

/// CSV (RFC 4180: CRLF line ends; a field with `,`, `"`, CR or LF is quoted and `"` doubled), one
/// row per firm in scenario order with the columns `id,name,country,sector,size_class`, then
/// `own_<cat>` for each category, `exposure_<cat>` for each category and `overall` (as far as
/// given). `name` is the display name.
/// @throws UsageError (`usage.parameter`) when a matrix does not have n × K entries.
/// O(n·K + m) time and output size.
void write_csv(std::ostream& out, const model::SupplyNetwork& net, const RiskAttributes& risk = {});
[[nodiscard]] std::string to_csv(const model::SupplyNetwork& net, const RiskAttributes& risk = {});

/// The fill colour `write_dot` gives an overall exposure x (clamped to [0,1]): `#RRGGBB` with
///   R = round(255 · min(1, 2x)),  G = round(255 · min(1, 2(1 − x))),  B = 0,
/// so green `#00ff00` at 0, yellow `#ffff00` at 0.5, red `#ff0000` at 1.
[[nodiscard]] std::string exposure_colour(double x);

}  // namespace diligence::io
