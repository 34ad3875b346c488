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

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/model/structure.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/risk/detail/column_solver.hpp>
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
  /// Link-category updates done: every link read × the categories it updated, sweeps over cycles
  /// and the residual check included (m·K for a network without cycles). For throughput figures.
  std::uint64_t link_updates = 0;
};

/// Checks an upstream weight λ ∈ [0,1) and an unmapped risk u ∈ [0,1], the parameters every
/// propagation model shares. @throws UsageError (`usage.parameter`).
inline void check_propagation(double upstream_weight, double unmapped_risk) {
  if (!(upstream_weight >= 0.0 && upstream_weight < 1.0))
    throw UsageError(errc::kParameter,
                     "upstream weight must be in [0,1), got " + std::to_string(upstream_weight));
  if (!(unmapped_risk >= 0.0 && unmapped_risk <= 1.0))
    throw UsageError(errc::kParameter,
                     "unmapped risk must be in [0,1], got " + std::to_string(unmapped_risk));
}

/// Checks λ, u and the tolerance. @throws UsageError (`usage.parameter`).
inline void check(const LinearOptions& o) {
  check_propagation(o.upstream_weight, o.unmapped_risk);
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

/// A network prepared for propagation: its condensation and the relabelled backward CSR
/// (detail/relabelled.hpp), built once and reused by every linear or noisy-OR solve on it, e.g.
/// when many own-risk matrices are propagated through one network. Holds a pointer to the network,
/// which must outlive it; immutable after construction, so it can be shared between threads.
/// Memory: 12 bytes per link + 8 bytes per firm.
class PropagationPlan {
 public:
  /// @param threads threads for filling the relabelled rows (≤ 0: the OpenMP default).
  /// Complexity: O(n + m).
  explicit PropagationPlan(const model::SupplyNetwork& net, int threads = 0)
      : net_(&net),
        relabelled_(detail::relabel(net, model::condensation(net), detail::thread_count(threads))) {
    for (model::FirmIndex b = 0; b < net.num_firms(); ++b)
      max_mapped_ = std::max(max_mapped_, net.mapped_share(b));
  }
  [[nodiscard]] const model::SupplyNetwork& network() const noexcept { return *net_; }
  [[nodiscard]] const detail::RelabelledNetwork& relabelled() const noexcept { return relabelled_; }
  /// max over buyers of Σ w(s,b): the contraction factor of a sweep is λ times it.
  [[nodiscard]] double max_mapped_share() const noexcept { return max_mapped_; }

 private:
  const model::SupplyNetwork* net_;
  detail::RelabelledNetwork relabelled_;
  double max_mapped_ = 0.0;
};

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
[[nodiscard]] inline LinearResult linear_exposure(const PropagationPlan& plan,
                                                  const RiskMatrix& own,
                                                  const LinearOptions& options = {}) {
  const model::SupplyNetwork& net = plan.network();
  check(options);
  check_rows(net, own.rows(), "own risk");
  const double lam = options.upstream_weight;
  // Contraction factor of a sweep: λ · max Σw (≤ λ).
  const double q = lam * std::min(1.0, plan.max_mapped_share());
  const double bound = q < 1.0 ? q / (1.0 - q) : 1e300;
  LinearResult out;
  const detail::ColumnsResult r = detail::solve_columns(
      plan.relabelled(), own, detail::LinearRule{lam}, bound, options.tolerance, options.max_sweeps,
      options.threads,
      [&](model::FirmIndex f, bool has_suppliers, const double* own_row, double* c, int kg) {
        if (!has_suppliers) {
          std::copy(own_row, own_row + kg, c);
          return;
        }
        const double unmapped = lam * (1.0 - net.mapped_share(f)) * options.unmapped_risk;
        for (int k = 0; k < kg; ++k) c[k] = (1.0 - lam) * own_row[k] + unmapped;
      },
      out.exposure);
  r.copy_to(out);
  return out;
}

/// Linear exposure on a network prepared for this one call (see PropagationPlan to reuse it).
[[nodiscard]] inline LinearResult linear_exposure(const model::SupplyNetwork& net,
                                                  const RiskMatrix& own,
                                                  const LinearOptions& options = {}) {
  check(options);
  check_rows(net, own.rows(), "own risk");
  return linear_exposure(PropagationPlan(net, options.threads), own, options);
}

}  // namespace diligence::risk
