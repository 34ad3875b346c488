// `diligence risk --format html`: the whole-network view (or, with --focal, the focal firm's
// upstream network) as one self-contained page: mean exposure by tier × category, the mean
// exposure of each category, the distribution of overall exposure, the network map and the
// firms with the highest exposure.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <diligence/core/diagnostics.hpp>
#include <diligence/model/scenario.hpp>
#include <diligence/risk/matrix.hpp>
#include <diligence/risk/tiers.hpp>

namespace diligence::cli {

/// What the page shows.
struct RiskPage {
  const model::Scenario* scenario = nullptr;
  std::string scenario_label;  ///< the scenario's name, or its file
  const risk::RiskMatrix* own = nullptr;
  const risk::RiskMatrix* exposure = nullptr;
  const std::vector<std::string>* categories = nullptr;
  std::string parameters;  ///< parameters_text
  std::string solver;      ///< the solver's (or simulation's) summary line
  const risk::Tiers* tiers = nullptr;  ///< --focal: tiers of the upstream network
  model::FirmIndex focal = model::kNoFirm;
  std::vector<model::FirmIndex> firms;  ///< the firms of the view (all, or focal + upstream)
  std::size_t top = 0;                  ///< --top N; 0: the table shows kDefaultTableRows
  const std::vector<Diagnostic>* warnings = nullptr;
};

/// Rows of the firm table without --top.
inline constexpr std::size_t kDefaultTableRows = 100;
/// Above this many firms the whole-network view maps the upstream network of the chain end with
/// the most suppliers instead of every tier's most exposed firms (which would rarely be linked).
inline constexpr std::size_t kWholeMapFirms = 400;

[[nodiscard]] std::string risk_html(const RiskPage& page);

}  // namespace diligence::cli
