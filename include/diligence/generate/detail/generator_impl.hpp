// Bodies of NetworkGenerator (generator.hpp): layout of tiers, chains and clusters, firm sizes and
// supplier counts, the alias tables for supplier choice, the cycle-closing pass, and the per-firm
// and per-buyer streams.
#pragma once

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include <diligence/generate/detail/tables.hpp>

namespace diligence::generate {
namespace detail {

/// A bijective 64-bit mixer (the splitmix64 finaliser without its state).
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// Splits `total` by `weights` (non-negative) into whole numbers that sum to `total`: floors
/// first, the rest to the largest remainders (ties: lower index).
[[nodiscard]] inline std::vector<std::uint64_t> largest_remainder(std::uint64_t total,
                                                                  const std::vector<double>& w) {
  std::vector<std::uint64_t> out(w.size(), 0);
  double sum = 0.0;
  for (const double x : w) sum += x;
  if (w.empty() || !(sum > 0.0)) return out;
  std::vector<std::pair<double, std::size_t>> rest;
  std::uint64_t given = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const double exact = static_cast<double>(total) * w[i] / sum;
    out[i] = std::min<std::uint64_t>(total - given, static_cast<std::uint64_t>(std::floor(exact)));
    given += out[i];
    rest.emplace_back(-(exact - std::floor(exact)), i);
  }
  std::sort(rest.begin(), rest.end());
  for (std::size_t k = 0; given < total; k = (k + 1) % rest.size()) {
    if (w[rest[k].second] > 0.0) {
      ++out[rest[k].second];
      ++given;
    }
  }
  return out;
}

/// Parses `"CD:70 ID:10"` into codes (views into the literal) and cumulative weights.
inline void parse_weights(std::string_view text, std::vector<std::string_view>& codes,
                          std::vector<double>& cdf) {
  double total = 0.0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (pos >= text.size()) break;
    const std::size_t colon = text.find(':', pos);
    std::size_t end = text.find(' ', colon);
    if (end == std::string_view::npos) end = text.size();
    double w = 0.0;
    std::from_chars(text.data() + colon + 1, text.data() + end, w);
    codes.push_back(text.substr(pos, colon - pos));
    total += w;
    cdf.push_back(total);
    pos = end;
  }
}

/// Index of the first cdf entry above u·total.
[[nodiscard]] inline std::size_t pick_cdf(const std::vector<double>& cdf, double u) noexcept {
  const double x = u * cdf.back();
  std::size_t i = 0;
  while (i + 1 < cdf.size() && !(x < cdf[i])) ++i;
  return i;
}

/// Whether the space-separated list of codes contains `code`.
[[nodiscard]] constexpr bool in_list(std::string_view list, std::string_view code) noexcept {
  for (std::size_t i = 0; i + 1 < list.size(); i += 3)
    if (list[i] == code[0] && list[i + 1] == code[1]) return true;
  return false;
}

[[nodiscard]] inline double clamp01(double v) noexcept { return std::min(1.0, std::max(0.0, v)); }
[[nodiscard]] inline double round2(double v) noexcept { return std::round(v * 100.0) / 100.0; }

/// Runs f(k) for k in [0, blocks) on `threads` threads (this one included): thread w takes blocks
/// w, w + T, w + 2T, ... Results must not depend on which thread runs a block.
template <typename F>
void parallel_blocks(std::uint64_t blocks, unsigned threads, F&& f) {
  const auto count =
      static_cast<unsigned>(std::max<std::uint64_t>(1, std::min<std::uint64_t>(threads, blocks)));
  auto work = [&](unsigned w) {
    for (std::uint64_t k = w; k < blocks; k += count) f(k);
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < count; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& t : pool) t.join();
}

}  // namespace detail

inline NetworkGenerator::NetworkGenerator(GeneratorOptions options,
                                          const ProgressCallback& progress, unsigned threads)
    : options_(std::move(options)) {
  if (const std::string problem = options_.problem(); !problem.empty())
    throw std::invalid_argument("generate: " + problem);
  n_ = options_.firms;
  for (std::uint64_t s = 0; s < stream_base_.size(); ++s)
    stream_base_[s] = detail::mix64(options_.seed ^ detail::mix64(s * 0x632BE59BD9B4E019ull));
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, 64u);
  layout();
  draw_sizes_and_degrees(threads);
  build_alias_tables();
  if (options_.cycle_share > 0.0) pick_cycle_buyers(progress, threads);
}

inline std::uint64_t NetworkGenerator::stream_seed(Stream s, std::uint64_t index) const noexcept {
  return detail::mix64(stream_base_[s] + index);
}

inline std::string_view NetworkGenerator::chain_id(std::size_t c) {
  return detail::kChains.at(c).id;
}
inline std::string_view NetworkGenerator::certification_name(std::size_t i) {
  return detail::kCertifications[i];
}
inline std::size_t NetworkGenerator::num_certifications() noexcept {
  return std::size(detail::kCertifications);
}

inline Tier NetworkGenerator::tier(model::FirmIndex i) const noexcept {
  std::size_t t = 0;
  while (t + 1 < kNumTiers && i >= tier_begin_[t + 1]) ++t;
  return static_cast<Tier>(t);
}

inline std::size_t NetworkGenerator::write_id(model::FirmIndex i, char* out) const noexcept {
  out[0] = id_prefix(tier(i));
  const auto r = std::to_chars(out + 1, out + 12, i);
  return static_cast<std::size_t>(r.ptr - out);
}

inline std::string NetworkGenerator::id(model::FirmIndex i) const {
  char buf[16];
  return std::string(buf, write_id(i, buf));
}

inline double NetworkGenerator::expected_links() const noexcept {
  return planned_forward_ *
         (1.0 +
          (options_.cycle_share > 0.0 ? options_.cycle_share / (1.0 - options_.cycle_share) : 0.0));
}

// --- layout: tiers, chains, clusters, products ------------------------------------------------

inline void NetworkGenerator::layout() {
  using detail::kChains;
  // Products per (tier, chain), and each product's producing countries.
  products_.reserve(std::size(detail::kProducts));
  for (const auto& spec : detail::kProducts) {
    Product p;
    p.spec = &spec;
    detail::parse_weights(spec.countries, p.countries, p.cdf);
    p.palm = spec.commodity.find("palm oil") != std::string_view::npos;
    p.cocoa_coffee = spec.commodity == "cocoa" || spec.commodity == "coffee";
    p.fair = p.cocoa_coffee || spec.commodity == "sugar" || spec.commodity == "cotton";
    p.mining = spec.sector[0] == 'B';
    auto& list = product_lists_[spec.tier][spec.chain];
    list.ids.push_back(static_cast<std::uint8_t>(products_.size()));
    list.cdf.push_back((list.cdf.empty() ? 0.0 : list.cdf.back()) + spec.share);
    products_.push_back(std::move(p));
  }

  // Clusters: the named complexes first, then generated ones; Zipf sizes over that order.
  const std::size_t named = std::size(detail::kNamedClusters);
  const std::uint64_t wanted =
      options_.clusters != 0 ? options_.clusters : std::max<std::uint64_t>(named, n_ / 5000);
  std::vector<std::string_view> cluster_countries;
  std::vector<double> cluster_country_cdf;
  detail::parse_weights(detail::kClusterCountries, cluster_countries, cluster_country_cdf);
  std::vector<double> chain_cdf;
  for (const auto& c : kChains)
    chain_cdf.push_back((chain_cdf.empty() ? 0.0 : chain_cdf.back()) + c.share);
  for (std::uint64_t k = 0; k < wanted; ++k) {
    Cluster c;
    c.weight = zipf_weight(k + 1, 0.8);
    if (k < named) {
      const auto& spec = detail::kNamedClusters[k];
      c.slug = std::string(spec.slug);
      c.country = spec.country;
      c.chains = spec.chains;
    } else {
      Rng r(stream_seed(kClusters, k));
      c.country = cluster_countries[detail::pick_cdf(cluster_country_cdf, r.uniform())];
      c.chains = static_cast<std::uint8_t>(1u << detail::pick_cdf(chain_cdf, r.uniform()));
      if (r.bernoulli(0.4))
        c.chains =
            static_cast<std::uint8_t>(c.chains | 1u << detail::pick_cdf(chain_cdf, r.uniform()));
      c.slug = std::string{static_cast<char>(c.country[0] - 'A' + 'a'),
                           static_cast<char>(c.country[1] - 'A' + 'a')} +
               "-park-" + std::to_string(k + 1 - named);
    }
    clusters_.push_back(std::move(c));
  }

  // Tier sizes: the mix, with at least one firm in every tier that has a positive share.
  std::vector<double> mix(options_.tier_mix.begin(), options_.tier_mix.end());
  auto tier_sizes = detail::largest_remainder(n_, mix);
  std::size_t positive = 0;
  for (const double m : mix) positive += m > 0.0 ? 1 : 0;
  if (n_ >= positive)
    for (std::size_t t = 0; t < kNumTiers; ++t)
      if (mix[t] > 0.0 && tier_sizes[t] == 0) {
        const auto biggest = std::max_element(tier_sizes.begin(), tier_sizes.end());
        --*biggest;
        ++tier_sizes[t];
      }

  // Segments: tier, then chain, then cluster (ascending; firms outside clusters last).
  std::vector<double> chain_shares;
  for (const auto& c : kChains) chain_shares.push_back(c.share);
  model::FirmIndex next = 0;
  for (std::size_t t = 0; t < kNumTiers; ++t) {
    tier_begin_[t] = next;
    const auto chain_sizes = detail::largest_remainder(tier_sizes[t], chain_shares);
    for (std::size_t c = 0; c < kChains.size(); ++c) {
      Group& g = groups_[t][c];
      g.first = static_cast<std::uint32_t>(segments_.size());
      const std::uint64_t size = chain_sizes[c];
      double membership = 0.0;
      if (t == 2 || t == 3) membership = options_.cluster_membership;
      if (t == 4) membership = options_.cluster_membership / 2;
      std::vector<std::uint32_t> serving;
      std::vector<double> weights;
      for (std::uint32_t k = 0; k < clusters_.size(); ++k)
        if (clusters_[k].chains & (1u << c)) {
          serving.push_back(k);
          weights.push_back(clusters_[k].weight);
        }
      std::uint64_t members = 0;
      if (membership > 0.0 && !serving.empty()) {
        members = static_cast<std::uint64_t>(std::llround(static_cast<double>(size) * membership));
        const auto counts = detail::largest_remainder(members, weights);
        for (std::size_t j = 0; j < serving.size(); ++j)
          if (counts[j] > 0) {
            segments_.push_back({next, static_cast<model::FirmIndex>(next + counts[j]),
                                 static_cast<std::uint8_t>(t), static_cast<std::uint8_t>(c),
                                 serving[j]});
            next = static_cast<model::FirmIndex>(next + counts[j]);
          }
      }
      if (size > members) {
        segments_.push_back({next, static_cast<model::FirmIndex>(next + (size - members)),
                             static_cast<std::uint8_t>(t), static_cast<std::uint8_t>(c),
                             kNoCluster});
        next = static_cast<model::FirmIndex>(next + (size - members));
      }
      g.last = static_cast<std::uint32_t>(segments_.size());
    }
  }
  tier_begin_[kNumTiers] = next;
}

inline const NetworkGenerator::Segment& NetworkGenerator::segment_of(
    model::FirmIndex i) const noexcept {
  const auto it =
      std::upper_bound(segments_.begin(), segments_.end(), i,
                       [](model::FirmIndex x, const Segment& s) { return x < s.begin; });
  return *(it - 1);
}

// --- firm attributes --------------------------------------------------------------------------

inline NetworkGenerator::Core NetworkGenerator::core(model::FirmIndex i, const Segment& s) const {
  Rng r(stream_seed(kCore, i));
  Core c{};
  const ProductList& list = product_lists_[s.tier][s.chain];
  c.product = list.ids[detail::pick_cdf(list.cdf, r.uniform())];
  const Product& p = products_[c.product];
  const double country_u = r.uniform();
  c.country = s.cluster != kNoCluster ? clusters_[s.cluster].country
                                      : p.countries[detail::pick_cdf(p.cdf, country_u)];
  // Size class by the tier's mix, then headcount within the class.
  const double* mix = detail::kSizeMix[s.tier];
  const double u = r.uniform();
  std::size_t cls = 0;
  for (double acc = mix[0]; cls < 3 && !(u < acc); acc += mix[++cls]) {
  }
  const double v = r.uniform();
  double employees = 0.0;
  switch (cls) {
    case 0:
      employees = std::floor(std::exp(v * std::log(10.0)));
      break;  // 1..9
    case 1:
      employees = std::floor(10.0 * std::exp(v * std::log(5.0)));
      break;  // 10..49
    case 2:
      employees = std::floor(50.0 * std::exp(v * std::log(5.0)));
      break;  // 50..249
    default:
      employees = s.tier == static_cast<std::uint8_t>(Tier::kOem)
                      ? std::min(600'000.0, std::floor(sample_pareto(r, 2000.0, 1.1)))
                      : std::min(400'000.0, std::floor(sample_pareto(r, 250.0, 1.3)));
  }
  c.employees = static_cast<std::uint64_t>(std::max(1.0, employees));
  // Turnover: headcount × productivity of the country group, within the class's ceiling.
  const double productivity =
      (detail::in_list(detail::kHighIncome, c.country)  ? detail::kProductivityHigh
       : detail::in_list(detail::kLowIncome, c.country) ? detail::kProductivityLow
                                                        : detail::kProductivityMiddle) *
      sample_lognormal(r, 0.0, 0.45);
  double turnover = static_cast<double>(c.employees) * productivity;
  constexpr double kCeiling[3] = {2e6, 10e6, 50e6};
  const double w = r.uniform();
  if (cls < 3 && turnover > kCeiling[cls]) turnover = kCeiling[cls] * (0.4 + 0.6 * w);
  c.turnover = std::max(1000.0, std::round(turnover));
  const double eu_share = r.uniform();
  if (s.tier >= static_cast<std::uint8_t>(Tier::kComponents) && c.employees >= 250 &&
      !detail::in_list(detail::kEuMembers, c.country))
    c.eu_turnover = std::round(c.turnover * (0.05 + 0.35 * eu_share));
  // Attractiveness as a supplier and appetite for suppliers, both growing with size.
  c.weight = std::pow(static_cast<double>(c.employees), 0.5) * sample_lognormal(r, 0.0, 0.6);
  c.intensity = detail::kTierIntensity[s.tier] * std::pow(static_cast<double>(c.employees), 0.35) *
                sample_lognormal(r, 0.0, options_.degree_sigma);
  return c;
}

inline GeneratedFirm NetworkGenerator::make_firm(model::FirmIndex i, const Segment& s) const {
  const Core c = core(i, s);
  const Product& p = products_[c.product];
  const auto& spec = *static_cast<const detail::ProductSpec*>(p.spec);
  GeneratedFirm f;
  f.index = i;
  f.tier = static_cast<Tier>(s.tier);
  f.chain = s.chain;
  f.sector = spec.sector;
  f.country = c.country;
  f.cluster =
      s.cluster != kNoCluster ? std::string_view(clusters_[s.cluster].slug) : std::string_view();
  f.commodity = spec.commodity;
  f.employees = c.employees;
  f.turnover_eur = c.turnover;
  f.eu_turnover_eur = c.eu_turnover;

  Rng r(stream_seed(kDetail, i));
  const model::SizeClass size = f.size_class();
  const std::size_t k = size == model::SizeClass::kMicro    ? 0
                        : size == model::SizeClass::kSmall  ? 1
                        : size == model::SizeClass::kMedium ? 2
                                                            : 3;
  const bool oem = f.tier == Tier::kOem;
  const bool high = detail::in_list(detail::kHighIncome, c.country);
  const bool low = detail::in_list(detail::kLowIncome, c.country);
  // Maturity of the firm's sustainability management, in [0,1]: drives scores and evidence.
  constexpr double kMaturity[4] = {0.25, 0.35, 0.45, 0.6};
  const double m = detail::clamp01(kMaturity[k] +
                                   (high  ? 0.1
                                    : low ? -0.05
                                          : 0.0) +
                                   (oem ? 0.1 : 0.0) + 0.15 * sample_normal(r));
  constexpr double kExport[6] = {0.4, 0.5, 0.3, 0.5, 0.6, 0.9};
  f.exporter = r.bernoulli(kExport[s.tier] + (s.cluster != kNoCluster ? 0.2 : 0.0));

  // Certifications: by size class, and by chain, product or tier where a standard applies.
  auto maybe = [&](std::size_t bit, const std::array<double, 4>& p_by_class, bool applies) {
    if (applies && r.bernoulli(p_by_class[k])) f.certifications |= 1u << bit;
  };
  const std::uint8_t t = s.tier;
  maybe(0, {0.02, 0.08, 0.25, 0.55}, true);                              // ISO14001
  maybe(1, {0.01, 0.05, 0.15, 0.40}, true);                              // ISO45001
  maybe(2, {0.0, 0.01, 0.05, 0.20}, true);                               // ISO50001
  maybe(3, {0.005, 0.02, 0.05, 0.08}, t >= 1 && t <= 4 && !high);        // SA8000
  maybe(4, {0.0, 0.02, 0.10, 0.35}, s.chain == 1 && t >= 2);             // RBA-VAP
  maybe(5, {0.02, 0.15, 0.45, 0.70}, s.chain == 0 && t >= 2 && t <= 4);  // IATF16949
  maybe(6, {0.05, 0.10, 0.20, 0.35}, s.chain == 5);                      // FSC
  maybe(7, {0.05, 0.10, 0.30, 0.50}, p.palm);                            // RSPO
  maybe(8, {0.05, 0.08, 0.10, 0.10}, p.fair && t <= 1);                  // Fairtrade
  maybe(9, {0.05, 0.10, 0.15, 0.20}, p.cocoa_coffee && t <= 2);          // Rainforest Alliance
  maybe(10, {0.0, 0.0, 0.02, 0.08}, p.mining);                           // IRMA

  if (oem || r.bernoulli(options_.assessment_share)) {
    model::PillarScores scores;
    scores.e = detail::round2(detail::clamp01(m + 0.1 * sample_normal(r)));
    scores.s = detail::round2(detail::clamp01(m + 0.1 * sample_normal(r)));
    scores.g = detail::round2(detail::clamp01(m + 0.1 * sample_normal(r)));
    f.assessment = scores;
  }

  constexpr double kEvidence[4] = {0.02, 0.06, 0.2, 1.0};  // × evidence_share
  if (oem || r.bernoulli(options_.evidence_share * kEvidence[k])) {
    const double given = oem ? 0.97 : 0.9;
    model::DueDiligence d;
    auto days_before = [&](double span) {
      return Date::from_days(options_.as_of.days() -
                             static_cast<std::int32_t>(std::floor(r.uniform() * span)));
    };
    if (r.bernoulli(given)) d.policy_reviewed = days_before(60.0 + 900.0 * (1.1 - m));
    if (r.bernoulli(given)) d.code_of_conduct = r.bernoulli(0.5 + 0.5 * m);
    if (r.bernoulli(given)) d.risk_assessment = days_before(60.0 + 1000.0 * (1.1 - m));
    if (r.bernoulli(given))
      d.mapped_tiers =
          static_cast<std::uint32_t>(1 + r.below(1 + static_cast<std::uint64_t>(3.0 * m + 0.5)));
    if (r.bernoulli(given))
      d.prevention_plans = detail::round2(detail::clamp01(m + 0.15 * sample_normal(r)));
    if (r.bernoulli(given))
      d.contractual_assurances = detail::round2(detail::clamp01(m + 0.15 * sample_normal(r)));
    if (r.bernoulli(given)) d.sme_support = r.bernoulli(0.8 * m);
    if (r.bernoulli(given)) d.complaints_procedure = r.bernoulli(0.3 + 0.6 * m);
    if (r.bernoulli(given)) d.stakeholder_engagement = r.bernoulli(0.2 + 0.6 * m);
    if (r.bernoulli(given)) d.remediation = r.bernoulli(0.2 + 0.6 * m);
    if (r.bernoulli(given)) d.annual_statement = r.bernoulli(0.3 + 0.6 * m);
    if (r.bernoulli(given)) d.transition_plan = r.bernoulli(0.1 + 0.6 * m);
    f.due_diligence = d;
  }
  return f;
}

inline GeneratedFirm NetworkGenerator::firm(model::FirmIndex i) const {
  if (i >= n_) throw std::out_of_range("generate: firm index out of range");
  return make_firm(i, segment_of(i));
}

template <typename F>
void NetworkGenerator::for_each_firm(F&& f) const {
  for (const Segment& s : segments_)
    for (model::FirmIndex i = s.begin; i < s.end; ++i) f(make_firm(i, s));
}

// --- sizes, supplier counts and alias tables --------------------------------------------------

inline void NetworkGenerator::draw_sizes_and_degrees(unsigned threads) {
  slot_.resize(n_);
  degree_.assign(n_, 0);
  std::vector<float> intensity(n_, 0.0f);
  constexpr std::uint64_t kBlock = 1 << 16;
  detail::parallel_blocks((n_ + kBlock - 1) / kBlock, threads, [&](std::uint64_t k) {
    const auto begin = static_cast<model::FirmIndex>(k * kBlock);
    const auto end = static_cast<model::FirmIndex>(std::min(n_, (k + 1) * kBlock));
    const Segment* s = &segment_of(begin);
    for (model::FirmIndex i = begin; i < end; ++i) {
      while (i >= s->end) ++s;
      const Core c = core(i, *s);
      slot_[i].product = c.product;
      slot_[i].weight = static_cast<float>(c.weight);
      if (s->tier > 0) intensity[i] = static_cast<float>(c.intensity);
    }
  });
  // Sums in index order, so that they do not depend on the threads.
  double total_intensity = 0.0;
  for (model::FirmIndex i = tier_begin_[1]; i < n_; ++i) total_intensity += intensity[i];
  const std::uint64_t buyers = n_ - tier_begin_[1];
  if (buyers == 0) return;
  // Calibrate: expected supplier counts base + scale·x_b, capped by what the buyer can reach and
  // by max_suppliers, must add up to the ordinary links wanted. Bisection on the scale.
  const double wanted =
      options_.links_per_firm * static_cast<double>(n_) * (1.0 - options_.cycle_share);
  const double base = wanted >= static_cast<double>(buyers) ? 1.0 : 0.0;
  // A tier-t buyer can reach the firms of tiers 0..t-1.
  auto cap = [&](std::size_t t) {
    return static_cast<double>(std::min<std::uint64_t>(options_.max_suppliers, tier_begin_[t]));
  };
  auto expected = [&](double scale) {
    double sum = 0.0;
    for (std::size_t t = 1; t < kNumTiers; ++t) {
      const double c = cap(t);
      for (model::FirmIndex i = tier_begin_[t]; i < tier_begin_[t + 1]; ++i)
        sum += std::min(c, base + scale * intensity[i]);
    }
    return sum;
  };
  const double rest = std::max(0.0, wanted - base * static_cast<double>(buyers));
  double lo = 0.0, hi = total_intensity > 0.0 ? rest / total_intensity : 0.0;
  if (hi > 0.0) {
    while (expected(hi) < wanted && hi < 1e12) hi *= 2.0;
    for (int it = 0; it < 40; ++it) {
      const double mid = 0.5 * (lo + hi);
      (expected(mid) < wanted ? lo : hi) = mid;
    }
  }
  const double scale = 0.5 * (lo + hi);
  double planned = 0.0;
  for (std::size_t t = 1; t < kNumTiers; ++t) {
    const double c = cap(t);
    for (model::FirmIndex i = tier_begin_[t]; i < tier_begin_[t + 1]; ++i) {
      const double x = base + scale * intensity[i];
      const double u = static_cast<double>(stream_seed(kDegree, i) >> 11) * 0x1.0p-53;
      const double d = std::min(c, std::floor(x + u));  // stochastic rounding
      degree_[i] = static_cast<std::uint32_t>(d);
      planned += d;
    }
  }
  planned_forward_ = planned;
}

inline void NetworkGenerator::build_alias_tables() {
  std::vector<std::uint32_t> small, large, alias;
  std::vector<float> weight, keep;
  std::vector<double> segment_weight(segments_.size(), 0.0);
  for (std::size_t k = 0; k < segments_.size(); ++k) {
    const Segment& s = segments_[k];
    const std::size_t len = s.end - s.begin;
    weight.resize(len);
    keep.resize(len);
    alias.resize(len);
    for (std::size_t j = 0; j < len; ++j) weight[j] = slot_[s.begin + j].weight;
    build_alias<float, float>(weight, keep, alias, s.begin, small, large);
    for (std::size_t j = 0; j < len; ++j) {
      slot_[s.begin + j].keep = keep[j];
      slot_[s.begin + j].alias = alias[j];
    }
    for (const float w : weight) segment_weight[k] += w;
  }
  for (std::size_t t = 0; t < kNumTiers; ++t) {
    std::vector<double> chain_weight;
    for (std::size_t c = 0; c < detail::kChains.size(); ++c) {
      Group& g = groups_[t][c];
      std::vector<double> w(segment_weight.begin() + g.first, segment_weight.begin() + g.last);
      for (const double x : w) g.weight += x;
      if (!w.empty()) g.pick = AliasTable(w);
      if (g.weight > 0.0) {
        chain_ids_[t].push_back(static_cast<std::uint8_t>(c));
        chain_weight.push_back(g.weight);
      }
    }
    if (!chain_weight.empty()) chain_pick_[t] = AliasTable(chain_weight);
    // Supplier tiers of a tier-t buyer: t-1, t-2, and the rest further up sharing the remainder.
    std::vector<double> up;
    for (std::size_t l = 0; l < t; ++l) {
      if (tier_begin_[l + 1] == tier_begin_[l]) continue;
      const std::size_t step = t - l;
      up.push_back(step == 1   ? detail::kUpstreamStep[0]
                   : step == 2 ? detail::kUpstreamStep[1]
                               : detail::kUpstreamStep[2] / static_cast<double>(t - 2));
      upstream_tiers_[t].push_back(static_cast<std::uint8_t>(l));
    }
    if (!up.empty()) upstream_pick_[t] = AliasTable(up);
  }
}

// --- supplier choice ----------------------------------------------------------------------------

inline model::FirmIndex NetworkGenerator::draw_supplier(Rng& rng,
                                                        const Segment& buyer) const noexcept {
  const AliasTable& up = upstream_pick_[buyer.tier];
  if (up.empty()) return model::kNoFirm;
  const std::uint8_t t = upstream_tiers_[buyer.tier][up.sample(rng)];
  std::uint8_t c = buyer.chain;
  if (!(rng.uniform() < options_.own_chain && groups_[t][c].weight > 0.0))
    c = chain_ids_[t][chain_pick_[t].sample(rng)];
  const Group& g = groups_[t][c];
  const Segment* seg = nullptr;
  if (buyer.cluster != kNoCluster && rng.uniform() < options_.local_sourcing) {
    const auto first = segments_.begin() + g.first, last = segments_.begin() + g.last;
    const auto it =
        std::lower_bound(first, last, buyer.cluster,
                         [](const Segment& s, std::uint32_t k) { return s.cluster < k; });
    if (it != last && it->cluster == buyer.cluster) seg = &*it;
  }
  if (seg == nullptr) seg = &segments_[g.first + g.pick.sample(rng)];
  const model::FirmIndex i =
      seg->begin + static_cast<model::FirmIndex>(rng.below(seg->end - seg->begin));
  const Slot& slot = slot_[i];
  return rng.uniform() < slot.keep ? i : slot.alias;
}

inline void NetworkGenerator::forward_suppliers(model::FirmIndex b, LinkScratch& scratch) const {
  scratch.suppliers.clear();
  const std::uint32_t want = degree_[b];
  if (want == 0) return;
  const Segment& seg = segment_of(b);
  Rng rng(stream_seed(kForward, b));
  // Distinct suppliers: linear scan for a few, an open-addressing set for more.
  const bool hashed = want > 16;
  std::size_t mask = 0;
  if (hashed) {
    std::size_t cap = 32;
    while (cap < 2 * static_cast<std::size_t>(want)) cap *= 2;
    scratch.table.assign(cap, 0);
    mask = cap - 1;
  }
  std::uint64_t attempts = 4ull * want + 32;
  while (scratch.suppliers.size() < want && attempts-- > 0) {
    const model::FirmIndex s = draw_supplier(rng, seg);
    if (s == model::kNoFirm) continue;
    bool fresh = true;
    if (hashed) {
      std::size_t h = static_cast<std::size_t>(detail::mix64(s)) & mask;
      while (scratch.table[h] != 0 && scratch.table[h] != s + 1) h = (h + 1) & mask;
      fresh = scratch.table[h] == 0;
      if (fresh) scratch.table[h] = s + 1;
    } else {
      fresh = std::find(scratch.suppliers.begin(), scratch.suppliers.end(), s) ==
              scratch.suppliers.end();
    }
    if (fresh) scratch.suppliers.push_back(s);
  }
}

// --- cycle closing -------------------------------------------------------------------------------

inline void NetworkGenerator::pick_cycle_buyers(const ProgressCallback& progress,
                                                unsigned threads) {
  // first_buyer_[s] = the buyer b of s with the smallest (hash(s, b), b): one uniformly random
  // buyer, whatever the order in which buyers are visited and however many threads visit them.
  first_buyer_.assign(n_, model::kNoFirm);
  auto key = [this](model::FirmIndex s, model::FirmIndex b) {
    return std::pair(stream_seed(kBuyerHash, (std::uint64_t{s} << 32) | b), b);
  };
  const model::FirmIndex first = tier_begin_[1];
  const std::uint64_t buyers = n_ - first;
  constexpr model::FirmIndex kBlock = 4096;
  const std::uint64_t blocks = (buyers + kBlock - 1) / kBlock;
  // Block k goes to thread k mod T; thread 0 (this one) reports progress.
  const bool shared = threads > 1 && blocks > 1;
  detail::parallel_blocks(blocks, threads, [&](std::uint64_t k) {
    LinkScratch scratch;
    const auto begin = static_cast<model::FirmIndex>(first + k * kBlock);
    const auto end =
        static_cast<model::FirmIndex>(std::min<std::uint64_t>(n_, begin + std::uint64_t{kBlock}));
    for (model::FirmIndex b = begin; b < end; ++b) {
      forward_suppliers(b, scratch);
      for (const model::FirmIndex s : scratch.suppliers) {
        if (!shared) {
          model::FirmIndex& fb = first_buyer_[s];
          if (fb == model::kNoFirm || key(s, b) < key(s, fb)) fb = b;
          continue;
        }
        std::atomic_ref<model::FirmIndex> fb(first_buyer_[s]);
        model::FirmIndex seen = fb.load(std::memory_order_relaxed);
        while ((seen == model::kNoFirm || key(s, b) < key(s, seen)) &&
               !fb.compare_exchange_weak(seen, b, std::memory_order_relaxed)) {
        }
      }
    }
    if (progress && (!shared || k % std::min<std::uint64_t>(threads, blocks) == 0))
      progress(Progress{"cycles", std::min(buyers, (k + 1) * kBlock), buyers});
  });
  if (progress) progress(Progress{"cycles", buyers, buyers});
  // Cycle links into b: one trial with probability p per ordinary link of b, at most as many as
  // b has distinct customers up its chain of first buyers (m_b ≤ max_cycle_length − 1). p is set
  // by a few fixed-point steps so that the expected number, Σ_b E[min(Binomial(d_b, p), m_b)],
  // makes cycle_share of all links.
  const std::uint32_t longest = options_.max_cycle_length - 1;
  // Buyers that can close a cycle, counted by (d_b, m_b): a few thousand distinct pairs.
  std::unordered_map<std::uint64_t, std::uint64_t> counted;
  for (model::FirmIndex b = first; b < n_; ++b) {
    std::uint32_t m = 0;
    for (model::FirmIndex x = first_buyer_[b]; x != model::kNoFirm && m < longest;
         x = first_buyer_[x])
      ++m;
    if (m > 0 && degree_[b] > 0) ++counted[(std::uint64_t{degree_[b]} << 8) | m];
  }
  // Sorted, so that the sums below do not depend on the hash map's order.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> pairs(counted.begin(), counted.end());
  std::sort(pairs.begin(), pairs.end());
  auto expected = [&](double p) {
    double sum = 0.0;
    for (const auto& [packed, count] : pairs) {
      const auto d = static_cast<std::uint32_t>(packed >> 8),
                 m = static_cast<std::uint32_t>(packed & 0xFF);
      // E[min(X, m)] = Σ_{k=1..m} P(X ≥ k) for X ~ Binomial(d, p).
      double pmf = std::pow(1.0 - p, d), cdf = 0.0, e = 0.0;
      for (std::uint32_t k = 0; k < m; ++k) {
        cdf += pmf;
        e += std::max(0.0, 1.0 - cdf);
        pmf *=
            p < 1.0 ? static_cast<double>(d - k) / static_cast<double>(k + 1) * p / (1.0 - p) : 0.0;
      }
      sum += static_cast<double>(count) * e;
    }
    return sum;
  };
  const double c = options_.cycle_share;
  const double target = c / (1.0 - c) * planned_forward_;
  double p = 0.0, eligible = 0.0;
  for (const auto& [packed, count] : pairs)
    eligible += static_cast<double>(packed >> 8) * static_cast<double>(count);
  if (eligible > 0.0 && target > 0.0) {
    p = std::min(1.0, target / eligible);
    for (int it = 0; it < 8; ++it) {
      const double got = expected(p);
      if (!(got > 0.0) || std::abs(got - target) < 1e-3 * target) break;
      p = std::min(1.0, p * target / got);
    }
  }
  back_per_link_ = p;
}

// --- links ---------------------------------------------------------------------------------------

template <typename F>
void NetworkGenerator::links_into(model::FirmIndex b, LinkScratch& scratch, F&& f) const {
  forward_suppliers(b, scratch);
  auto& sup = scratch.suppliers;
  const std::size_t ordinary = sup.size();
  Rng rng(stream_seed(kValue, b));
  // Cycle-closing suppliers: distinct customers c_1..c_m of b up the chain of first buyers.
  if (back_per_link_ > 0.0 && ordinary > 0 && first_buyer_[b] != model::kNoFirm) {
    std::uint64_t wanted = 0;
    for (std::size_t j = 0; j < ordinary; ++j) wanted += rng.uniform() < back_per_link_ ? 1 : 0;
    if (wanted > 0) {
      auto& chain = scratch.chain;
      chain.clear();
      for (model::FirmIndex x = first_buyer_[b];
           x != model::kNoFirm && chain.size() + 1 < options_.max_cycle_length; x = first_buyer_[x])
        chain.push_back(x);
      const std::size_t take = std::min<std::size_t>(wanted, chain.size());
      for (std::size_t j = 0; j < take; ++j) {  // partial Fisher–Yates
        std::swap(chain[j], chain[j + rng.below(chain.size() - j)]);
        sup.push_back(chain[j]);
      }
    }
  }
  if (sup.empty()) return;

  // Weights of the links: the supplier's attractiveness with noise; cycle links are minor flows.
  auto& value = scratch.value;
  value.resize(sup.size());
  double total = 0.0;
  for (std::size_t j = 0; j < sup.size(); ++j) {
    value[j] = std::sqrt(static_cast<double>(slot_[sup[j]].weight)) *
               sample_lognormal(rng, 0.0, 0.8) * (j < ordinary ? 1.0 : 0.25);
    total += value[j];
  }
  const GeneratedFirm buyer = firm(b);
  const bool shares = rng.bernoulli(options_.share_buyers);
  const double coverage = 0.55 + 0.4 * rng.uniform();
  const double procurement = buyer.turnover_eur * (0.35 + 0.4 * rng.uniform());
  // Contract terms: buyers with evidence state them on most links and put their code of conduct
  // into the share of contracts they report; others state them rarely.
  const auto& dd = buyer.due_diligence;
  const double stated = dd ? 0.9 : 0.15;
  const double conduct = dd && dd->contractual_assurances ? *dd->contractual_assurances : 0.3;
  for (std::size_t j = 0; j < sup.size(); ++j) {
    GeneratedLink link;
    link.buyer = b;
    link.supplier = sup[j];
    link.closes_cycle = j >= ordinary;
    link.commodity =
        static_cast<const detail::ProductSpec*>(products_[slot_[sup[j]].product].spec)->commodity;
    const double part = value[j] / total;
    if (shares)
      link.share = std::max(1e-7, std::floor(coverage * part * 1e7) / 1e7);
    else
      link.spend_eur = std::max(1.0, std::round(procurement * part));
    if (rng.uniform() < stated) {
      const bool coc = rng.uniform() < conduct;
      link.contract.code_of_conduct = coc;
      link.contract.audit_rights = coc && rng.uniform() < 0.6;
      link.contract.since =
          Date::from_days(options_.as_of.days() - 30 - static_cast<std::int32_t>(rng.below(3650)));
    }
    f(static_cast<const GeneratedLink&>(link));
  }
}

template <typename F>
LinkCounts NetworkGenerator::for_each_link(F&& f, model::FirmIndex first,
                                           model::FirmIndex last) const {
  LinkCounts counts;
  last = static_cast<model::FirmIndex>(std::min<std::uint64_t>(last, n_));
  LinkScratch scratch;
  for (model::FirmIndex b = first; b < last; ++b) {
    bool any = false, share = false;
    links_into(b, scratch, [&](const GeneratedLink& l) {
      any = true;
      share = l.share.has_value();
      ++counts.links;
      counts.cycle_links += l.closes_cycle ? 1 : 0;
      f(l);
    });
    if (any) ++(share ? counts.share_buyers : counts.spend_buyers);
  }
  return counts;
}

// --- conversion to the model ---------------------------------------------------------------------

namespace detail {
inline std::vector<std::string> split_commodities(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const std::size_t semi = list.find(';');
    std::string_view item = list.substr(0, semi);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    if (semi == std::string_view::npos) break;
    list.remove_prefix(semi + 1);
  }
  return out;
}
}  // namespace detail

inline model::Firm to_firm(const NetworkGenerator& gen, const GeneratedFirm& f) {
  model::Firm m;
  m.id = gen.id(f.index);
  m.country = std::string(f.country);
  m.sector = std::string(f.sector);
  m.employees = f.employees;
  m.turnover_eur = f.turnover_eur;
  m.eu_turnover_eur = f.eu_turnover_eur;
  m.cluster = std::string(f.cluster);
  m.exporter = f.exporter;
  for (std::size_t i = 0; i < NetworkGenerator::num_certifications(); ++i)
    if (f.certifications & (1u << i))
      m.certifications.emplace_back(NetworkGenerator::certification_name(i));
  if (f.assessment) {
    model::Assessment a;
    a.scores = *f.assessment;
    m.assessment = std::move(a);
  }
  m.due_diligence = f.due_diligence;
  return m;
}

inline model::SupplyLink to_link(const NetworkGenerator& gen, const GeneratedLink& l) {
  model::SupplyLink m;
  m.supplier = gen.id(l.supplier);
  m.buyer = gen.id(l.buyer);
  m.spend_eur = l.spend_eur;
  m.share = l.share;
  m.commodities = detail::split_commodities(l.commodity);
  m.contract = l.contract;
  return m;
}

inline model::SupplyNetwork build_network(const NetworkGenerator& gen,
                                          model::BuildOptions options) {
  model::NetworkBuilder builder(std::move(options));
  gen.for_each_firm([&](const GeneratedFirm& f) { builder.add_firm(to_firm(gen, f)); });
  (void)gen.for_each_link([&](const GeneratedLink& l) { builder.add_link(to_link(gen, l)); });
  return builder.build();
}

}  // namespace diligence::generate
