// Benchmarks of the model core: NetworkBuilder (add firms and links, validate, freeze into the
// CSR) and risk::tiers (breadth-first search over the backward CSR), on seeded random layered
// supplier networks of 1e4, 1e5 and 1e6 firms with 5 links per firm on average.
//
// The generator: firms are split into kLayers contiguous layers (layer 0 = raw material, the
// last layer = final buyers). Each link picks a buyer uniformly from layers 1.. and a supplier
// uniformly from the layer just below the buyer's; duplicate pairs are drawn again. Every link
// has a positive spend, so every buyer's weights follow the spend rule (no warnings). The RNG is
// std::mt19937_64 with a fixed seed and our own integer sampler (no std::*_distribution), so
// the networks are identical on every compiler and standard library.
//
// Counters: items per second = links per second (links added and built; links scanned by the
// search).
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include <benchmark/benchmark.h>

#include <diligence/model/network_builder.hpp>
#include <diligence/risk/tiers.hpp>

namespace {

using diligence::model::Firm;
using diligence::model::FirmIndex;
using diligence::model::NetworkBuilder;
using diligence::model::SupplyLink;
using diligence::model::SupplyNetwork;

constexpr std::uint64_t kSeed = 20290901;
constexpr std::size_t kLayers = 8;
constexpr std::size_t kLinksPerFirm = 5;

// Uniform integer in [0, n) (n > 0). The modulo bias is below n / 2^64: negligible here.
std::uint64_t uniform(std::mt19937_64& rng, std::uint64_t n) { return rng() % n; }

struct Input {
  std::vector<Firm> firms;
  std::vector<SupplyLink> links;
};

Input generate(std::size_t n) {
  std::mt19937_64 rng(kSeed + n);
  Input in;
  in.firms.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    in.firms[i].id = "F" + std::to_string(i);
    in.firms[i].country = (i % 3 == 0) ? "DE" : "KR";
    in.firms[i].sector = "C27";
  }
  const std::size_t layer_size = n / kLayers;
  const std::size_t m = n * kLinksPerFirm;
  std::unordered_set<std::uint64_t> pairs;
  pairs.reserve(m);
  in.links.reserve(m);
  while (in.links.size() < m) {
    const std::size_t buyer = layer_size + uniform(rng, n - layer_size);
    const std::size_t layer = std::min(buyer / layer_size, kLayers - 1);
    const std::size_t supplier = (layer - 1) * layer_size + uniform(rng, layer_size);
    if (!pairs.insert(static_cast<std::uint64_t>(supplier) << 32 | buyer).second) continue;
    SupplyLink link;
    link.supplier = in.firms[supplier].id;
    link.buyer = in.firms[buyer].id;
    link.spend_eur = static_cast<double>(1 + uniform(rng, 1000)) * 1000.0;
    in.links.push_back(std::move(link));
  }
  return in;
}

// Inputs and built networks are cached per size: generating 1e6 firms takes a while.
const Input& input(std::size_t n) {
  static std::map<std::size_t, Input> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, generate(n)).first;
  return it->second;
}

SupplyNetwork build(const Input& in) {
  NetworkBuilder builder;
  builder.reserve(in.firms.size(), in.links.size());
  for (const Firm& f : in.firms) builder.add_firm(f);
  for (const SupplyLink& l : in.links) builder.add_link(l);
  return builder.build();
}

const SupplyNetwork& network(std::size_t n) {
  static std::map<std::size_t, SupplyNetwork> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, build(input(n))).first;
  return it->second;
}

// Adding every firm and link to a NetworkBuilder and building the frozen network.
void BM_NetworkBuild(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Input& in = input(n);
  for (auto _ : state) {
    SupplyNetwork net = build(in);
    benchmark::DoNotOptimize(net);
    state.PauseTiming();
    net = SupplyNetwork();  // free outside the timed region
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(in.links.size()));
  state.counters["firms"] = static_cast<double>(n);
  state.counters["links"] = static_cast<double>(in.links.size());
}

// Tiers of final buyers (the last layer). With 5 suppliers per firm the upstream network grows
// about fivefold per tier until it fills the layers below, so it covers all of the 1e4 network
// and a smaller share of the larger ones. Focal firms rotate through 16 fixed final buyers; items
// are the links the search actually scans (counted once per focal firm, outside the timing).
void BM_Tiers(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const SupplyNetwork& net = network(n);
  std::vector<FirmIndex> focal;
  std::vector<std::uint64_t> scanned;
  for (std::size_t k = 0; k < 16; ++k) {
    const auto f = static_cast<FirmIndex>(n - 1 - k * 7);
    const diligence::risk::Tiers t = diligence::risk::tiers(net, f);
    std::uint64_t links = 0;
    for (FirmIndex i = 0; i < n; ++i)
      if (t.tier[i] != diligence::risk::kNotUpstream) links += net.suppliers(i).size();
    focal.push_back(f);
    scanned.push_back(links);
  }
  std::size_t k = 0;
  std::uint64_t items = 0;
  for (auto _ : state) {
    const diligence::risk::Tiers t = diligence::risk::tiers(net, focal[k]);
    benchmark::DoNotOptimize(t.per_tier.data());
    items += scanned[k];
    k = (k + 1) % focal.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(items));
  state.counters["firms"] = static_cast<double>(n);
  state.counters["links"] = static_cast<double>(net.num_links());
}

BENCHMARK(BM_NetworkBuild)
    ->RangeMultiplier(10)
    ->Range(10'000, 1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Tiers)
    ->RangeMultiplier(10)
    ->Range(10'000, 1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
