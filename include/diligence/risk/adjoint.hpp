// The adjoint of the linear exposure: how much a weighted sum of exposures changes when any
// firm's own risk changes, for every firm at once, from one transposed solve.
//
// With x = A⁻¹ c(r), A = I − λW and c_i = d_i r_i + const (d_i = 1 − λ for a firm with suppliers,
// 1 without), the objective J = Σ_b Σ_k g[b,k] x[b,k] has
//   ∂J/∂r[i,k] = d_i · y[i,k],   where Aᵀ y = g, i.e. y_s = g_s + λ Σ_b w(s,b) y_b
// over the buyers b of s. y ("influence") is computed like the exposure, but downstream first:
// components in reverse topological order, Gauss–Seidel inside cycles, all categories at once.
// Because J is linear in r, J(r + Δ) − J(r) = Σ ∂J/∂r · Δ exactly (support allocation uses this).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <diligence/model/structure.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/risk/detail/sweep.hpp>
#include <diligence/risk/linear.hpp>
#include <diligence/risk/matrix.hpp>

namespace diligence::risk {

struct AdjointResult {
  RiskMatrix influence;  ///< y: ∂J/∂c, n × K
  RiskMatrix gradient;   ///< ∂J/∂r, n × K
  std::uint32_t sweeps = 0;
  bool converged = true;
};

namespace detail {
/// y_s ← g_s + λ Σ_b w(s,b) y_b over s's buyers; returns Σ |change| when tracking.
inline double adjoint_update(const model::SupplyNetwork& net, const double* g, double* y,
                             std::size_t K, double lam, model::FirmIndex s, bool track) {
  const auto off = net.out_offsets();
  const auto tgt = net.out_targets();
  const auto w = net.weights();
  double change = 0.0;
  double* ys = y + static_cast<std::size_t>(s) * K;
  const double* gs = g + static_cast<std::size_t>(s) * K;
  for (std::size_t k = 0; k < K; ++k) {
    double acc = 0.0;
    for (std::uint32_t e = off[s]; e < off[s + 1]; ++e)
      acc += w[e] * y[static_cast<std::size_t>(tgt[e]) * K + k];
    const double v = gs[k] + lam * acc;
    if (track) change += std::abs(v - ys[k]);
    ys[k] = v;
  }
  return change;
}
}  // namespace detail

/// Gradient of Σ g ⊙ x with respect to own risk. `objective_weights` is n × K (g).
/// @throws UsageError for bad options or a matrix with the wrong number of rows.
[[nodiscard]] inline AdjointResult exposure_gradient(const model::SupplyNetwork& net,
                                                     const RiskMatrix& objective_weights,
                                                     const LinearOptions& options = {}) {
  check(options);
  check_rows(net, objective_weights.rows(), "objective weights");
  const std::size_t K = static_cast<std::size_t>(objective_weights.cols());
  const double lam = options.upstream_weight;
  AdjointResult out;
  out.influence = objective_weights;
  double* y = out.influence.data();
  const double* g = objective_weights.data();
  const model::Condensation order = model::condensation(net);
  // A supplier may carry large shares of many buyers, so λWᵀ need not contract in the max norm;
  // it does in the 1-norm (its column sums are the row sums of λW, at most λ). The sweeps inside
  // a cycle therefore stop on the 1-norm of the change: λ/(1−λ) · Σ|Δ| ≤ tolerance.
  const detail::SweepStats stats = detail::solve_components(
      order, detail::Direction::kDownstreamFirst, detail::ChangeNorm::kSum, lam / (1.0 - lam),
      options.tolerance, options.max_sweeps, [&](model::FirmIndex s, bool track) {
        return detail::adjoint_update(net, g, y, K, lam, s, track);
      });
  out.sweeps = stats.sweeps;
  out.converged = stats.converged;
  out.gradient = out.influence;
  for (model::FirmIndex i = 0; i < net.num_firms(); ++i)
    if (!net.suppliers(i).empty()) out.gradient.row(i) *= (1.0 - lam);
  return out;
}

}  // namespace diligence::risk
