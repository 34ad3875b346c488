// The generator's contract on a 20 000-firm network and on small ones: distinct pairs and no self
// links (checked with a set), weights (shares ≤ 1, one rule per buyer, spend > 0), the tier shape
// (only cycle-closing links go down the tiers), heavy-tailed degrees, the cycle share and the
// strongly connected components it creates, valid codes the default risk model knows, EU size
// classes, clusters, and determinism (seed, thread count).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_set>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/generate/generate.hpp>
#include <diligence/io/risk_model_io.hpp>
#include <diligence/model/codes.hpp>
#include <diligence/model/structure.hpp>

namespace diligence::generate {
namespace {

using model::FirmIndex;

struct Network {
  std::vector<GeneratedFirm> firms;
  std::vector<GeneratedLink> links;
  LinkCounts counts;
};

Network collect(const NetworkGenerator& gen) {
  Network net;
  gen.for_each_firm([&](const GeneratedFirm& f) { net.firms.push_back(f); });
  net.counts = gen.for_each_link([&](const GeneratedLink& l) { net.links.push_back(l); });
  return net;
}

GeneratorOptions options(std::uint64_t firms, std::uint64_t seed = 42, double cycle_share = 0.02) {
  GeneratorOptions o;
  o.firms = firms;
  o.seed = seed;
  o.cycle_share = cycle_share;
  return o;
}

/// One 20 000-firm network shared by the tests that only read it.
const NetworkGenerator& big_generator() {
  static const NetworkGenerator gen(options(20'000));
  return gen;
}
const Network& big() {
  static const Network net = collect(big_generator());
  return net;
}

TEST(GenerateOptions, ProblemsAreNamed) {
  EXPECT_EQ(GeneratorOptions{}.problem(), "");
  auto bad = [](auto change) {
    GeneratorOptions o;
    change(o);
    return o.problem();
  };
  EXPECT_NE(bad([](GeneratorOptions& o) { o.firms = 0; }), "");
  EXPECT_NE(bad([](GeneratorOptions& o) { o.cycle_share = 0.6; }), "");
  EXPECT_NE(bad([](GeneratorOptions& o) { o.links_per_firm = -1; }), "");
  EXPECT_NE(bad([](GeneratorOptions& o) { o.share_buyers = 1.5; }), "");
  EXPECT_NE(bad([](GeneratorOptions& o) { o.tier_mix = {0, 0, 0, 0, 0, 0}; }), "");
  EXPECT_NE(bad([](GeneratorOptions& o) { o.tier_mix[2] = -1; }), "");
  EXPECT_NE(bad([](GeneratorOptions& o) { o.max_cycle_length = 1; }), "");
  GeneratorOptions o;
  o.firms = 0;
  EXPECT_THROW(NetworkGenerator{o}, std::invalid_argument);
}

TEST(Generate, DistinctPairsAndNoSelfLinks) {
  const Network& net = big();
  ASSERT_GT(net.links.size(), 150'000u);
  std::unordered_set<std::uint64_t> pairs;
  for (const GeneratedLink& l : net.links) {
    EXPECT_NE(l.supplier, l.buyer);
    EXPECT_TRUE(pairs.insert((std::uint64_t{l.supplier} << 32) | l.buyer).second)
        << l.supplier << " -> " << l.buyer;
  }
}

TEST(Generate, LinkCountFollowsTheOption) {
  const Network& net = big();
  EXPECT_NEAR(static_cast<double>(net.links.size()) / 20'000.0, 10.0, 0.3);
  EXPECT_NEAR(static_cast<double>(net.links.size()), big_generator().expected_links(),
              0.02 * big_generator().expected_links());
  EXPECT_EQ(net.counts.links, net.links.size());
}

TEST(Generate, EveryBuyerStatesSpendOrSharesAndSharesStayBelowOne) {
  const Network& net = big();
  std::map<FirmIndex, double> share_sum;
  std::map<FirmIndex, int> rule;  // 1 share, 2 spend
  for (const GeneratedLink& l : net.links) {
    ASSERT_NE(l.share.has_value(), l.spend_eur.has_value());
    const int r = l.share ? 1 : 2;
    auto [it, fresh] = rule.emplace(l.buyer, r);
    EXPECT_EQ(it->second, r) << "buyer " << l.buyer << " mixes share and spend";
    if (l.share) {
      EXPECT_GT(*l.share, 0.0);
      share_sum[l.buyer] += *l.share;
    } else {
      EXPECT_GE(*l.spend_eur, 1.0);
      EXPECT_EQ(*l.spend_eur, std::round(*l.spend_eur));
    }
  }
  ASSERT_FALSE(share_sum.empty());
  for (const auto& [b, sum] : share_sum) EXPECT_LE(sum, 1.0) << "buyer " << b;
  const double share_buyers =
      static_cast<double>(net.counts.share_buyers) /
      static_cast<double>(net.counts.share_buyers + net.counts.spend_buyers);
  EXPECT_NEAR(share_buyers, 0.2, 0.03);
}

TEST(Generate, OnlyCycleLinksGoDownTheTiers) {
  const NetworkGenerator& gen = big_generator();
  const Network& net = big();
  std::size_t into_raw = 0, out_of_oem = 0;
  for (const GeneratedLink& l : net.links) {
    const auto ts = static_cast<int>(gen.tier(l.supplier)),
               tb = static_cast<int>(gen.tier(l.buyer));
    if (l.closes_cycle) {
      EXPECT_GT(ts, tb);
    } else {
      EXPECT_LT(ts, tb);
    }
    if (tb == static_cast<int>(Tier::kRaw)) {
      EXPECT_TRUE(l.closes_cycle);
      ++into_raw;
    }
    if (ts == static_cast<int>(Tier::kOem)) {
      EXPECT_TRUE(l.closes_cycle);
      ++out_of_oem;
    }
  }
  EXPECT_EQ(into_raw, 0u);  // raw firms buy nothing, not even through cycles
  EXPECT_GT(out_of_oem, 0u);
  // The tiers have the mix's sizes, upstream first.
  EXPECT_EQ(gen.tier_begin(0), 0u);
  EXPECT_EQ(gen.tier_begin(1), 2400u);                     // 12 % raw
  EXPECT_EQ(gen.tier_begin(6) - gen.tier_begin(5), 200u);  // 1 % OEMs
  for (const GeneratedFirm& f : net.firms) EXPECT_EQ(f.tier, gen.tier(f.index));
}

TEST(Generate, DegreesAreHeavyTailed) {
  const Network& net = big();
  std::vector<std::uint32_t> in(20'000, 0), out(20'000, 0);
  for (const GeneratedLink& l : net.links) {
    ++in[l.buyer];
    ++out[l.supplier];
  }
  const double mean = static_cast<double>(net.links.size()) / 20'000.0;
  const auto max_in = *std::max_element(in.begin(), in.end());
  const auto max_out = *std::max_element(out.begin(), out.end());
  EXPECT_GT(max_in, 30 * mean) << max_in;
  EXPECT_GT(max_out, 30 * mean) << max_out;
  // Many small firms have few buyers: the median is well below the mean.
  std::vector<std::uint32_t> sorted(out.begin() + big_generator().tier_begin(2),
                                    out.begin() + big_generator().tier_begin(3));
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  EXPECT_LT(sorted[sorted.size() / 2], mean);
}

TEST(Generate, CycleShareIsTheOptionAndEveryCycleLinkClosesACycle) {
  const Network& net = big();
  const double share =
      static_cast<double>(net.counts.cycle_links) / static_cast<double>(net.counts.links);
  EXPECT_NEAR(share, 0.02, 0.002);
  const model::SupplyNetwork sn = build_network(big_generator());
  const model::Components scc = model::strong_components(sn);
  std::size_t cyclic = 0;
  for (const auto size : scc.sizes) cyclic += size > 1 ? 1 : 0;
  EXPECT_GT(cyclic, 0u);
  for (const GeneratedLink& l : net.links)
    if (l.closes_cycle) {
      EXPECT_EQ(scc.component[l.supplier], scc.component[l.buyer]);
    }
}

TEST(Generate, NoCyclesWhenTheShareIsZero) {
  const NetworkGenerator gen(options(5000, 3, 0.0));
  const model::SupplyNetwork sn = build_network(gen);
  const model::Components scc = model::strong_components(sn);
  EXPECT_EQ(scc.largest(), 1u);
  EXPECT_EQ(scc.count(), sn.num_firms());
}

TEST(Generate, CycleLengthsStayWithinTheLimit) {
  GeneratorOptions o = options(5000, 5, 0.05);
  o.max_cycle_length = 2;  // only firms that supply each other
  const NetworkGenerator gen(o);
  std::set<std::pair<FirmIndex, FirmIndex>> pairs;
  std::vector<GeneratedLink> cycle;
  (void)gen.for_each_link([&](const GeneratedLink& l) {
    pairs.emplace(l.supplier, l.buyer);
    if (l.closes_cycle) cycle.push_back(l);
  });
  ASSERT_FALSE(cycle.empty());
  for (const GeneratedLink& l : cycle) EXPECT_TRUE(pairs.count({l.buyer, l.supplier})) << l.buyer;
}

TEST(Generate, CodesAreValidAndKnownToTheDefaultRiskModel) {
  const risk::RiskModel model =
      io::load_risk_model(std::filesystem::path(DILIGENCE_SOURCE_DIR) / "data/risk/default.yaml");
  const NetworkGenerator& gen = big_generator();
  std::set<std::string> countries, sectors, commodities, certifications;
  for (const GeneratedFirm& f : big().firms) {
    EXPECT_TRUE(model::is_valid_firm_id(gen.id(f.index)));
    countries.emplace(f.country);
    sectors.emplace(f.sector);
    for (std::size_t i = 0; i < NetworkGenerator::num_certifications(); ++i)
      if (f.certifications & (1u << i))
        certifications.emplace(NetworkGenerator::certification_name(i));
  }
  for (const GeneratedLink& l : big().links)
    for (const auto& c : detail::split_commodities(l.commodity)) commodities.insert(c);
  for (const auto& c : countries) {
    EXPECT_TRUE(model::is_valid_country(c)) << c;
    EXPECT_NE(model.country(c), nullptr) << c;
  }
  for (const auto& s : sectors) EXPECT_TRUE(model::is_valid_nace(s)) << s;
  EXPECT_GE(commodities.size(), 20u);
  for (const auto& c : commodities) EXPECT_NE(model.commodity(c), nullptr) << c;
  EXPECT_GE(certifications.size(), 8u);
  for (const auto& c : certifications) EXPECT_NE(model.certification(c), nullptr) << c;
  // Every product of every tier, not only those this seed drew.
  for (const auto& p : detail::kProducts) {
    EXPECT_TRUE(model::is_valid_nace(p.sector)) << p.sector;
    for (const auto& c : detail::split_commodities(p.commodity))
      EXPECT_NE(model.commodity(c), nullptr) << c;
    std::vector<std::string_view> codes;
    std::vector<double> cdf;
    detail::parse_weights(p.countries, codes, cdf);
    for (const auto c : codes) EXPECT_NE(model.country(c), nullptr) << c << " in " << p.sector;
  }
}

TEST(Generate, SizesFollowTheEuClassesByTier) {
  const NetworkGenerator& gen = big_generator();
  std::map<Tier, std::map<model::SizeClass, int>> classes;
  for (const GeneratedFirm& f : big().firms) {
    ++classes[f.tier][f.size_class()];
    EXPECT_GE(f.employees, 1u);
    EXPECT_GT(f.turnover_eur, 0.0);
    if (f.eu_turnover_eur) {
      EXPECT_LE(*f.eu_turnover_eur, f.turnover_eur);
    }
  }
  const auto& oem = classes[Tier::kOem];
  EXPECT_EQ(oem.size(), 1u);
  EXPECT_EQ(oem.begin()->first, model::SizeClass::kLarge);
  auto share = [&](Tier t, model::SizeClass c) {
    int total = 0;
    for (const auto& [k, n] : classes[t]) total += n;
    return static_cast<double>(classes[t][c]) / total;
  };
  EXPECT_GT(share(Tier::kParts, model::SizeClass::kMicro) +
                share(Tier::kParts, model::SizeClass::kSmall) +
                share(Tier::kParts, model::SizeClass::kMedium),
            0.85);
  EXPECT_GT(share(Tier::kRaw, model::SizeClass::kMicro), 0.3);
  EXPECT_GT(share(Tier::kSystems, model::SizeClass::kLarge), 0.3);
  (void)gen;
}

TEST(Generate, ClustersHoldPartsComponentsAndSystemsInTheirCountry) {
  std::map<std::string_view, std::set<std::string_view>> countries;
  std::size_t in_cluster = 0, parts = 0;
  for (const GeneratedFirm& f : big().firms) {
    if (f.tier == Tier::kParts) ++parts;
    if (f.cluster.empty()) continue;
    ++in_cluster;
    EXPECT_TRUE(f.tier == Tier::kParts || f.tier == Tier::kComponents || f.tier == Tier::kSystems);
    countries[f.cluster].insert(f.country);
  }
  EXPECT_GT(in_cluster, parts / 2);
  for (const auto& [cluster, c] : countries) EXPECT_EQ(c.size(), 1u) << cluster;
  EXPECT_TRUE(countries.count("noksan"));
  EXPECT_EQ(*countries["noksan"].begin(), "KR");
}

TEST(Generate, EvidenceAndAssessments) {
  std::size_t assessed = 0, oems = 0, oem_evidence = 0;
  for (const GeneratedFirm& f : big().firms) {
    if (f.assessment) {
      ++assessed;
      for (const double v : {f.assessment->e, f.assessment->s, f.assessment->g}) {
        EXPECT_GE(v, 0.0);
        EXPECT_LE(v, 1.0);
      }
    }
    if (f.tier == Tier::kOem) {
      ++oems;
      oem_evidence += f.due_diligence ? 1 : 0;
      EXPECT_TRUE(f.assessment.has_value());
    }
    if (f.due_diligence) {
      const auto& d = *f.due_diligence;
      EXPECT_LE(d.policy_reviewed.value_or(Date(2029, 9, 1)), Date(2029, 9, 1));
      EXPECT_LE(d.mapped_tiers.value_or(1), 4u);
      EXPECT_LE(d.prevention_plans.value_or(0.0), 1.0);
    }
  }
  EXPECT_EQ(oem_evidence, oems);
  EXPECT_NEAR(static_cast<double>(assessed) / 20'000.0, 0.25, 0.03);
}

TEST(Generate, SameSeedSameFilesWhateverTheThreadCount) {
  auto files = [](std::uint64_t seed, unsigned threads) {
    // More than one block of 4096 buyers, so that the threads share the work.
    const NetworkGenerator gen(options(12'000, seed), {}, threads);
    WriteOptions w;
    w.threads = threads;
    std::ostringstream firms, links, yaml;
    (void)write_firms_csv(firms, gen, w);
    (void)write_links_csv(links, gen, w);
    write_scenario_yaml(yaml, gen);
    return firms.str() + links.str() + yaml.str();
  };
  const std::string a = files(9, 1);
  EXPECT_EQ(a, files(9, 1));
  EXPECT_EQ(a, files(9, 2));
  EXPECT_EQ(a, files(9, 3));
  EXPECT_NE(a, files(10, 1));
}

TEST(Generate, AnyFirmAndAnyBuyerOnTheirOwn) {
  // Counter-based streams: producing firm i or buyer b alone gives what the full pass gives.
  const NetworkGenerator& gen = big_generator();
  const Network& net = big();
  for (const FirmIndex i : {0u, 2399u, 2400u, 12345u, 19999u}) {
    const GeneratedFirm f = gen.firm(i);
    EXPECT_EQ(f.index, net.firms[i].index);
    EXPECT_EQ(f.employees, net.firms[i].employees);
    EXPECT_EQ(f.country, net.firms[i].country);
    EXPECT_EQ(f.due_diligence, net.firms[i].due_diligence);
  }
  const FirmIndex b = 19'950;
  std::vector<GeneratedLink> alone;
  LinkScratch scratch;
  gen.links_into(b, scratch, [&](const GeneratedLink& l) { alone.push_back(l); });
  std::vector<GeneratedLink> from_all;
  for (const GeneratedLink& l : net.links)
    if (l.buyer == b) from_all.push_back(l);
  ASSERT_EQ(alone.size(), from_all.size());
  for (std::size_t k = 0; k < alone.size(); ++k) {
    EXPECT_EQ(alone[k].supplier, from_all[k].supplier);
    EXPECT_EQ(alone[k].spend_eur, from_all[k].spend_eur);
    EXPECT_EQ(alone[k].share, from_all[k].share);
  }
}

TEST(Generate, TinyNetworks) {
  for (std::uint64_t n = 1; n <= 12; ++n) {
    const NetworkGenerator gen(options(n, n, 0.1));
    const Network net = collect(gen);
    EXPECT_EQ(net.firms.size(), n);
    if (n >= 6) {
      for (std::size_t t = 0; t < kNumTiers; ++t)
        EXPECT_LT(gen.tier_begin(t), gen.tier_begin(t + 1));
    }
    std::set<std::pair<FirmIndex, FirmIndex>> pairs;
    for (const GeneratedLink& l : net.links) {
      EXPECT_NE(l.supplier, l.buyer);
      EXPECT_TRUE(pairs.emplace(l.supplier, l.buyer).second);
    }
    EXPECT_NO_THROW((void)build_network(gen));
  }
  const NetworkGenerator one(options(1));
  EXPECT_EQ(collect(one).links.size(), 0u);
}

TEST(Generate, NoLinksWanted) {
  GeneratorOptions o = options(2000);
  o.links_per_firm = 0;
  const NetworkGenerator gen(o);
  EXPECT_EQ(collect(gen).links.size(), 0u);
}

}  // namespace
}  // namespace diligence::generate
