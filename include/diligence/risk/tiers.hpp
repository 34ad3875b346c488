// Tiers of a focal firm's upstream network: the tier of a firm is the length of the shortest
// supplier path from it to the focal firm (direct suppliers are tier 1, the focal firm tier 0).
//
// Breadth-first search with direction switching (S. Beamer, K. Asanović, D. Patterson,
// "Direction-optimizing breadth-first search", SC 2012). A top-down step scans the suppliers of
// every frontier firm (backward CSR). When the frontier's links outnumber a fraction of the links
// still unexplored, a bottom-up step is cheaper: every firm not yet reached scans its buyers
// (forward CSR) and stops at the first one in the frontier (a bitmap), so most links are never
// looked at. Supplier networks fan out upstream — a few tiers hold most firms — which is the
// case where the bottom-up steps pay. Bottom-up steps run in parallel with OpenMP (each firm
// writes only its own tier). The tiers are distances, so the result is the same whatever the
// directions chosen and the thread count. O(n + m) per traversal, O(n) per bottom-up step.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#if defined(_OPENMP)
#include <omp.h>
#endif

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/model/supply_network.hpp>

namespace diligence::risk {

inline constexpr std::int32_t kNotUpstream = -1;

/// Result of `tiers`.
struct Tiers {
  std::vector<std::int32_t> tier;  ///< per firm: tier, or kNotUpstream when not upstream of focal
  std::vector<std::uint32_t> per_tier;  ///< firms per tier; per_tier[0] == 1 (the focal firm)
  std::uint32_t bottom_up_steps = 0;    ///< steps done bottom-up (see the top of this file)
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
  std::int32_t max_depth = -1;      ///< stop after this tier (-1: no limit)
  bool direction_switching = true;  ///< false: top-down steps only (for comparisons)
  int threads = 0;                  ///< bottom-up steps; ≤ 0: the OpenMP default
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
  const auto in_off = net.in_offsets();
  const auto in_src = net.in_sources();
  const auto out_off = net.out_offsets();
  const auto out_tgt = net.out_targets();
  Tiers out;
  out.tier.assign(n, kNotUpstream);
  std::vector<model::FirmIndex> frontier{focal}, next;
  out.tier[focal] = 0;
  int threads = options.threads;
#if defined(_OPENMP)
  if (threads <= 0) threads = omp_get_max_threads();
#else
  threads = 1;
#endif
  (void)threads;  // used by the OpenMP pragma only
  // Beamer's switching rule with his constants: go bottom-up when the frontier's links exceed
  // 1/14 of the links of firms not yet reached; come back when the frontier shrinks below n/24.
  constexpr std::uint64_t kAlpha = 14, kBeta = 24;
  std::uint64_t unexplored = net.num_links();  // buyer links of firms not reached (upper bound)
  std::vector<std::uint64_t> in_frontier;      // bitmap, bottom-up steps only
  bool bottom_up = false;
  std::int32_t depth = 0;
  while (!frontier.empty()) {
    out.per_tier.push_back(static_cast<std::uint32_t>(frontier.size()));
    if (depth == options.max_depth) break;
    std::uint64_t frontier_links = 0;
    for (const model::FirmIndex b : frontier) {
      frontier_links += in_off[b + 1] - in_off[b];
      unexplored -= std::min<std::uint64_t>(unexplored, out_off[b + 1] - out_off[b]);
    }
    if (options.direction_switching) {
      if (!bottom_up && frontier_links * kAlpha > unexplored)
        bottom_up = true;
      else if (bottom_up && frontier.size() * kBeta < n)
        bottom_up = false;
    }
    next.clear();
    const std::int32_t tier = depth + 1;
    if (!bottom_up) {
      for (const model::FirmIndex b : frontier) {
        for (std::uint32_t e = in_off[b]; e < in_off[b + 1]; ++e) {
          const model::FirmIndex s = in_src[e];
          if (out.tier[s] != kNotUpstream) continue;
          out.tier[s] = tier;
          next.push_back(s);
        }
      }
    } else {
      ++out.bottom_up_steps;
      in_frontier.assign((n + 63) / 64, 0);
      for (const model::FirmIndex b : frontier) in_frontier[b >> 6] |= std::uint64_t{1} << (b & 63);
      std::int32_t* t = out.tier.data();
      // Each firm not reached checks its buyers; a firm found writes only its own tier, so the
      // firms can be checked in any order and in parallel. Reached firms are then collected in
      // index order.
#if defined(_OPENMP)
#pragma omp parallel for schedule(static, 8192) num_threads(threads)
#endif
      for (std::int64_t v = 0; v < static_cast<std::int64_t>(n); ++v) {
        if (t[v] != kNotUpstream) continue;
        for (std::uint32_t e = out_off[v]; e < out_off[v + 1]; ++e) {
          const model::FirmIndex b = out_tgt[e];
          if (in_frontier[b >> 6] >> (b & 63) & 1) {
            t[v] = tier;
            break;
          }
        }
      }
      for (std::size_t v = 0; v < n; ++v)
        if (t[v] == tier) next.push_back(static_cast<model::FirmIndex>(v));
    }
    frontier.swap(next);
    ++depth;
  }
  return out;
}

}  // namespace diligence::risk
