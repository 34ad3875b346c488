// Benchmarks of the model core on seeded synthetic networks of the generate module (about 10
// links per firm, 1e4, 1e5 and 1e6 firms; bench_support.hpp):
//   BM_CsrSweep      the baseline: one pass over the backward CSR (bench_support.hpp).
//   BM_LoadScenario  io::load_scenario of a generated scenario (scenario.yaml, firms.csv,
//                    links.csv), written once per size to a temporary directory by the generate
//                    module's CSV writers and removed at exit. The files are read from the page
//                    cache (they were just written), so this measures parsing, checking and
//                    building, not the disk.
//   BM_NetworkBuild  NetworkBuilder: add_firm and add_link for every record (copies of records
//                    generated beforehand) and build() (checks, weights, the CSR).
//   BM_Tiers         risk::tiers: the full upstream breadth-first traversal from the firm that
//                    reaches the most firms (bench::most_upstream), default options (direction
//                    switching) on one thread (TierOptions::threads = 1). Also on 1e7 firms when
//                    DILIGENCE_BENCH_LARGE=1.
//   BM_TiersParallel the same with threads = the OpenMP default (0: one per core).
// Freeing a loaded or built network happens outside the timed region.
//
// Timing: the benchmarks that run on one thread are timed in CPU time of the benchmark thread (the
// machine is shared, and CPU time is the less noisy measure there), with rates per CPU second.
// BM_TiersParallel is timed in wall-clock time, with rates per wall-clock second and a CPU column
// that counts all the process's threads.
//
// Counters:
//   bytes/s  bytes of the three scenario files read per second (k/M = 1e3/1e6);
//   links/s  links loaded or added and built per second; for the tiers, the links of the
//            upstream network per second (the supplier links of the focal firm and of every firm
//            upstream of it, the traversed-edges convention of Graph500; direction switching
//            looks at fewer of them);
//   firms/s  (BM_Tiers) firms reached per second, the focal firm included;
//   firms, links, upstream, file_bytes: sizes (plain values).
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <vector>

#include <benchmark/benchmark.h>

#include <diligence/generate/csv.hpp>
#include <diligence/io/scenario_io.hpp>
#include <diligence/model/network_builder.hpp>
#include <diligence/risk/tiers.hpp>

#include "bench_support.hpp"

namespace {

namespace bench = diligence::bench;
namespace fs = std::filesystem;
using diligence::model::Firm;
using diligence::model::NetworkBuilder;
using diligence::model::SupplyLink;
using diligence::model::SupplyNetwork;

// --- scenario loading ----------------------------------------------------------------------------

struct ScenarioFiles {
  fs::path yaml;
  std::uint64_t bytes = 0;  // scenario.yaml + firms.csv + links.csv
  std::uint64_t links = 0;
};

// The generated scenario of size n, written on first use (with the writers' threads).
const ScenarioFiles& scenario_files(std::uint64_t n) {
  static bench::TempDir dir;
  static std::map<std::uint64_t, std::unique_ptr<ScenarioFiles>> cache;
  return bench::cached(cache, n, [n] {
    const diligence::generate::NetworkGenerator& gen = bench::generator(n);
    const fs::path sub = dir.path() / std::to_string(n);
    fs::create_directories(sub);
    diligence::generate::WriteOptions options;
    options.threads = 0;
    ScenarioFiles out;
    {
      std::ofstream firms(sub / "firms.csv", std::ios::binary);
      (void)diligence::generate::write_firms_csv(firms, gen, options);
      std::ofstream links(sub / "links.csv", std::ios::binary);
      out.links = diligence::generate::write_links_csv(links, gen, options).links;
      std::ofstream yaml(sub / "scenario.yaml", std::ios::binary);
      diligence::generate::write_scenario_yaml(yaml, gen);
    }
    out.yaml = sub / "scenario.yaml";
    for (const char* f : {"scenario.yaml", "firms.csv", "links.csv"})
      out.bytes += fs::file_size(sub / f);
    return out;
  });
}

void BM_LoadScenario(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const ScenarioFiles& files = scenario_files(n);
  std::uint64_t links = 0;
  for (auto _ : state) {
    diligence::model::Scenario s = diligence::io::load_scenario(files.yaml);
    benchmark::DoNotOptimize(s.network);
    links = s.network.num_links();
    state.PauseTiming();
    s = diligence::model::Scenario();  // free outside the timed region
    state.ResumeTiming();
  }
  if (links != files.links) state.SkipWithError("the loaded network has other links");
  state.counters["bytes/s"] = bench::rate(state, static_cast<double>(files.bytes));
  state.counters["links/s"] = bench::rate(state, static_cast<double>(files.links));
  state.counters["file_bytes"] = static_cast<double>(files.bytes);
  state.counters["firms"] = static_cast<double>(n);
  state.counters["links"] = static_cast<double>(files.links);
}

// --- network building ----------------------------------------------------------------------------

struct Records {
  std::uint64_t n = 0;
  std::vector<Firm> firms;
  std::vector<SupplyLink> links;
};

// The records of the network of size n. Only the last size asked for is kept (the records of
// 1e6 firms take about 2 GB), and release_records() frees them.
Records& record_cache() {
  static Records cache;
  return cache;
}

void release_records() { record_cache() = Records(); }

const Records& records(std::uint64_t n) {
  Records& cache = record_cache();
  if (cache.n != n) {
    cache = Records();
    const diligence::generate::NetworkGenerator& gen = bench::generator(n);
    cache.firms.reserve(n);
    gen.for_each_firm([&](const diligence::generate::GeneratedFirm& f) {
      cache.firms.push_back(diligence::generate::to_firm(gen, f));
    });
    cache.links.reserve(static_cast<std::size_t>(gen.expected_links() * 1.01));
    (void)gen.for_each_link([&](const diligence::generate::GeneratedLink& l) {
      cache.links.push_back(diligence::generate::to_link(gen, l));
    });
    cache.n = n;
  }
  return cache;
}

void BM_NetworkBuild(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const Records& in = records(n);
  for (auto _ : state) {
    NetworkBuilder builder;
    builder.reserve(in.firms.size(), in.links.size());
    for (const Firm& f : in.firms) builder.add_firm(f);
    for (const SupplyLink& l : in.links) builder.add_link(l);
    SupplyNetwork net = builder.build();
    benchmark::DoNotOptimize(net);
    state.PauseTiming();
    net = SupplyNetwork();  // free outside the timed region
    builder = NetworkBuilder();
    state.ResumeTiming();
  }
  state.counters["links/s"] = bench::rate(state, static_cast<double>(in.links.size()));
  state.counters["firms"] = static_cast<double>(in.firms.size());
  state.counters["links"] = static_cast<double>(in.links.size());
}

// --- tiers ---------------------------------------------------------------------------------------

void BM_Tiers(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  release_records();  // BM_NetworkBuild is done with them
  const SupplyNetwork& net = bench::network(n);
  const bench::Focal& focal = bench::most_upstream(n);
  diligence::risk::TierOptions options;
  options.threads = static_cast<int>(state.range(1));
  for (auto _ : state) {
    const diligence::risk::Tiers t = diligence::risk::tiers(net, focal.firm, options);
    benchmark::DoNotOptimize(t.per_tier.data());
  }
  state.counters["links/s"] = bench::rate(state, static_cast<double>(focal.links_scanned));
  state.counters["firms/s"] = bench::rate(state, static_cast<double>(focal.upstream + 1));
  state.counters["upstream"] = static_cast<double>(focal.upstream);
  bench::network_counters(state, net);
}

BENCHMARK(bench::BM_CsrSweep)->Apply(bench::cheap_sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadScenario)->Apply(bench::standard_sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NetworkBuild)->Apply(bench::standard_sizes)->Unit(benchmark::kMillisecond);
// Sizes (1e7 with DILIGENCE_BENCH_LARGE=1) × `threads`.
void tier_args(benchmark::internal::Benchmark* b, std::int64_t threads) {
  std::vector<std::int64_t> sizes{10'000, 100'000, 1'000'000};
  if (bench::large_enabled()) sizes.push_back(10'000'000);
  for (const std::int64_t n : sizes) b->Args({n, threads});
  b->ArgNames({"firms", "threads"});
}
void serial_tier_args(benchmark::internal::Benchmark* b) { tier_args(b, 1); }
void parallel_tier_args(benchmark::internal::Benchmark* b) { tier_args(b, 0); }

BENCHMARK(BM_Tiers)->Apply(serial_tier_args)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tiers)
    ->Name("BM_TiersParallel")
    ->Apply(parallel_tier_args)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

}  // namespace
