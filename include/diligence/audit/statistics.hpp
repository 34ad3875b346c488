// Summaries of Monte Carlo runs shared by the company and the supplier audits: the mean and the
// nearest-rank percentiles 5, 50 and 95 of a quantity over the runs.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace diligence::audit {

/// Mean and nearest-rank percentiles of one quantity over the runs.
struct Summary {
  double mean = 0.0;
  double p5 = 0.0;
  double p50 = 0.0;
  double p95 = 0.0;
};

/// The 1-based rank of the nearest-rank percentile q (0 < q ≤ 100) among n values:
/// ⌈q·n/100⌉, computed in integers, at least 1.
[[nodiscard]] constexpr std::size_t nearest_rank_index(unsigned q, std::size_t n) noexcept {
  const std::size_t rank = (static_cast<std::size_t>(q) * n + 99) / 100;
  return std::min(std::max<std::size_t>(rank, 1), n);
}

/// The nearest-rank percentile q (0 < q ≤ 100) of `sorted` (ascending, not empty): the
/// ⌈q·N/100⌉-th smallest value.
[[nodiscard]] inline double nearest_rank(const std::vector<double>& sorted, unsigned q) {
  return sorted[nearest_rank_index(q, sorted.size()) - 1];
}

/// Mean and percentiles 5, 50, 95 of `values` (all zero when empty). The mean is summed in the
/// order given; the percentiles are selected (std::nth_element, O(N)) rather than sorted.
[[nodiscard]] inline Summary summarise(std::vector<double> values) {
  Summary s;
  if (values.empty()) return s;
  double sum = 0.0;
  for (const double v : values) sum += v;
  const std::size_t n = values.size();
  s.mean = sum / static_cast<double>(n);
  // Select in increasing rank, each in the part above the previous one.
  auto from = values.begin();
  double* out[3] = {&s.p5, &s.p50, &s.p95};
  const unsigned qs[3] = {5, 50, 95};
  for (int i = 0; i < 3; ++i) {
    const auto kth = values.begin() + static_cast<std::ptrdiff_t>(nearest_rank_index(qs[i], n) - 1);
    std::nth_element(from, kth, values.end());
    *out[i] = *kth;
    from = kth;
  }
  return s;
}

}  // namespace diligence::audit
