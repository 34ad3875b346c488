// The charts of the HTML reports, built from the results of the library: exposure by tier ×
// category (heat map), the upstream network laid out by tier (network map), the top contributing
// paths (path diagram) and Monte Carlo outcomes (histograms). The drawing is report::'s; this
// file only chooses what to show.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <diligence/model/scenario.hpp>
#include <diligence/report/charts.hpp>
#include <diligence/report/diagrams.hpp>
#include <diligence/risk/matrix.hpp>
#include <diligence/risk/paths.hpp>

namespace diligence::cli {

/// A firm with its tier (0 = the focal firm, or the end of the chain in the whole-network view).
using TieredFirm = std::pair<model::FirmIndex, std::int32_t>;

/// Mean exposure of the firms of each tier (rows) in each category (columns); a cell without
/// firms is NaN (drawn grey). The scale runs from 0 to the largest cell (1 when all are 0).
[[nodiscard]] report::HeatMap tier_heat_map(std::string title, const risk::RiskMatrix& exposure,
                                            const std::vector<std::string>& categories,
                                            const std::vector<TieredFirm>& firms);

/// The firms and the links among them, each firm coloured by `value(firm)` (its exposure);
/// `focal` (may be model::kNoFirm) is marked. Links whose two ends are both among `firms` are
/// drawn.
[[nodiscard]] report::NetworkMap network_map(
    std::string title, const model::Scenario& scenario,
    const std::function<double(model::FirmIndex)>& value, const std::vector<TieredFirm>& firms,
    model::FirmIndex focal);

/// `f ↦ exposure(f, k)`, for network_map.
[[nodiscard]] std::function<double(model::FirmIndex)> column_of(const risk::RiskMatrix& exposure,
                                                                std::size_t k);

/// The top contributing paths (risk/paths.hpp: focal firm first), drawn from the source to the
/// focal firm, each firm coloured by its exposure in column `category`.
[[nodiscard]] report::PathDiagram path_diagram(std::string title, const model::Scenario& scenario,
                                               const risk::RiskMatrix& exposure,
                                               std::size_t category,
                                               const std::string& category_name,
                                               const risk::PathResult& paths);

/// Tiers of the whole network: the number of links from each firm down to the nearest firm with
/// no buyers (the end of a chain, tier 0). Firms from which no such firm can be reached (closed
/// cycles) get the deepest tier + 1 and are listed after the others.
[[nodiscard]] std::vector<TieredFirm> tiers_from_chain_ends(const model::SupplyNetwork& net);

/// A histogram of `samples` (e.g. one value per Monte Carlo run).
[[nodiscard]] report::Histogram histogram(std::string title, std::string x_label,
                                          std::vector<double> samples, std::size_t bins = 20);

}  // namespace diligence::cli
