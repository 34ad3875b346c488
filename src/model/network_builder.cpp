// NetworkBuilder: field checks, link resolution, weights, groups and the CSR freeze.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

#include <diligence/core/error_ids.hpp>
#include <diligence/model/codes.hpp>
#include <diligence/model/network_builder.hpp>

namespace diligence::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string firm_key(std::size_t i, std::string_view field) {
  std::string s = "firms[" + std::to_string(i) + "]";
  if (!field.empty()) (s += '.') += field;
  return s;
}
std::string link_key(std::size_t i, std::string_view field) {
  std::string s = "links[" + std::to_string(i) + "]";
  if (!field.empty()) (s += '.') += field;
  return s;
}

std::string format_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

[[noreturn]] void fail(const char* id, std::string key, std::string detail) {
  throw ValidationError(id, std::move(detail), std::move(key));
}

/// A key path `firms[i].field` / `links[j].field`, turned into a string only when an error needs
/// it.
struct LazyKey {
  std::string (*make)(std::size_t, std::string_view);
  std::size_t index;
  std::string_view field;
  [[nodiscard]] std::string str() const { return make(index, field); }
};
LazyKey firm_field(std::size_t i, std::string_view field) { return {&firm_key, i, field}; }
LazyKey link_field(std::size_t j, std::string_view field) { return {&link_key, j, field}; }

void check_amount(std::optional<double> v, const LazyKey& key) {
  if (!v) return;
  if (!std::isfinite(*v)) fail(errc::kRange, key.str(), "expected a finite number ≥ 0");
  if (*v < 0) fail(errc::kRange, key.str(), "expected a number ≥ 0, got a negative number");
}

void check_unit(std::optional<double> v, const LazyKey& key) {
  if (!v) return;
  if (!std::isfinite(*v) || *v < 0.0 || *v > 1.0)
    fail(errc::kRange, key.str(), "expected a number in [0,1]");
}

/// A copy of `v` without the memory it held: frees a column as soon as it has been consumed.
template <typename T>
void release(std::vector<T>& v) {
  std::vector<T>().swap(v);
}

void check_category(const std::vector<std::string>& categories, const std::string& id,
                    const std::string& key) {
  if (contains_category(categories, id)) return;
  std::string known;
  for (const auto& c : categories) known += (known.empty() ? "" : ", ") + c;
  fail(errc::kUnknownCategory, key, "unknown category '" + id + "' (known: " + known + ")");
}

}  // namespace

NetworkBuilder::NetworkBuilder(BuildOptions options) : options_(std::move(options)) {
  commodity_sets_.emplace_back();  // set 0: no commodity
  commodity_set_has_empty_.push_back(0);
  contracts_.emplace_back();  // contract 0: no terms
}

void NetworkBuilder::reserve(std::size_t firms, std::size_t links) {
  firms_.reserve(firms);
  index_.reserve(firms_, firms);
  link_supplier_.reserve(links);
  link_buyer_.reserve(links);
  link_spend_.reserve(links);
  link_share_.reserve(links);
  link_commodities_.reserve(links);
  link_contract_.reserve(links);
}

std::optional<FirmIndex> NetworkBuilder::find(std::string_view id) const {
  const FirmIndex i = index_.find(firms_, id);
  if (i == kNoFirm) return std::nullopt;
  return i;
}

void NetworkBuilder::check_firm(const Firm& f, std::size_t i) const {
  if (!is_valid_firm_id(f.id))
    fail(errc::kBadId, firm_key(i, "id"),
         "expected 1-64 characters of A-Z a-z 0-9 . _ : -, got '" + f.id + "'");
  if (!is_valid_country(f.country))
    fail(errc::kBadCountry, firm_key(i, "country"),
         "expected an ISO 3166-1 alpha-2 code in upper case (DE, KR), got '" + f.country + "'");
  if (!is_valid_nace(f.sector))
    fail(errc::kBadSector, firm_key(i, "sector"),
         "expected a NACE Rev. 2 code (C, C27, C27.2, C27.20), got '" + f.sector + "'");
  check_amount(f.turnover_eur, firm_field(i, "turnover_eur"));
  check_amount(f.eu_turnover_eur, firm_field(i, "eu_turnover_eur"));
  for (std::size_t k = 0; k < f.employees_by_country.size(); ++k) {
    const auto& c = f.employees_by_country[k].first;
    const std::string key = firm_key(i, "employees_by_country." + c);
    if (!is_valid_country(c))
      fail(errc::kBadCountry, key,
           "expected an ISO 3166-1 alpha-2 code in upper case, got '" + c + "'");
    for (std::size_t j = 0; j < k; ++j)
      if (f.employees_by_country[j].first == c)
        fail(errc::kDuplicateKey, key, "country '" + c + "' given twice");
  }
  if (!f.parent.empty() && !is_valid_firm_id(f.parent))
    fail(errc::kBadId, firm_key(i, "parent"), "expected a firm id, got '" + f.parent + "'");
  if (f.assessment && f.assessment->scores) {
    check_unit(f.assessment->scores->e, firm_field(i, "assessment.scores.E"));
    check_unit(f.assessment->scores->s, firm_field(i, "assessment.scores.S"));
    check_unit(f.assessment->scores->g, firm_field(i, "assessment.scores.G"));
  }
  for (std::size_t k = 0; k < f.risk.size(); ++k) {
    const auto& [cat, v] = f.risk[k];
    const std::string key = firm_key(i, "risk." + cat);
    check_category(options_.categories, cat, key);
    for (std::size_t j = 0; j < k; ++j)
      if (f.risk[j].first == cat) fail(errc::kDuplicateKey, key, "category given twice");
    if (!std::isfinite(v) || v < 0.0 || v > 1.0)
      fail(errc::kRange, key, "expected a number in [0,1]");
  }
  for (std::size_t k = 0; k < f.incidents.size(); ++k)
    check_category(options_.categories, f.incidents[k].category,
                   firm_key(i, "incidents[" + std::to_string(k) + "].category"));
  if (f.due_diligence) {
    check_unit(f.due_diligence->prevention_plans, firm_field(i, "due_diligence.prevention_plans"));
    check_unit(f.due_diligence->contractual_assurances,
               firm_field(i, "due_diligence.contractual_assurances"));
  }
}

FirmIndex NetworkBuilder::add_firm(Firm firm) {
  const std::size_t i = firms_.size();
  check_firm(firm, i);
  if (i >= static_cast<std::size_t>(kNoFirm))
    fail(errc::kIndexRange, firm_key(i, {}), "too many firms for 32-bit indices");
  firms_.push_back(std::move(firm));
  const FirmIndex first = index_.insert(firms_, static_cast<FirmIndex>(i));
  if (first != kNoFirm) {
    const std::string id = firms_.back().id;
    firms_.pop_back();
    fail(errc::kDuplicateFirm, firm_key(i, "id"),
         "duplicate firm id '" + id + "' (first given as " + firm_key(first, {}) + ")");
  }
  return static_cast<FirmIndex>(i);
}

CommoditySet NetworkBuilder::commodity_set(std::vector<std::string> names) {
  if (names.empty()) return CommoditySet::kNone;
  std::string key;
  // Length-prefixed, so that no list of names joins to the same key as another list.
  for (const auto& c : names) ((key += std::to_string(c.size())) += ':') += c;
  const auto [it, inserted] = commodity_index_.try_emplace(
      std::move(key), static_cast<std::uint32_t>(commodity_sets_.size()));
  if (inserted) {
    const bool has_empty =
        std::any_of(names.begin(), names.end(), [](const std::string& c) { return c.empty(); });
    commodity_sets_.push_back(std::move(names));
    commodity_set_has_empty_.push_back(has_empty ? 1 : 0);
  }
  return static_cast<CommoditySet>(it->second);
}

std::uint32_t NetworkBuilder::intern_contract(const Contract& c) {
  if (!c.code_of_conduct && !c.audit_rights && !c.since) return 0;
  // Packed terms: 2 bits per optional bool, a presence bit and the 32-bit day number. Never 0.
  auto tri = [](const std::optional<bool>& b) -> std::uint64_t { return b ? 1u + *b : 0u; };
  const std::uint64_t key =
      tri(c.code_of_conduct) | tri(c.audit_rights) << 2 | std::uint64_t{c.since.has_value()} << 4 |
      std::uint64_t{static_cast<std::uint32_t>(c.since ? c.since->days() : 0)} << 5;
  // Open addressing over a power-of-two table, at most half full; key 0 marks a free slot.
  if (contracts_.size() * 2 >= contract_slots_.size()) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> old(
        std::max<std::size_t>(64, contract_slots_.size() * 2));
    old.swap(contract_slots_);
    for (const auto& slot : old)
      if (slot.first != 0) {
        std::size_t i = contract_slot(slot.first);
        while (contract_slots_[i].first != 0) i = (i + 1) & (contract_slots_.size() - 1);
        contract_slots_[i] = slot;
      }
  }
  std::size_t i = contract_slot(key);
  while (contract_slots_[i].first != 0) {
    if (contract_slots_[i].first == key) return contract_slots_[i].second;
    i = (i + 1) & (contract_slots_.size() - 1);
  }
  contract_slots_[i] = {key, static_cast<std::uint32_t>(contracts_.size())};
  contracts_.push_back(c);
  return contract_slots_[i].second;
}

std::size_t NetworkBuilder::contract_slot(std::uint64_t key) const noexcept {
  // Fibonacci hashing: the top bits of key × 2^64/φ.
  const int bits = std::countr_zero(contract_slots_.size());
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> (64 - bits));
}

void NetworkBuilder::add_link(SupplyLink link) {
  add_link(link.supplier, link.buyer, link.spend_eur, link.share,
           commodity_set(std::move(link.commodities)), link.contract);
}

void NetworkBuilder::add_link(std::string_view supplier, std::string_view buyer,
                              std::optional<double> spend_eur, std::optional<double> share,
                              CommoditySet commodities, const Contract& contract) {
  const std::size_t j = num_links();
  if (j >= std::numeric_limits<std::uint32_t>::max())
    fail(errc::kIndexRange, link_key(j, {}), "too many links for 32-bit indices");
  const FirmIndex s = index_.find(firms_, supplier);
  if (s == kNoFirm)
    fail(errc::kUnknownFirm, link_key(j, "supplier"),
         "no firm with id '" + std::string(supplier) + "'");
  const FirmIndex b = index_.find(firms_, buyer);
  if (b == kNoFirm)
    fail(errc::kUnknownFirm, link_key(j, "buyer"), "no firm with id '" + std::string(buyer) + "'");
  if (s == b)
    fail(errc::kSelfLink, link_key(j, "buyer"),
         "a firm cannot supply itself ('" + std::string(buyer) + "' is both supplier and buyer)");
  check_amount(spend_eur, link_field(j, "spend_eur"));
  check_unit(share, link_field(j, "share"));
  const auto set = static_cast<std::uint32_t>(commodities);
  if (commodity_set_has_empty_.at(set))
    fail(errc::kType, link_key(j, "commodity"), "empty commodity name");
  const std::uint32_t terms = intern_contract(contract);
  link_supplier_.push_back(s);
  link_buyer_.push_back(b);
  link_spend_.push_back(spend_eur.value_or(kNaN));
  link_share_.push_back(share.value_or(kNaN));
  link_commodities_.push_back(set);
  link_contract_.push_back(terms);
}

void NetworkBuilder::resolve_groups(SupplyNetwork& net) const {
  const std::size_t n = firms_.size();
  std::vector<FirmIndex> parent(n, kNoFirm);
  for (std::size_t i = 0; i < n; ++i) {
    if (firms_[i].parent.empty()) continue;
    const auto p = find(firms_[i].parent);
    if (!p)
      fail(errc::kUnknownFirm, firm_key(i, "parent"), "no firm with id '" + firms_[i].parent + "'");
    parent[i] = *p;
  }
  // Roots by path walking with three colours; a firm met again on the current walk closes a loop.
  constexpr FirmIndex kUnset = kNoFirm;
  std::vector<FirmIndex> root(n, kUnset);
  std::vector<std::uint8_t> state(n, 0);  // 0 new, 1 on the current walk, 2 done
  std::vector<FirmIndex> walk;
  for (std::size_t start = 0; start < n; ++start) {
    if (state[start] == 2) continue;
    walk.clear();
    FirmIndex v = static_cast<FirmIndex>(start);
    while (v != kNoFirm && state[v] == 0) {
      state[v] = 1;
      walk.push_back(v);
      v = parent[v];
    }
    if (v != kNoFirm && state[v] == 1) {
      // A loop: report its smallest member.
      const auto at = std::find(walk.begin(), walk.end(), v);
      const FirmIndex first = *std::min_element(at, walk.end());
      std::string chain;
      for (auto it = at; it != walk.end(); ++it) chain += firms_[*it].id + " -> ";
      chain += firms_[v].id;
      fail(errc::kParentCycle, firm_key(first, "parent"), "parent chain loops: " + chain);
    }
    const FirmIndex r = v == kNoFirm ? walk.back() : root[v];
    for (auto it = walk.rbegin(); it != walk.rend(); ++it) {
      root[*it] = r;
      state[*it] = 2;
    }
  }
  // Groups: one per root, in root order.
  net.root_ = root;
  net.group_of_.assign(n, 0);
  std::vector<std::uint32_t> group_of_root(n, std::numeric_limits<std::uint32_t>::max());
  for (std::size_t i = 0; i < n; ++i) {
    const FirmIndex r = root[i];
    if (group_of_root[r] == std::numeric_limits<std::uint32_t>::max()) {
      group_of_root[r] = static_cast<std::uint32_t>(net.groups_.size());
      net.groups_.emplace_back();
      net.groups_.back().parent = r;
    }
    net.group_of_[i] = group_of_root[r];
    GroupFigures& g = net.groups_[group_of_root[r]];
    const Firm& f = firms_[i];
    ++g.members;
    if (f.employees)
      g.employees += *f.employees;
    else
      g.employees_complete = false;
    if (f.turnover_eur)
      g.turnover_eur += *f.turnover_eur;
    else
      g.turnover_complete = false;
    if (f.eu_turnover_eur)
      g.eu_turnover_eur += *f.eu_turnover_eur;
    else
      g.eu_turnover_complete = false;
    for (const auto& [c, count] : f.employees_by_country) {
      auto it = std::find_if(g.employees_by_country.begin(), g.employees_by_country.end(),
                             [&c = c](const auto& e) { return e.first == c; });
      if (it == g.employees_by_country.end())
        g.employees_by_country.emplace_back(c, count);
      else
        it->second += count;
    }
  }
  for (auto& g : net.groups_)
    std::sort(g.employees_by_country.begin(), g.employees_by_country.end());
  // Size classes: a firm in a group of several is judged on the group's figures
  // (Recommendation 2003/361/EC, Annex Art. 6: linked enterprises are added up).
  net.size_class_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const GroupFigures& g = net.groups_[net.group_of_[i]];
    if (g.members <= 1) {
      net.size_class_[i] = classify_size(firms_[i].employees, firms_[i].turnover_eur);
      continue;
    }
    std::optional<std::uint64_t> e;
    if (g.employees_complete || g.employees >= 250) e = g.employees;
    // Partial sums are lower bounds: above a ceiling they already decide.
    std::optional<double> t;
    if (g.turnover_complete || g.turnover_eur > 50'000'000.0) t = g.turnover_eur;
    net.size_class_[i] = classify_size(e, t);
  }
}

// On entry net.weight_ holds the links' shares (NaN = not given). Each buyer's links are read
// before any of them is overwritten by its weight, and no other buyer's links are touched.
void NetworkBuilder::resolve_weights(SupplyNetwork& net) {
  const std::size_t n = firms_.size();
  const std::vector<std::uint32_t>& order = net.link_order_;
  const std::vector<double>& share = net.weight_;
  net.mapped_.assign(n, 0.0);
  net.weight_rule_.assign(n, WeightRule::kNoSuppliers);
  std::vector<LinkIndex> in_order;
  for (FirmIndex b = 0; b < n; ++b) {
    const auto links = net.supplier_links(b);
    if (links.empty()) continue;
    std::size_t with_share = 0;
    bool all_spend = true;
    double share_sum = 0.0, spend_sum = 0.0;
    for (const LinkIndex l : links) {
      if (!std::isnan(share[l])) {
        ++with_share;
        share_sum += share[l];
      }
      if (std::isnan(net.spend_[l]) || !(net.spend_[l] > 0.0))
        all_spend = false;
      else
        spend_sum += net.spend_[l];
    }
    const bool mixed = with_share != 0 && with_share != links.size();
    if (mixed || share_sum > 1.0 + options_.share_tolerance) {
      // Error path only: visit b's links in input order so the error names the link a reader
      // meets first.
      in_order.assign(links.begin(), links.end());
      std::sort(in_order.begin(), in_order.end(),
                [&](LinkIndex x, LinkIndex y) { return order[x] < order[y]; });
      if (mixed) {
        const bool first_has = !std::isnan(share[in_order.front()]);
        LinkIndex culprit = in_order.front();
        for (const LinkIndex l : in_order)
          if (std::isnan(share[l]) == first_has) {
            culprit = l;
            break;
          }
        fail(errc::kShareMix, link_key(order[culprit], "share"),
             "links into buyer '" + firms_[b].id +
                 "' mix 'share' and no 'share': give it on all of them or on none");
      }
      double running = 0.0;
      LinkIndex culprit = in_order.back();
      for (const LinkIndex l : in_order) {
        running += share[l];
        if (running > 1.0 + options_.share_tolerance) {
          culprit = l;
          break;
        }
      }
      fail(errc::kShareSum, link_key(order[culprit], "share"),
           "shares of the links into buyer '" + firms_[b].id + "' sum to " +
               format_number(share_sum) + ", above 1");
    }
    if (with_share != 0) {
      // The weights are the shares, which net.weight_ already holds.
      net.mapped_[b] = share_sum;
      net.weight_rule_[b] = WeightRule::kShare;
    } else if (all_spend) {
      // Σ spend can overflow although every spend is finite: then scale by the largest first.
      double scale = 1.0;
      if (!std::isfinite(spend_sum)) {
        scale = 0.0;
        for (const LinkIndex l : links) scale = std::max(scale, net.spend_[l]);
        spend_sum = 0.0;
        for (const LinkIndex l : links) spend_sum += net.spend_[l] / scale;
      }
      for (const LinkIndex l : links) net.weight_[l] = (net.spend_[l] / scale) / spend_sum;
      net.mapped_[b] = 1.0;
      net.weight_rule_[b] = WeightRule::kSpend;
    } else {
      const double w = 1.0 / static_cast<double>(links.size());
      for (const LinkIndex l : links) net.weight_[l] = w;
      net.mapped_[b] = 1.0;
      net.weight_rule_[b] = WeightRule::kEqual;
      Diagnostic d;
      d.id = errc::kWarnEqualWeights;
      d.key_path = firm_key(b, {});
      d.message = "links into buyer '" + firms_[b].id +
                  "' give neither share nor positive spend_eur on every link; each of its " +
                  std::to_string(links.size()) + " supplier links gets weight 1/" +
                  std::to_string(links.size());
      if (options_.sink) options_.sink(d);
      net.warnings_.push_back(std::move(d));
    }
  }
}

SupplyNetwork NetworkBuilder::build() {
  // The builder is consumed whether build() succeeds or throws.
  struct Reset {
    NetworkBuilder& b;
    ~Reset() { b = NetworkBuilder(b.options_); }
  } reset{*this};
  SupplyNetwork net;
  const std::size_t n = firms_.size();
  const std::size_t m = num_links();
  const auto fn = static_cast<FirmIndex>(n);
  auto& forward = net.graph_.m_forward;
  auto& backward = net.graph_.m_backward;

  // Row starts of both CSRs from the degrees.
  std::vector<std::uint32_t> out_start(n + 1, 0), in_start(n + 1, 0);
  for (std::size_t k = 0; k < m; ++k) {
    ++out_start[link_supplier_[k] + 1];
    ++in_start[link_buyer_[k] + 1];
  }
  std::partial_sum(out_start.begin(), out_start.end(), out_start.begin());
  std::partial_sum(in_start.begin(), in_start.end(), in_start.begin());

  // Link order by (supplier, buyer, input position): a stable counting sort by buyer, then a
  // stable one by supplier. O(n + m) and only index arrays, where sorting (key, position) pairs
  // took 16 bytes per link and O(m log m). The input position breaks ties so a duplicate pair is
  // reported at its second occurrence.
  std::vector<std::uint32_t> order(m);
  {
    std::vector<std::uint32_t> by_buyer(m);
    std::vector<std::uint32_t> next(in_start.begin(), in_start.end() - 1);
    for (std::size_t k = 0; k < m; ++k)
      by_buyer[next[link_buyer_[k]]++] = static_cast<std::uint32_t>(k);
    next.assign(out_start.begin(), out_start.end() - 1);
    for (const std::uint32_t k : by_buyer) order[next[link_supplier_[k]]++] = k;
  }
  for (std::size_t k = 1; k < m; ++k) {
    const std::uint32_t a = order[k - 1], b = order[k];
    if (link_supplier_[a] == link_supplier_[b] && link_buyer_[a] == link_buyer_[b])
      fail(errc::kDuplicateLink, link_key(b, {}),
           "link '" + firms_[link_supplier_[b]].id + "' -> '" + firms_[link_buyer_[b]].id +
               "' given twice (first as " + link_key(a, {}) + ")");
  }

  resolve_groups(net);

  // Forward CSR: the buyers in link order; the supplier of each link from the row starts.
  forward.m_column.resize(m);
  for (std::size_t k = 0; k < m; ++k) forward.m_column[k] = link_buyer_[order[k]];
  release(link_buyer_);
  release(link_supplier_);
  net.link_supplier_.resize(m);
  for (FirmIndex s = 0; s < fn; ++s)
    std::fill(net.link_supplier_.begin() + out_start[s],
              net.link_supplier_.begin() + out_start[s + 1], s);
  // Backward CSR: links in link order, placed by buyer, come out ordered by (buyer, supplier).
  backward.m_column.resize(m);
  backward.m_edge_properties.resize(m);
  {
    std::vector<std::uint32_t> next(in_start.begin(), in_start.end() - 1);
    for (std::size_t k = 0; k < m; ++k) {
      const std::uint32_t at = next[forward.m_column[k]]++;
      backward.m_column[at] = net.link_supplier_[k];
      backward.m_edge_properties[at] = static_cast<LinkIndex>(k);
    }
  }
  forward.m_rowstart = std::move(out_start);
  backward.m_rowstart = std::move(in_start);

  // The other columns in link order, each freed as soon as it has been copied.
  auto gather = [&](auto& column, auto& into) {
    into.resize(m);
    for (std::size_t k = 0; k < m; ++k) into[k] = column[order[k]];
    release(column);
  };
  gather(link_spend_, net.spend_);
  gather(link_commodities_, net.link_commodity_set_);
  gather(link_contract_, net.link_contract_);
  gather(link_share_, net.weight_);  // resolve_weights turns the shares into weights
  net.link_order_ = std::move(order);

  resolve_weights(net);
  net.in_weight_.resize(m);
  for (std::size_t e = 0; e < m; ++e)
    net.in_weight_[e] = net.weight_[backward.m_edge_properties[e]];

  net.commodity_sets_ = std::move(commodity_sets_);
  net.contracts_ = std::move(contracts_);
  net.firms_ = std::move(firms_);
  net.index_ = std::move(index_);
  return net;
}

std::optional<LinkIndex> SupplyNetwork::find_link(FirmIndex s, FirmIndex b) const {
  const auto targets = buyers(s);
  const auto it = std::lower_bound(targets.begin(), targets.end(), b);
  if (it == targets.end() || *it != b) return std::nullopt;
  return first_buyer_link(s) + static_cast<LinkIndex>(it - targets.begin());
}

SupplyLink SupplyNetwork::link(LinkIndex l) const {
  SupplyLink out;
  out.supplier = firms_.at(link_supplier(l)).id;
  out.buyer = firms_.at(link_buyer(l)).id;
  out.spend_eur = spend_eur(l);
  out.share = share(l);
  const auto c = commodities(l);
  out.commodities.assign(c.begin(), c.end());
  out.contract = contract(l);
  return out;
}

}  // namespace diligence::model
