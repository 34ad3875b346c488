// Helpers of the support tests: hand-drawn networks whose firms have size figures (so that they
// are SMEs or large), seeded random instances with cycles, and the slow, obviously correct
// reference: the target exposure J re-propagated for any set of (programme, firm) pairs.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/model/network_builder.hpp>
#include <diligence/risk/linear.hpp>
#include <diligence/support/support.hpp>

namespace diligence::support::test {

/// A small firm (20 employees, EUR 1m: an SME) unless `large` (1 000 employees, EUR 500m).
inline model::Firm firm(std::string id, bool large = false) {
  model::Firm f;
  f.id = std::move(id);
  f.country = "KR";
  f.sector = "C25";
  f.employees = large ? 1000 : 20;
  f.turnover_eur = large ? 500e6 : 1e6;
  return f;
}

/// supplier → buyer with a spend (weights spend / Σ spend into the buyer).
struct Link {
  std::string supplier;
  std::string buyer;
  double spend = 1.0;
};

inline model::SupplyNetwork build(std::vector<model::Firm> firms, const std::vector<Link>& links) {
  model::NetworkBuilder nb;
  for (auto& f : firms) nb.add_firm(std::move(f));
  for (const auto& l : links) {
    model::SupplyLink sl;
    sl.supplier = l.supplier;
    sl.buyer = l.buyer;
    sl.spend_eur = l.spend;
    nb.add_link(std::move(sl));
  }
  return nb.build();
}

inline double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }
inline std::uint32_t below(std::mt19937_64& rng, std::uint32_t n) {
  return static_cast<std::uint32_t>(rng() % n);
}

/// A random instance: n firms (f0 is large, the rest SMEs, some exporters), random links with
/// cycles and random spend, random own risk with K columns, 1–2 targets, random scores.
struct Instance {
  model::SupplyNetwork net;
  SupportProblem problem;
};

inline Instance random_instance(std::uint64_t seed, std::uint64_t firms_count, std::size_t K,
                                std::uint32_t programmes) {
  const auto n = static_cast<std::uint32_t>(firms_count);
  std::mt19937_64 rng(seed);
  std::vector<model::Firm> firms;
  for (std::uint32_t i = 0; i < n; ++i) {
    model::Firm f = firm("f" + std::to_string(i), i == 0);
    f.exporter = i > 0 && below(rng, 6) == 0;
    if (below(rng, 2) == 0)
      f.assessment =
          model::Assessment{model::PillarScores{unit(rng), unit(rng), unit(rng)}, {}, {}};
    firms.push_back(std::move(f));
  }
  std::vector<Link> links;
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  const std::uint32_t m = n + below(rng, 2 * n);
  for (std::uint32_t e = 0; e < m; ++e) {
    const std::uint32_t s = below(rng, n), b = below(rng, n);
    if (s == b || !seen.insert({s, b}).second) continue;
    links.push_back({"f" + std::to_string(s), "f" + std::to_string(b), 1.0 + 9.0 * unit(rng)});
  }
  Instance out{build(std::move(firms), links), {}};
  SupportProblem& p = out.problem;
  p.targets.push_back(0);
  if (n > 3 && below(rng, 2) == 0) p.targets.push_back(1 + below(rng, n - 1));
  p.own.resize(n, static_cast<Eigen::Index>(K));
  for (Eigen::Index i = 0; i < p.own.rows(); ++i)
    for (Eigen::Index k = 0; k < p.own.cols(); ++k) p.own(i, k) = unit(rng);
  p.scores.resize(n);
  for (model::FirmIndex i = 0; i < n; ++i)
    if (const auto& a = out.net.firm(i).assessment) p.scores[i] = a->scores;
  for (std::size_t k = 0; k < K; ++k) p.pillars.push_back(static_cast<risk::Pillar>(k % 3));
  p.pillar_strength = 0.5;
  p.classes.urgent_within_tiers = 1 + below(rng, 2);
  p.classes.beginner_below = 0.4;
  for (std::uint32_t q = 0; q < programmes; ++q) {
    ResolvedProgramme r;
    r.id = "p" + std::to_string(q);
    r.slots = 1 + below(rng, 3);
    for (std::size_t k = 0; k < K; ++k) r.effect.push_back(below(rng, 3) == 0 ? 0.0 : unit(rng));
    for (const FirmClass c : kSmeClasses)
      r.eligible[static_cast<std::size_t>(c)] = below(rng, 4) != 0;
    p.programmes.push_back(std::move(r));
  }
  return out;
}

/// J after serving `pairs` (programme, firm), by re-propagation (the reference).
inline double exposure_after(const model::SupplyNetwork& net, const SupportProblem& p,
                             const std::vector<std::pair<std::uint32_t, model::FirmIndex>>& pairs,
                             const risk::LinearOptions& linear = {}) {
  risk::RiskMatrix own = p.own;
  for (const auto& [q, i] : pairs)
    for (std::size_t k = 0; k < p.programmes[q].effect.size(); ++k)
      own(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) *=
          1.0 - p.programmes[q].effect[k];
  const risk::LinearResult r = risk::linear_exposure(net, own, linear);
  double j = 0.0;
  for (const auto t : p.targets) j += r.exposure.row(static_cast<Eigen::Index>(t)).sum();
  return j;
}

}  // namespace diligence::support::test
