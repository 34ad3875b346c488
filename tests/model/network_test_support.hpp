// Shared helpers of the model and risk tests: short builders for hand-drawn networks, seeded
// random graphs, and slow, obviously correct reference algorithms (Floyd–Warshall reachability
// and shortest path lengths) that the property tests compare the kernels against.
#pragma once

#include <algorithm>
#include <cstdint>
#include <exception>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/core/error.hpp>
#include <diligence/model/network_builder.hpp>
#include <diligence/model/supply_network.hpp>

namespace diligence::test {

/// A link of a hand-drawn network: supplier id, buyer id, optional spend and share.
struct LinkSpec {
  std::string supplier;
  std::string buyer;
  std::optional<double> spend_eur = std::nullopt;
  std::optional<double> share = std::nullopt;
};

/// A valid firm with the given id (country DE, sector C27 unless told otherwise).
inline model::Firm make_firm(std::string id, std::string country = "DE",
                             std::string sector = "C27") {
  model::Firm f;
  f.id = std::move(id);
  f.country = std::move(country);
  f.sector = std::move(sector);
  return f;
}

inline model::SupplyLink make_link(const LinkSpec& spec) {
  model::SupplyLink l;
  l.supplier = spec.supplier;
  l.buyer = spec.buyer;
  l.spend_eur = spec.spend_eur;
  l.share = spec.share;
  return l;
}

/// Builds a network from firm ids (in index order) and links (in input order).
inline model::SupplyNetwork make_network(const std::vector<std::string>& ids,
                                         const std::vector<LinkSpec>& links,
                                         model::BuildOptions options = {}) {
  model::NetworkBuilder nb(std::move(options));
  for (const auto& id : ids) nb.add_firm(make_firm(id));
  for (const auto& l : links) nb.add_link(make_link(l));
  return nb.build();
}

/// A directed edge supplier → buyer by firm index.
struct Edge {
  std::uint32_t supplier;
  std::uint32_t buyer;
};

/// The id the index-based helpers give firm i.
inline std::string index_id(std::uint32_t i) { return "f" + std::to_string(i); }

/// Builds a network of n firms `f0..f{n-1}` with the given edges (spend 1 on each, so no
/// equal-weight warnings), added in the order given.
inline model::SupplyNetwork network_from_edges(std::uint32_t n, const std::vector<Edge>& edges) {
  model::NetworkBuilder nb;
  for (std::uint32_t i = 0; i < n; ++i) nb.add_firm(make_firm(index_id(i)));
  for (const auto& e : edges)
    nb.add_link(make_link({index_id(e.supplier), index_id(e.buyer), 1.0}));
  return nb.build();
}

/// Uniform integer in [0, k) from the raw generator (no std::*_distribution, so the graphs are
/// the same with every standard library).
inline std::uint64_t below(std::mt19937_64& rng, std::uint64_t k) { return rng() % k; }

struct RandomGraph {
  std::uint32_t n = 0;
  std::vector<Edge> edges;  ///< distinct pairs, no self links, in random input order
};

/// A random directed graph with 1..max_n firms; density varies with the seed (from almost empty
/// to dense), so cycles, isolated firms and DAG parts all occur.
inline RandomGraph random_graph(std::uint64_t seed, std::uint32_t max_n = 40) {
  std::mt19937_64 rng(seed);
  RandomGraph g;
  g.n = static_cast<std::uint32_t>(1 + below(rng, max_n));
  constexpr std::uint64_t kPerMille[] = {0, 10, 30, 60, 120, 250, 500};
  const std::uint64_t p = kPerMille[below(rng, std::size(kPerMille))];
  for (std::uint32_t s = 0; s < g.n; ++s)
    for (std::uint32_t b = 0; b < g.n; ++b)
      if (s != b && below(rng, 1000) < p) g.edges.push_back({s, b});
  // Fisher–Yates with our own sampler: random input order.
  for (std::size_t i = g.edges.size(); i > 1; --i)
    std::swap(g.edges[i - 1], g.edges[below(rng, i)]);
  return g;
}

/// A uniform double in [0,1) from 53 random bits.
inline double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

/// A random network over random_graph(seed, max_n) whose buyers use all three weight rules: shares
/// (partly unmapped), positive spend, or neither (equal weights). `rng` draws the rules and values
/// and is left where the network ends, for the caller's own draws.
inline model::SupplyNetwork random_weighted_network(std::uint64_t seed, std::uint32_t max_n,
                                                    std::mt19937_64& rng) {
  const RandomGraph g = random_graph(seed, max_n);
  std::map<std::uint32_t, std::vector<std::uint32_t>> into;
  for (const auto& e : g.edges) into[e.buyer].push_back(e.supplier);
  std::map<std::pair<std::uint32_t, std::uint32_t>,
           std::pair<std::optional<double>, std::optional<double>>>
      attr;
  for (const auto& [b, sups] : into) {
    const auto rule = below(rng, 3);
    double left = 1.0;
    for (const auto s : sups) {
      if (rule == 0) {
        const double share = left * unit(rng);
        left -= share;
        attr[{s, b}] = {std::nullopt, share};
      } else if (rule == 1) {
        attr[{s, b}] = {1.0 + 99.0 * unit(rng), std::nullopt};
      } else {
        attr[{s, b}] = {std::nullopt, std::nullopt};
      }
    }
  }
  model::NetworkBuilder nb;
  for (std::uint32_t i = 0; i < g.n; ++i) nb.add_firm(make_firm(index_id(i)));
  for (const auto& e : g.edges) {
    model::SupplyLink l;
    l.supplier = index_id(e.supplier);
    l.buyer = index_id(e.buyer);
    std::tie(l.spend_eur, l.share) = attr[{e.supplier, e.buyer}];
    nb.add_link(l);
  }
  return nb.build();
}

/// reach[u][v]: v can be reached from u along links (u reaches itself). Floyd–Warshall, O(n³).
inline std::vector<std::vector<bool>> reachability(std::uint32_t n,
                                                   const std::vector<Edge>& edges) {
  std::vector<std::vector<bool>> r(n, std::vector<bool>(n, false));
  for (std::uint32_t v = 0; v < n; ++v) r[v][v] = true;
  for (const auto& e : edges) r[e.supplier][e.buyer] = true;
  for (std::uint32_t k = 0; k < n; ++k)
    for (std::uint32_t i = 0; i < n; ++i)
      if (r[i][k])
        for (std::uint32_t j = 0; j < n; ++j)
          if (r[k][j]) r[i][j] = true;
  return r;
}

inline constexpr int kUnreachable = -1;

/// dist[u][v]: number of links on a shortest path u → v (0 for u == v), or kUnreachable.
/// Floyd–Warshall, O(n³).
inline std::vector<std::vector<int>> path_lengths(std::uint32_t n, const std::vector<Edge>& edges) {
  constexpr int kInf = 1 << 20;
  std::vector<std::vector<int>> d(n, std::vector<int>(n, kInf));
  for (std::uint32_t v = 0; v < n; ++v) d[v][v] = 0;
  for (const auto& e : edges) d[e.supplier][e.buyer] = std::min(d[e.supplier][e.buyer], 1);
  for (std::uint32_t k = 0; k < n; ++k)
    for (std::uint32_t i = 0; i < n; ++i)
      for (std::uint32_t j = 0; j < n; ++j)
        if (d[i][k] + d[k][j] < d[i][j]) d[i][j] = d[i][k] + d[k][j];
  for (auto& row : d)
    for (int& x : row)
      if (x >= kInf) x = kUnreachable;
  return d;
}

/// Success when `f()` throws a diligence error of type E with this id and key path, no source
/// position, and a what() of the form `error[id]: key: detail`.
template <class E = ValidationError, class F>
::testing::AssertionResult throws_error(F&& f, std::string_view id, std::string_view key) {
  try {
    f();
  } catch (const E& e) {
    if (e.id() != id || e.key_path() != key)
      return ::testing::AssertionFailure()
             << "expected error[" << id << "] at '" << key << "', got: " << e.what();
    const std::string what = "error[" + std::string(id) +
                             "]: " + (key.empty() ? std::string() : std::string(key) + ": ") +
                             e.detail();
    if (e.what() != what)
      return ::testing::AssertionFailure()
             << "what() is '" << e.what() << "', expected '" << what << "'";
    if (e.location().known())
      return ::testing::AssertionFailure() << "unexpected location " << e.location().to_string();
    if (e.detail().empty()) return ::testing::AssertionFailure() << "empty detail";
    return ::testing::AssertionSuccess();
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw another exception: " << e.what();
  }
  return ::testing::AssertionFailure() << "did not throw";
}

}  // namespace diligence::test
