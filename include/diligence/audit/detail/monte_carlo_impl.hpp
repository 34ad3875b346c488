// Implementation of monte_carlo.hpp: the per-run tables built once (incident probabilities, known
// incidents, grades, detection), one run, and the reduction in run order.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/core/random.hpp>

namespace diligence::audit {
namespace detail {

/// Everything a run reads, built once from the base audit.
struct RunTables {
  SamplePlan plan;
  std::size_t K = 0;
  std::vector<double> probability;  ///< population × K: min(1, scale · own risk)
  std::vector<std::uint8_t> known;  ///< population × K: a known incident of that category
  std::vector<double> detection;    ///< per population member: its visit type's probability
  std::vector<Grade> grade;         ///< per category: grade of a verification finding
  GradeCounts base;                 ///< obligation findings, added to every run
  double penalty_max = 0.0;
  Grade penalty_from = Grade::kMajor;
  std::size_t sample_size = 0;
};

struct RunState {
  std::vector<std::uint8_t> present;
  std::vector<std::uint8_t> taken;
  std::vector<std::uint32_t> drawn;
};

inline RunOutcome one_run(const RunTables& t, std::uint64_t seed, RunState& s) {
  Rng rng(seed);
  RunOutcome o;
  const std::size_t cells = t.probability.size();
  for (std::size_t c = 0; c < cells; ++c) {
    const bool hit = rng.bernoulli(t.probability[c]);
    s.present[c] = hit ? 1 : 0;
    o.incidents += hit ? 1u : 0u;
  }
  draw_sample(t.plan, t.sample_size, rng, s.drawn, s.taken);
  GradeCounts g = t.base;
  for (const std::uint32_t j : s.drawn) {
    const std::size_t row = static_cast<std::size_t>(j) * t.K;
    for (std::size_t k = 0; k < t.K; ++k) {
      if (!s.present[row + k] || !rng.bernoulli(t.detection[j])) continue;
      ++o.found;
      if (t.known[row + k]) continue;
      switch (t.grade[k]) {
        case Grade::kCritical:
          ++g.critical;
          break;
        case Grade::kMajor:
          ++g.major;
          break;
        case Grade::kMinor:
          ++g.minor;
          break;
      }
    }
  }
  o.critical = static_cast<std::uint32_t>(g.critical);
  o.major = static_cast<std::uint32_t>(g.major);
  o.minor = static_cast<std::uint32_t>(g.minor);
  const bool fined = (g.critical > 0) || (g.major > 0 && t.penalty_from != Grade::kCritical) ||
                     (g.minor > 0 && t.penalty_from == Grade::kMinor);
  o.penalty_eur = fined ? t.penalty_max : 0.0;
  return o;
}

}  // namespace detail

inline CompanyMonteCarloResult company_monte_carlo(const CompanyAuditInput& input,
                                                   const CompanyAuditResult& base,
                                                   const AuditConfig& config,
                                                   const MonteCarloOptions& options) {
  detail::check_input(input);
  check(config);
  if (options.runs == 0)
    throw UsageError(errc::kParameter, "company_monte_carlo: runs must be at least 1");
  if (base.focal != input.focal || base.directive != input.profile->id)
    throw UsageError(errc::kParameter,
                     "company_monte_carlo: the base audit is of another firm or directive");
  CompanyMonteCarloResult r;
  r.seed = options.seed;
  if (!base.audited) return r;
  r.runs = options.runs;

  const model::SupplyNetwork& net = *input.network;
  const std::vector<std::string>& cats = input.own->categories;
  detail::RunTables t;
  t.plan = detail::sample_plan(base.chain);
  t.K = cats.size();
  t.sample_size = config.sample_size;
  t.base = base.obligation_grades;
  t.penalty_max = base.penalty.max_eur.value_or(0.0);
  t.penalty_from = config.penalty_from;
  for (std::size_t k = 0; k < t.K; ++k)
    t.grade.push_back(config.grade_for_severity(input.profile->severity.of(cats[k], 0.0)));
  const std::size_t pop = t.plan.population.size();
  t.probability.resize(pop * t.K);
  t.known.assign(pop * t.K, 0);
  for (std::size_t j = 0; j < pop; ++j) {
    const ChainFirm& c = base.chain[t.plan.population[j]];
    t.detection.push_back(config.detection_of(c.visit));
    for (std::size_t k = 0; k < t.K; ++k) {
      const double p = std::min(
          1.0, config.incident_scale * input.own->own(c.firm, static_cast<Eigen::Index>(k)));
      t.probability[j * t.K + k] = p;
      r.expected_incidents += p;
    }
    for (const model::Incident& inc : net.firm(c.firm).incidents) {
      if (!inc.known) continue;
      for (std::size_t k = 0; k < t.K; ++k)
        if (cats[k] == inc.category) t.known[j * t.K + k] = 1;
    }
  }
  r.chain_firms = pop;

  std::vector<RunOutcome> out(options.runs);
  parallel_runs(
      options.runs, options.threads, options.progress,
      [&] {
        detail::RunState s;
        s.present.resize(t.probability.size());
        s.taken.assign(pop, 0);
        return s;
      },
      [&](std::uint32_t i, detail::RunState& s) {
        out[i] = detail::one_run(t, options.seed + i, s);
      });

  std::vector<double> incidents, found, critical, major, minor, findings, penalty;
  for (auto* v : {&incidents, &found, &critical, &major, &minor, &findings, &penalty})
    v->reserve(out.size());
  std::size_t with_critical = 0, with_found = 0;
  for (const RunOutcome& o : out) {
    incidents.push_back(o.incidents);
    found.push_back(o.found);
    critical.push_back(o.critical);
    major.push_back(o.major);
    minor.push_back(o.minor);
    findings.push_back(static_cast<double>(o.critical + o.major + o.minor));
    penalty.push_back(o.penalty_eur);
    with_critical += o.critical > 0 ? 1 : 0;
    with_found += o.found > 0 ? 1 : 0;
  }
  r.incidents = summarise(std::move(incidents));
  r.found = summarise(std::move(found));
  r.critical = summarise(std::move(critical));
  r.major = summarise(std::move(major));
  r.minor = summarise(std::move(minor));
  r.findings = summarise(std::move(findings));
  r.penalty_eur = summarise(std::move(penalty));
  r.p_critical = static_cast<double>(with_critical) / static_cast<double>(out.size());
  r.p_found = static_cast<double>(with_found) / static_cast<double>(out.size());
  if (options.keep_runs) r.outcomes = std::move(out);
  return r;
}

}  // namespace diligence::audit
