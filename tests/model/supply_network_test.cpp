// SupplyNetwork accessors on a hand-drawn network (ids, indices, both CSR directions, link
// attributes, commodity interning, the Boost.Graph view), and a property test on random
// networks: link order, the backward CSR's link ids and the link() round trip.
#include <algorithm>
#include <functional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <boost/graph/graph_traits.hpp>
#include <boost/range/iterator_range.hpp>
#include <gtest/gtest.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/model/network_builder.hpp>
#include <diligence/model/supply_network.hpp>

#include "network_test_support.hpp"

namespace diligence::model {
namespace {

using test::make_firm;

std::vector<std::uint32_t> vec(std::span<const std::uint32_t> s) { return {s.begin(), s.end()}; }
using V = std::vector<std::uint32_t>;

// Firms (index: id): 0 A, 1 B, 2 C, 3 D, 4 E. Links in input order:
//
//   links[0]  C ──300──▶ A      cobalt
//   links[1]  B ──100──▶ A      cobalt
//   links[2]  A ──0.4──▶ D      cells; cobalt   contract: code of conduct, no audit rights, since
//   2020-01-01 links[3]  B ──0.5──▶ D      cobalt links[4]  D ───────▶ C      (nothing given)
//
//          ┌───────────── D ◀──┐
//          ▼                   │
//          C ──▶ A ────────────┤      E (no links)
//                ▲             │
//                B ────────────┘
//
// Links by (supplier, buyer): L0 A→D, L1 B→A, L2 B→D, L3 C→A, L4 D→C.
class HandDrawn : public ::testing::Test {
 protected:
  static constexpr FirmIndex A = 0, B = 1, C = 2, D = 3, E = 4;

  HandDrawn() {
    NetworkBuilder nb;
    for (const char* id : {"A", "B", "C", "D", "E"}) nb.add_firm(make_firm(id));
    SupplyLink l0{"C", "A", 300.0, std::nullopt, {"cobalt"}, {}};
    SupplyLink l1{"B", "A", 100.0, std::nullopt, {"cobalt"}, {}};
    SupplyLink l2{
        "A", "D", std::nullopt, 0.4, {"cells", "cobalt"}, Contract{true, false, Date(2020, 1, 1)}};
    SupplyLink l3{"B", "D", std::nullopt, 0.5, {"cobalt"}, {}};
    SupplyLink l4{"D", "C", std::nullopt, std::nullopt, {}, {}};
    input = {l0, l1, l2, l3, l4};
    for (const auto& l : input) nb.add_link(l);
    net = nb.build();
  }

  std::vector<SupplyLink> input;
  SupplyNetwork net;
};

TEST_F(HandDrawn, Sizes) {
  EXPECT_EQ(net.num_firms(), 5u);
  EXPECT_EQ(net.num_links(), 5u);
  ASSERT_EQ(net.firms().size(), 5u);
  EXPECT_EQ(net.firms()[3].id, "D");
  EXPECT_EQ(net.firm(4).id, "E");
  EXPECT_THROW((void)net.firm(5), std::out_of_range);
}

TEST_F(HandDrawn, FindAndIndexOf) {
  EXPECT_EQ(net.find("A"), 0u);
  EXPECT_EQ(net.find("E"), 4u);
  EXPECT_EQ(net.find("Z"), std::nullopt);
  EXPECT_EQ(net.find("a"), std::nullopt);
  EXPECT_EQ(net.find(""), std::nullopt);
  EXPECT_EQ(net.index_of("C"), 2u);
  EXPECT_TRUE(
      test::throws_error<UsageError>([&] { (void)net.index_of("Z"); }, errc::kUnknownFirmId, ""));
  try {
    (void)net.index_of("Nobody");
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "error[usage.unknown_firm]: no firm with id 'Nobody'");
  }
}

TEST_F(HandDrawn, LinksOrderedBySupplierThenBuyer) {
  const std::vector<std::pair<FirmIndex, FirmIndex>> expected = {
      {A, D}, {B, A}, {B, D}, {C, A}, {D, C}};
  for (LinkIndex l = 0; l < 5; ++l) {
    EXPECT_EQ(net.link_supplier(l), expected[l].first) << l;
    EXPECT_EQ(net.link_buyer(l), expected[l].second) << l;
  }
  EXPECT_THROW((void)net.link_supplier(5), std::out_of_range);
  EXPECT_THROW((void)net.link_buyer(5), std::out_of_range);
}

TEST_F(HandDrawn, InputOrder) {
  EXPECT_EQ(net.input_order(0), 2u);
  EXPECT_EQ(net.input_order(1), 1u);
  EXPECT_EQ(net.input_order(2), 3u);
  EXPECT_EQ(net.input_order(3), 0u);
  EXPECT_EQ(net.input_order(4), 4u);
}

TEST_F(HandDrawn, Suppliers) {
  EXPECT_EQ(vec(net.suppliers(A)), (V{B, C}));
  EXPECT_EQ(vec(net.supplier_links(A)), (V{1, 3}));
  EXPECT_EQ(vec(net.suppliers(B)), V{});
  EXPECT_EQ(vec(net.supplier_links(B)), V{});
  EXPECT_EQ(vec(net.suppliers(C)), (V{D}));
  EXPECT_EQ(vec(net.supplier_links(C)), (V{4}));
  EXPECT_EQ(vec(net.suppliers(D)), (V{A, B}));
  EXPECT_EQ(vec(net.supplier_links(D)), (V{0, 2}));
  EXPECT_EQ(vec(net.suppliers(E)), V{});
}

TEST_F(HandDrawn, Buyers) {
  EXPECT_EQ(vec(net.buyers(A)), (V{D}));
  EXPECT_EQ(vec(net.buyers(B)), (V{A, D}));
  EXPECT_EQ(vec(net.buyers(C)), (V{A}));
  EXPECT_EQ(vec(net.buyers(D)), (V{C}));
  EXPECT_EQ(vec(net.buyers(E)), V{});
  EXPECT_EQ(net.first_buyer_link(A), 0u);
  EXPECT_EQ(net.first_buyer_link(B), 1u);
  EXPECT_EQ(net.first_buyer_link(C), 3u);
  EXPECT_EQ(net.first_buyer_link(D), 4u);
  EXPECT_EQ(net.first_buyer_link(E), 5u);
}

TEST_F(HandDrawn, RawCsrArrays) {
  EXPECT_EQ(vec(net.in_offsets()), (V{0, 2, 2, 3, 5, 5}));
  EXPECT_EQ(vec(net.in_sources()), (V{B, C, D, A, B}));
  EXPECT_EQ(vec(net.in_links()), (V{1, 3, 4, 0, 2}));
  EXPECT_EQ(vec(net.out_offsets()), (V{0, 1, 3, 4, 5, 5}));
  EXPECT_EQ(vec(net.out_targets()), (V{D, A, D, A, C}));
}

TEST_F(HandDrawn, FindLink) {
  EXPECT_EQ(net.find_link(A, D), 0u);
  EXPECT_EQ(net.find_link(B, A), 1u);
  EXPECT_EQ(net.find_link(B, D), 2u);
  EXPECT_EQ(net.find_link(C, A), 3u);
  EXPECT_EQ(net.find_link(D, C), 4u);
  EXPECT_EQ(net.find_link(D, A), std::nullopt);
  EXPECT_EQ(net.find_link(A, C), std::nullopt);
  EXPECT_EQ(net.find_link(A, A), std::nullopt);
  EXPECT_EQ(net.find_link(E, A), std::nullopt);
  EXPECT_EQ(net.find_link(A, E), std::nullopt);
  EXPECT_EQ(net.find_link(B, C), std::nullopt);  // between B's two buyers
}

TEST_F(HandDrawn, SpendAndShare) {
  EXPECT_EQ(net.spend_eur(0), std::nullopt);
  EXPECT_EQ(net.share(0), 0.4);
  EXPECT_EQ(net.spend_eur(1), 100.0);
  EXPECT_EQ(net.share(1), std::nullopt);
  EXPECT_EQ(net.share(2), 0.5);
  EXPECT_EQ(net.spend_eur(3), 300.0);
  EXPECT_EQ(net.spend_eur(4), std::nullopt);
  EXPECT_EQ(net.share(4), std::nullopt);
}

TEST_F(HandDrawn, Weights) {
  EXPECT_EQ(net.weight(0), 0.4);
  EXPECT_EQ(net.weight(1), 0.25);
  EXPECT_EQ(net.weight(2), 0.5);
  EXPECT_EQ(net.weight(3), 0.75);
  EXPECT_EQ(net.weight(4), 1.0);
  EXPECT_EQ(net.weight_rule(A), WeightRule::kSpend);
  EXPECT_EQ(net.weight_rule(B), WeightRule::kNoSuppliers);
  EXPECT_EQ(net.weight_rule(C), WeightRule::kEqual);
  EXPECT_EQ(net.weight_rule(D), WeightRule::kShare);
  EXPECT_EQ(net.weight_rule(E), WeightRule::kNoSuppliers);
  EXPECT_EQ(net.mapped_share(A), 1.0);
  EXPECT_EQ(net.mapped_share(B), 0.0);
  EXPECT_EQ(net.mapped_share(C), 1.0);
  EXPECT_EQ(net.mapped_share(D), 0.4 + 0.5);
  EXPECT_EQ(net.mapped_share(E), 0.0);
  ASSERT_EQ(net.warnings().size(), 1u);
  EXPECT_EQ(net.warnings()[0].key_path, "firms[2]");
}

TEST_F(HandDrawn, CommoditiesAreInterned) {
  const auto c0 = net.commodities(0);
  ASSERT_EQ(c0.size(), 2u);
  EXPECT_EQ(c0[0], "cells");
  EXPECT_EQ(c0[1], "cobalt");
  for (LinkIndex l : {1u, 2u, 3u}) {
    ASSERT_EQ(net.commodities(l).size(), 1u) << l;
    EXPECT_EQ(net.commodities(l)[0], "cobalt");
  }
  // The three `cobalt` links share one stored list.
  EXPECT_EQ(net.commodities(1).data(), net.commodities(2).data());
  EXPECT_EQ(net.commodities(1).data(), net.commodities(3).data());
  EXPECT_NE(net.commodities(0).data(), net.commodities(1).data());
  EXPECT_TRUE(net.commodities(4).empty());
}

TEST_F(HandDrawn, Contract) {
  EXPECT_EQ(net.contract(0), (Contract{true, false, Date(2020, 1, 1)}));
  EXPECT_EQ(net.contract(1), Contract{});
  EXPECT_FALSE(net.contract(4).code_of_conduct.has_value());
}

TEST_F(HandDrawn, LinkRoundTrip) {
  for (LinkIndex l = 0; l < net.num_links(); ++l)
    EXPECT_EQ(net.link(l), input[net.input_order(l)]) << l;
  const SupplyLink l0 = net.link(0);
  EXPECT_EQ(l0.supplier, "A");
  EXPECT_EQ(l0.buyer, "D");
  EXPECT_EQ(l0.share, 0.4);
  EXPECT_EQ(l0.spend_eur, std::nullopt);
  EXPECT_EQ(l0.commodities, (std::vector<std::string>{"cells", "cobalt"}));
  EXPECT_EQ(l0.contract.since, Date(2020, 1, 1));
}

TEST_F(HandDrawn, BoostGraphView) {
  const auto& g = net.graph();
  EXPECT_EQ(boost::num_vertices(g), 5u);
  EXPECT_EQ(boost::num_edges(g), 5u);
  std::size_t count = 0;
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const auto l = boost::get(boost::edge_index, g, e);
    EXPECT_EQ(boost::source(e, g), net.link_supplier(l));
    EXPECT_EQ(boost::target(e, g), net.link_buyer(l));
    ++count;
  }
  EXPECT_EQ(count, 5u);
  std::vector<std::uint32_t> in_of_d;
  for (const auto e : boost::make_iterator_range(boost::in_edges(D, g)))
    in_of_d.push_back(static_cast<std::uint32_t>(boost::source(e, g)));
  EXPECT_EQ(in_of_d, (V{A, B}));
  EXPECT_EQ(boost::out_degree(B, g), 2u);
  EXPECT_EQ(boost::in_degree(A, g), 2u);
}

TEST_F(HandDrawn, CopyIsIndependentAndEqual) {
  const SupplyNetwork copy = net;
  EXPECT_EQ(copy.find("D"), 3u);
  EXPECT_EQ(vec(copy.suppliers(D)), (V{A, B}));
  EXPECT_EQ(copy.link(0), net.link(0));
  EXPECT_NE(copy.in_sources().data(), net.in_sources().data());
}

TEST(Commodities, SameListsShareStorageDifferentOrderDoesNot) {
  NetworkBuilder nb;
  for (const char* id : {"A", "B", "C", "D"}) nb.add_firm(make_firm(id));
  nb.add_link(SupplyLink{"A", "D", 1.0, std::nullopt, {"x", "y"}, {}});
  nb.add_link(SupplyLink{"B", "D", 1.0, std::nullopt, {"y", "x"}, {}});
  nb.add_link(SupplyLink{"C", "D", 1.0, std::nullopt, {"x", "y"}, {}});
  const auto net = nb.build();
  EXPECT_EQ(net.commodities(0).data(), net.commodities(2).data());
  EXPECT_NE(net.commodities(0).data(), net.commodities(1).data());
  EXPECT_EQ(net.commodities(1)[0], "y");
}

TEST(Commodities, ListsThatJoinToTheSameTextStayApart) {
  // Interning keys must not confuse ["a", "b"] with one name that contains the separator.
  NetworkBuilder nb;
  for (const char* id : {"A", "B", "C", "D"}) nb.add_firm(make_firm(id));
  nb.add_link(SupplyLink{"A", "D", 1.0, std::nullopt, {"a", "b"}, {}});
  nb.add_link(SupplyLink{"B",
                         "D",
                         1.0,
                         std::nullopt,
                         {"a\x1f"
                          "b"},
                         {}});
  nb.add_link(SupplyLink{"C",
                         "D",
                         1.0,
                         std::nullopt,
                         {"a\x1f"
                          "b\x1f"},
                         {}});
  const auto net = nb.build();
  EXPECT_EQ(net.link(0).commodities, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(net.link(1).commodities, (std::vector<std::string>{"a\x1f"
                                                               "b"}));
  EXPECT_EQ(net.link(2).commodities, (std::vector<std::string>{"a\x1f"
                                                               "b\x1f"}));
}

TEST(DefaultNetwork, IsEmpty) {
  const SupplyNetwork net;
  EXPECT_EQ(net.num_firms(), 0u);
  EXPECT_EQ(net.num_links(), 0u);
  EXPECT_TRUE(net.firms().empty());
  EXPECT_TRUE(net.weights().empty());
  EXPECT_EQ(net.find("A"), std::nullopt);
  EXPECT_THROW((void)net.index_of("A"), UsageError);
}

// Property test: random networks with links added in random order. Links come out ordered by
// (supplier, buyer); both CSR directions and find_link describe the same link set; the backward
// CSR's link ids point at links with the right ends; link() gives back the input.
TEST(SupplyNetworkProperty, RandomNetworksAreConsistent) {
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const test::RandomGraph g = test::random_graph(seed);
    NetworkBuilder nb;
    for (std::uint32_t i = 0; i < g.n; ++i) nb.add_firm(make_firm(test::index_id(i)));
    std::vector<SupplyLink> input;
    for (std::size_t k = 0; k < g.edges.size(); ++k) {
      const auto& e = g.edges[k];
      SupplyLink l{test::index_id(e.supplier),         test::index_id(e.buyer),
                   static_cast<double>(k + 1),         std::nullopt,
                   {k % 3 == 0 ? "cobalt" : "nickel"}, {}};
      input.push_back(l);
      nb.add_link(l);
    }
    const SupplyNetwork net = nb.build();
    ASSERT_EQ(net.num_firms(), g.n);
    ASSERT_EQ(net.num_links(), g.edges.size());

    std::set<std::pair<std::uint32_t, std::uint32_t>> pairs;
    for (const auto& e : g.edges) pairs.insert({e.supplier, e.buyer});
    // Forward: link order is the sorted pair order.
    LinkIndex l = 0;
    for (const auto& [s, b] : pairs) {
      ASSERT_EQ(net.link_supplier(l), s);
      ASSERT_EQ(net.link_buyer(l), b);
      ASSERT_EQ(net.link(l), input[net.input_order(l)]);
      ++l;
    }
    std::vector<bool> order_seen(net.num_links(), false);
    for (LinkIndex k = 0; k < net.num_links(); ++k) order_seen[net.input_order(k)] = true;
    EXPECT_TRUE(std::all_of(order_seen.begin(), order_seen.end(), [](bool x) { return x; }));

    std::size_t in_total = 0;
    for (FirmIndex v = 0; v < g.n; ++v) {
      // Buyers and first_buyer_link.
      const auto bs = net.buyers(v);
      ASSERT_EQ(std::adjacent_find(bs.begin(), bs.end(), std::greater_equal<>()), bs.end());
      for (std::size_t j = 0; j < bs.size(); ++j) {
        ASSERT_TRUE(pairs.count({v, bs[j]}));
        ASSERT_EQ(net.link_buyer(net.first_buyer_link(v) + static_cast<LinkIndex>(j)), bs[j]);
        ASSERT_EQ(net.link_supplier(net.first_buyer_link(v) + static_cast<LinkIndex>(j)), v);
      }
      // Suppliers and their link ids.
      const auto ss = net.suppliers(v);
      const auto sl = net.supplier_links(v);
      ASSERT_EQ(ss.size(), sl.size());
      ASSERT_EQ(std::adjacent_find(ss.begin(), ss.end(), std::greater_equal<>()), ss.end());
      for (std::size_t j = 0; j < ss.size(); ++j) {
        ASSERT_TRUE(pairs.count({ss[j], v}));
        ASSERT_EQ(net.link_supplier(sl[j]), ss[j]);
        ASSERT_EQ(net.link_buyer(sl[j]), v);
        ASSERT_EQ(net.find_link(ss[j], v), sl[j]);
      }
      in_total += ss.size();
      // find_link agrees with the pair set in both directions.
      for (FirmIndex u = 0; u < g.n; ++u) {
        const auto found = net.find_link(u, v);
        ASSERT_EQ(found.has_value(), pairs.count({u, v}) == 1) << u << " -> " << v;
        if (found) {
          ASSERT_EQ(net.link_supplier(*found), u);
          ASSERT_EQ(net.link_buyer(*found), v);
        }
      }
      // Spend weights over the buyer's links sum to 1.
      if (!ss.empty()) {
        double sum = 0.0;
        for (const LinkIndex k : sl) sum += net.weight(k);
        EXPECT_NEAR(sum, 1.0, 1e-12);
        EXPECT_EQ(net.weight_rule(v), WeightRule::kSpend);
      }
    }
    EXPECT_EQ(in_total, g.edges.size());
    EXPECT_TRUE(net.warnings().empty());
  }
}

}  // namespace
}  // namespace diligence::model
