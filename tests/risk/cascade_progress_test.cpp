// The cascade simulation's progress callback (CascadeOptions::progress): called with phase
// "cascade", done rising from 0 to the number of runs, only from the calling thread, and the
// result bit for bit the same as without a callback, for any thread count.
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/risk/cascade.hpp>

#include "../model/network_test_support.hpp"

namespace diligence::risk {
namespace {

struct Case {
  model::SupplyNetwork net;
  RiskMatrix own;
};

Case random_case(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Case c{test::random_weighted_network(seed, 40, rng), RiskMatrix()};
  c.own = RiskMatrix(static_cast<Eigen::Index>(c.net.num_firms()), 3);
  for (Eigen::Index i = 0; i < c.own.size(); ++i) c.own.data()[i] = test::unit(rng);
  return c;
}

TEST(CascadeProgress, RisesToTheRunsAndChangesNothing) {
  for (const std::uint64_t seed : {3u, 8u, 21u}) {
    const Case c = random_case(seed);
    // Runs not a multiple of 64 and enough batches for several groups.
    for (const std::uint32_t runs : {1u, 100u, 64u * 300u + 17u}) {
      for (const int threads : {1, 3}) {
        CascadeOptions o;
        o.runs = runs;
        o.seed = seed;
        o.threads = threads;
        const CascadeResult plain = cascade_simulation(c.net, c.own, o);

        std::vector<Progress> seen;
        const std::thread::id caller = std::this_thread::get_id();
        bool other_thread = false;
        o.progress = [&](const Progress& p) {
          other_thread = other_thread || std::this_thread::get_id() != caller;
          seen.push_back(p);
        };
        const CascadeResult reported = cascade_simulation(c.net, c.own, o);

        EXPECT_EQ(reported.probability, plain.probability) << runs << " runs";
        EXPECT_EQ(reported.max_standard_error, plain.max_standard_error);
        EXPECT_FALSE(other_thread);
        ASSERT_GE(seen.size(), 2u);
        EXPECT_EQ(seen.front().done, 0u);
        EXPECT_EQ(seen.back().done, runs);
        for (std::size_t i = 0; i < seen.size(); ++i) {
          EXPECT_EQ(seen[i].phase, "cascade");
          EXPECT_EQ(seen[i].total, runs);
          if (i > 0) {
            EXPECT_GT(seen[i].done, seen[i - 1].done);
          }
        }
        // 300 batches in groups of about 2 %: several reports in between.
        if (runs > 64u * 300u) {
          EXPECT_GT(seen.size(), 10u);
        }
      }
    }
  }
}

TEST(CascadeProgress, AnEmptyNetworkStillEndsAtTheTotal) {
  const model::SupplyNetwork net = test::network_from_edges(0, {});
  CascadeOptions o;
  o.runs = 10;
  std::vector<std::uint64_t> done;
  o.progress = [&](const Progress& p) { done.push_back(p.done); };
  (void)cascade_simulation(net, RiskMatrix(0, 2), o);
  EXPECT_EQ(done, (std::vector<std::uint64_t>{0, 10}));
}

}  // namespace
}  // namespace diligence::risk
