// The numbers behind `diligence summary`: counts by size class, country, sector and cluster,
// connected components, supply cycles and the upstream depth of the largest firms. Pure
// computation over a loaded scenario; the command turns it into text or JSON.
//
// Candidate for the library (a `model::summarize`) once a second user needs it.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <diligence/model/scenario.hpp>
#include <diligence/model/size_class.hpp>

namespace diligence::cli {

/// How many of the largest firms `depth` lists.
inline constexpr std::size_t kDepthFirms = 10;

/// Upstream depth of one large firm.
struct FirmDepth {
  std::string id;
  std::string name;  ///< display name
  std::optional<double> turnover_eur;
  std::int32_t max_tier = 0;  ///< deepest tier of its upstream network (0: no suppliers)
  std::uint64_t upstream_firms = 0;
};

/// Everything `summary` reports. Maps are ordered, so every output is deterministic.
struct Summary {
  std::string name;   ///< scenario name (empty when not given)
  std::string as_of;  ///< YYYY-MM-DD
  bool as_of_given = false;
  std::uint64_t firms = 0;
  std::uint64_t links = 0;
  std::array<std::uint64_t, 5> size_classes{};  ///< indexed by model::SizeClass
  std::map<std::string, std::uint64_t> countries;
  std::map<std::string, std::uint64_t> sectors;   ///< NACE section letter → firms
  std::map<std::string, std::uint64_t> clusters;  ///< firms with a cluster only
  std::uint64_t no_cluster = 0;
  std::uint64_t exporters = 0;
  std::uint64_t weak_components = 0;
  std::uint64_t largest_weak = 0;
  std::uint64_t isolated = 0;  ///< firms with no link at all
  std::uint64_t cycles = 0;    ///< strongly connected components with more than one firm
  std::uint64_t firms_in_cycles = 0;
  std::uint64_t largest_cycle = 0;  ///< firms in the largest of them (0 when there is none)
  /// The large firms (size class large) by turnover descending (firms without turnover last,
  /// ties by id), at most kDepthFirms, each with its upstream depth (risk::tiers).
  std::vector<FirmDepth> depth;
  std::optional<std::int32_t> max_tier;  ///< deepest of those; nullopt without large firms
  std::uint64_t warnings = 0;
};

/// Computes the summary of a loaded scenario. O(n + m) plus one breadth-first search per listed
/// large firm.
[[nodiscard]] Summary summarize(const model::Scenario& scenario);

/// The summary as the JSON document of `diligence summary --json` (keys in docs/ and spec/cli.md).
[[nodiscard]] nlohmann::json to_json(const Summary& s);

/// The summary as an aligned, human-readable report.
[[nodiscard]] std::string to_text(const Summary& s);

}  // namespace diligence::cli
