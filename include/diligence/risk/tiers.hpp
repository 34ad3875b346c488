// Tiers of a focal firm's upstream network: the tier of a firm is the length of the shortest
// supplier path from it to the focal firm (direct suppliers are tier 1, the focal firm tier 0).
// Breadth-first search over the backward CSR (suppliers of each firm), O(n + m).
#pragma once

#include <cstdint>
#include <vector>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/model/supply_network.hpp>

namespace diligence::risk {

inline constexpr std::int32_t kNotUpstream = -1;

/// Result of `tiers`.
struct Tiers {
  std::vector<std::int32_t> tier;  ///< per firm: tier, or kNotUpstream when not upstream of focal
  std::vector<std::uint32_t> per_tier;  ///< firms per tier; per_tier[0] == 1 (the focal firm)
  [[nodiscard]] std::int32_t max_tier() const noexcept {
    return static_cast<std::int32_t>(per_tier.size()) - 1;
  }
  /// Firms upstream of the focal firm (not counting it).
  [[nodiscard]] std::uint64_t upstream_count() const noexcept {
    std::uint64_t s = 0;
    for (std::size_t t = 1; t < per_tier.size(); ++t) s += per_tier[t];
    return s;
  }
};

/// Options of `tiers`.
struct TierOptions {
  std::int32_t max_depth = -1;  ///< stop after this tier (-1: no limit)
};

/// Breadth-first upstream from `focal`. @throws UsageError (`network.index_range`) for an index
/// that names no firm.
[[nodiscard]] inline Tiers tiers(const model::SupplyNetwork& net, model::FirmIndex focal,
                                 const TierOptions& options = {}) {
  const std::size_t n = net.num_firms();
  if (focal >= n)
    throw UsageError(errc::kIndexRange, "tiers: focal firm index " + std::to_string(focal) +
                                            " is out of range (the network has " +
                                            std::to_string(n) + " firms)");
  const auto off = net.in_offsets();
  const auto src = net.in_sources();
  Tiers out;
  out.tier.assign(n, kNotUpstream);
  std::vector<model::FirmIndex> frontier{focal}, next;
  out.tier[focal] = 0;
  std::int32_t depth = 0;
  while (!frontier.empty()) {
    out.per_tier.push_back(static_cast<std::uint32_t>(frontier.size()));
    if (depth == options.max_depth) break;
    next.clear();
    for (const model::FirmIndex b : frontier) {
      for (std::uint32_t e = off[b]; e < off[b + 1]; ++e) {
        const model::FirmIndex s = src[e];
        if (out.tier[s] != kNotUpstream) continue;
        out.tier[s] = depth + 1;
        next.push_back(s);
      }
    }
    frontier.swap(next);
    ++depth;
  }
  return out;
}

}  // namespace diligence::risk
