// Seeded synthetic supplier networks with a realistic shape, streamed firm by firm and buyer by
// buyer so that 10 million firms and 100 million links need memory for the firms only.
//
// The model (docs/generate.md has the full description and the measured cost):
//  - Six value chains (vehicles and batteries, electronics, machinery, food, textiles, wood and
//    paper), each with six tiers: raw material (mining, agriculture; in resource countries),
//    processing, parts, components, systems, OEMs. Each tier of each chain makes a few products:
//    a NACE Rev. 2 class, the commodity on its links (a name the default risk model knows) and
//    the countries that make it. Parts, components and systems firms sit in industrial complexes
//    (clusters: Noksan, Shenzhen Bao'an, Hsinchu, ...) with Zipf-distributed sizes.
//  - Firm sizes follow the EU size classes (Recommendation 2003/361/EC) with a mix per tier:
//    mostly SMEs in the parts and components tiers, large OEMs with Pareto-tailed headcounts.
//  - Every buyer b draws a number of distinct suppliers d_b ∝ intensity(tier) · employees^0.35 ·
//    LogNormal(0, σ), scaled so that the total matches `links_per_firm`; each supplier is drawn
//    with probability ∝ employees^0.5 · LogNormal(0, 0.6) (a Zipf-like attractiveness, so the
//    numbers of buyers are heavy-tailed too) from tier t−1 (78 %), t−2 (17 %) or further up
//    (5 %), in its own chain (`own_chain`) and, for firms in a cluster, in its own cluster
//    (`local_sourcing`). Choice by a heavy-tailed intrinsic attractiveness is the fitness model
//    of G. Caldarelli et al., "Scale-free networks from varying vertex intrinsic fitness", Phys.
//    Rev. Lett. 89, 258702 (2002). Chosen suppliers are distinct by construction (a per-buyer set
//    of at most d_b entries; no global pair set). Ordinary links go strictly up the tiers.
//  - Cycle-closing links go against the tier order: for a buyer b, the supplier is one of b's own
//    direct or indirect customers c_k (c_1 = one buyer of b chosen by a hash, c_{k+1} = one buyer
//    of c_k), so each closes the cycle b → c_1 → … → c_k → b. Since they go down the tiers they
//    cannot repeat an ordinary pair, and the c_k of one buyer are distinct.
//  - Each buyer states either `share` on all its links (summing to a coverage below 0.96) or
//    `spend_eur` > 0 on all of them, so no buyer falls back to equal weights.
//  - Randomness is counter-based: each firm and each buyer has its own xoshiro256** stream
//    derived from (seed, purpose, index), so any firm or any buyer's links can be produced on
//    their own, in any order, by any thread, with the same result.
//
// Memory: 24 bytes per firm (alias table, attractiveness and product in 16, supplier count, one
// buyer for cycle closing) plus O(max suppliers) per thread; nothing per link.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <diligence/core/date.hpp>
#include <diligence/core/diagnostics.hpp>
#include <diligence/core/random.hpp>
#include <diligence/generate/options.hpp>
#include <diligence/generate/samplers.hpp>
#include <diligence/model/firm.hpp>
#include <diligence/model/network_builder.hpp>
#include <diligence/model/size_class.hpp>
#include <diligence/model/supply_link.hpp>
#include <diligence/model/supply_network.hpp>

namespace diligence::generate {

/// One generated firm. The string views point into the generator (or static tables) and stay
/// valid as long as it lives.
struct GeneratedFirm {
  model::FirmIndex index = 0;
  Tier tier = Tier::kRaw;
  std::uint8_t chain = 0;      ///< value chain, see NetworkGenerator::chain_id
  std::string_view sector;     ///< NACE Rev. 2 class (`C27.20`)
  std::string_view country;    ///< ISO 3166-1 alpha-2
  std::string_view cluster;    ///< industrial complex, or empty
  std::string_view commodity;  ///< what the firm supplies: one name or a `; ` list
  std::uint64_t employees = 0;
  double turnover_eur = 0.0;              ///< whole euros
  std::optional<double> eu_turnover_eur;  ///< large non-EU firms of the upper tiers only
  bool exporter = false;
  std::uint32_t certifications = 0;                  ///< bit i = certification_name(i)
  std::optional<model::PillarScores> assessment;     ///< self-assessment E, S, G in [0,1]
  std::optional<model::DueDiligence> due_diligence;  ///< evidence for an auditor

  /// EU size class from employees and turnover.
  [[nodiscard]] model::SizeClass size_class() const noexcept {
    return model::classify_size(employees, turnover_eur);
  }
};

/// One generated link. Exactly one of `spend_eur` and `share` is set (the same one on every link
/// into a buyer).
struct GeneratedLink {
  model::FirmIndex supplier = 0;
  model::FirmIndex buyer = 0;
  std::optional<double> spend_eur;  ///< whole euros, ≥ 1
  std::optional<double> share;      ///< multiple of 1e-7, > 0
  std::string_view commodity;       ///< the supplier's commodity (one name or a `; ` list)
  model::Contract contract;         ///< stated on some links
  bool closes_cycle = false;        ///< goes against the tier order and closes a cycle
};

/// Working memory of NetworkGenerator::links_into: one per thread, reused across buyers.
struct LinkScratch {
  std::vector<model::FirmIndex> suppliers;
  std::vector<model::FirmIndex> table;  ///< open-addressing set of chosen suppliers (+1; 0 = empty)
  std::vector<double> value;
  std::vector<model::FirmIndex> chain;
};

/// Counts of what a full pass over the links produced.
struct LinkCounts {
  std::uint64_t links = 0;
  std::uint64_t cycle_links = 0;   ///< links that close a cycle
  std::uint64_t share_buyers = 0;  ///< buyers that state shares
  std::uint64_t spend_buyers = 0;  ///< buyers that state spend
};

/// Lays out a synthetic network and produces its firms and links on demand.
///
/// The constructor fixes the firms' tiers, chains, clusters and products, draws every firm's
/// size, attractiveness and supplier count (O(n)), builds the alias tables for supplier choice
/// (O(n)) and, when `cycle_share > 0`, runs one pass over all ordinary links to pick one buyer
/// per firm for cycle closing (O(links), no per-link memory). After that every member is const
/// and thread-safe (links_into takes its own scratch).
///
/// Firm i has id `id_prefix(tier) + i` (`R0`, `P1203`, `O999999`); firms are numbered tier by
/// tier, upstream first, then by chain and cluster.
class NetworkGenerator {
 public:
  /// @param progress called during the cycle pass (phase "cycles", done/total buyers), from the
  ///   calling thread.
  /// @param threads threads for the cycle pass (0 = one per hardware thread); the network does
  ///   not depend on it.
  /// @throws std::invalid_argument when `options.problem()` is not empty.
  explicit NetworkGenerator(GeneratorOptions options, const ProgressCallback& progress = {},
                            unsigned threads = 1);

  [[nodiscard]] const GeneratorOptions& options() const noexcept { return options_; }
  [[nodiscard]] std::size_t num_firms() const noexcept { return static_cast<std::size_t>(n_); }
  /// Tier of firm i. O(1).
  [[nodiscard]] Tier tier(model::FirmIndex i) const noexcept;
  /// Firms of tier t are [tier_begin(t), tier_begin(t+1)).
  [[nodiscard]] model::FirmIndex tier_begin(std::size_t t) const noexcept { return tier_begin_[t]; }
  /// Id of firm i (`C1234`).
  [[nodiscard]] std::string id(model::FirmIndex i) const;
  /// Writes the id of firm i to `out` (at least 12 chars) and returns its length.
  std::size_t write_id(model::FirmIndex i, char* out) const noexcept;
  /// All attributes of firm i. O(log clusters).
  [[nodiscard]] GeneratedFirm firm(model::FirmIndex i) const;
  /// Number of ordinary suppliers firm i asks for (it gets fewer only when it cannot find them).
  [[nodiscard]] std::uint32_t planned_suppliers(model::FirmIndex i) const noexcept {
    return degree_[i];
  }
  /// Expected number of links (ordinary plus cycle-closing).
  [[nodiscard]] double expected_links() const noexcept;
  /// Number of clusters and their names.
  [[nodiscard]] std::size_t num_clusters() const noexcept { return clusters_.size(); }
  [[nodiscard]] std::string_view cluster_name(std::size_t k) const { return clusters_.at(k).slug; }
  /// Id of value chain c (`vehicles_batteries`, `electronics`, `machinery`, `food`, `textiles`,
  /// `wood_paper`).
  [[nodiscard]] static std::string_view chain_id(std::size_t c);
  /// Name of certification bit i.
  [[nodiscard]] static std::string_view certification_name(std::size_t i);
  [[nodiscard]] static std::size_t num_certifications() noexcept;

  /// Calls f(const GeneratedFirm&) for every firm in index order. O(n).
  template <typename F>
  void for_each_firm(F&& f) const;
  /// Calls f(const GeneratedLink&) for every link into buyer b: its ordinary suppliers first (in
  /// draw order), then its cycle-closing ones. O(d_b) expected.
  template <typename F>
  void links_into(model::FirmIndex b, LinkScratch& scratch, F&& f) const;
  /// links_into for the buyers [first, last) in order; returns what it produced.
  template <typename F>
  LinkCounts for_each_link(F&& f, model::FirmIndex first = 0,
                           model::FirmIndex last = model::kNoFirm) const;

 private:
  static constexpr std::uint32_t kNoCluster = 0xFFFFFFFFu;
  struct Segment {  // firms of one (tier, chain, cluster), contiguous
    model::FirmIndex begin, end;
    std::uint8_t tier, chain;
    std::uint32_t cluster;  // kNoCluster for firms outside clusters
  };
  struct Group {  // the segments of one (tier, chain)
    std::uint32_t first = 0, last = 0;
    double weight = 0.0;
    AliasTable pick;  // over the group's segments, by attractiveness
  };
  struct Cluster {
    std::string slug;
    std::string_view country;
    std::uint8_t chains;
    double weight;
  };
  struct Product {
    const void* spec;  // detail::ProductSpec
    std::vector<std::string_view> countries;
    std::vector<double> cdf;  // cumulative country weights
    bool palm = false, cocoa_coffee = false, fair = false, mining = false;
  };
  struct ProductList {
    std::vector<std::uint8_t> ids;
    std::vector<double> cdf;
  };
  struct Core {  // the attributes fixed in the constructor's first pass
    std::uint8_t product;
    std::string_view country;
    std::uint64_t employees;
    double turnover;
    std::optional<double> eu_turnover;
    double weight;
    double intensity;
  };

  enum Stream : std::uint64_t {
    kCore = 1,
    kDetail,
    kForward,
    kValue,
    kClusters,
    kDegree,
    kBuyerHash
  };
  [[nodiscard]] std::uint64_t stream_seed(Stream s, std::uint64_t index) const noexcept;
  [[nodiscard]] const Segment& segment_of(model::FirmIndex i) const noexcept;
  [[nodiscard]] Core core(model::FirmIndex i, const Segment& s) const;
  [[nodiscard]] GeneratedFirm make_firm(model::FirmIndex i, const Segment& s) const;
  [[nodiscard]] model::FirmIndex draw_supplier(Rng& rng, const Segment& buyer) const noexcept;
  void forward_suppliers(model::FirmIndex b, LinkScratch& scratch) const;
  void layout();
  void draw_sizes_and_degrees(unsigned threads);
  void build_alias_tables();
  void pick_cycle_buyers(const ProgressCallback& progress, unsigned threads);

  GeneratorOptions options_;
  std::uint64_t n_ = 0;
  std::array<std::uint64_t, 8> stream_base_{};
  std::array<model::FirmIndex, kNumTiers + 1> tier_begin_{};
  std::vector<Cluster> clusters_;
  std::vector<Product> products_;
  std::array<std::array<ProductList, 6>, kNumTiers> product_lists_;
  std::vector<Segment> segments_;
  std::array<std::array<Group, 6>, kNumTiers> groups_;
  std::array<AliasTable, kNumTiers> chain_pick_;  // per tier: chains by weight
  std::array<std::vector<std::uint8_t>, kNumTiers> chain_ids_;
  std::array<AliasTable, kNumTiers> upstream_pick_;  // per buyer tier: supplier tier
  std::array<std::vector<std::uint8_t>, kNumTiers> upstream_tiers_;
  // Per firm.
  struct Slot {              // what supplier choice reads, in one 16-byte cache-line quarter
    float keep;              // alias table: keep this firm with this probability ...
    model::FirmIndex alias;  // ... else take this one
    float weight;            // attractiveness as a supplier
    std::uint8_t product;
  };
  std::vector<Slot> slot_;
  std::vector<std::uint32_t> degree_;
  std::vector<model::FirmIndex> first_buyer_;  // empty without cycles
  double planned_forward_ = 0.0;
  double back_per_link_ = 0.0;  // probability of a cycle link per ordinary link
};

/// The model::Firm of a generated firm (for NetworkBuilder).
[[nodiscard]] model::Firm to_firm(const NetworkGenerator& gen, const GeneratedFirm& f);
/// The model::SupplyLink of a generated link.
[[nodiscard]] model::SupplyLink to_link(const NetworkGenerator& gen, const GeneratedLink& l);
/// Builds the whole network in memory (for tests and small networks; the CSV writers stream).
/// @throws ValidationError only if the generator broke a rule of the format (a bug).
[[nodiscard]] model::SupplyNetwork build_network(const NetworkGenerator& gen,
                                                 model::BuildOptions options = {});

}  // namespace diligence::generate

#include <diligence/generate/detail/generator_impl.hpp>
