// The generator's own samplers against their known moments and tails, and the alias table against
// the weights it was built from (fixed seeds; tolerances of several standard errors).
#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/generate/samplers.hpp>

namespace diligence::generate {
namespace {

TEST(Samplers, NormalHasMeanZeroAndVarianceOne) {
  Rng rng(7);
  const int n = 200'000;
  double sum = 0.0, sq = 0.0;
  int beyond2 = 0;
  for (int i = 0; i < n; ++i) {
    const double z = sample_normal(rng);
    sum += z;
    sq += z * z;
    beyond2 += std::abs(z) > 2.0 ? 1 : 0;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.01);
  EXPECT_NEAR(sq / n, 1.0, 0.015);
  EXPECT_NEAR(static_cast<double>(beyond2) / n, 0.0455, 0.002);  // P(|Z| > 2)
}

TEST(Samplers, LognormalMedianAndMean) {
  Rng rng(11);
  const int n = 200'000;
  std::vector<double> x(n);
  double sum = 0.0;
  for (auto& v : x) sum += v = sample_lognormal(rng, 1.0, 0.5);
  std::nth_element(x.begin(), x.begin() + n / 2, x.end());
  EXPECT_NEAR(x[n / 2], std::exp(1.0), 0.02);         // median e^mu
  EXPECT_NEAR(sum / n, std::exp(1.0 + 0.125), 0.02);  // mean e^(mu + sigma²/2)
}

TEST(Samplers, ParetoTailFollowsThePowerLaw) {
  Rng rng(13);
  const int n = 200'000;
  int above2 = 0, above10 = 0;
  double min = 1e300;
  for (int i = 0; i < n; ++i) {
    const double v = sample_pareto(rng, 3.0, 1.5);
    min = std::min(min, v);
    above2 += v > 6.0 ? 1 : 0;
    above10 += v > 30.0 ? 1 : 0;
  }
  EXPECT_GE(min, 3.0);
  EXPECT_NEAR(static_cast<double>(above2) / n, std::pow(0.5, 1.5), 0.004);  // (x_min/x)^alpha
  EXPECT_NEAR(static_cast<double>(above10) / n, std::pow(0.1, 1.5), 0.0015);
}

TEST(Samplers, ZipfWeights) {
  EXPECT_DOUBLE_EQ(zipf_weight(1, 0.8), 1.0);
  EXPECT_DOUBLE_EQ(zipf_weight(4, 0.5), 0.5);
}

TEST(Samplers, AliasTableMatchesTheWeights) {
  const std::vector<double> w = {1.0, 0.0, 3.0, 6.0};
  const AliasTable table(w);
  Rng rng(17);
  std::vector<int> count(w.size(), 0);
  const int n = 200'000;
  for (int i = 0; i < n; ++i) ++count[table.sample(rng)];
  EXPECT_EQ(count[1], 0);  // weight 0 is never drawn
  EXPECT_NEAR(count[0] / double(n), 0.1, 0.004);
  EXPECT_NEAR(count[2] / double(n), 0.3, 0.005);
  EXPECT_NEAR(count[3] / double(n), 0.6, 0.005);
}

TEST(Samplers, SharedAliasArraysKeepSegmentsApart) {
  // Two segments in one array: aliases point into their own segment only.
  const std::vector<float> w = {1, 2, 3, 10, 0, 5};
  std::vector<float> prob(6);
  std::vector<std::uint32_t> alias(6), small, large;
  build_alias<float, float>(std::span<const float>(w.data(), 3), std::span<float>(prob.data(), 3),
                            std::span<std::uint32_t>(alias.data(), 3), 0, small, large);
  build_alias<float, float>(std::span<const float>(w.data() + 3, 3),
                            std::span<float>(prob.data() + 3, 3),
                            std::span<std::uint32_t>(alias.data() + 3, 3), 3, small, large);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_LT(alias[i], 3u);
  for (std::size_t i = 3; i < 6; ++i) EXPECT_GE(alias[i], 3u);
  // Probability of each entry: (prob_i + Σ_{j: alias_j = i} (1 − prob_j)) / n = w_i / Σ w.
  for (std::size_t seg = 0; seg < 2; ++seg) {
    double total = 0.0;
    for (std::size_t i = 0; i < 3; ++i) total += w[3 * seg + i];
    for (std::size_t i = 3 * seg; i < 3 * seg + 3; ++i) {
      double mass = prob[i];
      for (std::size_t j = 3 * seg; j < 3 * seg + 3; ++j)
        if (alias[j] == i && j != i) mass += 1.0 - prob[j];
      EXPECT_NEAR(mass / 3.0, w[i] / total, 1e-6) << i;
    }
  }
}

}  // namespace
}  // namespace diligence::generate
