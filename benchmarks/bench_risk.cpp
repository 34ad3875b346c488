// Benchmarks of the risk propagation kernels on seeded synthetic networks of the generate module
// (about 10 links per firm, 1 % of them closing cycles; 1e4, 1e5, 1e6 firms; bench_support.hpp),
// with own risk from the shipped default risk model (data/risk/default.yaml, K = 11 impact
// categories; K = 1 takes its first column). Default options (λ = 0.5, u = 0.5, tolerance
// 1e-12) unless stated.
//   BM_CsrSweep      the baseline: one pass over the backward CSR, y_b = Σ w(s,b)·x_s with K = 1
//                    (bench_support.hpp); other kernels are quoted as multiples of it.
//   BM_Linear        risk::linear_exposure with K = 1 and K = 11 on one thread
//                    (LinearOptions::threads = 1); also on 1e7 firms when DILIGENCE_BENCH_LARGE=1.
//   BM_LinearParallel  the same with K = 11 and threads = the OpenMP default (0: one per core).
//   BM_NoisyOr       risk::noisy_or_exposure, K = 11, on one thread (LinearOptions::threads = 1).
//   BM_NoisyOrParallel  the same with threads = the OpenMP default (0).
//   BM_DebtRank      risk::disruption (DebtRank, transmission 1) from the 16 raw-material firms
//                    with the most buyers failing together.
//   BM_TopPaths      risk::top_paths: the 10 paths that contribute most to the exposure of the
//                    firm that reaches the most firms (bench::most_upstream) in the first category
//                    (default work bound: 2e6 expansions).
//   BM_Adjoint       risk::exposure_gradient for the objective Σ of the exposure of every OEM (the
//                    last tier) over the 11 categories.
//   BM_Cascade       risk::cascade_simulation, K = 11, seed 1, threads = the OpenMP default, with
//                    256 runs on 1e4 and 1e5 firms and 128 on 1e6 (batches of 64 runs; the
//                    cost is linear in runs, so link-scenarios/s is the comparable figure).
//
// Timing: the kernels that run on one thread are timed in CPU time of the benchmark thread (the
// machine is shared, and CPU time is the less noisy measure there) and their rates are per CPU
// second. The threaded ones (BM_LinearParallel, BM_NoisyOrParallel, BM_Cascade) are timed in
// wall-clock time, with rates per wall-clock second, and their CPU column is the CPU time of all
// the process's threads.
//
// Counters (per call of the kernel):
//   links/s            m / time per call (m = links of the network; for BM_DebtRank too, as a
//                      normalisation: the cascade scans the links of the distressed firms only);
//   link-categories/s  m · K / time per call;
//   updates/s          (linear, noisy-OR) the result's link_updates / time per call: the
//                      link-category updates actually done, sweeps over cycles and the residual
//                      check included (more than m · K when the network has cycles);
//   expansions/s       (BM_TopPaths) search nodes expanded per second;
//   link-scenarios/s   (BM_Cascade) m · runs / time per call (each run visits every link once;
//                      link-scenario-categories are K times as many);
//   sweeps             LinearResult::sweeps and the like: the most Gauss–Seidel sweeps over any
//                      supply cycle (plain value); affected, rounds, expansions, exact: the
//                      result's figures (plain values); std_error (BM_Cascade): the result's
//                      largest estimated standard error.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <diligence/risk/adjoint.hpp>
#include <diligence/risk/cascade.hpp>
#include <diligence/risk/disruption.hpp>
#include <diligence/risk/linear.hpp>
#include <diligence/risk/noisy_or.hpp>
#include <diligence/risk/paths.hpp>

#include "bench_support.hpp"

namespace {

namespace bench = diligence::bench;
namespace risk = diligence::risk;
using diligence::model::FirmIndex;
using diligence::model::SupplyNetwork;

constexpr Eigen::Index kAll = 11;  // the default risk model's categories

// Firms (1e7 with DILIGENCE_BENCH_LARGE=1) × categories `ks` × `threads`.
void linear_args(benchmark::internal::Benchmark* b, std::vector<std::int64_t> ks,
                 std::int64_t threads) {
  std::vector<std::int64_t> sizes{10'000, 100'000, 1'000'000};
  if (bench::large_enabled()) sizes.push_back(10'000'000);
  for (const std::int64_t n : sizes)
    for (const std::int64_t k : ks) b->Args({n, k, threads});
  b->ArgNames({"firms", "K", "threads"});
}
void serial_linear_args(benchmark::internal::Benchmark* b) { linear_args(b, {1, kAll}, 1); }
void parallel_linear_args(benchmark::internal::Benchmark* b) { linear_args(b, {kAll}, 0); }

// Times `solve(net, own, options)` (linear or noisy-OR exposure) with the shared counters.
template <typename Solve>
void time_propagation(benchmark::State& state, const SupplyNetwork& net,
                      const risk::RiskMatrix& own, int threads, const char* what, Solve solve) {
  risk::LinearOptions options;
  options.threads = threads;
  std::uint32_t sweeps = 0;
  std::uint64_t updates = 0;
  for (auto _ : state) {
    const auto r = solve(net, own, options);
    benchmark::DoNotOptimize(&r);
    sweeps = r.sweeps;
    updates = r.link_updates;
    if (!r.converged) state.SkipWithError((std::string(what) + " did not converge").c_str());
  }
  const auto m = static_cast<double>(net.num_links());
  state.counters["links/s"] = bench::rate(state, m);
  state.counters["link-categories/s"] = bench::rate(state, m * static_cast<double>(own.cols()));
  state.counters["updates/s"] = bench::rate(state, static_cast<double>(updates));
  state.counters["sweeps"] = sweeps;
  bench::network_counters(state, net);
}

void BM_Linear(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  time_propagation(state, bench::network(n), bench::own_columns(n, state.range(1)),
                   static_cast<int>(state.range(2)), "linear exposure",
                   [](const auto&... args) { return risk::linear_exposure(args...); });
}

void BM_NoisyOr(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  time_propagation(state, bench::network(n), bench::own_columns(n, kAll),
                   static_cast<int>(state.range(1)), "noisy-OR exposure",
                   [](const auto&... args) { return risk::noisy_or_exposure(args...); });
}

// Sizes × `threads`.
void noisy_or_args(benchmark::internal::Benchmark* b, std::int64_t threads) {
  for (std::int64_t n = 10'000; n <= 1'000'000; n *= 10) b->Args({n, threads});
  b->ArgNames({"firms", "threads"});
}
void serial_noisy_or_args(benchmark::internal::Benchmark* b) { noisy_or_args(b, 1); }
void parallel_noisy_or_args(benchmark::internal::Benchmark* b) { noisy_or_args(b, 0); }

// The 16 raw-material firms (tier 0 of the generator) with the most buyers.
std::vector<FirmIndex> failing_firms(std::uint64_t n) {
  const SupplyNetwork& net = bench::network(n);
  std::vector<FirmIndex> raw(bench::generator(n).tier_begin(1));
  for (FirmIndex i = 0; i < raw.size(); ++i) raw[i] = i;
  const std::size_t k = std::min<std::size_t>(16, raw.size());
  std::partial_sort(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(k), raw.end(),
                    [&net](FirmIndex a, FirmIndex b) {
                      const auto da = net.buyers(a).size(), db = net.buyers(b).size();
                      return da != db ? da > db : a < b;
                    });
  raw.resize(k);
  return raw;
}

void BM_DebtRank(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const SupplyNetwork& net = bench::network(n);
  const std::vector<FirmIndex> failed = failing_firms(n);
  risk::DisruptionResult r;
  for (auto _ : state) {
    r = risk::disruption(net, failed);
    benchmark::DoNotOptimize(r.impact.data());
  }
  state.counters["links/s"] = bench::rate(state, static_cast<double>(net.num_links()));
  state.counters["affected"] = static_cast<double>(r.affected);
  state.counters["rounds"] = r.rounds;
  bench::network_counters(state, net);
}

void BM_TopPaths(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const SupplyNetwork& net = bench::network(n);
  const risk::RiskMatrix& own = bench::own_columns(n, kAll);
  const FirmIndex focal = bench::most_upstream(n).firm;
  std::size_t expansions = 0;
  bool exact = true;
  for (auto _ : state) {
    const risk::PathResult r = risk::top_paths(net, own, focal, 0);
    benchmark::DoNotOptimize(r.paths.data());
    expansions = r.expansions;
    exact = r.exact;
  }
  state.counters["expansions/s"] = bench::rate(state, static_cast<double>(expansions));
  state.counters["expansions"] = static_cast<double>(expansions);
  state.counters["exact"] = exact ? 1.0 : 0.0;
  bench::network_counters(state, net);
}

void BM_Adjoint(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const SupplyNetwork& net = bench::network(n);
  risk::RiskMatrix weights = risk::RiskMatrix::Zero(static_cast<Eigen::Index>(n), kAll);
  const FirmIndex oem = bench::generator(n).tier_begin(diligence::generate::kNumTiers - 1);
  weights.bottomRows(static_cast<Eigen::Index>(n - oem)).setOnes();
  std::uint32_t sweeps = 0;
  for (auto _ : state) {
    const risk::AdjointResult r = risk::exposure_gradient(net, weights);
    benchmark::DoNotOptimize(r.gradient.data());
    sweeps = r.sweeps;
    if (!r.converged) state.SkipWithError("the adjoint solve did not converge");
  }
  const auto m = static_cast<double>(net.num_links());
  state.counters["links/s"] = bench::rate(state, m);
  state.counters["link-categories/s"] = bench::rate(state, m * static_cast<double>(kAll));
  state.counters["sweeps"] = sweeps;
  bench::network_counters(state, net);
}

void BM_Cascade(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const SupplyNetwork& net = bench::network(n);
  const risk::RiskMatrix& own = bench::own_columns(n, kAll);
  risk::CascadeOptions options;  // seed 1, OpenMP default threads
  options.runs = static_cast<std::uint32_t>(state.range(1));
  double standard_error = 0.0;
  for (auto _ : state) {
    const risk::CascadeResult r = risk::cascade_simulation(net, own, options);
    benchmark::DoNotOptimize(r.probability.data());
    standard_error = r.max_standard_error;
  }
  const auto m = static_cast<double>(net.num_links());
  state.counters["link-scenarios/s"] = bench::rate(state, m * options.runs);
  state.counters["runs"] = options.runs;
  state.counters["std_error"] = standard_error;
  bench::network_counters(state, net);
}

void cascade_args(benchmark::internal::Benchmark* b) {
  b->Args({10'000, 256});
  b->Args({100'000, 256});
  b->Args({1'000'000, 128});
  b->ArgNames({"firms", "runs"});
}

BENCHMARK(bench::BM_CsrSweep)->Apply(bench::cheap_sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Linear)->Apply(serial_linear_args)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Linear)
    ->Name("BM_LinearParallel")
    ->Apply(parallel_linear_args)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_NoisyOr)->Apply(serial_noisy_or_args)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NoisyOr)
    ->Name("BM_NoisyOrParallel")
    ->Apply(parallel_noisy_or_args)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK(BM_DebtRank)->Apply(bench::standard_sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TopPaths)->Apply(bench::standard_sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Adjoint)->Apply(bench::standard_sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Cascade)
    ->Apply(cascade_args)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

}  // namespace
