// Propagation kernels against slow, obviously correct references: the linear exposure against a
// dense LU solve and against the Neumann (path) series, paths against brute-force enumeration,
// the adjoint against finite differences, noisy-OR against Jacobi iteration, disruption against a
// transcription of the DebtRank rounds. Hundreds of random graphs with cycles and partly mapped
// buyers; hand-drawn networks with values computed by hand.
#include <cmath>
#include <map>
#include <random>

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include <diligence/risk/adjoint.hpp>
#include <diligence/risk/disruption.hpp>
#include <diligence/risk/linear.hpp>
#include <diligence/risk/noisy_or.hpp>
#include <diligence/risk/paths.hpp>

#include "../model/network_test_support.hpp"

namespace diligence::risk {
namespace {

using test::below;
using test::index_id;
using test::make_firm;

using test::unit;

struct Case {
  model::SupplyNetwork net;
  RiskMatrix own;
};

/// A random network whose buyers use all three weight rules (shares summing to at most 1,
/// positive spend, or neither), with cycles, and a random own-risk matrix with K columns.
Case random_case(std::uint64_t seed, std::size_t K = 3, std::uint32_t max_n = 12) {
  std::mt19937_64 rng(seed * 7919 + 1);
  Case c{test::random_weighted_network(seed, max_n, rng), RiskMatrix()};
  c.own.resize(static_cast<Eigen::Index>(c.net.num_firms()), static_cast<Eigen::Index>(K));
  for (Eigen::Index i = 0; i < c.own.rows(); ++i)
    for (Eigen::Index k = 0; k < c.own.cols(); ++k) c.own(i, k) = unit(rng);
  return c;
}

/// Dense W with W[b][s] = w(s,b).
Eigen::MatrixXd dense_w(const model::SupplyNetwork& net) {
  const auto n = static_cast<Eigen::Index>(net.num_firms());
  Eigen::MatrixXd W = Eigen::MatrixXd::Zero(n, n);
  for (model::LinkIndex l = 0; l < net.num_links(); ++l)
    W(net.link_buyer(l), net.link_supplier(l)) = net.weight(l);
  return W;
}

/// The own-term vector written out from the spec's formula.
Eigen::MatrixXd reference_own_terms(const model::SupplyNetwork& net, const RiskMatrix& own,
                                    double lam, double u) {
  Eigen::MatrixXd c(own.rows(), own.cols());
  for (model::FirmIndex b = 0; b < net.num_firms(); ++b) {
    double sum_w = 0.0;
    for (const auto l : net.supplier_links(b)) sum_w += net.weight(l);
    for (Eigen::Index k = 0; k < own.cols(); ++k)
      c(b, k) =
          net.suppliers(b).empty() ? own(b, k) : (1 - lam) * own(b, k) + lam * (1 - sum_w) * u;
  }
  return c;
}

TEST(LinearExposure, HandDrawnChainWithUnmappedShare) {
  //   S1 ──share 0.6──▶ B ◀── (0.4 unmapped)
  //   S1: r = 0.8, no suppliers   → x = 0.8
  //   B:  r = 0.2                 → x = 0.5·0.2 + 0.5·(0.6·0.8 + 0.4·0.5) = 0.1 + 0.34 = 0.44
  //   C ◀─spend── B (only supplier, w = 1), r = 0 → x = 0.5·0 + 0.5·0.44 = 0.22
  const auto net =
      test::make_network({"S1", "B", "C"}, {{"S1", "B", std::nullopt, 0.6}, {"B", "C", 10.0}});
  RiskMatrix own(3, 1);
  own << 0.8, 0.2, 0.0;
  const auto r = linear_exposure(net, own);
  EXPECT_DOUBLE_EQ(r.exposure(0, 0), 0.8);
  EXPECT_DOUBLE_EQ(r.exposure(1, 0), 0.44);
  EXPECT_DOUBLE_EQ(r.exposure(2, 0), 0.22);
  EXPECT_EQ(r.cyclic_components, 0u);
  EXPECT_TRUE(r.converged);
  EXPECT_EQ(r.link_updates, 2u);  // no cycle: each link read once for the one category
}

TEST(LinearExposure, HandDrawnTwoCycle) {
  //   A ⇄ B, each the other's only supplier (w = 1), λ = 0.5:
  //   x_A = 0.5 r_A + 0.5 x_B, x_B = 0.5 r_B + 0.5 x_A
  //   → x_A = (2 r_A + r_B)/3, x_B = (r_A + 2 r_B)/3.
  const auto net = test::make_network({"A", "B"}, {{"A", "B", 1.0}, {"B", "A", 1.0}});
  RiskMatrix own(2, 2);
  own << 0.9, 0.3, 0.0, 0.6;
  const auto r = linear_exposure(net, own);
  EXPECT_NEAR(r.exposure(0, 0), (2 * 0.9 + 0.0) / 3, 1e-12);
  EXPECT_NEAR(r.exposure(1, 0), (0.9 + 2 * 0.0) / 3, 1e-12);
  EXPECT_NEAR(r.exposure(0, 1), (2 * 0.3 + 0.6) / 3, 1e-12);
  EXPECT_NEAR(r.exposure(1, 1), (0.3 + 2 * 0.6) / 3, 1e-12);
  EXPECT_EQ(r.cyclic_components, 1u);
  EXPECT_EQ(r.firms_in_cycles, 2u);
  EXPECT_GT(r.sweeps, 1u);
  EXPECT_LE(r.residual, 1e-12);
  // One category alone: both links are read in every sweep and once more for the residual.
  const RiskMatrix first = own.col(0);
  const auto one = linear_exposure(net, first);
  EXPECT_EQ(one.link_updates, 2u * (one.sweeps + 1u));
}

TEST(LinearExposure, MatchesDenseSolveOnRandomGraphs) {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const Case c = random_case(seed);
    for (const double lam : {0.0, 0.5, 0.9}) {
      LinearOptions o;
      o.upstream_weight = lam;
      o.unmapped_risk = 0.3;
      const auto r = linear_exposure(c.net, c.own, o);
      ASSERT_TRUE(r.converged);
      const auto n = static_cast<Eigen::Index>(c.net.num_firms());
      const Eigen::MatrixXd A = Eigen::MatrixXd::Identity(n, n) - lam * dense_w(c.net);
      const Eigen::MatrixXd x = A.partialPivLu().solve(reference_own_terms(c.net, c.own, lam, 0.3));
      for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index k = 0; k < c.own.cols(); ++k)
          ASSERT_NEAR(r.exposure(i, k), x(i, k), 1e-9) << "seed " << seed << " λ " << lam;
      ASSERT_LE(r.residual, 1e-11);
    }
  }
}

TEST(LinearExposure, MatchesPathSeries) {
  // x = Σ_k (λW)^k c: the sum over all paths, truncated once the terms are below 1e-16.
  for (std::uint64_t seed = 301; seed <= 400; ++seed) {
    const Case c = random_case(seed);
    const auto r = linear_exposure(c.net, c.own);
    const Eigen::MatrixXd W = 0.5 * dense_w(c.net);
    Eigen::MatrixXd term = reference_own_terms(c.net, c.own, 0.5, 0.5);
    Eigen::MatrixXd sum = term;
    for (int k = 0; k < 200 && term.cwiseAbs().maxCoeff() > 1e-16; ++k) {
      term = W * term;
      sum += term;
    }
    for (Eigen::Index i = 0; i < sum.rows(); ++i)
      for (Eigen::Index k = 0; k < sum.cols(); ++k)
        ASSERT_NEAR(r.exposure(i, k), sum(i, k), 1e-9) << "seed " << seed;
  }
}

// Each category is solved on its own and stops at its own bound, so the result is bit-for-bit
// the same for any thread count (which groups the columns differently) and equal to solving each
// column alone. K = 13 and 70 exercise the run-time column loop and more than one 64-column group.
TEST(LinearExposure, ColumnsAreIndependentOfThreadsAndGrouping) {
  for (std::uint64_t seed = 401; seed <= 440; ++seed) {
    for (const std::size_t K :
         {std::size_t{1}, std::size_t{11}, std::size_t{13}, std::size_t{70}}) {
      const Case c = random_case(seed, K, 60);
      LinearOptions one;
      one.threads = 1;
      LinearOptions two = one;
      two.threads = 2;
      const auto a = linear_exposure(c.net, c.own, one);
      const auto b = linear_exposure(c.net, c.own, two);
      ASSERT_TRUE(a.exposure == b.exposure) << "seed " << seed << " K " << K;
      EXPECT_EQ(a.sweeps, b.sweeps);
      EXPECT_EQ(a.residual, b.residual);
      for (Eigen::Index k = 0; k < c.own.cols(); k += 5) {
        const RiskMatrix column = c.own.col(k);
        const auto alone = linear_exposure(c.net, column, one);
        for (Eigen::Index i = 0; i < column.rows(); ++i)
          ASSERT_EQ(alone.exposure(i, 0), a.exposure(i, k)) << "seed " << seed << " k " << k;
      }
    }
  }
}

// A long chain of two-firm cycles and a big cycle: the a-posteriori bound holds on every entry.
TEST(LinearExposure, ManyCyclesMeetTheTolerance) {
  for (std::uint64_t seed = 441; seed <= 460; ++seed) {
    const Case c = random_case(seed, 4, 60);
    LinearOptions o;
    o.tolerance = 1e-6;
    const auto r = linear_exposure(c.net, c.own, o);
    const auto n = static_cast<Eigen::Index>(c.net.num_firms());
    const Eigen::MatrixXd A = Eigen::MatrixXd::Identity(n, n) - 0.5 * dense_w(c.net);
    const Eigen::MatrixXd x = A.partialPivLu().solve(reference_own_terms(c.net, c.own, 0.5, 0.5));
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index k = 0; k < c.own.cols(); ++k)
        ASSERT_NEAR(r.exposure(i, k), x(i, k), 1e-6 + 1e-12) << "seed " << seed;
  }
}

TEST(LinearExposure, RejectsBadParameters) {
  const auto net = test::make_network({"A"}, {});
  RiskMatrix own(1, 1);
  own << 0.5;
  LinearOptions o;
  o.upstream_weight = 1.0;
  EXPECT_THROW((void)linear_exposure(net, own, o), UsageError);
  o.upstream_weight = 0.5;
  o.unmapped_risk = -0.1;
  EXPECT_THROW((void)linear_exposure(net, own, o), UsageError);
  EXPECT_THROW((void)linear_exposure(net, RiskMatrix(2, 1), {}), UsageError);
}

// --- paths ----------------------------------------------------------------------------------

/// Every path with weight above `floor`, by depth-first enumeration.
void enumerate(const model::SupplyNetwork& net, const Eigen::MatrixXd& c, double lam,
               std::vector<model::FirmIndex>& path, double weight, double floor,
               std::vector<std::pair<double, std::vector<model::FirmIndex>>>& out) {
  const model::FirmIndex v = path.back();
  out.emplace_back(weight * c(v, 0), path);
  const auto sups = net.suppliers(v);
  const auto links = net.supplier_links(v);
  for (std::size_t j = 0; j < sups.size(); ++j) {
    const double w = weight * lam * net.weight(links[j]);
    if (w <= floor) continue;
    path.push_back(sups[j]);
    enumerate(net, c, lam, path, w, floor, out);
    path.pop_back();
  }
}

TEST(Paths, HandDrawnChainContributionsSumToExposure) {
  // S1 ─0.6─▶ B ─1─▶ C (as above): x_C = 0.22 =
  //   C's own term 0 + path C←B: 0.5·1·(0.5·0.2 + 0.5·0.4·0.5 = 0.2) = 0.1
  //   + path C←B←S1: 0.5·1·0.5·0.6·0.8 = 0.12.
  const auto net =
      test::make_network({"S1", "B", "C"}, {{"S1", "B", std::nullopt, 0.6}, {"B", "C", 10.0}});
  RiskMatrix own(3, 1);
  own << 0.8, 0.2, 0.0;
  const auto r = top_paths(net, own, 2, 0, {});
  ASSERT_EQ(r.paths.size(), 3u);
  EXPECT_EQ(r.paths[0].firms, (std::vector<model::FirmIndex>{2, 1, 0}));
  EXPECT_NEAR(r.paths[0].contribution, 0.12, 1e-15);
  EXPECT_EQ(r.paths[1].firms, (std::vector<model::FirmIndex>{2, 1}));
  EXPECT_NEAR(r.paths[1].contribution, 0.1, 1e-15);
  EXPECT_EQ(r.paths[2].firms, (std::vector<model::FirmIndex>{2}));
  EXPECT_NEAR(r.paths[2].contribution, 0.0, 1e-15);
  EXPECT_NEAR(r.explained, 0.22, 1e-15);
  EXPECT_TRUE(r.exact);
}

TEST(Paths, AllPathsSumToExposureOnAcyclicGraphs) {
  std::size_t checked = 0;
  for (std::uint64_t seed = 500; seed < 800 && checked < 150; ++seed) {
    const Case c = random_case(seed, 1, 10);
    if (model::strong_components(c.net).count() != c.net.num_firms()) continue;  // DAGs only
    ++checked;
    const auto x = linear_exposure(c.net, c.own);
    for (model::FirmIndex b = 0; b < c.net.num_firms(); ++b) {
      PathOptions o;
      o.top = 1'000'000;
      const auto r = top_paths(c.net, c.own, b, 0, o);
      ASSERT_TRUE(r.exact);
      ASSERT_NEAR(r.explained, x.exposure(b, 0), 1e-12) << "seed " << seed;
      for (std::size_t i = 1; i < r.paths.size(); ++i)
        ASSERT_GE(r.paths[i - 1].contribution, r.paths[i].contribution);
    }
  }
  EXPECT_GE(checked, 100u);
}

TEST(Paths, TopKEqualsBruteForceWithCycles) {
  for (std::uint64_t seed = 900; seed < 1100; ++seed) {
    const Case c = random_case(seed, 1, 8);
    const Eigen::MatrixXd cterm = reference_own_terms(c.net, c.own, 0.5, 0.5);
    for (model::FirmIndex b = 0; b < c.net.num_firms(); ++b) {
      PathOptions o;
      o.top = 5;
      const auto r = top_paths(c.net, c.own, b, 0, o);
      // Brute force: all paths heavier than 1e-6 include the top 5 (the 5th best contribution
      // found is compared, and lighter paths contribute at most 1e-6).
      std::vector<std::pair<double, std::vector<model::FirmIndex>>> all;
      std::vector<model::FirmIndex> path{b};
      enumerate(c.net, cterm, 0.5, path, 1.0, 1e-6, all);
      std::sort(all.begin(), all.end(),
                [](const auto& x, const auto& y) { return x.first > y.first; });
      ASSERT_EQ(r.paths.size(), std::min<std::size_t>(5, all.size()));
      for (std::size_t i = 0; i < r.paths.size(); ++i) {
        ASSERT_NEAR(r.paths[i].contribution, all[i].first, 1e-15) << "seed " << seed;
        // The contribution is the product along the path.
        double weight = 1.0;
        for (std::size_t j = 1; j < r.paths[i].firms.size(); ++j)
          weight *=
              0.5 * c.net.weight(*c.net.find_link(r.paths[i].firms[j], r.paths[i].firms[j - 1]));
        ASSERT_NEAR(r.paths[i].contribution, weight * cterm(r.paths[i].firms.back(), 0), 1e-15);
        ASSERT_EQ(r.paths[i].firms.front(), b);
      }
    }
  }
}

// --- adjoint ---------------------------------------------------------------------------------

TEST(Adjoint, MatchesFiniteDifferencesAndDenseTranspose) {
  for (std::uint64_t seed = 1200; seed < 1400; ++seed) {
    Case c = random_case(seed, 2, 10);
    std::mt19937_64 rng(seed);
    RiskMatrix g(c.own.rows(), c.own.cols());
    for (Eigen::Index i = 0; i < g.rows(); ++i)
      for (Eigen::Index k = 0; k < g.cols(); ++k) g(i, k) = below(rng, 3) == 0 ? unit(rng) : 0.0;
    LinearOptions o;
    o.upstream_weight = 0.7;
    const auto grad = exposure_gradient(c.net, g, o);
    ASSERT_TRUE(grad.converged);
    const auto J = [&](const RiskMatrix& own) {
      return (linear_exposure(c.net, own, o).exposure.array() * g.array()).sum();
    };
    const double base = J(c.own);
    for (Eigen::Index i = 0; i < c.own.rows(); ++i)
      for (Eigen::Index k = 0; k < c.own.cols(); ++k) {
        RiskMatrix moved = c.own;
        moved(i, k) += 1e-3;
        const double fd = (J(moved) - base) / 1e-3;
        ASSERT_NEAR(grad.gradient(i, k), fd, 1e-7) << "seed " << seed;
      }
    // Dense: y = A⁻ᵀ g.
    const auto n = static_cast<Eigen::Index>(c.net.num_firms());
    const Eigen::MatrixXd A = Eigen::MatrixXd::Identity(n, n) - 0.7 * dense_w(c.net);
    const Eigen::MatrixXd y = A.transpose().partialPivLu().solve(Eigen::MatrixXd(g));
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index k = 0; k < g.cols(); ++k) ASSERT_NEAR(grad.influence(i, k), y(i, k), 1e-9);
  }
}

// --- noisy-OR ---------------------------------------------------------------------------------

TEST(NoisyOr, HandDrawnChain) {
  //   S ─share 0.6─▶ B, r_S = 0.8, r_B = 0.2, λ = 0.5, u = 0.5:
  //   q_B = 1 − 0.8 · (1 − 0.5·0.4·0.5) · (1 − 0.5·0.6·0.8) = 1 − 0.8 · 0.9 · 0.76 = 0.4528.
  const auto net = test::make_network({"S", "B"}, {{"S", "B", std::nullopt, 0.6}});
  RiskMatrix own(2, 1);
  own << 0.8, 0.2;
  const auto r = noisy_or_exposure(net, own);
  EXPECT_DOUBLE_EQ(r.probability(0, 0), 0.8);
  EXPECT_NEAR(r.probability(1, 0), 0.4528, 1e-15);
}

TEST(NoisyOr, MatchesJacobiIterationOnRandomGraphs) {
  for (std::uint64_t seed = 1500; seed < 1700; ++seed) {
    const Case c = random_case(seed);
    const auto r = noisy_or_exposure(c.net, c.own);
    ASSERT_TRUE(r.converged);
    ASSERT_LE(r.residual, 1e-11);
    RiskMatrix q = c.own;
    for (int it = 0; it < 400; ++it) {
      RiskMatrix next = q;
      for (model::FirmIndex b = 0; b < c.net.num_firms(); ++b) {
        if (c.net.suppliers(b).empty()) continue;
        double sum_w = 0;
        for (const auto l : c.net.supplier_links(b)) sum_w += c.net.weight(l);
        for (Eigen::Index k = 0; k < q.cols(); ++k) {
          double keep = (1 - c.own(b, k)) * (1 - 0.5 * std::max(0.0, 1 - sum_w) * 0.5);
          for (const auto l : c.net.supplier_links(b))
            keep *= 1 - 0.5 * c.net.weight(l) * q(c.net.link_supplier(l), k);
          next(b, k) = 1 - keep;
        }
      }
      q = next;
    }
    for (Eigen::Index i = 0; i < q.rows(); ++i)
      for (Eigen::Index k = 0; k < q.cols(); ++k)
        ASSERT_NEAR(r.probability(i, k), q(i, k), 1e-9) << "seed " << seed;
  }
}

// --- disruption -------------------------------------------------------------------------------

TEST(NoisyOr, ColumnsAreIndependentOfThreads) {
  for (std::uint64_t seed = 461; seed <= 490; ++seed) {
    const Case c = random_case(seed, 11, 60);
    LinearOptions one;
    one.threads = 1;
    LinearOptions two = one;
    two.threads = 2;
    const auto a = noisy_or_exposure(c.net, c.own, one);
    const auto b = noisy_or_exposure(c.net, c.own, two);
    ASSERT_TRUE(a.probability == b.probability) << "seed " << seed;
    EXPECT_EQ(a.residual, b.residual);
    const RiskMatrix column = c.own.col(3);
    const auto alone = noisy_or_exposure(c.net, column, one);
    for (Eigen::Index i = 0; i < column.rows(); ++i)
      ASSERT_EQ(alone.probability(i, 0), a.probability(i, 3)) << "seed " << seed;
  }
}

// A plan prepared once serves any number of solves with the same results as one-shot calls.
TEST(PropagationPlan, ReusedPlanGivesTheOneShotResults) {
  for (std::uint64_t seed = 491; seed <= 510; ++seed) {
    const Case c = random_case(seed, 5, 60);
    const PropagationPlan plan(c.net);
    for (const double lam : {0.2, 0.7}) {
      LinearOptions o;
      o.upstream_weight = lam;
      ASSERT_TRUE(linear_exposure(plan, c.own, o).exposure ==
                  linear_exposure(c.net, c.own, o).exposure);
      ASSERT_TRUE(noisy_or_exposure(plan, c.own, o).probability ==
                  noisy_or_exposure(c.net, c.own, o).probability);
    }
    const RiskMatrix wrong(c.own.rows() + 1, 2);
    EXPECT_THROW((void)linear_exposure(plan, wrong), UsageError);
  }
}

TEST(Disruption, HandDrawnChainAndFork) {
  //   F ─1.0─▶ A ─0.5─▶ B      (B also buys from C with weight 0.5)
  //             C ─0.5─┘
  //   F fails: h_A = 1 (round 1), h_B = 0.5 (round 2); C untouched.
  const auto net = test::make_network({"F", "A", "B", "C"},
                                      {{"F", "A", 10.0}, {"A", "B", 5.0}, {"C", "B", 5.0}});
  const auto r = disruption(net, {0});
  EXPECT_EQ(r.impact, (std::vector<double>{1.0, 1.0, 0.5, 0.0}));
  EXPECT_EQ(r.affected, 2u);
  EXPECT_EQ(r.rounds, 3u);
  // No turnover anywhere: equal weights, (1 + 0.5) / 4.
  EXPECT_DOUBLE_EQ(r.total_impact, 0.375);
  DisruptionOptions half;
  half.transmission = 0.5;
  const auto h = disruption(net, {0}, half);
  EXPECT_EQ(h.impact, (std::vector<double>{1.0, 0.5, 0.125, 0.0}));
}

TEST(Disruption, EachFirmPassesDistressOnce) {
  //   A ⇄ B with weight 1 each way; A fails. B gets 1, passes it back to A once; A is inactive,
  //   so nothing more moves.
  const auto net = test::make_network({"A", "B"}, {{"A", "B", 1.0}, {"B", "A", 1.0}});
  const auto r = disruption(net, {0});
  EXPECT_EQ(r.impact, (std::vector<double>{1.0, 1.0}));
  EXPECT_EQ(r.rounds, 2u);
}

/// The DebtRank rounds written out with whole vectors (Battiston et al. 2012).
std::vector<double> reference_debtrank(const model::SupplyNetwork& net,
                                       const std::vector<model::FirmIndex>& failed, double tau) {
  const std::size_t n = net.num_firms();
  enum { U, D, I };
  std::vector<double> h(n, 0.0);
  std::vector<int> s(n, U);
  for (auto f : failed) {
    h[f] = 1.0;
    s[f] = D;
  }
  while (std::count(s.begin(), s.end(), D) > 0) {
    std::vector<double> nh = h;
    for (model::LinkIndex l = 0; l < net.num_links(); ++l) {
      const auto a = net.link_supplier(l), b = net.link_buyer(l);
      if (s[a] == D) nh[b] += tau * net.weight(l) * h[a];
    }
    for (auto& v : nh) v = std::min(1.0, v);
    std::vector<int> ns = s;
    for (std::size_t i = 0; i < n; ++i) {
      if (s[i] == D)
        ns[i] = I;
      else if (s[i] == U && nh[i] > 0)
        ns[i] = D;
    }
    h = nh;
    s = ns;
  }
  return h;
}

TEST(Disruption, MatchesReferenceRoundsOnRandomGraphs) {
  for (std::uint64_t seed = 1800; seed < 2000; ++seed) {
    const Case c = random_case(seed, 1, 15);
    std::mt19937_64 rng(seed);
    std::vector<model::FirmIndex> failed{
        static_cast<model::FirmIndex>(below(rng, c.net.num_firms()))};
    if (c.net.num_firms() > 3)
      failed.push_back(static_cast<model::FirmIndex>(below(rng, c.net.num_firms())));
    for (const double tau : {1.0, 0.4}) {
      DisruptionOptions o;
      o.transmission = tau;
      const auto r = disruption(c.net, failed, o);
      const auto ref = reference_debtrank(c.net, failed, tau);
      for (std::size_t i = 0; i < ref.size(); ++i)
        ASSERT_NEAR(r.impact[i], ref[i], 1e-12) << "seed " << seed;
    }
  }
}

TEST(Disruption, TurnoverWeightsTheTotal) {
  model::NetworkBuilder nb;
  for (const auto& [id, t] : std::vector<std::pair<std::string, std::optional<double>>>{
           {"F", 100.0}, {"A", 300.0}, {"B", std::nullopt}}) {
    auto f = make_firm(id);
    f.turnover_eur = t;
    nb.add_firm(f);
  }
  nb.add_link(test::make_link({"F", "A", 1.0}));
  const auto net = nb.build();
  const auto r = disruption(net, {0});
  // B counts with the mean turnover 200: total 600, A's 300 fully hit.
  EXPECT_DOUBLE_EQ(r.total_impact, 0.5);
  EXPECT_THROW((void)disruption(net, {7}), UsageError);
}

}  // namespace
}  // namespace diligence::risk
