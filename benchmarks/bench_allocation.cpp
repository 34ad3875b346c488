// Benchmarks of the SME support allocation (support::allocate) on seeded synthetic networks of
// the generate module (about 10 links per firm; 1e4, 1e5, 1e6 firms; bench_support.hpp), set up
// as `diligence support` does: the programmes of examples/support/programmes.yaml (consulting 100
// slots, supply-chain 110, training 50; targets: the firms to which csddd-2026 applies on the
// generator's scenario date 2029-09-01), own risk from the shipped default risk model (K = 11),
// the firms' self-assessment scores, one year, seed 1.
//   BM_Allocate  support::allocate with each strategy (second argument: 0 greedy, 1 random,
//                2 own-risk, 3 spend). Every call computes the gradient of the targets' exposure
//                (one adjoint solve), classifies the SMEs, selects, and re-propagates the linear
//                exposure twice (before and after) to report the exact gain.
//
// Timing: the linear solves inside run on the OpenMP default number of threads (as in the CLI), so
// BM_Allocate is timed in wall-clock time, with rates per wall-clock second and a CPU column that
// counts all the process's threads; the baseline BM_CsrSweep is timed in CPU time.
//
// Counters (per call):
//   links/s   m / time per call (a normalisation: the solves are O((n + m)·K));
//   targets, assignments: target firms and (programme, firm) pairs chosen (plain values);
//   gain_pct  total gain as a percentage of the targets' exposure before support (plain value).
#include <cstdint>
#include <map>
#include <memory>

#include <benchmark/benchmark.h>

#include <diligence/io/programme_io.hpp>
#include <diligence/io/questionnaire_io.hpp>
#include <diligence/support/support.hpp>

#include "bench_support.hpp"

#ifndef DILIGENCE_BENCH_PROGRAMMES
#error "DILIGENCE_BENCH_PROGRAMMES (the path of examples/support/programmes.yaml) is not defined"
#endif

namespace {

namespace bench = diligence::bench;
namespace support = diligence::support;
using diligence::model::SupplyNetwork;

// The allocation problem on network(n) (see the top of this file).
const support::SupportProblem& problem(std::uint64_t n) {
  static std::map<std::uint64_t, std::unique_ptr<support::SupportProblem>> cache;
  return bench::cached(cache, n, [n] {
    const SupplyNetwork& net = bench::network(n);
    const diligence::risk::RiskModel& model = bench::risk_model();
    diligence::io::ProgrammeLoadOptions load;
    load.categories = model.category_ids();
    const support::ProgrammeSet set =
        diligence::io::load_programmes(DILIGENCE_BENCH_PROGRAMMES, load);
    const diligence::directive::DirectiveProfile profile = diligence::io::load_target_profile(set);
    support::SupportProblem p;
    p.targets = support::resolve_targets(net, set, &profile, bench::generator_options(n).as_of);
    p.own = bench::own_risk(n).own;
    p.scores = support::assessment_scores(net, diligence::io::default_questionnaires());
    for (const auto& c : model.categories) p.pillars.push_back(c.pillar);
    p.pillar_strength = model.pillar_strength;
    p.classes = set.classes;
    p.programmes = support::resolve_programmes(set, bench::own_risk(n).categories);
    return p;
  });
}

void allocation_args(benchmark::internal::Benchmark* b) {
  for (std::int64_t n = 10'000; n <= 1'000'000; n *= 10)
    for (std::int64_t s = 0; s < static_cast<std::int64_t>(std::size(support::kAllStrategies)); ++s)
      b->Args({n, s});
  b->ArgNames({"firms", "strategy"});
}

void BM_Allocate(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const SupplyNetwork& net = bench::network(n);
  const support::SupportProblem& p = problem(n);
  support::AllocationOptions options;
  options.strategy = support::kAllStrategies[state.range(1)];
  state.SetLabel(std::string(support::to_string(options.strategy)));
  support::AllocationResult r;
  for (auto _ : state) {
    r = support::allocate(net, p, options);
    benchmark::DoNotOptimize(r.total_gain);
    if (!r.converged) state.SkipWithError("a solve did not converge");
  }
  state.counters["links/s"] = bench::rate(state, static_cast<double>(net.num_links()));
  state.counters["targets"] = static_cast<double>(p.targets.size());
  state.counters["assignments"] =
      r.years.empty() ? 0.0 : static_cast<double>(r.years.front().allocation.size());
  state.counters["gain_pct"] =
      r.exposure_before > 0.0 ? 100.0 * r.total_gain / r.exposure_before : 0.0;
  bench::network_counters(state, net);
}

BENCHMARK(bench::BM_CsrSweep)->Apply(bench::standard_sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Allocate)
    ->Apply(allocation_args)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

}  // namespace
