// DebtRank-style disruption: what the failure (or the suspension or termination) of some
// suppliers does downstream.
//
// After S. Battiston, M. Puliga, R. Kaushik, P. Tasca, G. Caldarelli, "DebtRank: Too central to
// fail? Financial networks, the FED and systemic risk", Scientific Reports 2, 541 (2012). Each
// firm has a distress h ∈ [0,1] and a state: undistressed, distressed or inactive. The failing
// firms start with h = 1 and distressed; all others with h = 0. In each round every distressed
// firm passes its distress to its buyers once and becomes inactive:
//   h_b ← min(1, h_b + Σ_{s distressed} τ · w(s,b) · h_s),
// where w(s,b) is the share of b's procurement that s supplies (the weight of the link) and τ the
// transmission (the part of a lost supply that b cannot replace in time; default 1). A firm whose
// distress became positive is distressed in the next round unless it was already inactive. The
// process ends when no firm is distressed, after at most n rounds; each link is used at most once.
//
// Total impact: the distress of the firms that did not fail, weighted by economic size
// (turnover; a firm without turnover counts with the mean turnover of those that give it, and
// with equal weight when none does), as a share of the total size of all firms.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/model/supply_network.hpp>

namespace diligence::risk {

struct DisruptionOptions {
  double transmission = 1.0;  ///< τ in [0,1]
};

struct DisruptionResult {
  std::vector<model::FirmIndex> failed;  ///< the failing firms as given (no duplicates)
  std::vector<double> impact;            ///< h per firm (1 for the failing firms)
  double total_impact = 0.0;             ///< size-weighted distress of the others, in [0,1]
  std::size_t affected = 0;              ///< firms that did not fail with h > 0
  std::uint32_t rounds = 0;
};

/// Runs the disruption from `failed`. O(n + m). @throws UsageError for a bad index or τ.
[[nodiscard]] inline DisruptionResult disruption(const model::SupplyNetwork& net,
                                                 const std::vector<model::FirmIndex>& failed,
                                                 const DisruptionOptions& options = {}) {
  if (!(options.transmission >= 0.0 && options.transmission <= 1.0))
    throw UsageError(errc::kParameter, "transmission must be in [0,1]");
  const std::size_t n = net.num_firms();
  enum : std::uint8_t { kUndistressed, kDistressed, kInactive };
  DisruptionResult out;
  out.impact.assign(n, 0.0);
  std::vector<std::uint8_t> state(n, kUndistressed);
  std::vector<model::FirmIndex> frontier, next;
  for (const model::FirmIndex f : failed) {
    if (f >= n) throw UsageError(errc::kIndexRange, "failing firm index out of range");
    if (state[f] == kDistressed) continue;
    state[f] = kDistressed;
    out.impact[f] = 1.0;
    out.failed.push_back(f);
    frontier.push_back(f);
  }
  const auto off = net.out_offsets();
  const auto tgt = net.out_targets();
  const auto w = net.weights();
  std::vector<double> pending(n, 0.0);  // distress a firm held when it became distressed
  for (const model::FirmIndex f : frontier) pending[f] = 1.0;
  while (!frontier.empty()) {
    ++out.rounds;
    next.clear();
    // Every distressed firm passes on the distress it had at the start of the round.
    for (const model::FirmIndex s : frontier) {
      const double h = pending[s];
      for (std::uint32_t e = off[s]; e < off[s + 1]; ++e) {
        const model::FirmIndex b = tgt[e];
        if (state[b] == kInactive && out.impact[b] >= 1.0) continue;
        const double before = out.impact[b];
        out.impact[b] = std::min(1.0, before + options.transmission * w[e] * h);
        if (state[b] == kUndistressed && out.impact[b] > 0.0) {
          state[b] = kDistressed;
          next.push_back(b);
        }
      }
      state[s] = kInactive;
    }
    // Distress taken into the next round is the value at the end of this one.
    for (const model::FirmIndex b : next) pending[b] = out.impact[b];
    frontier.swap(next);
  }
  // Size weights.
  double known_sum = 0.0;
  std::size_t known = 0;
  for (model::FirmIndex i = 0; i < n; ++i)
    if (const auto& t = net.firm(i).turnover_eur) {
      known_sum += *t;
      ++known;
    }
  const double fill = known > 0 ? known_sum / static_cast<double>(known) : 1.0;
  double total = 0.0, hit = 0.0;
  std::vector<std::uint8_t> is_failed(n, 0);
  for (const auto f : out.failed) is_failed[f] = 1;
  for (model::FirmIndex i = 0; i < n; ++i) {
    const double v = known > 0 ? net.firm(i).turnover_eur.value_or(fill) : 1.0;
    total += v;
    if (!is_failed[i]) {
      hit += v * out.impact[i];
      if (out.impact[i] > 0.0) ++out.affected;
    }
  }
  out.total_impact = total > 0.0 ? hit / total : 0.0;
  return out;
}

}  // namespace diligence::risk
