// The progress callback of multi-year support (AllocationOptions::progress): phase
// "support_years", done 0 before the first year and then once per year up to the number of years,
// and the allocation exactly the same as without a callback, for every strategy.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/support/support.hpp>

#include "support_test_support.hpp"

namespace diligence::support {
namespace {

/// The firms served, in order, with their programme and year.
std::vector<std::uint64_t> served(const AllocationResult& r) {
  std::vector<std::uint64_t> out;
  for (const YearResult& y : r.years)
    for (const Assignment& a : y.allocation)
      out.push_back((std::uint64_t{a.year} << 48) | (std::uint64_t{a.programme} << 32) | a.firm);
  return out;
}

TEST(SupportProgress, CalledOncePerYearAndChangesNothing) {
  for (const std::uint64_t seed : {2u, 5u, 9u}) {
    const test::Instance in = test::random_instance(seed, 20, 3, 2);
    for (const Strategy strategy : kAllStrategies)
      for (const std::uint32_t years : {1u, 4u}) {
        AllocationOptions o;
        o.strategy = strategy;
        o.seed = seed;
        o.years = years;
        const AllocationResult plain = allocate(in.net, in.problem, o);

        std::vector<Progress> seen;
        o.progress = [&](const Progress& p) { seen.push_back(p); };
        const AllocationResult reported = allocate(in.net, in.problem, o);

        EXPECT_EQ(served(reported), served(plain));
        EXPECT_EQ(reported.total_gain, plain.total_gain);
        EXPECT_EQ(reported.exposure_after, plain.exposure_after);
        EXPECT_EQ(reported.own_after, plain.own_after);
        ASSERT_EQ(seen.size(), years + 1u) << to_string(strategy);
        for (std::uint32_t i = 0; i <= years; ++i) {
          EXPECT_EQ(seen[i].phase, "support_years");
          EXPECT_EQ(seen[i].done, i);
          EXPECT_EQ(seen[i].total, years);
        }
      }
  }
}

}  // namespace
}  // namespace diligence::support
