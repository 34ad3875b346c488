// The noisy-OR exposure: the probability that an adverse impact somewhere upstream reaches firm
// b, when each firm has an impact of its own with probability r and an impact at a supplier s
// reaches b with probability λ·w(s,b) (independently):
//   q_b = r_b                                                            without suppliers,
//   q_b = 1 − (1 − r_b)(1 − λ(1 − Σw)u) Π_s (1 − λ w(s,b) q_s)             otherwise,
// the unmapped part of b's procurement acting as one more supplier of risk u. The map is a
// contraction (its derivative in q_s is at most λ w(s,b), so the row sums are at most λ < 1); it
// is solved like the linear exposure: components in topological order, Gauss–Seidel on cycles
// until λ/(1−λ)·‖Δ‖∞ ≤ tolerance.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <diligence/model/structure.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/risk/detail/column_solver.hpp>
#include <diligence/risk/linear.hpp>
#include <diligence/risk/matrix.hpp>

namespace diligence::risk {

struct NoisyOrResult {
  RiskMatrix probability;    ///< n × K
  std::uint32_t sweeps = 0;  ///< largest number of sweeps over any cycle
  double residual = 0.0;     ///< ‖q − F(q)‖∞ at the end
  bool converged = true;
  std::size_t cyclic_components = 0;
  std::size_t firms_in_cycles = 0;
  std::uint64_t link_updates = 0;  ///< as LinearResult::link_updates
};

/// Noisy-OR exposure of every firm in every category, solved like the linear exposure
/// (detail/column_solver.hpp: relabelled network, one group of categories per thread, each
/// category stopping at its own bound, the same result for any thread count).
/// @throws UsageError for bad options.
[[nodiscard]] inline NoisyOrResult noisy_or_exposure(const PropagationPlan& plan,
                                                     const RiskMatrix& own,
                                                     const LinearOptions& options = {}) {
  const model::SupplyNetwork& net = plan.network();
  check(options);
  check_rows(net, own.rows(), "own risk");
  const double lam = options.upstream_weight;
  NoisyOrResult out;
  const detail::ColumnsResult r = detail::solve_columns(
      plan.relabelled(), own, detail::NoisyOrRule{lam}, lam / (1.0 - lam), options.tolerance,
      options.max_sweeps, options.threads,
      [&](model::FirmIndex f, bool has_suppliers, const double* own_row, double* c, int kg) {
        if (!has_suppliers) {
          std::copy(own_row, own_row + kg, c);
          return;
        }
        // The unmapped part of f's procurement acts as one more supplier of risk u.
        const double keep =
            1.0 - lam * std::max(0.0, 1.0 - net.mapped_share(f)) * options.unmapped_risk;
        for (int k = 0; k < kg; ++k) c[k] = 1.0 - (1.0 - own_row[k]) * keep;
      },
      out.probability);
  r.copy_to(out);
  return out;
}

/// Noisy-OR exposure on a network prepared for this one call (see PropagationPlan).
[[nodiscard]] inline NoisyOrResult noisy_or_exposure(const model::SupplyNetwork& net,
                                                     const RiskMatrix& own,
                                                     const LinearOptions& options = {}) {
  check(options);
  check_rows(net, own.rows(), "own risk");
  return noisy_or_exposure(PropagationPlan(net, options.threads), own, options);
}

}  // namespace diligence::risk
