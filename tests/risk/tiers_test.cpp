// risk::tiers on hand-drawn networks (chains, diamonds with shortcuts, cycles, downstream and
// unconnected firms, depth limits), and a property test against shortest path lengths computed
// by Floyd–Warshall on random graphs.
#include <algorithm>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/risk/tiers.hpp>

#include "../model/network_test_support.hpp"

namespace diligence::risk {
namespace {

using model::FirmIndex;
using model::SupplyNetwork;
using test::network_from_edges;
using T = std::vector<std::int32_t>;
using C = std::vector<std::uint32_t>;
constexpr std::int32_t X = kNotUpstream;

// A chain, goods flowing right: 3 → 2 → 1 → 0.
SupplyNetwork chain() { return network_from_edges(4, {{3, 2}, {2, 1}, {1, 0}}); }

TEST(Tiers, Chain) {
  const SupplyNetwork net = chain();
  const Tiers t = tiers(net, 0);
  EXPECT_EQ(t.tier, (T{0, 1, 2, 3}));
  EXPECT_EQ(t.per_tier, (C{1, 1, 1, 1}));
  EXPECT_EQ(t.max_tier(), 3);
  EXPECT_EQ(t.upstream_count(), 3u);
}

TEST(Tiers, ChainFromTheMiddle) {
  const SupplyNetwork net = chain();
  const Tiers t = tiers(net, 2);
  EXPECT_EQ(t.tier, (T{X, X, 0, 1}));  // 0 and 1 are downstream of 2
  EXPECT_EQ(t.per_tier, (C{1, 1}));
  EXPECT_EQ(t.max_tier(), 1);
  EXPECT_EQ(t.upstream_count(), 1u);
}

TEST(Tiers, RawMaterialFirmHasNoUpstream) {
  const SupplyNetwork net = chain();
  const Tiers t = tiers(net, 3);
  EXPECT_EQ(t.tier, (T{X, X, X, 0}));
  EXPECT_EQ(t.per_tier, (C{1}));
  EXPECT_EQ(t.max_tier(), 0);
  EXPECT_EQ(t.upstream_count(), 0u);
}

// Focal firm 0. Direct suppliers 1, 2 and 5; 3 supplies 1 and 2; 5 also supplies 3, so the
// shortcut 5 → 0 wins over 5 → 3 → 1 → 0. 4 only buys from 0 (downstream), 6 is unconnected.
//
//        5 ──────────────┐
//        │               ▼
//        └─▶ 3 ──▶ 1 ──▶ 0 ──▶ 4        6
//            └───▶ 2 ──▶─┘
TEST(Tiers, DiamondWithShortcut) {
  const SupplyNetwork net =
      network_from_edges(7, {{1, 0}, {2, 0}, {3, 1}, {3, 2}, {5, 3}, {5, 0}, {0, 4}});
  const Tiers t = tiers(net, 0);
  EXPECT_EQ(t.tier, (T{0, 1, 1, 2, X, 1, X}));
  EXPECT_EQ(t.per_tier, (C{1, 3, 1}));
  EXPECT_EQ(t.max_tier(), 2);
  EXPECT_EQ(t.upstream_count(), 4u);
}

// A cycle through the focal firm: 0 → 1 → 2 → 0, and 3 → 2.
//   tiers from 0: 2 is a direct supplier, 1 and 3 supply 2; 0 itself stays at tier 0.
TEST(Tiers, CycleThroughFocal) {
  const SupplyNetwork net = network_from_edges(4, {{0, 1}, {1, 2}, {2, 0}, {3, 2}});
  const Tiers t = tiers(net, 0);
  EXPECT_EQ(t.tier, (T{0, 2, 1, 2}));
  EXPECT_EQ(t.per_tier, (C{1, 1, 2}));
  EXPECT_EQ(t.upstream_count(), 3u);
}

// A cycle upstream of the focal firm: 1 ⇄ 2 → 3 → 0.
TEST(Tiers, CycleUpstream) {
  const SupplyNetwork net = network_from_edges(4, {{1, 2}, {2, 1}, {2, 3}, {3, 0}});
  const Tiers t = tiers(net, 0);
  EXPECT_EQ(t.tier, (T{0, 3, 2, 1}));
  EXPECT_EQ(t.per_tier, (C{1, 1, 1, 1}));
}

TEST(Tiers, MaxDepth) {
  const SupplyNetwork net = chain();
  {
    const Tiers t = tiers(net, 0, TierOptions{2});
    EXPECT_EQ(t.tier, (T{0, 1, 2, X}));
    EXPECT_EQ(t.per_tier, (C{1, 1, 1}));
    EXPECT_EQ(t.max_tier(), 2);
    EXPECT_EQ(t.upstream_count(), 2u);
  }
  {
    const Tiers t = tiers(net, 0, TierOptions{0});
    EXPECT_EQ(t.tier, (T{0, X, X, X}));
    EXPECT_EQ(t.per_tier, (C{1}));
    EXPECT_EQ(t.max_tier(), 0);
  }
  {
    const Tiers t = tiers(net, 0, TierOptions{1});
    EXPECT_EQ(t.tier, (T{0, 1, X, X}));
    EXPECT_EQ(t.per_tier, (C{1, 1}));
  }
  for (std::int32_t d : {3, 4, 100, -1}) {
    const Tiers t = tiers(net, 0, TierOptions{d});
    EXPECT_EQ(t.tier, (T{0, 1, 2, 3})) << d;
    EXPECT_EQ(t.per_tier, (C{1, 1, 1, 1})) << d;
  }
  EXPECT_EQ(TierOptions{}.max_depth, -1);
}

TEST(Tiers, SingleFirm) {
  const SupplyNetwork net = network_from_edges(1, {});
  const Tiers t = tiers(net, 0);
  EXPECT_EQ(t.tier, (T{0}));
  EXPECT_EQ(t.per_tier, (C{1}));
  EXPECT_EQ(t.max_tier(), 0);
  EXPECT_EQ(t.upstream_count(), 0u);
}

TEST(Tiers, FocalOutOfRangeThrows) {
  const SupplyNetwork net = chain();
  EXPECT_THROW((void)tiers(net, 4), UsageError);
  EXPECT_THROW((void)tiers(net, model::kNoFirm), UsageError);
  const SupplyNetwork empty = network_from_edges(0, {});
  EXPECT_THROW((void)tiers(empty, 0), UsageError);
}

// Property test: tier(v) = length of the shortest path v → focal (Floyd–Warshall), kNotUpstream
// when there is none or it is longer than max_depth; per_tier counts the firms of each tier.
TEST(TiersProperty, MatchesShortestPathLengthsOnRandomGraphs) {
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const test::RandomGraph g = test::random_graph(5000 + seed);
    const SupplyNetwork net = network_from_edges(g.n, g.edges);
    const auto dist = test::path_lengths(g.n, g.edges);
    std::mt19937_64 rng(seed);
    for (FirmIndex focal = 0; focal < g.n; ++focal) {
      // Unlimited, and one random depth limit in -1..5.
      const std::int32_t depths[2] = {-1, static_cast<std::int32_t>(test::below(rng, 7)) - 1};
      for (const std::int32_t depth : depths) {
        const Tiers t = tiers(net, focal, TierOptions{depth});
        T expected(g.n, kNotUpstream);
        std::int32_t deepest = 0;
        for (FirmIndex v = 0; v < g.n; ++v) {
          const int d = dist[v][focal];
          if (d == test::kUnreachable || (depth >= 0 && d > depth)) continue;
          expected[v] = d;
          deepest = std::max(deepest, d);
        }
        C counts(static_cast<std::size_t>(deepest) + 1, 0);
        for (const std::int32_t x : expected)
          if (x != kNotUpstream) ++counts[static_cast<std::size_t>(x)];
        ASSERT_EQ(t.tier, expected) << "focal " << focal << " depth " << depth;
        ASSERT_EQ(t.per_tier, counts) << "focal " << focal << " depth " << depth;
        ASSERT_EQ(t.max_tier(), deepest);
        std::uint64_t upstream = 0;
        for (const std::int32_t x : expected) upstream += x > 0 ? 1 : 0;
        ASSERT_EQ(t.upstream_count(), upstream);
      }
    }
  }
}

// Direction switching and threads change the work, never the tiers: compare with top-down only.
TEST(TiersProperty, DirectionSwitchingAndThreadsGiveTheSameTiers) {
  std::uint32_t bottom_up = 0;
  for (std::uint64_t seed = 0; seed < 60; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const test::RandomGraph g = test::random_graph(7000 + seed, 200);
    const SupplyNetwork net = network_from_edges(g.n, g.edges);
    for (FirmIndex focal = 0; focal < g.n; focal += 7) {
      TierOptions top_down;
      top_down.direction_switching = false;
      const Tiers expected = tiers(net, focal, top_down);
      for (const int threads : {1, 2}) {
        TierOptions o;
        o.threads = threads;
        const Tiers t = tiers(net, focal, o);
        ASSERT_EQ(t.tier, expected.tier) << "focal " << focal << " threads " << threads;
        ASSERT_EQ(t.per_tier, expected.per_tier);
        EXPECT_EQ(expected.bottom_up_steps, 0u);
        bottom_up += t.bottom_up_steps;
      }
    }
  }
  EXPECT_GT(bottom_up, 100u);  // the switch happened often enough to be tested
}

}  // namespace
}  // namespace diligence::risk
