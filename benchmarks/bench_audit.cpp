// Benchmarks of the company mock audit on seeded synthetic networks of the generate module
// (about 10 links per firm; 1e4, 1e5, 1e6 firms; bench_support.hpp), under the shipped profile
// csddd-2024 and audit configuration (data/audit/default.yaml) on the generator's scenario date
// (2029-09-01), with own risk from the shipped default risk model (K = 11) and its linear
// exposure (computed once, outside the timing, and passed in as the CLI does).
//
// The focal firm: of the OEMs (the generator's last tier) to which csddd-2024 applies on that
// date, the one with the most suppliers.
//   BM_CompanyAudit       audit::company_audit (seed 1): scope, chain of activities, priorities,
//                         top contributing paths, obligation checks, the sampled verification.
//   BM_CompanyMonteCarlo  audit::company_monte_carlo of that audit, seed 1, threads = the OpenMP
//                         default, with 320 runs on 1e4 firms, 160 on 1e5 and 32 on 1e6 (the
//                         cost is linear in runs × covered chain, so draws/s is the comparable
//                         figure; runs are handed out to the threads in chunks of 16).
//
// Timing: BM_CompanyAudit runs on one thread and is timed in CPU time of the benchmark thread (the
// machine is shared, and CPU time is the less noisy measure there), with rates per CPU second;
// BM_CompanyMonteCarlo is threaded and timed in wall-clock time, with rates per wall-clock second
// and a CPU column that counts all the process's threads.
//
// Counters (per call):
//   links/s               m / time per call (BM_CompanyAudit; a normalisation);
//   chain-firms/s         (BM_CompanyAudit) firms of the focal firm's upstream chain per second;
//   runs/s                (BM_CompanyMonteCarlo) simulated audits per second;
//   draws/s               (BM_CompanyMonteCarlo) runs · covered chain firms · K / time: the
//                         latent-incident draws per second;
//   chain, covered: firms of the chain and of its covered part (plain values).
#include <cstdint>
#include <map>
#include <memory>

#include <benchmark/benchmark.h>

#include <diligence/audit/company.hpp>
#include <diligence/audit/monte_carlo.hpp>
#include <diligence/directive/scope.hpp>
#include <diligence/io/audit_config_io.hpp>
#include <diligence/io/directive_io.hpp>
#include <diligence/risk/linear.hpp>

#include "bench_support.hpp"

namespace {

namespace bench = diligence::bench;
namespace audit = diligence::audit;
using diligence::model::FirmIndex;
using diligence::model::SupplyNetwork;

struct AuditFixture {
  diligence::directive::DirectiveProfile profile;
  audit::AuditConfig config;
  diligence::risk::RiskMatrix exposure;
  audit::CompanyAuditInput input;
  audit::CompanyAuditResult base;  // the audit of `input` with seed 1
};

const AuditFixture& audit_fixture(std::uint64_t n) {
  static std::map<std::uint64_t, std::unique_ptr<AuditFixture>> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return *it->second;
  auto f = std::make_unique<AuditFixture>();
  const SupplyNetwork& net = bench::network(n);
  const diligence::Date as_of = bench::generator_options(n).as_of;
  f->profile = diligence::io::find_profile("csddd-2024");
  f->config = diligence::io::default_audit_config();
  f->exposure = diligence::risk::linear_exposure(net, bench::own_risk(n).own).exposure;
  FirmIndex focal = diligence::model::kNoFirm;
  for (FirmIndex i = bench::generator(n).tier_begin(diligence::generate::kNumTiers - 1);
       i < net.num_firms(); ++i)
    if ((focal == diligence::model::kNoFirm ||
         net.suppliers(i).size() > net.suppliers(focal).size()) &&
        diligence::directive::scope_of(net, f->profile, i, as_of).applies)
      focal = i;
  f->input =
      audit::CompanyAuditInput{&net, focal, &f->profile, &bench::own_risk(n), &f->exposure, as_of};
  if (focal != diligence::model::kNoFirm) f->base = audit::company_audit(f->input, f->config);
  return *cache.emplace(n, std::move(f)).first->second;
}

std::size_t covered(const audit::CompanyAuditResult& r) {
  std::size_t c = 0;
  for (const audit::ChainFirm& f : r.chain) c += f.covered ? 1 : 0;
  return c;
}

void BM_CompanyAudit(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const AuditFixture& f = audit_fixture(n);
  if (!f.base.audited) {
    state.SkipWithError("no OEM to which csddd-2024 applies");
    return;
  }
  for (auto _ : state) {
    const audit::CompanyAuditResult r = audit::company_audit(f.input, f.config);
    benchmark::DoNotOptimize(r.score);
  }
  const SupplyNetwork& net = *f.input.network;
  state.counters["links/s"] = bench::rate(state, static_cast<double>(net.num_links()));
  state.counters["chain-firms/s"] = bench::rate(state, static_cast<double>(f.base.chain.size()));
  state.counters["chain"] = static_cast<double>(f.base.chain.size());
  state.counters["covered"] = static_cast<double>(covered(f.base));
  bench::network_counters(state, net);
}

void BM_CompanyMonteCarlo(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const AuditFixture& f = audit_fixture(n);
  if (!f.base.audited) {
    state.SkipWithError("no OEM to which csddd-2024 applies");
    return;
  }
  audit::MonteCarloOptions options;  // seed 1, OpenMP default threads
  options.runs = static_cast<std::uint32_t>(state.range(1));
  std::size_t chain_firms = 0;
  for (auto _ : state) {
    const audit::CompanyMonteCarloResult r =
        audit::company_monte_carlo(f.input, f.base, f.config, options);
    benchmark::DoNotOptimize(r.p_critical);
    chain_firms = r.chain_firms;
  }
  const auto K = static_cast<double>(f.base.categories.size());
  state.counters["runs/s"] = bench::rate(state, options.runs);
  state.counters["draws/s"] =
      bench::rate(state, options.runs * static_cast<double>(chain_firms) * K);
  state.counters["chain"] = static_cast<double>(f.base.chain.size());
  state.counters["covered"] = static_cast<double>(chain_firms);
  bench::network_counters(state, *f.input.network);
}

BENCHMARK(bench::BM_CsrSweep)->Apply(bench::standard_sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompanyAudit)->Apply(bench::standard_sizes)->Unit(benchmark::kMillisecond);
void monte_carlo_args(benchmark::internal::Benchmark* b) {
  b->Args({10'000, 320});
  b->Args({100'000, 160});
  b->Args({1'000'000, 32});
  b->ArgNames({"firms", "runs"});
}

BENCHMARK(BM_CompanyMonteCarlo)
    ->Apply(monte_carlo_args)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

}  // namespace
