// The cascade simulation: the exact probability model behind the noisy-OR exposure, by Monte Carlo.
//
// The model (per impact category k, independently): every firm b has an adverse impact of its own
// with probability r_b; the unmapped part of a buyer's procurement acts as one more supplier whose
// impact reaches it with probability λ(1 − Σw(b))u; and every link s → b passes an impact at s on
// to b with probability λ·w(s,b). All these events are independent (across links, firms, runs and
// categories). A firm is hit when its own impact happened, the unmapped supplier's did, or a hit
// supplier's link transmitted: the firms reachable from an impact through transmitting links,
// an independent cascade (D. Kempe, J. Kleinberg, É. Tardos, "Maximizing the spread of influence
// through a social network", KDD 2003). The share of runs in which a firm is hit converges to the
// exact probability. noisy_or.hpp computes the same probability as if the paths into a firm were
// independent, which is exact when no firm is reached by two paths from one origin (a forest);
// on diamonds and cycles the noisy-OR and the simulation differ and the simulation is the exact
// one.
//
// Transmission per category: one draw per link, run and category. The noisy-OR formula multiplies
// per category, i.e. it treats the categories as independent models; so that the mean converges
// to it on a forest, the transmissions must be independent per category too. (One draw per link
// for all categories, "the relationship passes any impact on", would correlate the categories but
// give the same per-category probabilities; it is not what the per-category model says.)
//
// Bit-parallel batches: run r is lane r % 64 of batch r / 64. A batch keeps one 64-bit word per
// firm and category (bit = "hit in that run") and visits the strongly connected components in
// topological order (suppliers first). For firm b it draws its own impact words, then ORs
// `supplier_word & transmission_word` over its supplier links (the backward CSR): one gather per
// link serves 64 runs × K categories. A supply cycle starts from zero: each member first takes its
// own draws and its suppliers outside the cycle, then a worklist passes every newly hit lane of a
// member once over each link to a buyer in the cycle. The OR only adds bits, so this ends at the
// least fixed point (the reachable firms), after about one pass over the cycle's links however
// long the cascade inside it is (a large cycle swept until nothing changes would need as many
// sweeps as the cascade's longest path).
//
// Bernoulli words: a lane is 1 when its uniform U = 0.u₁u₂… is below p, decided at the first
// binary digit where U and p differ (D. Knuth, A. Yao, "The complexity of nonuniform random
// number generation", 1976): digit i of all 64 lanes is one random word R_i; for p's digit 1, lanes
// with u_i = 0 are decided 1; for a digit 0, lanes with u_i = 1 are decided 0. Only the lanes that
// matter are open: for a link, the runs where the supplier is hit and the buyer not yet; the loop
// stops when none is open or after p's last 1 digit (about log₂(open lanes) + 2 words; p = 0 and
// p = 1 draw nothing). This is the bit-slicing of p's binary digits, read from the most
// significant end so that it can stop early; its result per lane does not depend on which other
// lanes are open. Precision: p is rounded to the nearest multiple of 2⁻³², so every probability
// is exact within 2⁻³³ ≈ 1.2e-10 (0 and 1 exactly).
//
// Randomness: everything drawn at firm b in batch β comes from the SplitMix64 sequence seeded
// with a hash of (seed, β, b) (diligence::splitmix64): event e owns words 32e + 1 .. 32e + 32 (one
// per binary digit). Events in order: own impacts (k = 0..K−1), unmapped supplier (K + k), then
// b's supplier links in CSR order (2K + j·K + k for the j-th link). SplitMix64 is counter-based,
// so an event's digits are at a fixed position whether or not earlier lanes were skipped: the
// result does not depend on the thread count, the scheduling of batches, or the early stops, and
// a plain per-run reference fed the same words gives identical counts (tests/risk).
// (xoshiro256**, our Rng, cannot seek; one generator per event would cost four mixes to seed.)
//
// Parallelism: OpenMP over batches, each thread with its own n × K words; counts are integers,
// so the sum does not depend on the order. Fewer than 65 runs use one thread. With a progress
// callback the batches run in groups, one parallel loop per group, and the calling thread reports
// after each; the grouping changes no count.
//
// Cost per batch: O(n·K + m·K) words touched, plus ≈ log₂(open lanes) + 2 random words per event
// with an open lane; links inside cycles are visited about twice (once from the buyer, once per
// supplier with newly hit lanes). Memory: n·K·12 bytes per thread (plus 8 per firm in a cycle and
// category), plus 8 bytes per link and per firm and category for the thresholds.
#pragma once

#include <cstdint>

#include <diligence/core/diagnostics.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/risk/matrix.hpp>

namespace diligence::risk {

/// Parameters of the cascade simulation.
struct CascadeOptions {
  double upstream_weight = 0.5;  ///< λ in [0,1): link s → b transmits with probability λ·w(s,b)
  double unmapped_risk = 0.5;    ///< u in [0,1], the risk of the unmapped part of procurement
  std::uint32_t runs = 1024;     ///< simulated runs, ≥ 1 (multiples of 64 use every lane)
  std::uint64_t seed = 1;        ///< the same seed gives the same result
  int threads = 0;               ///< ≤ 0: the OpenMP default; ignored without OpenMP
  /// May be empty. Called with phase "cascade" and done / total = runs simulated / `runs`: once
  /// with done = 0, then from the calling thread between groups of batches (about 2 % of the
  /// runs each, at least 4 batches per thread), the last time with done = total. Must be cheap
  /// and must not throw. The result is the same with or without it.
  ProgressCallback progress;
};

/// Result of `cascade_simulation`.
struct CascadeResult {
  RiskMatrix probability;  ///< n × K: share of runs in which the firm was hit in the category
  std::uint32_t runs = 0;
  std::uint64_t seed = 0;
  /// Largest estimated standard error √(p(1−p)/runs) over all entries (at most 0.5/√runs).
  double max_standard_error = 0.0;
  std::size_t cyclic_components = 0;
  std::size_t firms_in_cycles = 0;
};

/// Checks λ, u and the number of runs. @throws UsageError (`usage.parameter`).
inline void check(const CascadeOptions& options);

/// Simulates `options.runs` cascades and returns the share of runs in which each firm was hit in
/// each category (see the top of this file).
/// @param own n × K own risk, every entry in [0,1] (rows in firm order).
/// @throws UsageError (`usage.parameter`) for λ ∉ [0,1), u ∉ [0,1], runs = 0, a matrix with the
/// wrong number of rows or an own risk outside [0,1].
/// Complexity: O(⌈runs/64⌉ · (n + m) · K) words, parallel over batches of 64 runs.
[[nodiscard]] inline CascadeResult cascade_simulation(const model::SupplyNetwork& net,
                                                      const RiskMatrix& own,
                                                      const CascadeOptions& options = {});

}  // namespace diligence::risk

#include <diligence/risk/detail/cascade_impl.hpp>
