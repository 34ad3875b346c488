// NetworkBuilder::build's own CSR: on random graphs the arrays equal those Boost's
// compressed_sparse_row_graph builds from the same links (the builder's former path), the
// backward-ordered weights match the weights, and the per-link data stored compactly (shares as
// weights, interned contracts and commodity lists) reads back as given. Also the id index with ids
// longer than its inline bytes, and the bulk add_link overload.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/model/network_builder.hpp>

#include "network_test_support.hpp"

namespace diligence::test {
namespace {

using model::CommoditySet;
using model::Contract;
using model::LinkIndex;
using model::NetworkBuilder;
using model::SupplyNetwork;

TEST(NetworkBuild, CsrArraysEqualBoostsOnRandomGraphs) {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const RandomGraph g = random_graph(seed, 60);
    const SupplyNetwork net = network_from_edges(g.n, g.edges);
    // The former path: Boost's constructor over the links sorted by (supplier, buyer).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> sorted;
    for (const Edge& e : g.edges) sorted.emplace_back(e.supplier, e.buyer);
    std::sort(sorted.begin(), sorted.end());
    const SupplyNetwork::Graph boost_graph(boost::edges_are_unsorted_multi_pass, sorted.begin(),
                                           sorted.end(), g.n);
    const auto& ours = net.graph();
    EXPECT_EQ(ours.m_forward.m_rowstart, boost_graph.m_forward.m_rowstart) << seed;
    EXPECT_EQ(ours.m_forward.m_column, boost_graph.m_forward.m_column) << seed;
    EXPECT_EQ(ours.m_backward.m_rowstart, boost_graph.m_backward.m_rowstart) << seed;
    EXPECT_EQ(ours.m_backward.m_column, boost_graph.m_backward.m_column) << seed;
    EXPECT_EQ(ours.m_backward.m_edge_properties, boost_graph.m_backward.m_edge_properties) << seed;
    EXPECT_EQ(boost::num_vertices(ours), g.n);
    EXPECT_EQ(boost::num_edges(ours), g.edges.size());
    for (LinkIndex l = 0; l < net.num_links(); ++l) {
      EXPECT_EQ(net.link_supplier(l), sorted[l].first);
      EXPECT_EQ(net.link_buyer(l), sorted[l].second);
      // input_order names the link's position in g.edges.
      const Edge& e = g.edges[net.input_order(l)];
      EXPECT_EQ(std::make_pair(e.supplier, e.buyer), sorted[l]);
    }
  }
}

TEST(NetworkBuild, InWeightsFollowTheBackwardCsr) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    std::mt19937_64 rng(seed);
    const RandomGraph g = random_graph(seed, 50);
    NetworkBuilder nb;
    for (std::uint32_t i = 0; i < g.n; ++i) nb.add_firm(make_firm(index_id(i)));
    // Spend on every link: weights differ from link to link.
    for (const auto& [s, b] : g.edges)
      nb.add_link(index_id(s), index_id(b), static_cast<double>(1 + below(rng, 1000)),
                  std::nullopt);
    const SupplyNetwork net = nb.build();
    const auto w = net.weights();
    const auto in_w = net.in_weights();
    const auto in_links = net.in_links();
    ASSERT_EQ(in_w.size(), net.num_links());
    for (std::size_t e = 0; e < in_w.size(); ++e) EXPECT_EQ(in_w[e], w[in_links[e]]);
    // A sweep over each buyer's suppliers reads the same weights through either array.
    const auto offsets = net.in_offsets();
    for (model::FirmIndex b = 0; b < g.n; ++b) {
      double sum = 0.0;
      for (std::uint32_t e = offsets[b]; e < offsets[b + 1]; ++e) sum += in_w[e];
      EXPECT_NEAR(sum, net.supplier_links(b).empty() ? 0.0 : 1.0, 1e-12);
    }
  }
}

TEST(NetworkBuild, SharesContractsAndCommoditiesReadBack) {
  // Buyer A weighs by share, buyer B by spend, buyer C gives neither (equal weights).
  //   S1 ─0.3─▶ A ◀─0.5─ S2      S1 ─100─▶ B ◀─300─ S2      S1 ───▶ C
  NetworkBuilder nb;
  for (const char* id : {"A", "B", "C", "S1", "S2"}) nb.add_firm(make_firm(id));
  Contract signed_2024;
  signed_2024.code_of_conduct = true;
  signed_2024.since = Date(2024, 3, 1);
  Contract audit_only;
  audit_only.audit_rights = false;
  const CommoditySet cobalt = nb.commodity_set({"cobalt"});
  EXPECT_EQ(nb.commodity_set({"cobalt"}), cobalt);
  const CommoditySet two = nb.commodity_set({"cobalt", "nickel"});
  EXPECT_NE(two, cobalt);
  nb.add_link("S2", "A", std::nullopt, 0.5, two, signed_2024);
  nb.add_link("S1", "A", 7.0, 0.3, cobalt, audit_only);
  nb.add_link("S1", "B", 100.0, std::nullopt, CommoditySet::kNone, signed_2024);
  nb.add_link("S2", "B", 300.0, std::nullopt);
  model::SupplyLink yaml_like;
  yaml_like.supplier = "S1";
  yaml_like.buyer = "C";
  yaml_like.commodities = {"cobalt", "nickel"};
  yaml_like.contract = audit_only;
  nb.add_link(yaml_like);
  const SupplyNetwork net = nb.build();
  ASSERT_EQ(net.num_links(), 5u);
  const auto link = [&](const char* s, const char* b) {
    return *net.find_link(net.index_of(s), net.index_of(b));
  };
  EXPECT_EQ(net.share(link("S1", "A")), 0.3);
  EXPECT_EQ(net.share(link("S2", "A")), 0.5);
  EXPECT_EQ(net.spend_eur(link("S1", "A")), 7.0);
  EXPECT_EQ(net.share(link("S1", "B")), std::nullopt);
  EXPECT_EQ(net.share(link("S1", "C")), std::nullopt);
  EXPECT_EQ(net.weight(link("S2", "B")), 0.75);
  EXPECT_EQ(net.contract(link("S2", "A")), signed_2024);
  EXPECT_EQ(net.contract(link("S1", "B")), signed_2024);
  EXPECT_EQ(net.contract(link("S1", "A")), audit_only);
  EXPECT_EQ(net.contract(link("S1", "C")), audit_only);
  EXPECT_EQ(net.contract(link("S2", "B")), Contract{});
  const auto c = net.commodities(link("S1", "C"));
  EXPECT_EQ(std::vector<std::string>(c.begin(), c.end()),
            (std::vector<std::string>{"cobalt", "nickel"}));
  EXPECT_TRUE(net.commodities(link("S2", "B")).empty());
  EXPECT_EQ(net.link(link("S1", "C")), yaml_like);
}

TEST(NetworkBuild, BulkAddLinkReportsLikeAddLink) {
  NetworkBuilder nb;
  nb.add_firm(make_firm("A"));
  nb.add_firm(make_firm("B"));
  const CommoditySet bad = nb.commodity_set({"cobalt", ""});
  const auto id_of = [&](auto add) -> std::pair<std::string, std::string> {
    try {
      add();
    } catch (const Error& e) {
      return {e.id(), e.key_path()};
    }
    return {};
  };
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(id_of([&] { nb.add_link("X", "B", std::nullopt, std::nullopt); }),
            (P{errc::kUnknownFirm, "links[0].supplier"}));
  EXPECT_EQ(id_of([&] { nb.add_link("A", "Y", std::nullopt, std::nullopt); }),
            (P{errc::kUnknownFirm, "links[0].buyer"}));
  EXPECT_EQ(id_of([&] { nb.add_link("A", "A", std::nullopt, std::nullopt); }),
            (P{errc::kSelfLink, "links[0].buyer"}));
  EXPECT_EQ(id_of([&] { nb.add_link("A", "B", -1.0, std::nullopt); }),
            (P{errc::kRange, "links[0].spend_eur"}));
  EXPECT_EQ(id_of([&] { nb.add_link("A", "B", std::nullopt, 1.5); }),
            (P{errc::kRange, "links[0].share"}));
  EXPECT_EQ(id_of([&] { nb.add_link("A", "B", std::nullopt, std::nullopt, bad); }),
            (P{errc::kType, "links[0].commodity"}));
  EXPECT_EQ(nb.num_links(), 0u);
  nb.add_link("A", "B", 1.0, std::nullopt);
  nb.add_link("B", "A", 1.0, std::nullopt);
  nb.add_link("A", "B", 2.0, std::nullopt);
  nb.add_link("A", "B", 3.0, std::nullopt);
  // Three copies of A → B: the error names the second, and the first as the earlier one.
  try {
    (void)nb.build();
    FAIL() << "expected a duplicate link";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.id(), errc::kDuplicateLink);
    EXPECT_EQ(e.key_path(), "links[2]");
    EXPECT_NE(std::string(e.what()).find("first as links[0]"), std::string::npos) << e.what();
  }
}

TEST(NetworkBuild, LongIdsAndManyFirms) {
  // Ids longer than the index's 11 inline bytes that share their first 11 bytes, mixed with short
  // ones, enough of them to grow the table several times.
  NetworkBuilder nb;
  const auto long_id = [](std::uint32_t i) { return "supplier-of-" + std::to_string(i); };
  for (std::uint32_t i = 0; i < 3000; ++i) {
    nb.add_firm(make_firm(long_id(i)));
    nb.add_firm(make_firm(index_id(i)));
  }
  for (std::uint32_t i = 0; i < 3000; ++i) {
    EXPECT_EQ(nb.find(long_id(i)), 2 * i);
    EXPECT_EQ(nb.find(index_id(i)), 2 * i + 1);
  }
  EXPECT_EQ(nb.find("supplier-of-3000"), std::nullopt);
  EXPECT_EQ(nb.find("supplier-of"), std::nullopt);
  EXPECT_THROW(nb.add_firm(make_firm(long_id(17))), ValidationError);
  nb.reserve(10000, 10);
  for (std::uint32_t i = 0; i < 3000; ++i) EXPECT_EQ(nb.find(long_id(i)), 2 * i);
  const SupplyNetwork net = nb.build();
  EXPECT_EQ(net.find(long_id(2999)), 2 * 2999u);
  EXPECT_EQ(net.find(index_id(0)), 1u);
}

}  // namespace
}  // namespace diligence::test
