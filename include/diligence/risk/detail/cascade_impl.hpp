// The cascade simulation's kernel (see risk/cascade.hpp for the model): probability thresholds,
// the counter-based random words, the 64-lane Bernoulli sampler, one batch of 64 runs over the
// condensation, and the parallel driver.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <diligence/core/diagnostics.hpp>
#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/core/random.hpp>
#include <diligence/model/structure.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/risk/cascade.hpp>
#include <diligence/risk/linear.hpp>
#include <diligence/risk/matrix.hpp>

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace diligence::risk {

namespace detail {

/// Binary digits of a probability: p is rounded to a multiple of 2^-kCascadeDigits.
inline constexpr int kCascadeDigits = 32;
/// The threshold of probability 1.
inline constexpr std::uint64_t kCascadeOne = std::uint64_t{1} << kCascadeDigits;
/// SplitMix64's increment; event e's words start at key + 32·e·γ.
inline constexpr std::uint64_t kSplitMixGamma = 0x9E3779B97F4A7C15ull;
inline constexpr std::uint64_t kCascadeEventStride = kSplitMixGamma * kCascadeDigits;

/// p in [0,1] as the integer round(p · 2³²) in [0, 2³²]: 0 and 1 exactly, others within 2⁻³³.
[[nodiscard]] inline std::uint64_t cascade_threshold(double p) noexcept {
  if (!(p > 0.0)) return 0;
  if (p >= 1.0) return kCascadeOne;
  return static_cast<std::uint64_t>(std::floor(std::ldexp(p, kCascadeDigits) + 0.5));
}

/// The seed of everything drawn at `firm` in `batch`: a SplitMix64 hash of the three numbers.
[[nodiscard]] inline std::uint64_t cascade_key(std::uint64_t seed, std::uint64_t batch,
                                               std::uint64_t firm) noexcept {
  std::uint64_t state = seed;
  std::uint64_t h = splitmix64(state);
  state = h ^ batch;
  h = splitmix64(state);
  state = h ^ firm;
  return splitmix64(state);
}

/// The SplitMix64 state just before event `event`'s first word in the sequence of `key`.
[[nodiscard]] inline std::uint64_t cascade_event(std::uint64_t key, std::uint64_t event) noexcept {
  return key + event * kCascadeEventStride;
}

/// The lanes of `open` whose uniform U is below t / 2³², U's binary digits being the words of
/// the SplitMix64 sequence that starts at `state` (digit i = word i, most significant first).
/// Draws no word for t = 0, t = 2³² or no open lane, and stops once every open lane is decided
/// or after t's last 1 digit. A lane's result depends only on its own bits of the words.
[[nodiscard]] inline std::uint64_t bernoulli_lanes(std::uint64_t state, std::uint64_t t,
                                                   std::uint64_t open) noexcept {
  if (t == 0 || open == 0) return 0;
  if (t >= kCascadeOne) return open;
  const int last = std::countr_zero(t);
  std::uint64_t below = 0;
  for (int bit = kCascadeDigits - 1;; --bit) {
    const std::uint64_t r = splitmix64(state);
    const std::uint64_t digit = 0 - ((t >> bit) & 1);  // all ones for a 1 digit of p
    below |= open & ~r & digit;                        // u = 0 < 1: decided below p
    open &= ~(r ^ digit);                              // lanes whose digit equals p's
    if (open == 0 || bit == last) return below;        // equal up to p's end: not below
  }
}

/// How many supplier links ahead a firm's update prefetches the supplier's words.
inline constexpr std::uint32_t kCascadePrefetch = 4;

/// What every batch reads: the network, the thresholds and the component order.
struct CascadeInput {
  const model::SupplyNetwork* net = nullptr;
  std::size_t K = 0;
  std::uint64_t seed = 0;
  std::vector<std::uint64_t> own;       ///< n × K thresholds of own impacts
  std::vector<std::uint64_t> unmapped;  ///< per firm: λ(1 − Σw)u, 0 without suppliers
  std::vector<std::uint64_t> link;      ///< per backward-CSR position: λ·w(s,b)
  model::Condensation order;
  /// Per firm: its component, and its position among the firms in cycles (kNoFirm outside).
  std::vector<std::uint32_t> component, cyclic_slot;
  std::size_t firms_in_cycles = 0;
  /// Links inside cycles, by the supplier's slot: slot i's are [cycle_offsets[i], ..[i+1]), each
  /// with its buyer and its backward-CSR position.
  std::vector<std::size_t> cycle_offsets;
  std::vector<model::FirmIndex> cycle_buyer;
  std::vector<std::uint32_t> cycle_position;
};

/// One firm's update in a batch: ORs into its K words the lanes where its own impact, its unmapped
/// supplier or a hit supplier's link hits it (only lanes not hit yet are drawn).
inline void cascade_firm(const CascadeInput& in, std::uint64_t* hits, std::uint64_t batch,
                         std::uint64_t active, model::FirmIndex b) {
  const std::size_t K = in.K;
  const std::uint64_t key = cascade_key(in.seed, batch, b);
  std::uint64_t* hb = hits + static_cast<std::size_t>(b) * K;
  const std::uint64_t* own = in.own.data() + static_cast<std::size_t>(b) * K;
  for (std::size_t k = 0; k < K; ++k)
    hb[k] |= bernoulli_lanes(cascade_event(key, k), own[k], active & ~hb[k]);
  const auto off = in.net->in_offsets();
  if (off[b] == off[b + 1]) return;
  const std::uint64_t unmapped = in.unmapped[b];
  for (std::size_t k = 0; k < K; ++k)
    hb[k] |= bernoulli_lanes(cascade_event(key, K + k), unmapped, active & ~hb[k]);
  const auto src = in.net->in_sources();
  std::uint64_t state = cascade_event(key, 2 * K);
  for (std::uint32_t e = off[b]; e < off[b + 1]; ++e) {
#if defined(__GNUC__)
    // The suppliers' words are scattered over n·K words: ask for a later link's early.
    if (e + kCascadePrefetch < off[b + 1])
      __builtin_prefetch(hits + static_cast<std::size_t>(src[e + kCascadePrefetch]) * K);
#endif
    const std::uint64_t t = in.link[e];
    const std::uint64_t* hs = hits + static_cast<std::size_t>(src[e]) * K;
    for (std::size_t k = 0; k < K; ++k, state += kCascadeEventStride) {
      const std::uint64_t open = hs[k] & ~hb[k];
      if (open != 0) hb[k] |= bernoulli_lanes(state, t, open);
    }
  }
}

/// One thread's words and counts.
struct CascadeWorkspace {
  std::vector<std::uint64_t> hits;    ///< n × K: bit l = hit in lane l of the current batch
  std::vector<std::uint32_t> counts;  ///< n × K: runs in which the firm was hit
  std::vector<std::uint64_t> passed;  ///< per firm in a cycle × K: bits already passed on
  std::vector<std::uint8_t> queued;   ///< per firm in a cycle
  std::vector<std::uint64_t> keys;    ///< per firm in a cycle: its key in the current batch
  std::vector<model::FirmIndex> queue;
};

/// A supply cycle, after every member's own draws and its suppliers outside the cycle: passes
/// each newly hit lane of a member once over each link to a buyer in the cycle (a worklist), so
/// a cycle costs about one pass over its links however long the cascade inside it is. The OR
/// only adds bits, so this ends at the least fixed point: the lanes reachable in the cycle.
inline void cascade_cycle(const CascadeInput& in, CascadeWorkspace& ws, std::uint64_t batch,
                          std::uint32_t comp) {
  const std::size_t K = in.K;
  std::uint64_t* hits = ws.hits.data();
  const auto in_off = in.net->in_offsets();
  ws.queue.clear();
  for (const model::FirmIndex b : in.order.members(comp)) {
    const std::size_t slot = in.cyclic_slot[b];
    std::fill_n(ws.passed.data() + slot * K, K, std::uint64_t{0});
    ws.keys[slot] = cascade_key(in.seed, batch, b);
    ws.queued[slot] = 1;
    ws.queue.push_back(b);
  }
  std::uint64_t fresh_stack[16];
  std::vector<std::uint64_t> fresh_heap(K > 16 ? K : 0);
  std::uint64_t* fresh = K > 16 ? fresh_heap.data() : fresh_stack;
  for (std::size_t head = 0; head < ws.queue.size(); ++head) {
    const model::FirmIndex s = ws.queue[head];
    const std::size_t slot = in.cyclic_slot[s];
    ws.queued[slot] = 0;
    const std::uint64_t* hs = hits + static_cast<std::size_t>(s) * K;
    std::uint64_t* passed = ws.passed.data() + slot * K;
    std::uint64_t any = 0;
    for (std::size_t k = 0; k < K; ++k) {
      fresh[k] = hs[k] & ~passed[k];
      passed[k] = hs[k];
      any |= fresh[k];
    }
    if (any == 0) continue;
    for (std::size_t i = in.cycle_offsets[slot]; i < in.cycle_offsets[slot + 1]; ++i) {
      const model::FirmIndex b = in.cycle_buyer[i];
      const std::uint32_t e = in.cycle_position[i];
      const std::size_t bslot = in.cyclic_slot[b];
      std::uint64_t* hb = hits + static_cast<std::size_t>(b) * K;
      const std::uint64_t t = in.link[e];
      std::uint64_t state = cascade_event(ws.keys[bslot], 2 * K + (e - in_off[b]) * K);
      std::uint64_t added = 0;
      for (std::size_t k = 0; k < K; ++k, state += kCascadeEventStride) {
        const std::uint64_t open = fresh[k] & ~hb[k];
        if (open == 0) continue;
        const std::uint64_t add = bernoulli_lanes(state, t, open);
        hb[k] |= add;
        added |= add;
      }
      if (added != 0 && ws.queued[bslot] == 0) {
        ws.queued[bslot] = 1;
        ws.queue.push_back(b);
      }
    }
  }
}

/// Runs batch `batch` (lanes `active`) and adds its hits to `ws.counts`.
inline void cascade_batch(const CascadeInput& in, CascadeWorkspace& ws, std::uint64_t batch,
                          std::uint64_t active) {
  const std::size_t K = in.K;
  std::uint64_t* hits = ws.hits.data();
  const model::Condensation& order = in.order;
  for (std::size_t c = 0; c < order.count(); ++c) {
    const auto members = order.members(c);
    for (const model::FirmIndex b : members)
      std::fill_n(hits + static_cast<std::size_t>(b) * K, K, std::uint64_t{0});
    for (const model::FirmIndex b : members) cascade_firm(in, hits, batch, active, b);
    if (order.cyclic(c)) cascade_cycle(in, ws, batch, static_cast<std::uint32_t>(c));
  }
  for (std::size_t i = 0; i < ws.hits.size(); ++i)
    ws.counts[i] += static_cast<std::uint32_t>(std::popcount(ws.hits[i]));
}

/// The thresholds and the order of a simulation.
inline CascadeInput cascade_input(const model::SupplyNetwork& net, const RiskMatrix& own,
                                  const CascadeOptions& o) {
  CascadeInput in;
  in.net = &net;
  in.K = static_cast<std::size_t>(own.cols());
  in.seed = o.seed;
  const std::size_t n = net.num_firms();
  in.own.resize(n * in.K);
  for (std::size_t i = 0; i < n * in.K; ++i) in.own[i] = cascade_threshold(own.data()[i]);
  const double lam = o.upstream_weight;
  in.unmapped.assign(n, 0);
  const auto off = net.in_offsets();
  const auto lnk = net.in_links();
  const auto w = net.weights();
  in.link.resize(net.num_links());
  for (model::FirmIndex b = 0; b < n; ++b) {
    if (off[b] == off[b + 1]) continue;
    in.unmapped[b] =
        cascade_threshold(lam * std::max(0.0, 1.0 - net.mapped_share(b)) * o.unmapped_risk);
    for (std::uint32_t e = off[b]; e < off[b + 1]; ++e)
      in.link[e] = cascade_threshold(lam * w[lnk[e]]);
  }
  in.order = model::condensation(net);
  in.component.resize(n);
  in.cyclic_slot.assign(n, model::kNoFirm);
  for (std::size_t c = 0; c < in.order.count(); ++c)
    for (const model::FirmIndex b : in.order.members(c)) {
      in.component[b] = static_cast<std::uint32_t>(c);
      if (in.order.cyclic(c)) in.cyclic_slot[b] = static_cast<std::uint32_t>(in.firms_in_cycles++);
    }
  // The links inside cycles, grouped by supplier slot (slots follow the condensation order).
  in.cycle_offsets.assign(in.firms_in_cycles + 1, 0);
  const auto src = net.in_sources();
  for (model::FirmIndex b = 0; b < n; ++b)
    for (std::uint32_t e = off[b]; e < off[b + 1]; ++e)
      if (in.cyclic_slot[b] != model::kNoFirm && in.component[src[e]] == in.component[b])
        ++in.cycle_offsets[in.cyclic_slot[src[e]] + 1];
  for (std::size_t i = 0; i < in.firms_in_cycles; ++i)
    in.cycle_offsets[i + 1] += in.cycle_offsets[i];
  in.cycle_buyer.resize(in.cycle_offsets.back());
  in.cycle_position.resize(in.cycle_offsets.back());
  std::vector<std::size_t> next(in.cycle_offsets.begin(), in.cycle_offsets.end() - 1);
  for (model::FirmIndex b = 0; b < n; ++b)
    for (std::uint32_t e = off[b]; e < off[b + 1]; ++e)
      if (in.cyclic_slot[b] != model::kNoFirm && in.component[src[e]] == in.component[b]) {
        const std::size_t i = next[in.cyclic_slot[src[e]]]++;
        in.cycle_buyer[i] = b;
        in.cycle_position[i] = e;
      }
  return in;
}

}  // namespace detail

inline void check(const CascadeOptions& o) {
  check_propagation(o.upstream_weight, o.unmapped_risk);
  if (o.runs == 0) throw UsageError(errc::kParameter, "the cascade needs at least one run");
}

inline CascadeResult cascade_simulation(const model::SupplyNetwork& net, const RiskMatrix& own,
                                        const CascadeOptions& options) {
  check(options);
  check_rows(net, own.rows(), "own risk");
  for (Eigen::Index i = 0; i < own.rows(); ++i)
    for (Eigen::Index k = 0; k < own.cols(); ++k)
      if (!(own(i, k) >= 0.0 && own(i, k) <= 1.0))
        throw UsageError(errc::kParameter, "own risk of firm " + std::to_string(i) + ", category " +
                                               std::to_string(k) + " is " +
                                               std::to_string(own(i, k)) + ", not in [0,1]");
  CascadeResult out;
  out.runs = options.runs;
  out.seed = options.seed;
  out.probability = RiskMatrix::Zero(own.rows(), own.cols());
  const detail::CascadeInput in = detail::cascade_input(net, own, options);
  for (std::size_t c = 0; c < in.order.count(); ++c)
    if (in.order.cyclic(c)) {
      ++out.cyclic_components;
      out.firms_in_cycles += in.order.members(c).size();
    }
  const std::size_t cells = net.num_firms() * in.K;
  const ProgressCallback& progress = options.progress;
  if (progress) progress(Progress{"cascade", 0, options.runs});
  if (cells == 0) {
    if (progress) progress(Progress{"cascade", options.runs, options.runs});
    return out;
  }

  const std::uint64_t batches = (std::uint64_t{options.runs} + 63) / 64;
  const std::uint32_t rest = options.runs % 64;
  auto active = [&](std::uint64_t batch) {
    return batch + 1 == batches && rest != 0 ? (std::uint64_t{1} << rest) - 1 : ~std::uint64_t{0};
  };
  int threads = 1;
#if defined(_OPENMP)
  threads = options.threads > 0 ? options.threads : omp_get_max_threads();
#endif
  threads = static_cast<int>(std::min<std::uint64_t>(static_cast<std::uint64_t>(threads), batches));
  // Allocated here, so that running out of memory throws outside the parallel region.
  std::vector<detail::CascadeWorkspace> ws(static_cast<std::size_t>(threads));
  for (auto& w : ws) {
    w.hits.assign(cells, 0);
    w.counts.assign(cells, 0);
    w.passed.assign(in.firms_in_cycles * in.K, 0);
    w.queued.assign(in.firms_in_cycles, 0);
    w.keys.assign(in.firms_in_cycles, 0);
    w.queue.reserve(in.firms_in_cycles);
  }
  // Without a progress callback one group holds every batch.
  const std::uint64_t group =
      progress ? std::max<std::uint64_t>(4 * static_cast<std::uint64_t>(threads), batches / 50)
               : batches;
  for (std::uint64_t first = 0; first < batches; first += group) {
    const std::uint64_t last = std::min(batches, first + group);
#if defined(_OPENMP)
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
    for (auto batch = static_cast<std::int64_t>(first); batch < static_cast<std::int64_t>(last);
         ++batch) {
      const auto b = static_cast<std::uint64_t>(batch);
      detail::cascade_batch(in, ws[static_cast<std::size_t>(omp_get_thread_num())], b, active(b));
    }
#else
    for (std::uint64_t batch = first; batch < last; ++batch)
      detail::cascade_batch(in, ws[0], batch, active(batch));
#endif
    if (progress)
      progress(Progress{"cascade", std::min<std::uint64_t>(options.runs, last * 64), options.runs});
  }

  double* p = out.probability.data();
  const double runs = static_cast<double>(options.runs);
  for (std::size_t i = 0; i < cells; ++i) {
    std::uint64_t count = 0;
    for (const auto& w : ws) count += w.counts[i];
    p[i] = static_cast<double>(count) / runs;
    out.max_standard_error =
        std::max(out.max_standard_error, std::sqrt(p[i] * (1.0 - p[i]) / runs));
  }
  return out;
}

}  // namespace diligence::risk
