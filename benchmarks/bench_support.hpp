// Fixtures shared by the benchmark executables (bench_model, bench_risk, bench_audit,
// bench_allocation): the network sizes, seeded synthetic networks from the generate module
// (built once per size and process), own risk from the shipped default risk model, the focal
// firm of the traversal benchmarks, a temporary directory, and the baseline benchmark BM_CsrSweep
// that every executable registers. Only BM_CsrSweep's loop is timed.
//
// Networks: generate::NetworkGenerator with its documented defaults (about 10 links per firm,
// 1 % of the links closing cycles of up to 4 firms, the tier mix and clusters of
// docs/generate.md) and the fixed seed kSeed, at n = 1e4, 1e5 and 1e6 firms. A network of 1e7
// firms (about 1e8 links) needs some 17 GB of memory and minutes to build, so the cheap kernels
// (tiers, linear exposure) register that size only when the environment variable
// DILIGENCE_BENCH_LARGE is 1.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include <diligence/generate/generator.hpp>
#include <diligence/io/risk_model_io.hpp>
#include <diligence/model/structure.hpp>
#include <diligence/risk/own_risk.hpp>
#include <diligence/risk/tiers.hpp>

namespace diligence::bench {

/// Seed of every generated network (the network of size n uses kSeed for any n).
inline constexpr std::uint64_t kSeed = 20290901;

/// True when DILIGENCE_BENCH_LARGE=1: the cheap kernels then also run on 1e7 firms.
[[nodiscard]] inline bool large_enabled() {
  const char* v = std::getenv("DILIGENCE_BENCH_LARGE");
  return v != nullptr && std::string_view(v) == "1";
}

/// Registers the sizes 1e4, 1e5 and 1e6 firms, named `firms:N` (use with Benchmark::Apply).
inline void standard_sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t n = 10'000; n <= 1'000'000; n *= 10) b->Arg(n);
  b->ArgName("firms");
}

/// standard_sizes plus 1e7 firms when DILIGENCE_BENCH_LARGE=1 (for the cheap kernels).
inline void cheap_sizes(benchmark::internal::Benchmark* b) {
  standard_sizes(b);
  if (large_enabled()) b->Arg(10'000'000);
}

/// The generator options of the network with n firms.
[[nodiscard]] inline generate::GeneratorOptions generator_options(std::uint64_t n) {
  generate::GeneratorOptions o;
  o.firms = n;
  o.seed = kSeed;
  return o;
}

/// Cached per size; the objects live until the process ends.
template <typename T, typename Make>
const T& cached(std::map<std::uint64_t, std::unique_ptr<T>>& cache, std::uint64_t n, Make make) {
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, std::make_unique<T>(make())).first;
  return *it->second;
}

/// The generator of the network with n firms (its constructor runs the cycle pass over all
/// ordinary links, so it is cached too).
[[nodiscard]] inline const generate::NetworkGenerator& generator(std::uint64_t n) {
  static std::map<std::uint64_t, std::unique_ptr<generate::NetworkGenerator>> cache;
  auto it = cache.find(n);
  if (it == cache.end())
    it = cache
             .emplace(n, std::make_unique<generate::NetworkGenerator>(generator_options(n),
                                                                      ProgressCallback{}, 0u))
             .first;
  return *it->second;
}

/// The network with n firms, built in memory by generate::build_network.
[[nodiscard]] inline const model::SupplyNetwork& network(std::uint64_t n) {
  static std::map<std::uint64_t, std::unique_ptr<model::SupplyNetwork>> cache;
  return cached(cache, n, [n] { return generate::build_network(generator(n)); });
}

/// The shipped default risk model (data/risk/default.yaml), loaded once.
[[nodiscard]] inline const risk::RiskModel& risk_model() {
  static const risk::RiskModel model = io::default_risk_model();
  return model;
}

/// Own risk of every firm of network(n) under the default risk model (K = 11 categories).
[[nodiscard]] inline const risk::OwnRiskResult& own_risk(std::uint64_t n) {
  static std::map<std::uint64_t, std::unique_ptr<risk::OwnRiskResult>> cache;
  return cached(cache, n, [n] { return risk::own_risk(network(n), risk_model()); });
}

/// The first `k` columns of own_risk(n) (k = 1: the first category only).
[[nodiscard]] inline const risk::RiskMatrix& own_columns(std::uint64_t n, Eigen::Index k) {
  static std::map<std::pair<std::uint64_t, Eigen::Index>, std::unique_ptr<risk::RiskMatrix>> cache;
  auto it = cache.find({n, k});
  if (it == cache.end()) {
    const risk::RiskMatrix& all = own_risk(n).own;
    auto m = std::make_unique<risk::RiskMatrix>(all.leftCols(std::min(k, all.cols())));
    it = cache.emplace(std::pair{n, k}, std::move(m)).first;
  }
  return *it->second;
}

/// A firm with a large upstream network and what a full upstream traversal from it touches.
struct Focal {
  model::FirmIndex firm = model::kNoFirm;
  std::uint64_t upstream = 0;       ///< firms upstream of it (its tiers ≥ 1)
  std::uint64_t links_scanned = 0;  ///< supplier links of it and of every upstream firm
};

/// The firm that reaches the most firms upstream, among candidates: the reach only grows along a
/// link (a buyer reaches all its suppliers reach), so the maximum lies in a sink component of the
/// condensation (a component none of whose firms supplies a firm outside it). An exact search
/// would traverse from every sink component (about n / 100 of them); we traverse from the firm
/// with the most suppliers in each of the 32 sink components whose best firm has the most
/// suppliers, and keep the one that reaches the most (ties: the lower index).
[[nodiscard]] inline const Focal& most_upstream(std::uint64_t n) {
  static std::map<std::uint64_t, std::unique_ptr<Focal>> cache;
  return cached(cache, n, [n] {
    const model::SupplyNetwork& net = network(n);
    const model::Components scc = model::strong_components(net);
    std::vector<std::uint8_t> sink(scc.count(), 1);
    for (model::FirmIndex s = 0; s < net.num_firms(); ++s)
      for (const model::FirmIndex b : net.buyers(s))
        if (scc.component[b] != scc.component[s]) sink[scc.component[s]] = 0;
    std::vector<model::FirmIndex> best(scc.count(), model::kNoFirm);
    for (model::FirmIndex i = 0; i < net.num_firms(); ++i) {
      model::FirmIndex& b = best[scc.component[i]];
      if (sink[scc.component[i]] &&
          (b == model::kNoFirm || net.suppliers(i).size() > net.suppliers(b).size()))
        b = i;
    }
    std::vector<model::FirmIndex> candidates;
    for (const model::FirmIndex b : best)
      if (b != model::kNoFirm) candidates.push_back(b);
    const auto by_suppliers = [&net](model::FirmIndex a, model::FirmIndex b) {
      const auto da = net.suppliers(a).size(), db = net.suppliers(b).size();
      return da != db ? da > db : a < b;
    };
    const std::size_t k = std::min<std::size_t>(32, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(k),
                      candidates.end(), by_suppliers);
    candidates.resize(k);
    std::sort(candidates.begin(), candidates.end());
    Focal out;
    for (const model::FirmIndex c : candidates) {
      const risk::Tiers t = risk::tiers(net, c);
      if (out.firm == model::kNoFirm || t.upstream_count() > out.upstream) {
        out.firm = c;
        out.upstream = t.upstream_count();
        out.links_scanned = 0;
        for (model::FirmIndex i = 0; i < net.num_firms(); ++i)
          if (t.tier[i] != risk::kNotUpstream) out.links_scanned += net.suppliers(i).size();
      }
    }
    return out;
  });
}

/// Adds the size of `net` to the benchmark's counters (plain values, not rates).
inline void network_counters(benchmark::State& state, const model::SupplyNetwork& net) {
  state.counters["firms"] = static_cast<double>(net.num_firms());
  state.counters["links"] = static_cast<double>(net.num_links());
}

/// `per_call` items for every iteration run so far, as a rate (items per second).
[[nodiscard]] inline benchmark::Counter rate(const benchmark::State& state, double per_call) {
  return benchmark::Counter(per_call * static_cast<double>(state.iterations()),
                            benchmark::Counter::kIsRate);
}

/// The baseline of every executable: one pass over the backward CSR of network(n), y_b =
/// Σ_{s→b} w(s,b) · x_s with one column (x_s = 1 / (1 + s)), the least work a propagation kernel
/// does per sweep. Quoting other kernels as multiples of it, measured in the same run, takes out
/// much of the machine's noise. Counter links/s = m / time per call.
inline void BM_CsrSweep(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const model::SupplyNetwork& net = network(n);
  const auto off = net.in_offsets();
  const auto src = net.in_sources();
  const auto lnk = net.in_links();
  const auto w = net.weights();
  std::vector<double> x(net.num_firms()), y(net.num_firms());
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = 1.0 / static_cast<double>(1 + i);
  for (auto _ : state) {
    for (model::FirmIndex b = 0; b < net.num_firms(); ++b) {
      double acc = 0.0;
      for (std::uint32_t e = off[b]; e < off[b + 1]; ++e) acc += w[lnk[e]] * x[src[e]];
      y[b] = acc;
    }
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.counters["links/s"] = rate(state, static_cast<double>(net.num_links()));
  network_counters(state, net);
}

/// A fresh directory under the system's temporary directory, removed with everything in it when
/// the object is destroyed.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("diligence-bench-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace diligence::bench
