// Monte Carlo of the company mock audit: what the audit finds when the incidents in the chain are
// not the ones the scenario lists but drawn from every firm's own risk.
//
// Run i (i = 0 .. N−1) uses diligence::Rng seeded with `seed + i` and draws, in this order:
//   1. latent incidents: for every firm of the covered chain (in the order of
//      CompanyAuditResult::chain) and every category k (in column order), an incident with
//      probability min(1, incident_scale · r_ik) (AuditConfig::incident_scale; r = own risk, which
//      is 1 where the scenario lists an incident, so listed incidents are always present);
//   2. the auditor's sample, exactly as the base audit draws it (detail::draw_sample);
//   3. detection: every incident at a sampled firm is found with the detection probability of its
//      visit type, in sample order, then category order.
// A found incident that no buyer knew of (no `known: true` incident of its category at that firm)
// is a verification finding graded by its category's severity; the obligation findings of the
// base audit (they depend on evidence, not on latent incidents) are added to every run. Penalty
// exposure of a run: the profile's maximum when a finding of the run reaches
// AuditConfig::penalty_from, else 0.
//
// Per run: incidents in the chain, incidents found, findings by grade (and in total), penalty
// exposure; over the runs: mean and the percentiles 5, 50 and 95 by the nearest-rank method (the
// ⌈q·N/100⌉-th smallest value), and the share of runs with at least one critical finding.
//
// Runs are independent and write to their own slot; the summaries are computed afterwards in run
// order, so the result is the same for any number of threads. OpenMP parallelises the runs when
// the code is compiled with it (the diligence::audit target links OpenMP when CMake finds it);
// without it the runs are sequential and the result is the same.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <vector>

#include <diligence/audit/company.hpp>
#include <diligence/audit/config.hpp>
#include <diligence/audit/statistics.hpp>
#include <diligence/core/diagnostics.hpp>

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace diligence::audit {


/// Runs `body(i, state)` for i = 0 .. runs−1, in parallel with OpenMP when available.
/// `make_state()` gives each thread its own scratch state. `progress` (may be empty) is called
/// from the calling thread now and then, and once at the end with done = total = runs.
/// `threads` ≤ 0: the OpenMP default. `body` must not throw.
template <typename MakeState, typename Body>
void parallel_runs(std::uint32_t runs, int threads, const ProgressCallback& progress,
                   MakeState make_state, Body body) {
  const std::uint64_t step = std::max<std::uint64_t>(1, runs / 200);
  std::atomic<std::uint64_t> done{0};
#if defined(_OPENMP)
  const int nt = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel num_threads(nt)
  {
    auto state = make_state();
    const bool reporter = omp_get_thread_num() == 0;
    std::uint64_t reported = 0;
#pragma omp for schedule(dynamic, 16)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(runs); ++i) {
      body(static_cast<std::uint32_t>(i), state);
      const std::uint64_t d = done.fetch_add(1, std::memory_order_relaxed) + 1;
      if (reporter && progress && d >= reported + step) {
        reported = d;
        progress(Progress{"monte_carlo", d, runs});
      }
    }
  }
#else
  (void)threads;
  auto state = make_state();
  for (std::uint32_t i = 0; i < runs; ++i) {
    body(i, state);
    const std::uint64_t d = done.fetch_add(1, std::memory_order_relaxed) + 1;
    if (progress && d % step == 0) progress(Progress{"monte_carlo", d, runs});
  }
#endif
  if (progress) progress(Progress{"monte_carlo", runs, runs});
}

/// Options of `company_monte_carlo`.
struct MonteCarloOptions {
  std::uint32_t runs = 1000;  ///< N ≥ 1
  std::uint64_t seed = 1;     ///< run i uses seed + i
  int threads = 0;            ///< ≤ 0: the OpenMP default; ignored without OpenMP
  ProgressCallback progress;  ///< see parallel_runs
  bool keep_runs = false;     ///< keep every run's outcome in the result
};

/// What one run gave.
struct RunOutcome {
  std::uint32_t incidents = 0;  ///< latent incidents in the covered chain
  std::uint32_t found = 0;      ///< incidents found at the sampled firms
  std::uint32_t critical = 0;   ///< findings by grade (obligation findings included)
  std::uint32_t major = 0;
  std::uint32_t minor = 0;
  double penalty_eur = 0.0;  ///< penalty exposure of the run
};

/// Result of `company_monte_carlo`.
struct CompanyMonteCarloResult {
  std::uint32_t runs = 0;
  std::uint64_t seed = 0;
  std::size_t chain_firms = 0;      ///< firms of the covered chain (where incidents are drawn)
  double expected_incidents = 0.0;  ///< Σ of the incident probabilities: the exact mean
  Summary incidents;
  Summary found;
  Summary critical;
  Summary major;
  Summary minor;
  Summary findings;  ///< all grades
  Summary penalty_eur;
  double p_critical = 0.0;           ///< share of runs with at least one critical finding
  double p_found = 0.0;              ///< share of runs that found at least one incident
  std::vector<RunOutcome> outcomes;  ///< with keep_runs only, in run order
};

/// Repeats the verification of `base` (the result of company_audit on the same input and
/// config) with latent incidents (see the top of this file). A base that was not audited (out of
/// scope or not applying) gives runs = 0.
/// @throws UsageError `usage.parameter` for runs = 0, a base audit of another focal firm or
///   directive, or the input errors of company_audit.
/// Complexity: O(N · (c·K + s·(K + log c))) for a covered chain of c firms and samples of s,
///   spread over the threads; memory O(N + threads · c · K).
[[nodiscard]] inline CompanyMonteCarloResult company_monte_carlo(const CompanyAuditInput& input,
                                                                 const CompanyAuditResult& base,
                                                                 const AuditConfig& config,
                                                                 const MonteCarloOptions& options);

}  // namespace diligence::audit

#include <diligence/audit/detail/monte_carlo_impl.hpp>
