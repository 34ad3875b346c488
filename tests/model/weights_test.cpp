// Link weights exactly as spec/scenario.md ("Weights") defines them: all links into a buyer with
// `share` → w = share; else all with spend > 0 → w = spend / Σ spend; else 1/k with one warning
// per such buyer. A firm without supplier links has no weights and maps nothing.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/core/diagnostics.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/model/network_builder.hpp>

#include "network_test_support.hpp"

namespace diligence::model {
namespace {

using test::make_network;

// Weight of the link supplier → buyer, by id.
double w(const SupplyNetwork& net, const char* s, const char* b) {
  const auto l = net.find_link(net.index_of(s), net.index_of(b));
  EXPECT_TRUE(l.has_value()) << s << " -> " << b;
  return l ? net.weight(*l) : -1.0;
}

//   S1 ─0.3─┐
//   S2 ─0.5─┼─▶ B        shares: w = share, mapped 0.8, 0.2 unmapped
TEST(Weights, AllShare) {
  const auto net =
      make_network({"S1", "S2", "B"}, {{"S1", "B", 1000.0, 0.3}, {"S2", "B", std::nullopt, 0.5}});
  EXPECT_EQ(w(net, "S1", "B"), 0.3);  // share wins over spend
  EXPECT_EQ(w(net, "S2", "B"), 0.5);
  EXPECT_EQ(net.weight_rule(2), WeightRule::kShare);
  EXPECT_EQ(net.mapped_share(2), 0.3 + 0.5);
  EXPECT_TRUE(net.warnings().empty());
}

TEST(Weights, AllShareZero) {
  const auto net = make_network({"S1", "S2", "B"},
                                {{"S1", "B", std::nullopt, 0.0}, {"S2", "B", std::nullopt, 0.0}});
  EXPECT_EQ(w(net, "S1", "B"), 0.0);
  EXPECT_EQ(w(net, "S2", "B"), 0.0);
  EXPECT_EQ(net.weight_rule(2), WeightRule::kShare);
  EXPECT_EQ(net.mapped_share(2), 0.0);
}

TEST(Weights, SharesSummingToExactlyOne) {
  const auto net = make_network({"S1", "S2", "S3", "B"}, {{"S1", "B", std::nullopt, 0.25},
                                                          {"S2", "B", std::nullopt, 0.5},
                                                          {"S3", "B", std::nullopt, 0.25}});
  EXPECT_EQ(net.mapped_share(3), 1.0);
  EXPECT_EQ(net.weight_rule(3), WeightRule::kShare);
}

//   S1 ─100─┐
//   S2 ─300─┴─▶ B        spend: w = 0.25, 0.75
TEST(Weights, AllSpend) {
  const auto net = make_network({"S1", "S2", "B"}, {{"S1", "B", 100.0}, {"S2", "B", 300.0}});
  EXPECT_EQ(w(net, "S1", "B"), 0.25);
  EXPECT_EQ(w(net, "S2", "B"), 0.75);
  EXPECT_EQ(net.weight_rule(2), WeightRule::kSpend);
  EXPECT_EQ(net.mapped_share(2), 1.0);
  EXPECT_TRUE(net.warnings().empty());
}

TEST(Weights, SpendThreeWay) {
  const auto net =
      make_network({"S1", "S2", "S3", "B"}, {{"S1", "B", 1.0}, {"S2", "B", 2.0}, {"S3", "B", 7.0}});
  EXPECT_DOUBLE_EQ(w(net, "S1", "B"), 0.1);
  EXPECT_DOUBLE_EQ(w(net, "S2", "B"), 0.2);
  EXPECT_DOUBLE_EQ(w(net, "S3", "B"), 0.7);
  EXPECT_EQ(net.mapped_share(3), 1.0);
}

TEST(Weights, SingleSpendLinkGetsWeightOne) {
  const auto net = make_network({"S", "B"}, {{"S", "B", 42.0}});
  EXPECT_EQ(w(net, "S", "B"), 1.0);
  EXPECT_EQ(net.weight_rule(1), WeightRule::kSpend);
}

TEST(Weights, HugeSpendsStillSumToOne) {
  // Every spend is a valid finite number; their sum overflows a double.
  const auto net = make_network({"S1", "S2", "B"}, {{"S1", "B", 1e308}, {"S2", "B", 1e308}});
  EXPECT_DOUBLE_EQ(w(net, "S1", "B"), 0.5);
  EXPECT_DOUBLE_EQ(w(net, "S2", "B"), 0.5);
  EXPECT_EQ(net.weight_rule(2), WeightRule::kSpend);
}

//   S1 ─100─┐
//   S2 ──0──┴─▶ B        one spend is 0: equal weights 1/2, one warning naming B
TEST(Weights, ZeroSpendFallsBackToEqual) {
  const auto net = make_network({"S1", "S2", "B"}, {{"S1", "B", 100.0}, {"S2", "B", 0.0}});
  EXPECT_EQ(w(net, "S1", "B"), 0.5);
  EXPECT_EQ(w(net, "S2", "B"), 0.5);
  EXPECT_EQ(net.weight_rule(2), WeightRule::kEqual);
  EXPECT_EQ(net.mapped_share(2), 1.0);
  ASSERT_EQ(net.warnings().size(), 1u);
  EXPECT_EQ(net.warnings()[0].id, errc::kWarnEqualWeights);
  EXPECT_EQ(net.warnings()[0].key_path, "firms[2]");
  EXPECT_EQ(net.warnings()[0].severity, Severity::kWarning);
  EXPECT_NE(net.warnings()[0].message.find("'B'"), std::string::npos) << net.warnings()[0].message;
}

TEST(Weights, MissingSpendFallsBackToEqual) {
  const auto net =
      make_network({"S1", "S2", "S3", "B"}, {{"S1", "B", 100.0}, {"S2", "B"}, {"S3", "B", 5.0}});
  EXPECT_EQ(w(net, "S1", "B"), 1.0 / 3.0);
  EXPECT_EQ(w(net, "S2", "B"), 1.0 / 3.0);
  EXPECT_EQ(w(net, "S3", "B"), 1.0 / 3.0);
  EXPECT_EQ(net.weight_rule(3), WeightRule::kEqual);
  EXPECT_EQ(net.mapped_share(3), 1.0);
  ASSERT_EQ(net.warnings().size(), 1u);
  EXPECT_NE(net.warnings()[0].message.find("1/3"), std::string::npos) << net.warnings()[0].message;
}

TEST(Weights, NothingGivenOnASingleLink) {
  const auto net = make_network({"S", "B"}, {{"S", "B"}});
  EXPECT_EQ(w(net, "S", "B"), 1.0);
  EXPECT_EQ(net.weight_rule(1), WeightRule::kEqual);
  EXPECT_EQ(net.warnings().size(), 1u);
}

TEST(Weights, FirmWithoutSuppliers) {
  const auto net = make_network({"S", "B", "Lonely"}, {{"S", "B", 1.0}});
  for (const char* id : {"S", "Lonely"}) {
    const FirmIndex i = net.index_of(id);
    EXPECT_EQ(net.weight_rule(i), WeightRule::kNoSuppliers) << id;
    EXPECT_EQ(net.mapped_share(i), 0.0) << id;
    EXPECT_TRUE(net.suppliers(i).empty()) << id;
  }
}

//        S1 ──100──▶ B1            spend: no warning
//        S2 ──300──▶ B1
//        S1 ───────▶ B2 ◀─── S2    nothing given: equal, warning for B2
//        S1 ──0────▶ B3            zero spend: equal, warning for B3
//        S2 ─0.4───▶ B4            share: no warning
TEST(Weights, OneWarningPerEqualBuyerToSinkAndList) {
  std::vector<Diagnostic> sunk;
  BuildOptions o;
  o.sink = [&](const Diagnostic& d) { sunk.push_back(d); };
  const auto net = make_network({"S1", "S2", "B1", "B2", "B3", "B4"},
                                {{"S1", "B3", 0.0},
                                 {"S1", "B1", 100.0},
                                 {"S1", "B2"},
                                 {"S2", "B2", 5.0},
                                 {"S2", "B1", 300.0},
                                 {"S2", "B4", std::nullopt, 0.4}},
                                o);
  ASSERT_EQ(net.warnings().size(), 2u);
  ASSERT_EQ(sunk.size(), 2u);
  // In buyer order, each naming its buyer.
  EXPECT_EQ(net.warnings()[0].key_path, "firms[3]");
  EXPECT_NE(net.warnings()[0].message.find("'B2'"), std::string::npos);
  EXPECT_EQ(net.warnings()[1].key_path, "firms[4]");
  EXPECT_NE(net.warnings()[1].message.find("'B3'"), std::string::npos);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(net.warnings()[k].id, "weights.equal");
    EXPECT_EQ(sunk[k].to_string(), net.warnings()[k].to_string());
  }
  EXPECT_EQ(net.weight_rule(2), WeightRule::kSpend);
  EXPECT_EQ(net.weight_rule(3), WeightRule::kEqual);
  EXPECT_EQ(net.weight_rule(4), WeightRule::kEqual);
  EXPECT_EQ(net.weight_rule(5), WeightRule::kShare);
  EXPECT_EQ(w(net, "S1", "B2"), 0.5);
  EXPECT_EQ(w(net, "S1", "B3"), 1.0);
  EXPECT_EQ(w(net, "S2", "B4"), 0.4);
  EXPECT_EQ(net.mapped_share(5), 0.4);
}

TEST(Weights, WithoutSinkWarningsAreStillListed) {
  const auto net = make_network({"S1", "S2", "B"}, {{"S1", "B"}, {"S2", "B"}});
  ASSERT_EQ(net.warnings().size(), 1u);
  EXPECT_EQ(net.warnings()[0].to_string().rfind("warning[weights.equal]: firms[2]: ", 0), 0u)
      << net.warnings()[0].to_string();
}

// The weights of the links into every buyer add up to its mapped share; the weights() span is
// the per-link accessor.
TEST(Weights, SpanAndMappedShareAgree) {
  const auto net = make_network({"A", "B", "C", "D"}, {{"A", "B", 1.0},
                                                       {"C", "B", 3.0},
                                                       {"A", "C", std::nullopt, 0.2},
                                                       {"D", "C", std::nullopt, 0.1},
                                                       {"A", "D"},
                                                       {"B", "D"},
                                                       {"C", "D"}});
  ASSERT_EQ(net.weights().size(), net.num_links());
  for (LinkIndex l = 0; l < net.num_links(); ++l) EXPECT_EQ(net.weights()[l], net.weight(l));
  for (FirmIndex b = 0; b < net.num_firms(); ++b) {
    double sum = 0.0;
    for (const LinkIndex l : net.supplier_links(b)) sum += net.weight(l);
    EXPECT_NEAR(sum, net.mapped_share(b), 1e-15) << b;
  }
  EXPECT_NEAR(net.mapped_share(2), 0.3, 1e-15);
  EXPECT_EQ(net.mapped_share(3), 1.0);
  EXPECT_EQ(w(net, "B", "D"), 1.0 / 3.0);
}

}  // namespace
}  // namespace diligence::model
