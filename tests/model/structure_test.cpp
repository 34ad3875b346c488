// weak_components and strong_components on hand-drawn graphs, and a property test on 200 seeded
// random graphs against slow references: BFS on the undirected graph for weak components,
// mutual reachability (Floyd–Warshall closure) for strong components.
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/model/structure.hpp>

#include "network_test_support.hpp"

namespace diligence::model {
namespace {

using test::Edge;
using test::network_from_edges;
using U = std::vector<std::uint32_t>;

// Firms f0..f8 (index shown):
//
//   0 (isolated)
//
//   1 ──▶ 2 ──▶ 3 ──▶ 5 ◀──▶ 4          3-cycle {1,2,3}; 2-cycle {4,5}; 3→5 joins them weakly
//   ▲           │
//   └───────────┘
//
//   6 ──▶ 7 ──▶ 8                       a DAG: 6→7, 6→8, 7→8
//   └──────────▲
class Drawn : public ::testing::Test {
 protected:
  Drawn()
      : net(network_from_edges(
            9, {{1, 2}, {2, 3}, {3, 1}, {3, 5}, {4, 5}, {5, 4}, {7, 8}, {6, 8}, {6, 7}})) {}
  SupplyNetwork net;
};

TEST_F(Drawn, Weak) {
  const Components c = weak_components(net);
  EXPECT_EQ(c.component, (U{0, 1, 1, 1, 1, 1, 2, 2, 2}));
  EXPECT_EQ(c.sizes, (U{1, 5, 3}));
  EXPECT_EQ(c.count(), 3u);
  EXPECT_EQ(c.largest(), 5u);
}

TEST_F(Drawn, Strong) {
  const Components c = strong_components(net);
  EXPECT_EQ(c.component, (U{0, 1, 1, 1, 2, 2, 3, 4, 5}));
  EXPECT_EQ(c.sizes, (U{1, 3, 2, 1, 1, 1}));
  EXPECT_EQ(c.count(), 6u);
  EXPECT_EQ(c.largest(), 3u);
}

TEST(Structure, EmptyNetwork) {
  const SupplyNetwork net = network_from_edges(0, {});
  for (const Components& c : {weak_components(net), strong_components(net)}) {
    EXPECT_TRUE(c.component.empty());
    EXPECT_TRUE(c.sizes.empty());
    EXPECT_EQ(c.count(), 0u);
    EXPECT_EQ(c.largest(), 0u);
  }
}

TEST(Structure, IsolatedFirms) {
  const SupplyNetwork net = network_from_edges(4, {});
  for (const Components& c : {weak_components(net), strong_components(net)}) {
    EXPECT_EQ(c.component, (U{0, 1, 2, 3}));
    EXPECT_EQ(c.sizes, (U{1, 1, 1, 1}));
    EXPECT_EQ(c.largest(), 1u);
  }
}

TEST(Structure, ChainIsOneWeakManyStrong) {
  // 0 → 1 → 2 → 3: Tarjan closes 3 first; labels still follow the smallest index.
  const SupplyNetwork net = network_from_edges(4, {{0, 1}, {1, 2}, {2, 3}});
  EXPECT_EQ(weak_components(net).component, (U{0, 0, 0, 0}));
  EXPECT_EQ(strong_components(net).component, (U{0, 1, 2, 3}));
}

TEST(Structure, ReversedChain) {
  // 3 → 2 → 1 → 0
  const SupplyNetwork net = network_from_edges(4, {{3, 2}, {2, 1}, {1, 0}});
  EXPECT_EQ(strong_components(net).component, (U{0, 1, 2, 3}));
  EXPECT_EQ(weak_components(net).sizes, (U{4}));
}

TEST(Structure, TwoCycleWithLargerIndicesFirstLabelled) {
  // 0 → 3 ⇄ 2 and 1 alone: labels 0 {0}, 1 {1}, 2 {2,3}.
  const SupplyNetwork net = network_from_edges(4, {{0, 3}, {3, 2}, {2, 3}});
  const Components s = strong_components(net);
  EXPECT_EQ(s.component, (U{0, 1, 2, 2}));
  EXPECT_EQ(s.sizes, (U{1, 1, 2}));
  const Components w = weak_components(net);
  EXPECT_EQ(w.component, (U{0, 1, 0, 0}));
  EXPECT_EQ(w.sizes, (U{3, 1}));
}

TEST(Structure, TwoCyclesJoinedOneWay) {
  // {0,1} cycle → {2,3,4} cycle: two strong components, one weak.
  const SupplyNetwork net = network_from_edges(5, {{0, 1}, {1, 0}, {1, 2}, {2, 3}, {3, 4}, {4, 2}});
  EXPECT_EQ(strong_components(net).component, (U{0, 0, 1, 1, 1}));
  EXPECT_EQ(strong_components(net).sizes, (U{2, 3}));
  // A link back closes one big cycle.
  const SupplyNetwork closed =
      network_from_edges(5, {{0, 1}, {1, 0}, {1, 2}, {2, 3}, {3, 4}, {4, 2}, {4, 0}});
  EXPECT_EQ(strong_components(closed).component, (U{0, 0, 0, 0, 0}));
  EXPECT_EQ(strong_components(closed).largest(), 5u);
}

TEST(Structure, LongCycleDoesNotOverflowTheStack) {
  constexpr std::uint32_t n = 200'000;
  std::vector<Edge> edges;
  for (std::uint32_t i = 0; i < n; ++i) edges.push_back({i, (i + 1) % n});
  const SupplyNetwork net = network_from_edges(n, edges);
  const Components s = strong_components(net);
  EXPECT_EQ(s.count(), 1u);
  EXPECT_EQ(s.largest(), n);
  EXPECT_EQ(weak_components(net).count(), 1u);
}

// --- references --------------------------------------------------------------------------------

// Weak components by BFS over the undirected graph, labelled by smallest member.
U reference_weak(std::uint32_t n, const std::vector<Edge>& edges) {
  std::vector<std::vector<std::uint32_t>> adj(n);
  for (const auto& e : edges) {
    adj[e.supplier].push_back(e.buyer);
    adj[e.buyer].push_back(e.supplier);
  }
  U label(n, UINT32_MAX);
  std::uint32_t next = 0;
  for (std::uint32_t s = 0; s < n; ++s) {
    if (label[s] != UINT32_MAX) continue;
    std::deque<std::uint32_t> q{s};
    label[s] = next;
    while (!q.empty()) {
      const std::uint32_t v = q.front();
      q.pop_front();
      for (const std::uint32_t w : adj[v])
        if (label[w] == UINT32_MAX) {
          label[w] = next;
          q.push_back(w);
        }
    }
    ++next;
  }
  return label;
}

// u and v share a label iff a partition says so; compared pairwise (labels may differ).
::testing::AssertionResult same_partition(const U& got,
                                          const std::vector<std::vector<bool>>& same) {
  const std::size_t n = got.size();
  for (std::size_t u = 0; u < n; ++u)
    for (std::size_t v = 0; v < n; ++v)
      if ((got[u] == got[v]) != same[u][v])
        return ::testing::AssertionFailure()
               << "firms " << u << " and " << v << ": labels " << got[u] << ", " << got[v]
               << " but reference says " << (same[u][v] ? "same" : "different");
  return ::testing::AssertionSuccess();
}

// Labels are 0..count-1, first used in firm order (so label k's smallest member comes before
// label k+1's), and sizes count the members.
::testing::AssertionResult well_numbered(const Components& c) {
  std::uint32_t next = 0;
  U counted(c.sizes.size(), 0);
  for (std::size_t v = 0; v < c.component.size(); ++v) {
    const std::uint32_t l = c.component[v];
    if (l > next || l >= c.sizes.size())
      return ::testing::AssertionFailure()
             << "firm " << v << " has label " << l << ", next new " << next;
    if (l == next) ++next;
    ++counted[l];
  }
  if (next != c.sizes.size()) return ::testing::AssertionFailure() << "unused labels";
  if (counted != c.sizes) return ::testing::AssertionFailure() << "sizes do not count members";
  return ::testing::AssertionSuccess();
}

TEST(StructureProperty, MatchesReferencesOnRandomGraphs) {
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const test::RandomGraph g = test::random_graph(1000 + seed);
    const SupplyNetwork net = network_from_edges(g.n, g.edges);
    const auto reach = test::reachability(g.n, g.edges);

    std::vector<std::vector<bool>> strong_same(g.n, std::vector<bool>(g.n));
    for (std::uint32_t u = 0; u < g.n; ++u)
      for (std::uint32_t v = 0; v < g.n; ++v) strong_same[u][v] = reach[u][v] && reach[v][u];
    const Components s = strong_components(net);
    ASSERT_EQ(s.component.size(), g.n);
    EXPECT_TRUE(same_partition(s.component, strong_same));
    EXPECT_TRUE(well_numbered(s));

    const U weak_ref = reference_weak(g.n, g.edges);
    std::vector<std::vector<bool>> weak_same(g.n, std::vector<bool>(g.n));
    for (std::uint32_t u = 0; u < g.n; ++u)
      for (std::uint32_t v = 0; v < g.n; ++v) weak_same[u][v] = weak_ref[u] == weak_ref[v];
    const Components w = weak_components(net);
    ASSERT_EQ(w.component.size(), g.n);
    EXPECT_TRUE(same_partition(w.component, weak_same));
    EXPECT_TRUE(well_numbered(w));
    // With both numbered by smallest member, the labels themselves agree with the BFS reference.
    EXPECT_EQ(w.component, weak_ref);

    // Every strong component lies inside one weak component.
    for (std::uint32_t u = 0; u < g.n; ++u)
      for (std::uint32_t v = 0; v < g.n; ++v)
        if (s.component[u] == s.component[v]) {
          ASSERT_EQ(w.component[u], w.component[v]);
        }
  }
}

}  // namespace
}  // namespace diligence::model
