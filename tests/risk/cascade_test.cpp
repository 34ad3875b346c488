// The cascade simulation (risk/cascade.hpp): its Bernoulli sampler against the plain comparison of
// a uniform with p; the bit-parallel kernel against a per-run, per-category reference fed the same
// random words (hundreds of random graphs with cycles, runs not a multiple of 64); the mean against
// noisy-OR on a forest and against the exact probability by enumerating every outcome on a diamond
// and a cycle; p = 0 and p = 1; lanes and thread counts that must not change anything.
#include <bit>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/risk/cascade.hpp>
#include <diligence/risk/noisy_or.hpp>

#include "../model/network_test_support.hpp"

namespace diligence::risk {
namespace {

using detail::bernoulli_lanes;
using detail::cascade_event;
using detail::cascade_key;
using detail::cascade_threshold;
using detail::kCascadeOne;
using test::below;
using test::index_id;
using test::make_firm;

using test::unit;

// --- the sampler ------------------------------------------------------------------------------

TEST(CascadeSampler, ThresholdsRoundToThirtyTwoBits) {
  EXPECT_EQ(cascade_threshold(0.0), 0u);
  EXPECT_EQ(cascade_threshold(-0.5), 0u);
  EXPECT_EQ(cascade_threshold(1.0), kCascadeOne);
  EXPECT_EQ(cascade_threshold(0.5), kCascadeOne / 2);
  EXPECT_EQ(cascade_threshold(0.375), kCascadeOne / 8 * 3);
  EXPECT_EQ(cascade_threshold(0x1.0p-33), 1u);  // a tie rounds up
  EXPECT_EQ(cascade_threshold(0x1.0p-34), 0u);
  std::mt19937_64 rng(5);
  for (int i = 0; i < 10000; ++i) {
    const double p = unit(rng);
    const double back = static_cast<double>(cascade_threshold(p)) * 0x1.0p-32;
    EXPECT_LE(std::abs(back - p), 0x1.0p-33) << p;
  }
}

/// Lane l is 1 when the 32-bit number whose digit i (most significant first) is bit l of the i-th
/// word of the sequence is below t: the definition, evaluated in full for every lane.
std::uint64_t lanes_below(std::uint64_t state, std::uint64_t t) {
  std::uint64_t words[32];
  for (auto& w : words) w = splitmix64(state);
  std::uint64_t out = 0;
  for (int lane = 0; lane < 64; ++lane) {
    std::uint64_t u = 0;
    for (int i = 0; i < 32; ++i) u = (u << 1) | ((words[i] >> lane) & 1);
    if (u < t) out |= std::uint64_t{1} << lane;
  }
  return out;
}

TEST(CascadeSampler, EveryLaneIsTheComparisonOfItsUniformWithP) {
  std::mt19937_64 rng(11);
  const std::uint64_t edge[] = {1, 2, 3, kCascadeOne / 2, kCascadeOne / 2 + 1, kCascadeOne - 1};
  for (int i = 0; i < 3000; ++i) {
    const std::uint64_t state = rng();
    const std::uint64_t t = i < 600 ? edge[i % 6] : rng() % kCascadeOne;
    // All lanes, a random subset, one lane: the result per lane does not depend on the others.
    for (const std::uint64_t open : {~std::uint64_t{0}, rng(), std::uint64_t{1} << (rng() % 64)}) {
      const std::uint64_t got = bernoulli_lanes(state, t, open);
      ASSERT_EQ(got, lanes_below(state, t) & open) << "t " << t << " open " << open;
    }
  }
  EXPECT_EQ(bernoulli_lanes(1, 0, ~std::uint64_t{0}), 0u);
  EXPECT_EQ(bernoulli_lanes(1, kCascadeOne, 0xF0F0u), 0xF0F0u);
  EXPECT_EQ(bernoulli_lanes(1, kCascadeOne / 3, 0), 0u);
}

TEST(CascadeSampler, FrequencyIsP) {
  for (const double p : {0.3, 0.01, 0.999}) {
    const std::uint64_t t = cascade_threshold(p);
    std::uint64_t ones = 0;
    constexpr int kWords = 4000;
    for (int i = 0; i < kWords; ++i)
      ones += static_cast<std::uint64_t>(std::popcount(bernoulli_lanes(
          cascade_event(cascade_key(3, 0, 0), static_cast<unsigned>(i)), t, ~std::uint64_t{0})));
    const double n = 64.0 * kWords;
    EXPECT_NEAR(static_cast<double>(ones) / n, p, 5 * std::sqrt(p * (1 - p) / n)) << p;
  }
}

// --- the reference ----------------------------------------------------------------------------

/// Per run and category, plain booleans: own impact, unmapped supplier, then links until nothing
/// changes, each event decided by the same random words as the kernel uses for that run's lane.
RiskMatrix reference(const model::SupplyNetwork& net, const RiskMatrix& own,
                     const CascadeOptions& o) {
  const auto n = static_cast<std::uint32_t>(net.num_firms());
  const std::uint64_t K = static_cast<std::uint64_t>(own.cols());
  RiskMatrix p = RiskMatrix::Zero(own.rows(), own.cols());
  for (std::uint32_t run = 0; run < o.runs; ++run) {
    const std::uint64_t batch = run / 64, lane = std::uint64_t{1} << (run % 64);
    for (std::uint64_t k = 0; k < K; ++k) {
      auto happens = [&](model::FirmIndex b, std::uint64_t event, double prob) {
        return bernoulli_lanes(cascade_event(cascade_key(o.seed, batch, b), event),
                               cascade_threshold(prob), lane) != 0;
      };
      std::vector<bool> hit(n, false);
      for (model::FirmIndex b = 0; b < n; ++b) {
        hit[b] = happens(b, k, own(b, static_cast<Eigen::Index>(k)));
        if (!net.suppliers(b).empty())
          hit[b] = hit[b] || happens(b, K + k,
                                     o.upstream_weight * std::max(0.0, 1.0 - net.mapped_share(b)) *
                                         o.unmapped_risk);
      }
      for (bool changed = true; changed;) {
        changed = false;
        for (model::FirmIndex b = 0; b < n; ++b) {
          const auto sups = net.suppliers(b);
          const auto links = net.supplier_links(b);
          for (std::uint64_t j = 0; j < sups.size(); ++j)
            if (!hit[b] && hit[sups[j]] &&
                happens(b, 2 * K + j * K + k, o.upstream_weight * net.weight(links[j]))) {
              hit[b] = true;
              changed = true;
            }
        }
      }
      for (model::FirmIndex b = 0; b < n; ++b)
        if (hit[b]) p(b, static_cast<Eigen::Index>(k)) += 1.0;
    }
  }
  return p / static_cast<double>(o.runs);
}

struct Case {
  model::SupplyNetwork net;
  RiskMatrix own;
};

/// A random network (cycles included) whose buyers give shares (partly unmapped), spend or
/// neither, and random own risk with some exact zeros and ones.
Case random_case(std::uint64_t seed, std::size_t K, std::uint32_t max_n) {
  std::mt19937_64 rng(seed * 7919 + 3);
  Case c{test::random_weighted_network(seed, max_n, rng), RiskMatrix()};
  c.own.resize(static_cast<Eigen::Index>(c.net.num_firms()), static_cast<Eigen::Index>(K));
  for (Eigen::Index i = 0; i < c.own.rows(); ++i)
    for (Eigen::Index k = 0; k < c.own.cols(); ++k) {
      const auto kind = below(rng, 10);
      c.own(i, k) = kind == 0 ? 0.0 : kind == 1 ? 1.0 : 0.3 * unit(rng);
    }
  return c;
}

TEST(Cascade, MatchesPerRunReferenceOnRandomGraphs) {
  std::mt19937_64 rng(17);
  const std::uint32_t runs[] = {1, 63, 64, 65, 130, 200};
  std::size_t cyclic = 0;
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    const Case c = random_case(seed, 1 + seed % 3, 14);
    CascadeOptions o;
    o.upstream_weight = 0.99 * unit(rng);
    o.unmapped_risk = unit(rng);
    o.runs = runs[seed % std::size(runs)];
    o.seed = rng();
    const CascadeResult r = cascade_simulation(c.net, c.own, o);
    cyclic += r.cyclic_components;
    EXPECT_EQ(r.runs, o.runs);
    EXPECT_EQ(r.seed, o.seed);
    const RiskMatrix want = reference(c.net, c.own, o);
    ASSERT_EQ(r.probability.rows(), want.rows());
    for (Eigen::Index i = 0; i < want.rows(); ++i)
      for (Eigen::Index k = 0; k < want.cols(); ++k)
        ASSERT_EQ(r.probability(i, k), want(i, k))
            << "seed " << seed << " firm " << i << " k " << k;
  }
  EXPECT_GT(cyclic, 20u);  // the graphs did exercise the sweeps over cycles
}

// --- exact probabilities ----------------------------------------------------------------------

TEST(Cascade, MeanIsNoisyOrOnAForest) {
  //   A ──share 0.5──▶ C ──spend──▶ E ◀──spend── D        C: 0.2 of procurement unmapped
  //   B ──share 0.3──┘                                     no firm has two paths from one origin
  const auto net = test::make_network({"A", "B", "C", "D", "E"}, {{"A", "C", std::nullopt, 0.5},
                                                                  {"B", "C", std::nullopt, 0.3},
                                                                  {"C", "E", 3.0},
                                                                  {"D", "E", 1.0}});
  RiskMatrix own(5, 3);
  own << 0.7, 0.0, 1.0,  //
      0.4, 0.2, 0.0,     //
      0.1, 0.0, 0.3,     //
      0.6, 0.9, 0.0,     //
      0.05, 0.0, 0.2;
  CascadeOptions o;
  o.upstream_weight = 0.6;
  o.unmapped_risk = 0.4;
  o.runs = 20000;
  LinearOptions lo;
  lo.upstream_weight = o.upstream_weight;
  lo.unmapped_risk = o.unmapped_risk;
  const RiskMatrix q = noisy_or_exposure(net, own, lo).probability;
  const CascadeResult r = cascade_simulation(net, own, o);
  for (Eigen::Index i = 0; i < 5; ++i)
    for (Eigen::Index k = 0; k < 3; ++k) {
      const double se = std::sqrt(q(i, k) * (1 - q(i, k)) / o.runs);
      EXPECT_NEAR(r.probability(i, k), q(i, k), 5 * se + 1e-12) << i << " " << k;
    }
  EXPECT_EQ(r.probability(0, 2), 1.0);  // own risk 1: hit in every run
  EXPECT_EQ(r.probability(1, 2), 0.0);  // own risk 0, no suppliers
  EXPECT_LE(r.max_standard_error, 0.5 / std::sqrt(20000.0));
  EXPECT_GT(r.max_standard_error, 0.0);
}

/// P(firm hit) for every firm in category 0 by enumerating every outcome of every random event
/// (own impacts, unmapped suppliers with a positive probability, links); at most 16 events.
std::vector<double> enumerate_exact(const model::SupplyNetwork& net, const RiskMatrix& own,
                                    double lam, double u) {
  struct Event {
    double p;
    model::FirmIndex firm;                   // hit directly (own, unmapped) ...
    model::FirmIndex from = model::kNoFirm;  // ... or a link from → firm
  };
  std::vector<Event> events;
  const auto n = static_cast<model::FirmIndex>(net.num_firms());
  for (model::FirmIndex b = 0; b < n; ++b) {
    events.push_back({own(b, 0), b});
    if (net.suppliers(b).empty()) continue;
    const double unmapped = lam * (1.0 - net.mapped_share(b)) * u;
    if (unmapped > 0) events.push_back({unmapped, b});
    for (std::size_t j = 0; j < net.suppliers(b).size(); ++j)
      events.push_back({lam * net.weight(net.supplier_links(b)[j]), b, net.suppliers(b)[j]});
  }
  EXPECT_LE(events.size(), 16u);
  std::vector<double> p(n, 0.0);
  for (std::uint32_t outcome = 0; outcome < (1u << events.size()); ++outcome) {
    double weight = 1.0;
    std::vector<bool> hit(n, false);
    for (std::size_t e = 0; e < events.size(); ++e) {
      const bool happened = (outcome >> e) & 1;
      weight *= happened ? events[e].p : 1.0 - events[e].p;
      if (happened && events[e].from == model::kNoFirm) hit[events[e].firm] = true;
    }
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t e = 0; e < events.size(); ++e)
        if (((outcome >> e) & 1) && events[e].from != model::kNoFirm && hit[events[e].from] &&
            !hit[events[e].firm]) {
          hit[events[e].firm] = true;
          changed = true;
        }
    }
    for (model::FirmIndex b = 0; b < n; ++b)
      if (hit[b]) p[b] += weight;
  }
  return p;
}

TEST(Cascade, MeanIsTheExactProbabilityOnADiamond) {
  //        ┌──▶ B ──┐
  //   A ───┤        ├──▶ D        spend: w(A,B) = w(A,C) = 1, w(B,D) = w(C,D) = 0.5
  //        └──▶ C ──┘
  // D is reached from A by two paths that share A's impact: noisy-OR overestimates.
  const auto net = test::make_network(
      {"A", "B", "C", "D"}, {{"A", "B", 1.0}, {"A", "C", 1.0}, {"B", "D", 1.0}, {"C", "D", 1.0}});
  RiskMatrix own(4, 1);
  own << 0.5, 0.1, 0.2, 0.05;
  CascadeOptions o;
  o.upstream_weight = 0.9;
  o.unmapped_risk = 0.5;
  o.runs = 20000;
  const std::vector<double> exact = enumerate_exact(net, own, 0.9, 0.5);
  const CascadeResult r = cascade_simulation(net, own, o);
  for (Eigen::Index i = 0; i < 4; ++i) {
    const double se = std::sqrt(exact[i] * (1 - exact[i]) / o.runs);
    EXPECT_NEAR(r.probability(i, 0), exact[i], 5 * se) << i;
  }
  LinearOptions lo;
  lo.upstream_weight = 0.9;
  const double noisy = noisy_or_exposure(net, own, lo).probability(3, 0);
  EXPECT_GT(noisy - exact[3], 5 * std::sqrt(exact[3] * (1 - exact[3]) / o.runs))
      << "the diamond must tell the exact model from noisy-OR";
}

TEST(Cascade, MeanIsTheExactProbabilityOnACycle) {
  //   A ⇄ B ──share 0.7──▶ C ◀──share 0.2── D     (C: 0.1 unmapped)
  const auto net = test::make_network({"A", "B", "C", "D"}, {{"A", "B", 1.0},
                                                             {"B", "A", 1.0},
                                                             {"B", "C", std::nullopt, 0.7},
                                                             {"D", "C", std::nullopt, 0.2}});
  RiskMatrix own(4, 1);
  own << 0.3, 0.1, 0.05, 0.4;
  CascadeOptions o;
  o.upstream_weight = 0.8;
  o.unmapped_risk = 0.6;
  o.runs = 20000;
  const std::vector<double> exact = enumerate_exact(net, own, 0.8, 0.6);
  const CascadeResult r = cascade_simulation(net, own, o);
  EXPECT_EQ(r.cyclic_components, 1u);
  EXPECT_EQ(r.firms_in_cycles, 2u);
  for (Eigen::Index i = 0; i < 4; ++i) {
    const double se = std::sqrt(exact[i] * (1 - exact[i]) / o.runs);
    EXPECT_NEAR(r.probability(i, 0), exact[i], 5 * se) << i;
  }
}

// --- lanes, exact zeros and ones, threads -----------------------------------------------------

TEST(Cascade, ZeroAndOneAreExact) {
  //   A ──▶ B ──▶ C      (spend, w = 1)
  const auto net = test::make_network({"A", "B", "C"}, {{"A", "B", 1.0}, {"B", "C", 1.0}});
  RiskMatrix own(3, 2);
  own << 1.0, 0.0,  //
      0.0, 0.0,     //
      0.0, 1.0;
  CascadeOptions o;
  o.runs = 1000;
  o.upstream_weight = 0.0;  // nothing is passed on
  CascadeResult r = cascade_simulation(net, own, o);
  EXPECT_EQ(r.probability, own);
  EXPECT_EQ(r.max_standard_error, 0.0);
  o.upstream_weight = 0.7;  // now B is hit when A → B transmits, C in category 0 through B
  r = cascade_simulation(net, own, o);
  EXPECT_EQ(r.probability(0, 0), 1.0);
  EXPECT_EQ(r.probability(2, 1), 1.0);
  EXPECT_EQ(r.probability(0, 1), 0.0);  // no suppliers, own risk 0
  EXPECT_EQ(r.probability(1, 1), 0.0);  // its supplier is never hit in category 1
  EXPECT_NEAR(r.probability(1, 0), 0.7, 5 * std::sqrt(0.21 / 1000));
  EXPECT_NEAR(r.probability(2, 0), 0.49, 5 * std::sqrt(0.49 * 0.51 / 1000));
}

TEST(Cascade, LanesOfTheLastBatchAreTheFirstRuns) {
  // 100 runs = one full batch and 36 lanes of the second; those are runs 0..99 of 128 runs.
  const Case c = random_case(4242, 2, 30);
  CascadeOptions o;
  o.seed = 99;
  for (const std::uint32_t runs : {1u, 37u, 100u}) {
    o.runs = runs;
    const RiskMatrix part_share = cascade_simulation(c.net, c.own, o).probability;
    o.runs = 128;
    const RiskMatrix all_share = cascade_simulation(c.net, c.own, o).probability;
    // Shares are counts / runs: back to counts.
    const RiskMatrix part = (part_share * runs).array().round().matrix();
    const RiskMatrix all = (all_share * 128.0).array().round().matrix();
    EXPECT_LT((part_share * runs - part).cwiseAbs().maxCoeff(), 1e-9);
    for (Eigen::Index i = 0; i < all.rows(); ++i)
      for (Eigen::Index k = 0; k < all.cols(); ++k) {
        EXPECT_LE(part(i, k), all(i, k));
        EXPECT_GE(part(i, k), all(i, k) - (128 - runs));
        if (c.own(i, k) == 1.0) {
          EXPECT_EQ(part(i, k), runs);
        }
      }
  }
}

TEST(Cascade, ThreadCountDoesNotChangeTheResult) {
  const Case c = random_case(77, 3, 400);
  CascadeOptions o;
  o.runs = 64 * 7 + 5;
  o.seed = 123;
  o.threads = 1;
  const CascadeResult one = cascade_simulation(c.net, c.own, o);
  for (const int threads : {2, 3, 0}) {
    o.threads = threads;
    const CascadeResult r = cascade_simulation(c.net, c.own, o);
    EXPECT_EQ(r.probability, one.probability) << threads << " threads";
  }
  o.seed = 124;  // and the seed does matter
  EXPECT_NE(cascade_simulation(c.net, c.own, o).probability, one.probability);
}

TEST(Cascade, RejectsBadParameters) {
  const auto net = test::make_network({"A"}, {});
  RiskMatrix own(1, 1);
  own << 0.5;
  auto rejects = [&](const RiskMatrix& m, const CascadeOptions& o) {
    try {
      (void)cascade_simulation(net, m, o);
    } catch (const UsageError& e) {
      return e.id() == std::string(errc::kParameter);
    }
    return false;
  };
  CascadeOptions o;
  o.upstream_weight = 1.0;
  EXPECT_TRUE(rejects(own, o));
  o = {};
  o.unmapped_risk = -0.1;
  EXPECT_TRUE(rejects(own, o));
  o = {};
  o.runs = 0;
  EXPECT_TRUE(rejects(own, o));
  EXPECT_TRUE(rejects(RiskMatrix(2, 1), {}));
  RiskMatrix bad(1, 1);
  bad << 1.5;
  EXPECT_TRUE(rejects(bad, {}));
  bad << std::nan("");
  EXPECT_TRUE(rejects(bad, {}));
  EXPECT_FALSE(rejects(own, {}));
}

}  // namespace
}  // namespace diligence::risk
