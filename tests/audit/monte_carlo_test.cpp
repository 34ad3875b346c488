// Monte Carlo of the company audit: statistics on a tiny case computed by hand, the nearest-rank
// percentiles, per-run seeds, and identical results for any number of threads.
//
// The tiny case:   S ──▶ F
// F passes every obligation (no finding of its own); its one supplier S has own risk p in
// forced_labour (severity 1.0: a found incident is a critical finding) and 0 elsewhere; the
// auditor samples one supplier (S) and every visit type detects with probability d. Per run:
//   incidents ~ Bernoulli(p), found ~ Bernoulli(p·d), critical findings = found,
//   penalty exposure = found × the maximum fine (5 % of F's turnover under csddd-2024).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "audit_test_support.hpp"

namespace diligence::audit::test {
namespace {

World tiny(double p) {
  World w;
  model::Firm f = make_firm("F", "DE", 6000, 2e9, {});
  f.due_diligence = passing_evidence();
  w.firms.push_back(std::move(f));
  w.firms.push_back(make_firm("S", "KR", 1000, 5e8, {{"forced_labour", p}}));
  w.add_link("S", "F", 1e6, true);
  return w;
}

AuditConfig tiny_config(double d) {
  AuditConfig c;
  c.sample_size = 1;
  c.detection = {d, d, d};
  return c;
}

struct Tiny {
  Audit audit;
  AuditConfig config;
  CompanyAuditResult base;
};

Tiny make_tiny(double p, double d) {
  Tiny t{prepare(tiny(p), "csddd-2024"), tiny_config(d), {}};
  t.base = t.audit.run(t.config);
  return t;
}

CompanyMonteCarloResult run_mc(const Tiny& t, std::uint32_t runs, std::uint64_t seed,
                               int threads = 0, bool keep = false) {
  MonteCarloOptions o;
  o.runs = runs;
  o.seed = seed;
  o.threads = threads;
  o.keep_runs = keep;
  return company_monte_carlo(t.audit.input(), t.base, t.config, o);
}

TEST(MonteCarlo, TinyCaseMatchesTheHandComputedProbabilities) {
  const double p = 0.3, d = 0.5;
  const Tiny t = make_tiny(p, d);
  ASSERT_TRUE(t.base.findings.empty()) << t.base.findings.front().message;
  const std::uint32_t n = 20000;
  const CompanyMonteCarloResult m = run_mc(t, n, 11);
  EXPECT_EQ(m.runs, n);
  EXPECT_EQ(m.chain_firms, 1u);
  EXPECT_DOUBLE_EQ(m.expected_incidents, p);  // Σ of the incident probabilities
  // Means within 4.5 standard errors of p and p·d.
  const auto se = [&](double q) { return 4.5 * std::sqrt(q * (1 - q) / n); };
  EXPECT_NEAR(m.incidents.mean, p, se(p));
  EXPECT_NEAR(m.found.mean, p * d, se(p * d));
  EXPECT_NEAR(m.p_critical, p * d, se(p * d));
  EXPECT_DOUBLE_EQ(m.p_critical, m.critical.mean);  // at most one critical finding per run
  EXPECT_DOUBLE_EQ(m.p_found, m.found.mean);
  EXPECT_DOUBLE_EQ(m.major.mean, 0.0);
  EXPECT_DOUBLE_EQ(m.minor.mean, 0.0);
  EXPECT_DOUBLE_EQ(m.findings.mean, m.critical.mean);
  EXPECT_NEAR(m.penalty_eur.mean / 1e8, p * d, se(p * d));
  // Nearest-rank percentiles of a 0/1 quantity with P(1) = 0.15: 0, 0, 1.
  EXPECT_DOUBLE_EQ(m.found.p5, 0.0);
  EXPECT_DOUBLE_EQ(m.found.p50, 0.0);
  EXPECT_DOUBLE_EQ(m.found.p95, 1.0);
  EXPECT_DOUBLE_EQ(m.penalty_eur.p95, 1e8);
  // P(incident) = 0.3: the 50th percentile is 0, the 95th is 1.
  EXPECT_DOUBLE_EQ(m.incidents.p50, 0.0);
  EXPECT_DOUBLE_EQ(m.incidents.p95, 1.0);
}

TEST(MonteCarlo, CertainIncidentAndCertainDetection) {
  const Tiny t = make_tiny(1.0, 1.0);
  const CompanyMonteCarloResult m = run_mc(t, 50, 1);
  EXPECT_DOUBLE_EQ(m.incidents.mean, 1.0);
  EXPECT_DOUBLE_EQ(m.found.mean, 1.0);
  EXPECT_DOUBLE_EQ(m.found.p5, 1.0);
  EXPECT_DOUBLE_EQ(m.p_critical, 1.0);
  EXPECT_DOUBLE_EQ(m.penalty_eur.p5, 1e8);
}

TEST(MonteCarlo, NoRiskNoFinding) {
  const Tiny t = make_tiny(0.0, 1.0);
  const CompanyMonteCarloResult m = run_mc(t, 100, 1);
  EXPECT_DOUBLE_EQ(m.incidents.p95, 0.0);
  EXPECT_DOUBLE_EQ(m.p_critical, 0.0);
  EXPECT_DOUBLE_EQ(m.penalty_eur.mean, 0.0);
}

TEST(MonteCarlo, IncidentScaleScalesTheProbability) {
  Tiny t = make_tiny(0.4, 1.0);
  t.config.incident_scale = 0.5;
  t.base = t.audit.run(t.config);
  const CompanyMonteCarloResult m = run_mc(t, 20000, 3);
  EXPECT_DOUBLE_EQ(m.expected_incidents, 0.2);
  EXPECT_NEAR(m.incidents.mean, 0.2, 4.5 * std::sqrt(0.2 * 0.8 / 20000));
}

TEST(MonteCarlo, BaseObligationFindingsCountInEveryRun) {
  World w = tiny(0.0);
  w.evidence().complaints_procedure = false;    // major
  w.evidence().stakeholder_engagement = false;  // minor
  Tiny t{prepare(w, "csddd-2024"), tiny_config(1.0), {}};
  t.base = t.audit.run(t.config);
  const CompanyMonteCarloResult m = run_mc(t, 20, 1);
  EXPECT_DOUBLE_EQ(m.major.mean, 1.0);
  EXPECT_DOUBLE_EQ(m.minor.p5, 1.0);
  EXPECT_DOUBLE_EQ(m.findings.p50, 2.0);
  EXPECT_DOUBLE_EQ(m.penalty_eur.p5, 1e8);  // a major finding in every run
}

TEST(MonteCarlo, RunIUsesSeedPlusI) {
  const Tiny t = make_tiny(0.5, 0.5);
  const CompanyMonteCarloResult ten = run_mc(t, 10, 100, 0, true);
  ASSERT_EQ(ten.outcomes.size(), 10u);
  for (std::uint32_t i = 0; i < 10; ++i) {
    const CompanyMonteCarloResult one = run_mc(t, 1, 100 + i, 0, true);
    EXPECT_EQ(one.outcomes[0].incidents, ten.outcomes[i].incidents) << i;
    EXPECT_EQ(one.outcomes[0].found, ten.outcomes[i].found) << i;
  }
}

TEST(MonteCarlo, SameSeedSameResultDifferentSeedDifferentRuns) {
  const Tiny t = make_tiny(0.5, 0.5);
  const CompanyMonteCarloResult a = run_mc(t, 200, 5, 0, true);
  const CompanyMonteCarloResult b = run_mc(t, 200, 5, 0, true);
  const CompanyMonteCarloResult c = run_mc(t, 200, 6, 0, true);
  bool same = true, shifted = true;
  for (std::size_t i = 0; i < 200; ++i) {
    same = same && a.outcomes[i].found == b.outcomes[i].found &&
           a.outcomes[i].incidents == b.outcomes[i].incidents;
    if (i + 1 < 200) shifted = shifted && c.outcomes[i].found == a.outcomes[i + 1].found;
  }
  EXPECT_TRUE(same);
  EXPECT_TRUE(shifted);  // seed 6's run i is seed 5's run i + 1
}

TEST(MonteCarlo, IdenticalForAnyNumberOfThreads) {
  // A larger case: the korea-like fan of suppliers with several categories.
  World w = base_world();
  for (int i = 0; i < 30; ++i) {
    const std::string id = "Q" + std::to_string(i);
    w.firms.push_back(
        make_firm(id, "KR", 100, 1e7, {{"forced_labour", 0.01 * i}, {"wages_hours", 0.02 * i}}));
    w.add_link(id, i % 2 ? "S1" : "M", 1e5 * (i + 1));
  }
  const Audit a = prepare(w, "csddd-2024");
  const AuditConfig config;
  const CompanyAuditResult base = a.run(config);
  const auto mc = [&](int threads) {
    MonteCarloOptions o;
    o.runs = 3000;
    o.seed = 9;
    o.threads = threads;
    o.keep_runs = true;
    return company_monte_carlo(a.input(), base, config, o);
  };
  const CompanyMonteCarloResult one = mc(1), two = mc(2), four = mc(4);
  for (const CompanyMonteCarloResult* other : {&two, &four}) {
    ASSERT_EQ(one.outcomes.size(), other->outcomes.size());
    for (std::size_t i = 0; i < one.outcomes.size(); ++i) {
      EXPECT_EQ(one.outcomes[i].incidents, other->outcomes[i].incidents);
      EXPECT_EQ(one.outcomes[i].found, other->outcomes[i].found);
      EXPECT_EQ(one.outcomes[i].critical, other->outcomes[i].critical);
      EXPECT_EQ(one.outcomes[i].major, other->outcomes[i].major);
      EXPECT_EQ(one.outcomes[i].minor, other->outcomes[i].minor);
    }
    EXPECT_EQ(one.incidents.mean, other->incidents.mean);
    EXPECT_EQ(one.found.p95, other->found.p95);
    EXPECT_EQ(one.p_critical, other->p_critical);
  }
}

TEST(MonteCarlo, ProgressReachesTheTotal) {
  const Tiny t = make_tiny(0.5, 0.5);
  MonteCarloOptions o;
  o.runs = 500;
  std::uint64_t last = 0, total = 0;
  o.progress = [&](const Progress& p) {
    EXPECT_GE(p.done, last);
    last = p.done;
    total = p.total;
  };
  (void)company_monte_carlo(t.audit.input(), t.base, t.config, o);
  EXPECT_EQ(last, 500u);
  EXPECT_EQ(total, 500u);
}

TEST(MonteCarlo, NotAuditedGivesNoRuns) {
  World w = tiny(0.5);
  w.firm("F").employees = 3000;
  Tiny t{prepare(w, "csddd-2026"), tiny_config(1.0), {}};
  t.base = t.audit.run(t.config);
  ASSERT_FALSE(t.base.audited);
  EXPECT_EQ(run_mc(t, 10, 1).runs, 0u);
}

TEST(MonteCarlo, BadArgumentsAreUsageErrors) {
  const Tiny t = make_tiny(0.5, 0.5);
  EXPECT_THROW((void)run_mc(t, 0, 1), UsageError);
  const CompanyAuditResult lksg = prepare(tiny(0.5), "lksg").run(t.config);
  MonteCarloOptions o;
  EXPECT_THROW((void)company_monte_carlo(t.audit.input(), lksg, t.config, o), UsageError);
}

TEST(NearestRank, PercentilesOfOneToTwenty) {
  std::vector<double> v(20);
  std::iota(v.begin(), v.end(), 1.0);
  EXPECT_DOUBLE_EQ(nearest_rank(v, 5), 1.0);    // ⌈0.05·20⌉ = 1
  EXPECT_DOUBLE_EQ(nearest_rank(v, 50), 10.0);  // ⌈0.5·20⌉ = 10
  EXPECT_DOUBLE_EQ(nearest_rank(v, 95), 19.0);  // ⌈0.95·20⌉ = 19
  EXPECT_DOUBLE_EQ(nearest_rank(v, 100), 20.0);
  const Summary s = summarise({3.0, 1.0, 2.0});
  EXPECT_DOUBLE_EQ(s.mean, 2.0);
  EXPECT_DOUBLE_EQ(s.p5, 1.0);   // ⌈0.15⌉ = 1
  EXPECT_DOUBLE_EQ(s.p50, 2.0);  // ⌈1.5⌉ = 2
  EXPECT_DOUBLE_EQ(s.p95, 3.0);  // ⌈2.85⌉ = 3
  const Summary empty = summarise({});
  EXPECT_DOUBLE_EQ(empty.mean, 0.0);
}

TEST(NearestRank, SelectionMatchesSortingOnRandomData) {
  // summarise selects with nth_element; the reference sorts and reads the ranks.
  Rng rng(2024);
  for (const std::size_t n : {1u, 2u, 19u, 20u, 21u, 99u, 100u, 101u, 1000u, 4097u}) {
    std::vector<double> v(n);
    for (auto& x : v) x = static_cast<double>(rng.below(7));  // many ties, like counts per run
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    const Summary s = summarise(v);
    EXPECT_EQ(s.p5, nearest_rank(sorted, 5)) << n;
    EXPECT_EQ(s.p50, nearest_rank(sorted, 50)) << n;
    EXPECT_EQ(s.p95, nearest_rank(sorted, 95)) << n;
  }
}

}  // namespace
}  // namespace diligence::audit::test
