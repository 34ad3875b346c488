// Small samplers on top of Rng::uniform(): normal (Box–Muller), log-normal, Pareto, Zipf weights,
// and Walker's alias method for weighted choice in O(1) (Vose's construction). Ours rather than
// std::*_distribution, whose output is implementation-defined, so a seed gives the same network
// with every standard library (only std::log, std::exp, std::cos and std::pow are used).
//
// References: G. E. P. Box, M. E. Muller, "A note on the generation of random normal deviates",
// Ann. Math. Statist. 29 (1958); A. J. Walker, "An efficient method for generating discrete random
// variables with general distributions", ACM TOMS 3(3), 1977; M. D. Vose, "A linear algorithm for
// generating random numbers with a given distribution", IEEE TSE 17(9), 1991.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <span>
#include <vector>

#include <diligence/core/random.hpp>

namespace diligence::generate {

/// Uniform in (0, 1]: never 0, so its logarithm is finite.
[[nodiscard]] inline double uniform_open0(Rng& rng) noexcept { return 1.0 - rng.uniform(); }

/// Standard normal deviate (Box–Muller, cosine branch; two uniforms per call).
[[nodiscard]] inline double sample_normal(Rng& rng) noexcept {
  const double r = std::sqrt(-2.0 * std::log(uniform_open0(rng)));
  return r * std::cos(2.0 * std::numbers::pi * rng.uniform());
}

/// Log-normal deviate exp(mu + sigma Z); median exp(mu), mean exp(mu + sigma²/2).
[[nodiscard]] inline double sample_lognormal(Rng& rng, double mu, double sigma) noexcept {
  return std::exp(mu + sigma * sample_normal(rng));
}

/// Pareto (type I) deviate with scale x_min > 0 and tail index alpha > 0:
/// P(X > x) = (x_min / x)^alpha for x ≥ x_min. Infinite mean for alpha ≤ 1.
[[nodiscard]] inline double sample_pareto(Rng& rng, double x_min, double alpha) noexcept {
  return x_min * std::pow(uniform_open0(rng), -1.0 / alpha);
}

/// Zipf weight of rank r (1-based) with exponent s: r^-s. Used to give clusters heavy-tailed sizes.
[[nodiscard]] inline double zipf_weight(std::uint64_t rank, double s) noexcept {
  return std::pow(static_cast<double>(rank), -s);
}

/// Builds Walker alias tables for the weights `w` (non-negative, at least one positive) in
/// O(w.size()) with Vose's method. Entry i keeps itself with probability prob[i] and otherwise
/// yields alias[i]; aliases are stored as `base + j` so tables of several segments can share one
/// array. `small` and `large` are scratch.
template <typename Weight, typename Prob>
void build_alias(std::span<const Weight> w, std::span<Prob> prob, std::span<std::uint32_t> alias,
                 std::uint32_t base, std::vector<std::uint32_t>& small,
                 std::vector<std::uint32_t>& large) {
  const std::size_t n = w.size();
  double total = 0.0;
  for (const Weight x : w) total += static_cast<double>(x);
  small.clear();
  large.clear();
  std::vector<double> scaled(n);
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = total > 0.0 ? static_cast<double>(w[i]) * static_cast<double>(n) / total : 1.0;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back(), l = large.back();
    small.pop_back();
    prob[s] = static_cast<Prob>(scaled[s]);
    alias[s] = base + l;
    scaled[l] = (scaled[l] + scaled[s]) - 1.0;
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Left-overs are 1 up to rounding.
  for (const auto* rest : {&large, &small})
    for (const std::uint32_t i : *rest) {
      prob[i] = Prob(1);
      alias[i] = base + i;
    }
}

/// A weighted choice among a few items in O(1) (Walker's alias method).
class AliasTable {
 public:
  AliasTable() = default;
  /// @param weights non-negative; when all are 0 the choice is uniform. Empty: sample() is invalid.
  explicit AliasTable(std::span<const double> weights)
      : prob_(weights.size()), alias_(weights.size()) {
    std::vector<std::uint32_t> small, large;
    build_alias<double, double>(weights, prob_, alias_, 0, small, large);
  }
  [[nodiscard]] bool empty() const noexcept { return prob_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return prob_.size(); }
  /// An index in [0, size()) with probability proportional to its weight.
  [[nodiscard]] std::uint32_t sample(Rng& rng) const noexcept {
    const auto i = static_cast<std::uint32_t>(rng.below(prob_.size()));
    return rng.uniform() < prob_[i] ? i : alias_[i];
  }

 private:
  std::vector<double> prob_;
  std::vector<std::uint32_t> alias_;
};

}  // namespace diligence::generate
