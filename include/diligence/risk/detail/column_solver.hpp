// The fixed-point solver the linear and noisy-OR exposures share, on the relabelled network
// (relabelled.hpp): rows outside cycles are computed once, in order; cycles are swept Gauss–Seidel
// style until the a-posteriori bound `bound · ‖Δ‖∞ ≤ tolerance` holds.
//
// The K categories are independent systems. They are split into contiguous groups of columns, one
// per thread (OpenMP), and each thread solves its group over the whole network without
// synchronising. Each column stops sweeping a cycle when its own bound is met and is not written
// after that, so every column's values are exactly those of solving it alone: the result does not
// depend on the grouping or the thread count.
//
// A rule says how a row is computed from its suppliers: `kStart` and `step(acc, w, x_s)` fold the
// suppliers into one accumulator per column, `finish(c, acc)` gives the row's value from its
// constant term c and the accumulator. A row without suppliers is its constant term.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include <diligence/model/structure.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/risk/detail/relabelled.hpp>
#include <diligence/risk/matrix.hpp>

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace diligence::risk::detail {

/// x_b = c_b + λ Σ w(s,b) x_s.
struct LinearRule {
  static constexpr double kStart = 0.0;
  double lam;
  [[nodiscard]] double step(double acc, double w, double xs) const { return acc + w * xs; }
  [[nodiscard]] double finish(double c, double acc) const { return c + lam * acc; }
};

/// q_b = 1 − (1 − c_b) Π (1 − λ w(s,b) q_s).
struct NoisyOrRule {
  static constexpr double kStart = 1.0;
  double lam;
  [[nodiscard]] double step(double acc, double w, double xs) const {
    return acc * (1.0 - lam * w * xs);
  }
  [[nodiscard]] double finish(double c, double acc) const { return 1.0 - (1.0 - c) * acc; }
};

/// What solving one group of columns did.
struct GroupResult {
  std::uint32_t sweeps = 0;  ///< largest number of sweeps over any cycle
  bool converged = true;
  double residual = 0.0;           ///< max |F(x) − x| over the group
  std::uint64_t link_updates = 0;  ///< links gathered × columns, sweeps and residual included
};

/// Columns of one group in their own row-major arrays `c` and `x` (n × kg, relabelled row order;
/// x holds c on entry). `KG` > 0 fixes kg at compile time (unrolled loops); 0 reads it at run time
/// (kg ≤ 64).
template <int KG, typename Rule>
GroupResult solve_group(const RelabelledNetwork& g, const double* c, double* x, int kg_runtime,
                        const Rule& rule, double bound, double tolerance,
                        std::uint32_t max_sweeps) {
  const int kg = KG > 0 ? KG : kg_runtime;
  const std::uint32_t* off = g.offsets.data();
  const std::uint32_t* src = g.source.data();
  const double* w = g.weight.data();
  GroupResult out;
  // Rows are gathered at random: prefetch the rows kPrefetch links ahead (the first and the last
  // cache line of the row), so that several misses are in flight at once.
  constexpr std::uint32_t kPrefetch = 16;
  const std::uint32_t last_link = off[g.size()];
  const std::size_t row_bytes = static_cast<std::size_t>(kg) * sizeof(double);
  std::uint64_t gathered = 0;
  auto gather = [&](std::uint32_t i, double* acc) {
    gathered += off[i + 1] - off[i];
    for (int k = 0; k < kg; ++k) acc[k] = Rule::kStart;
    for (std::uint32_t e = off[i]; e < off[i + 1]; ++e) {
      if (e + kPrefetch < last_link) {
        const char* p = reinterpret_cast<const char*>(x + std::size_t{src[e + kPrefetch]} * kg);
        __builtin_prefetch(p);
        if (row_bytes > 64) __builtin_prefetch(p + row_bytes - 1);
      }
      const double ws = w[e];
      const double* xs = x + static_cast<std::size_t>(src[e]) * kg;
      for (int k = 0; k < kg; ++k) acc[k] = rule.step(acc[k], ws, xs[k]);
    }
  };
  double acc[KG > 0 ? KG : 64];
  double change[KG > 0 ? KG : 64];
  bool active[KG > 0 ? KG : 64];
  for (const auto& block : g.blocks) {
    if (!block.cyclic) {
      for (std::uint32_t i = block.lo; i < block.hi; ++i) {
        if (off[i] == off[i + 1]) continue;  // x = c already
        gather(i, acc);
        double* xi = x + static_cast<std::size_t>(i) * kg;
        const double* ci = c + static_cast<std::size_t>(i) * kg;
        for (int k = 0; k < kg; ++k) xi[k] = rule.finish(ci[k], acc[k]);
      }
      continue;
    }
    int remaining = kg;
    for (int k = 0; k < kg; ++k) active[k] = true;
    std::uint32_t sweep = 0;
    while (remaining > 0) {
      for (int k = 0; k < kg; ++k) change[k] = 0.0;
      for (std::uint32_t i = block.lo; i < block.hi; ++i) {
        gather(i, acc);
        double* xi = x + static_cast<std::size_t>(i) * kg;
        const double* ci = c + static_cast<std::size_t>(i) * kg;
        for (int k = 0; k < kg; ++k) {
          const double v = rule.finish(ci[k], acc[k]);
          change[k] = std::max(change[k], std::abs(v - xi[k]));
          if (active[k]) xi[k] = v;
        }
      }
      ++sweep;
      for (int k = 0; k < kg; ++k)
        if (active[k] && bound * change[k] <= tolerance) {
          active[k] = false;
          --remaining;
        }
      if (remaining > 0 && sweep >= max_sweeps) {
        out.converged = false;
        break;
      }
    }
    out.sweeps = std::max(out.sweeps, sweep);
    // Residual: rows outside cycles are recomputed from final suppliers with the same operations,
    // so their residual is exactly 0; only the cycles' rows are measured.
    for (std::uint32_t i = block.lo; i < block.hi; ++i) {
      gather(i, acc);
      const double* xi = x + static_cast<std::size_t>(i) * kg;
      const double* ci = c + static_cast<std::size_t>(i) * kg;
      for (int k = 0; k < kg; ++k)
        out.residual = std::max(out.residual, std::abs(rule.finish(ci[k], acc[k]) - xi[k]));
    }
  }
  out.link_updates = gathered * static_cast<std::uint64_t>(kg);
  return out;
}

template <typename Rule>
GroupResult solve_group_dispatch(const RelabelledNetwork& g, const double* c, double* x, int kg,
                                 const Rule& rule, double bound, double tolerance,
                                 std::uint32_t max_sweeps) {
#define DILIGENCE_SOLVE_GROUP(N) \
  case N:                        \
    return solve_group<N>(g, c, x, kg, rule, bound, tolerance, max_sweeps)
  switch (kg) {
    DILIGENCE_SOLVE_GROUP(1);
    DILIGENCE_SOLVE_GROUP(2);
    DILIGENCE_SOLVE_GROUP(3);
    DILIGENCE_SOLVE_GROUP(4);
    DILIGENCE_SOLVE_GROUP(5);
    DILIGENCE_SOLVE_GROUP(6);
    DILIGENCE_SOLVE_GROUP(7);
    DILIGENCE_SOLVE_GROUP(8);
    DILIGENCE_SOLVE_GROUP(9);
    DILIGENCE_SOLVE_GROUP(10);
    DILIGENCE_SOLVE_GROUP(11);
    DILIGENCE_SOLVE_GROUP(12);
    default:
      return solve_group<0>(g, c, x, kg, rule, bound, tolerance, max_sweeps);
  }
#undef DILIGENCE_SOLVE_GROUP
}

/// Splits K columns into `parts` contiguous groups of at most 64 columns, as even as possible.
/// Returns the group boundaries (size groups + 1).
inline std::vector<int> column_groups(int K, int parts) {
  constexpr int kMaxGroup = 64;
  int groups = std::max(1, std::min(parts, K));
  groups = std::max(groups, (K + kMaxGroup - 1) / kMaxGroup);
  std::vector<int> bounds(static_cast<std::size_t>(groups) + 1, 0);
  for (int g = 0; g < groups; ++g) bounds[g + 1] = bounds[g] + K / groups + (g < K % groups);
  return bounds;
}

/// What `solve_columns` did, over all groups.
struct ColumnsResult {
  std::uint32_t sweeps = 0;
  bool converged = true;
  double residual = 0.0;
  std::uint64_t link_updates = 0;
  std::size_t cyclic_components = 0;
  std::size_t firms_in_cycles = 0;

  /// Copies these figures into a kernel's result (LinearResult, NoisyOrResult).
  template <typename Result>
  void copy_to(Result& out) const {
    out.sweeps = sweeps;
    out.converged = converged;
    out.residual = residual;
    out.link_updates = link_updates;
    out.cyclic_components = cyclic_components;
    out.firms_in_cycles = firms_in_cycles;
  }
};

/// Solves all K columns of `own` (n × K, firm order) on the relabelled network `g` into `out`
/// (resized to n × K, firm order).
/// `constant(firm, has_suppliers, r, c, kg)` writes the kg constant terms of a firm from its kg
/// own-risk values r. `threads` ≤ 0: the OpenMP default.
/// The thread count to use: `threads`, or the OpenMP default when ≤ 0; 1 without OpenMP.
inline int thread_count(int threads) {
#if defined(_OPENMP)
  return threads > 0 ? threads : omp_get_max_threads();
#else
  (void)threads;
  return 1;
#endif
}

template <typename Rule, typename Constant>
ColumnsResult solve_columns(const RelabelledNetwork& g, const RiskMatrix& own, const Rule& rule,
                            double bound, double tolerance, std::uint32_t max_sweeps, int threads,
                            Constant&& constant, RiskMatrix& out) {
  const std::size_t n = g.size();
  const int K = static_cast<int>(own.cols());
  threads = thread_count(threads);
  ColumnsResult result;
  result.cyclic_components = g.cyclic_components;
  result.firms_in_cycles = g.firms_in_cycles;
  out.resize(static_cast<Eigen::Index>(n), K);
  if (n == 0 || K == 0) return result;
  const std::vector<int> bounds = column_groups(K, threads);
  const int groups = static_cast<int>(bounds.size()) - 1;
  std::vector<GroupResult> results(static_cast<std::size_t>(groups));
#if defined(_OPENMP)
#pragma omp parallel for schedule(dynamic, 1) num_threads(std::min(threads, groups))
#endif
  for (int grp = 0; grp < groups; ++grp) {
    const int k0 = bounds[grp];
    const int kg = bounds[grp + 1] - k0;
    // This group's constant terms in relabelled row order; x starts as c, which is final for
    // firms without suppliers.
    std::vector<double> cg(n * static_cast<std::size_t>(kg));
    for (std::size_t i = 0; i < n; ++i)
      constant(g.firm[i], g.offsets[i] != g.offsets[i + 1],
               own.data() + static_cast<std::size_t>(g.firm[i]) * K + k0, cg.data() + i * kg, kg);
    std::vector<double> xg = cg;
    results[grp] =
        solve_group_dispatch(g, cg.data(), xg.data(), kg, rule, bound, tolerance, max_sweeps);
    double* x = out.data();
    for (std::size_t i = 0; i < n; ++i)
      std::copy_n(xg.data() + i * kg, kg, x + static_cast<std::size_t>(g.firm[i]) * K + k0);
  }
  for (const auto& r : results) {
    result.sweeps = std::max(result.sweeps, r.sweeps);
    result.converged = result.converged && r.converged;
    result.residual = std::max(result.residual, r.residual);
    result.link_updates += r.link_updates;
  }
  return result;
}

}  // namespace diligence::risk::detail
