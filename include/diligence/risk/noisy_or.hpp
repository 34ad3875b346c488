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
#include <diligence/risk/detail/sweep.hpp>
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
};

namespace detail {
/// q_b ← F(q)_b; returns max |change|. With `write` false only measures the change (residual).
inline double noisy_or_update(const model::SupplyNetwork& net, const RiskMatrix& own, double* q,
                              std::size_t K, double lam, double u, model::FirmIndex b,
                              std::vector<double>& keep, bool write = true) {
  const auto off = net.in_offsets();
  if (off[b] == off[b + 1]) {
    double change = 0.0;
    for (std::size_t k = 0; k < K; ++k) {
      const double v = own(b, static_cast<Eigen::Index>(k));
      change = std::max(change, std::abs(v - q[b * K + k]));
      if (write) q[b * K + k] = v;
    }
    return change;
  }
  const auto src = net.in_sources();
  const auto lnk = net.in_links();
  const auto w = net.weights();
  const double unmapped = 1.0 - lam * std::max(0.0, 1.0 - net.mapped_share(b)) * u;
  for (std::size_t k = 0; k < K; ++k)
    keep[k] = (1.0 - own(b, static_cast<Eigen::Index>(k))) * unmapped;
  for (std::uint32_t e = off[b]; e < off[b + 1]; ++e) {
    const double lw = lam * w[lnk[e]];
    const double* qs = q + static_cast<std::size_t>(src[e]) * K;
    for (std::size_t k = 0; k < K; ++k) keep[k] *= 1.0 - lw * qs[k];
  }
  double change = 0.0;
  for (std::size_t k = 0; k < K; ++k) {
    const double v = 1.0 - keep[k];
    change = std::max(change, std::abs(v - q[b * K + k]));
    if (write) q[b * K + k] = v;
  }
  return change;
}
}  // namespace detail

/// Noisy-OR exposure of every firm in every category. @throws UsageError for bad options.
[[nodiscard]] inline NoisyOrResult noisy_or_exposure(const model::SupplyNetwork& net,
                                                     const RiskMatrix& own,
                                                     const LinearOptions& options = {}) {
  check(options);
  check_rows(net, own.rows(), "own risk");
  const std::size_t K = static_cast<std::size_t>(own.cols());
  const double lam = options.upstream_weight;
  NoisyOrResult out;
  out.probability = own;
  double* q = out.probability.data();
  std::vector<double> keep(K);
  const model::Condensation order = model::condensation(net);
  const double bound = lam / (1.0 - lam);
  const detail::SweepStats stats = detail::solve_components(
      order, detail::Direction::kUpstreamFirst, detail::ChangeNorm::kMax, bound, options.tolerance,
      options.max_sweeps, [&](model::FirmIndex b, bool) {
        return detail::noisy_or_update(net, own, q, K, lam, options.unmapped_risk, b, keep);
      });
  out.sweeps = stats.sweeps;
  out.converged = stats.converged;
  out.cyclic_components = stats.cyclic_components;
  out.firms_in_cycles = stats.firms_in_cycles;
  for (model::FirmIndex b = 0; b < net.num_firms(); ++b)
    out.residual = std::max(
        out.residual,
        detail::noisy_or_update(net, own, q, K, lam, options.unmapped_risk, b, keep, false));
  return out;
}

}  // namespace diligence::risk
