// Options of the synthetic supplier-network generator: size and seed, density, the share of links
// that close cycles, how buyers state their weights, the tier mix, industrial clusters and how
// much self-assessment and due-diligence evidence the firms show. Every default is documented
// here and in docs/generate.md.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <diligence/core/date.hpp>

namespace diligence::generate {

/// Number of tiers (levels of the value chain) the generator lays out.
inline constexpr std::size_t kNumTiers = 6;

/// Level of a firm in its value chain, upstream first. Ordinary links go from a lower tier to a
/// higher one; only cycle-closing links go the other way.
enum class Tier : std::uint8_t {
  kRaw,         ///< raw material: mining and agriculture, in resource countries
  kProcessing,  ///< smelting, refining, crushing, spinning, sawmilling
  kParts,       ///< parts and materials: many SMEs, often in industrial complexes
  kComponents,  ///< components: SMEs and mid-caps, often in industrial complexes
  kSystems,     ///< systems and modules (the OEMs' direct suppliers): mostly medium and large
  kOem          ///< final producers and brands: a few large firms in the EU, Korea, Japan, the US
};

inline constexpr std::array<Tier, kNumTiers> kAllTiers = {
    Tier::kRaw, Tier::kProcessing, Tier::kParts, Tier::kComponents, Tier::kSystems, Tier::kOem};

[[nodiscard]] constexpr std::string_view to_string(Tier t) noexcept {
  switch (t) {
    case Tier::kRaw:
      return "raw";
    case Tier::kProcessing:
      return "processing";
    case Tier::kParts:
      return "parts";
    case Tier::kComponents:
      return "components";
    case Tier::kSystems:
      return "systems";
    case Tier::kOem:
      return "oem";
  }
  return "raw";
}

/// The letter that starts the ids of a tier's firms (`R17`, `O999812`): R, P, M, C, S, O.
[[nodiscard]] constexpr char id_prefix(Tier t) noexcept {
  constexpr char kLetters[] = {'R', 'P', 'M', 'C', 'S', 'O'};
  return kLetters[static_cast<std::size_t>(t)];
}

/// Options of NetworkGenerator. The defaults give a network with about 10 links per firm, 1 % of
/// them closing cycles, in the tier shape described in docs/generate.md.
struct GeneratorOptions {
  /// Number of firms, 1 … 4 000 000 000.
  std::uint64_t firms = 1000;
  /// Seed of every random choice; the same options and seed give the same network.
  std::uint64_t seed = 1;
  /// Mean number of links per firm (links ≈ firms × links_per_firm), ≥ 0. Small networks and
  /// tiny tiers can end up with fewer: a buyer never gets more suppliers than it can find.
  double links_per_firm = 10.0;
  /// Share of all links that close a cycle (a firm supplies one of its own direct or indirect
  /// customers), in [0, 0.5].
  double cycle_share = 0.01;
  /// Longest cycle a cycle-closing link creates, in firms: 2 (two firms supply each other) … 16.
  std::uint32_t max_cycle_length = 4;
  /// Share of buyers that state `share` (share of their procurement, summing to less than 1)
  /// instead of `spend_eur` on their supplier links, in [0,1]. Every buyer states one or the other
  /// on all of its links, so no buyer falls back to equal weights.
  double share_buyers = 0.2;
  /// Relative number of firms per tier (raw, processing, parts, components, systems, OEM);
  /// non-negative, normalised. With at least six firms every tier with a positive entry gets a
  /// firm.
  std::array<double, kNumTiers> tier_mix = {0.12, 0.08, 0.42, 0.28, 0.09, 0.01};
  /// Number of industrial complexes (clusters) for the parts, components and systems tiers;
  /// 0 = automatic: max(38, firms / 5000). The first 38 are named after real Asian complexes
  /// (Noksan, Shenzhen Bao'an, Hsinchu, ...), the rest are `cn-park-57` and the like.
  std::uint32_t clusters = 0;
  /// Share of the parts and components firms that sit in a cluster (systems firms: half of it),
  /// in [0,1].
  double cluster_membership = 0.6;
  /// Probability that a firm in a cluster buys an input inside its own cluster (when the cluster
  /// has firms of that tier and value chain), in [0,1].
  double local_sourcing = 0.5;
  /// Probability that a buyer buys an input within its own value chain (batteries and cars,
  /// electronics, machinery, food, textiles, wood), in [0,1]; otherwise from any chain.
  double own_chain = 0.85;
  /// Log-normal σ of the buyer's supplier count around its size-driven mean (heavier tail when
  /// larger), in [0, 3].
  double degree_sigma = 0.8;
  /// Most suppliers one buyer gets (caps the heavy tail), ≥ 1.
  std::uint32_t max_suppliers = 50000;
  /// Share of firms (other than OEMs, which always have one) with a self-assessment (E, S, G
  /// scores), in [0,1].
  double assessment_share = 0.25;
  /// Share of large non-OEM firms that show due-diligence evidence (OEMs always do; SMEs rarely),
  /// in [0,1].
  double evidence_share = 0.5;
  /// The scenario date; evidence and contract dates lie before it.
  Date as_of = Date(2029, 9, 1);
  /// Scenario name written to the YAML file.
  std::string name = "synthetic supplier network";

  /// What is wrong with these options, or an empty string when they are valid.
  [[nodiscard]] std::string problem() const {
    auto unit = [](double v) { return std::isfinite(v) && v >= 0.0 && v <= 1.0; };
    if (firms < 1 || firms > 4'000'000'000ull) return "firms must be between 1 and 4000000000";
    if (!std::isfinite(links_per_firm) || links_per_firm < 0.0 || links_per_firm > 1e6)
      return "links_per_firm must be a number between 0 and 1000000";
    if (!std::isfinite(cycle_share) || cycle_share < 0.0 || cycle_share > 0.5)
      return "cycle_share must be in [0, 0.5]";
    if (max_cycle_length < 2 || max_cycle_length > 16) return "max_cycle_length must be in 2..16";
    if (!unit(share_buyers)) return "share_buyers must be in [0,1]";
    double total = 0.0;
    for (const double t : tier_mix) {
      if (!std::isfinite(t) || t < 0.0) return "tier_mix entries must be finite and ≥ 0";
      total += t;
    }
    if (!(total > 0.0)) return "tier_mix must have a positive entry";
    if (clusters > 1'000'000) return "clusters must be at most 1000000";
    if (!unit(cluster_membership)) return "cluster_membership must be in [0,1]";
    if (!unit(local_sourcing)) return "local_sourcing must be in [0,1]";
    if (!unit(own_chain)) return "own_chain must be in [0,1]";
    if (!std::isfinite(degree_sigma) || degree_sigma < 0.0 || degree_sigma > 3.0)
      return "degree_sigma must be in [0,3]";
    if (max_suppliers < 1) return "max_suppliers must be at least 1";
    if (!unit(assessment_share)) return "assessment_share must be in [0,1]";
    if (!unit(evidence_share)) return "evidence_share must be in [0,1]";
    if (as_of.year() < 1980 || as_of.year() > 9999) return "as_of must lie in 1980..9999";
    return {};
  }
};

}  // namespace diligence::generate
