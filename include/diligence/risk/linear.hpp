// The linear exposure model (spec/scenario.md, "Linear exposure"), exact.
//
// For each category, with own residual risk r, upstream weight λ and unmapped risk u:
//   x_b = r_b                                                   if b has no supplier links,
//   x_b = (1 − λ) r_b + λ ( Σ_s w(s,b) x_s + (1 − Σ_s w(s,b)) u )  otherwise.
// In matrix form (I − λ W) x = c with W[b][s] = w(s,b) and c_b the "own term" of b:
//   c_b = (1 − λ) r_b + λ (1 − Σ_s w(s,b)) u   for a firm with suppliers, r_b without.
// Since Σ_s w(s,b) ≤ 1 and λ < 1, ‖λW‖∞ ≤ λ < 1: the system has a unique solution, and
// fixed-point sweeps contract by at least λ each.
//
// Solver: the strongly connected components of the network in topological order (suppliers
// first). A component without a cycle is one firm whose suppliers are all final: one exact step.
// A cycle is solved by Gauss–Seidel sweeps over its members until the a-posteriori bound
// q/(1−q)·‖Δ‖∞ (q = λ·max Σw, the contraction factor) is below the tolerance, so every entry is
// within `tolerance` of the exact solution. All K categories are carried at once: one gather per
// link updates a whole row.
//
// Cost: O((n + m)·K) on acyclic parts; O(sweeps·(n_c + m_c)·K) on each cycle.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#if defined(_OPENMP)
#include <omp.h>
#endif

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/model/structure.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/risk/detail/relabelled.hpp>
#include <diligence/risk/matrix.hpp>

namespace diligence::risk {

/// Parameters of the linear exposure (defaults as in spec/scenario.md).
struct LinearOptions {
  double upstream_weight = 0.5;       ///< λ in [0,1)
  double unmapped_risk = 0.5;         ///< u in [0,1]
  double tolerance = 1e-12;           ///< bound on the absolute error of every entry
  std::uint32_t max_sweeps = 100000;  ///< per cycle; beyond it `converged` is false
  int threads = 0;  ///< ≤ 0: the OpenMP default; the result does not depend on it
};

/// Result of `linear_exposure`.
struct LinearResult {
  RiskMatrix exposure;       ///< n × K
  std::uint32_t sweeps = 0;  ///< largest number of Gauss–Seidel sweeps over any cycle
  double residual = 0.0;     ///< ‖x − (λWx + c)‖∞ at the end
  bool converged = true;
  std::size_t cyclic_components = 0;
  std::size_t firms_in_cycles = 0;
};

/// Checks λ and u. @throws UsageError (`usage.parameter`).
inline void check(const LinearOptions& o) {
  if (!(o.upstream_weight >= 0.0 && o.upstream_weight < 1.0))
    throw UsageError(errc::kParameter,
                     "upstream weight must be in [0,1), got " + std::to_string(o.upstream_weight));
  if (!(o.unmapped_risk >= 0.0 && o.unmapped_risk <= 1.0))
    throw UsageError(errc::kParameter,
                     "unmapped risk must be in [0,1], got " + std::to_string(o.unmapped_risk));
  if (!(o.tolerance > 0.0)) throw UsageError(errc::kParameter, "tolerance must be positive");
}

/// Checks that a per-firm matrix has one row per firm. @throws UsageError (`usage.parameter`).
inline void check_rows(const model::SupplyNetwork& net, Eigen::Index rows, const char* what) {
  if (static_cast<std::size_t>(rows) != net.num_firms())
    throw UsageError(errc::kParameter, std::string(what) + " has " + std::to_string(rows) +
                                           " rows, the network " + std::to_string(net.num_firms()) +
                                           " firms");
}

/// The own term c_b of every firm (see the top of this file), n × K.
[[nodiscard]] inline RiskMatrix own_terms(const model::SupplyNetwork& net, const RiskMatrix& own,
                                          const LinearOptions& o) {
  RiskMatrix c(own.rows(), own.cols());
  const double lam = o.upstream_weight;
  for (model::FirmIndex b = 0; b < net.num_firms(); ++b) {
    if (net.suppliers(b).empty()) {
      c.row(b) = own.row(b);
    } else {
      const double unmapped = lam * (1.0 - net.mapped_share(b)) * o.unmapped_risk;
      c.row(b) = (1.0 - lam) * own.row(b).array() + unmapped;
    }
  }
  return c;
}

namespace detail {

/// Columns [k0, k0 + kg) of the system on the relabelled network, in its own row-major n × kg
/// arrays `c` and `x` (x holds c on entry). Each column stops sweeping a cycle when its own bound
/// is met and is not written after that, so every column's values are exactly those of solving it
/// alone: the result does not depend on how the columns are grouped or on the thread count.
/// `KG` > 0 fixes kg at compile time (unrolled inner loops); 0 reads it at run time (kg ≤ 64).
struct GroupResult {
  std::uint32_t sweeps = 0;
  bool converged = true;
  double residual = 0.0;
};

template <int KG>
GroupResult solve_group(const RelabelledNetwork& g, const double* c, double* x, int kg_runtime,
                        double lam, double bound, double tolerance, std::uint32_t max_sweeps) {
  const int kg = KG > 0 ? KG : kg_runtime;
  const std::uint32_t* off = g.offsets.data();
  const std::uint32_t* src = g.source.data();
  const double* w = g.weight.data();
  GroupResult out;
  // acc = Σ w x_s over row i's suppliers, all kg columns.
  // Rows are gathered at random: prefetch the rows kPrefetch links ahead (both cache lines of a
  // row of up to 16 doubles), so that several misses are in flight at once.
  constexpr std::uint32_t kPrefetch = 16;
  const std::uint32_t last_link = off[g.size()];
  const std::size_t row_bytes = static_cast<std::size_t>(kg) * sizeof(double);
  auto gather = [&](std::uint32_t i, double* acc) {
    for (int k = 0; k < kg; ++k) acc[k] = 0.0;
    for (std::uint32_t e = off[i]; e < off[i + 1]; ++e) {
      if (e + kPrefetch < last_link) {
        const char* p = reinterpret_cast<const char*>(x + std::size_t{src[e + kPrefetch]} * kg);
        __builtin_prefetch(p);
        if (row_bytes > 64) __builtin_prefetch(p + row_bytes - 1);
      }
      const double ws = w[e];
      const double* xs = x + static_cast<std::size_t>(src[e]) * kg;
      for (int k = 0; k < kg; ++k) acc[k] += ws * xs[k];
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
        for (int k = 0; k < kg; ++k) xi[k] = ci[k] + lam * acc[k];
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
          const double v = ci[k] + lam * acc[k];
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
        out.residual = std::max(out.residual, std::abs(ci[k] + lam * acc[k] - xi[k]));
    }
  }
  return out;
}

inline GroupResult solve_group_dispatch(const RelabelledNetwork& g, const double* c, double* x,
                                        int kg, double lam, double bound, double tolerance,
                                        std::uint32_t max_sweeps) {
  switch (kg) {
    case 1:
      return solve_group<1>(g, c, x, kg, lam, bound, tolerance, max_sweeps);
    case 2:
      return solve_group<2>(g, c, x, kg, lam, bound, tolerance, max_sweeps);
    case 3:
      return solve_group<3>(g, c, x, kg, lam, bound, tolerance, max_sweeps);
    case 4:
      return solve_group<4>(g, c, x, kg, lam, bound, tolerance, max_sweeps);
    case 5:
      return solve_group<5>(g, c, x, kg, lam, bound, tolerance, max_sweeps);
    case 6:
      return solve_group<6>(g, c, x, kg, lam, bound, tolerance, max_sweeps);
    case 7:
      return solve_group<7>(g, c, x, kg, lam, bound, tolerance, max_sweeps);
    case 8:
      return solve_group<8>(g, c, x, kg, lam, bound, tolerance, max_sweeps);
    case 9:
      return solve_group<9>(g, c, x, kg, lam, bound, tolerance, max_sweeps);
    case 10:
      return solve_group<10>(g, c, x, kg, lam, bound, tolerance, max_sweeps);
    case 11:
      return solve_group<11>(g, c, x, kg, lam, bound, tolerance, max_sweeps);
    case 12:
      return solve_group<12>(g, c, x, kg, lam, bound, tolerance, max_sweeps);
    default:
      return solve_group<0>(g, c, x, kg, lam, bound, tolerance, max_sweeps);
  }
}

/// Splits K columns into `parts` contiguous groups of at most kMaxGroup columns, as even as
/// possible. Returns the group boundaries (size groups + 1).
inline std::vector<int> column_groups(int K, int parts) {
  constexpr int kMaxGroup = 64;
  int groups = std::max(1, std::min(parts, K));
  groups = std::max(groups, (K + kMaxGroup - 1) / kMaxGroup);
  std::vector<int> bounds(static_cast<std::size_t>(groups) + 1, 0);
  for (int g = 0; g < groups; ++g) bounds[g + 1] = bounds[g] + K / groups + (g < K % groups);
  return bounds;
}

}  // namespace detail

/// Linear exposure of every firm in every category.
///
/// The network is relabelled into condensation order (detail/relabelled.hpp), and the K
/// categories are split into one group of columns per thread: each thread solves its columns over
/// the whole network on its own, with no synchronisation (the categories are independent
/// systems). Every column stops at its own bound, so the result is the same for any number of
/// threads (OpenMP; `threads` ≤ 0: the OpenMP default, one per core).
/// @param own n × K own residual risk (rows in firm order).
/// @throws UsageError for λ ∉ [0,1), u ∉ [0,1] or a matrix with the wrong number of rows.
/// Complexity: O(n + m) to relabel, then O((n + m)·K) outside cycles and
///   O(sweeps·(n_c + m_c)·K) on each cycle; memory 12 bytes per link + 2·n·K doubles.
[[nodiscard]] inline LinearResult linear_exposure(const model::SupplyNetwork& net,
                                                  const RiskMatrix& own,
                                                  const LinearOptions& options = {}) {
  check(options);
  check_rows(net, own.rows(), "own risk");
  const std::size_t n = net.num_firms();
  const int K = static_cast<int>(own.cols());
  const double lam = options.upstream_weight;
  // Contraction factor of a sweep: λ · max Σw (≤ λ).
  double max_mapped = 0.0;
  for (model::FirmIndex b = 0; b < n; ++b) max_mapped = std::max(max_mapped, net.mapped_share(b));
  const double q = lam * std::min(1.0, max_mapped);
  const double bound = q < 1.0 ? q / (1.0 - q) : 1e300;

  int threads = options.threads;
#if defined(_OPENMP)
  if (threads <= 0) threads = omp_get_max_threads();
#else
  threads = 1;
#endif
  const detail::RelabelledNetwork g = detail::relabel(net, model::condensation(net), threads);
  LinearResult out;
  out.cyclic_components = g.cyclic_components;
  out.firms_in_cycles = g.firms_in_cycles;
  out.exposure.resize(static_cast<Eigen::Index>(n), K);
  if (n == 0 || K == 0) return out;

  const std::vector<int> bounds = detail::column_groups(K, threads);
  const int groups = static_cast<int>(bounds.size()) - 1;
  std::vector<detail::GroupResult> results(static_cast<std::size_t>(groups));
#if defined(_OPENMP)
#pragma omp parallel for schedule(dynamic, 1) num_threads(std::min(threads, groups))
#endif
  for (int grp = 0; grp < groups; ++grp) {
    const int k0 = bounds[grp];
    const int kg = bounds[grp + 1] - k0;
    // This group's columns of the own term c (see own_terms) in relabelled row order; x starts
    // as c, which is final for firms without suppliers.
    std::vector<double> cg(n * static_cast<std::size_t>(kg));
    for (std::size_t i = 0; i < n; ++i) {
      const model::FirmIndex f = g.firm[i];
      const double* r = own.data() + static_cast<std::size_t>(f) * K + k0;
      double* ci = cg.data() + i * kg;
      if (g.offsets[i] == g.offsets[i + 1]) {
        std::copy(r, r + kg, ci);
      } else {
        const double unmapped = lam * (1.0 - net.mapped_share(f)) * options.unmapped_risk;
        for (int k = 0; k < kg; ++k) ci[k] = (1.0 - lam) * r[k] + unmapped;
      }
    }
    std::vector<double> xg = cg;
    results[grp] = detail::solve_group_dispatch(g, cg.data(), xg.data(), kg, lam, bound,
                                                options.tolerance, options.max_sweeps);
    double* x = out.exposure.data();
    for (std::size_t i = 0; i < n; ++i)
      std::copy_n(xg.data() + i * kg, kg, x + static_cast<std::size_t>(g.firm[i]) * K + k0);
  }
  for (const auto& r : results) {
    out.sweeps = std::max(out.sweeps, r.sweeps);
    out.converged = out.converged && r.converged;
    out.residual = std::max(out.residual, r.residual);
  }
  return out;
}

}  // namespace diligence::risk
