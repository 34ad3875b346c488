// The frozen supplier network: firms and links as dense arrays, the links held in a Boost.Graph
// compressed_sparse_row_graph (bidirectional), link weights resolved by the rules of
// spec/scenario.md ("Weights"), groups consolidated through `parent`, EU size classes.
//
// Edges point from supplier to buyer. Link indices are the CSR's edge indices: links are
// ordered by (supplier, buyer). For buyer b, `suppliers(b)` and `supplier_links(b)` come from
// the backward CSR and are ordered by supplier index.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <diligence/core/diagnostics.hpp>
#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/model/detail/id_index.hpp>
#include <diligence/model/firm.hpp>
#include <diligence/model/size_class.hpp>
#include <diligence/model/supply_link.hpp>

namespace diligence::model {

/// Dense index of a link (0..m-1), the CSR edge index.
using LinkIndex = std::uint32_t;

/// How the weights of the links into a buyer were determined.
enum class WeightRule : std::uint8_t {
  kNoSuppliers,  ///< the firm has no supplier links
  kShare,        ///< every link gave `share`; 1 − Σ share is unmapped
  kSpend,        ///< every link gave `spend_eur > 0`; w = spend / Σ spend
  kEqual,        ///< otherwise: 1 / (number of links), with a warning
};

/// Consolidated figures of a group: its ultimate parent and every firm whose `parent` chain
/// reaches it. A sum is `complete` when every member gave the figure.
struct GroupFigures {
  FirmIndex parent = kNoFirm;  ///< the ultimate parent
  std::uint32_t members = 0;
  std::uint64_t employees = 0;
  double turnover_eur = 0.0;
  double eu_turnover_eur = 0.0;
  bool employees_complete = true;
  bool turnover_complete = true;
  bool eu_turnover_complete = true;
  std::vector<std::pair<std::string, std::uint64_t>> employees_by_country;  ///< sorted by country

  [[nodiscard]] std::uint64_t employees_in(std::string_view country) const {
    for (const auto& [c, n] : employees_by_country)
      if (c == country) return n;
    return 0;
  }
};

class NetworkBuilder;

/// An immutable supplier network. Cheap to query from several threads at once.
class SupplyNetwork {
 public:
  /// The Boost.Graph type: bidirectional CSR with 32-bit vertex and edge indices.
  using Graph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                                   boost::no_property, boost::no_property,
                                                   std::uint32_t, std::uint32_t>;

  SupplyNetwork() = default;

  [[nodiscard]] std::size_t num_firms() const noexcept { return firms_.size(); }
  [[nodiscard]] std::size_t num_links() const noexcept { return link_supplier_.size(); }

  // --- firms -------------------------------------------------------------------------------
  [[nodiscard]] const Firm& firm(FirmIndex i) const { return firms_.at(i); }
  [[nodiscard]] std::span<const Firm> firms() const noexcept { return firms_; }
  /// Index of the firm with this id, or nullopt.
  [[nodiscard]] std::optional<FirmIndex> find(std::string_view id) const {
    const FirmIndex i = index_.find(firms_, id);
    if (i == kNoFirm) return std::nullopt;
    return i;
  }
  /// Index of the firm with this id. @throws UsageError (`usage.unknown_firm`) when absent.
  [[nodiscard]] FirmIndex index_of(std::string_view id) const {
    if (const auto i = find(id)) return *i;
    throw UsageError(errc::kUnknownFirmId, "no firm with id '" + std::string(id) + "'");
  }
  [[nodiscard]] SizeClass size_class(FirmIndex i) const { return size_class_.at(i); }
  /// The ultimate parent of firm i (i itself when it has no parent).
  [[nodiscard]] FirmIndex ultimate_parent(FirmIndex i) const { return root_.at(i); }
  /// Consolidated figures of the group firm i belongs to.
  [[nodiscard]] const GroupFigures& group(FirmIndex i) const { return groups_.at(group_of_.at(i)); }

  // --- adjacency -----------------------------------------------------------------------------
  // These are the hot-path accessors: the index must be < num_firms() (not checked).
  /// Firms that supply b (in-neighbours), ordered by index.
  [[nodiscard]] std::span<const FirmIndex> suppliers(FirmIndex b) const {
    const auto& rs = graph_.m_backward.m_rowstart;
    return {graph_.m_backward.m_column.data() + rs[b], rs[b + 1] - rs[b]};
  }
  /// Link indices of b's supplier links, parallel to `suppliers(b)`.
  [[nodiscard]] std::span<const LinkIndex> supplier_links(FirmIndex b) const {
    const auto& rs = graph_.m_backward.m_rowstart;
    return {graph_.m_backward.m_edge_properties.data() + rs[b], rs[b + 1] - rs[b]};
  }
  /// Firms that s supplies (out-neighbours), ordered by index.
  [[nodiscard]] std::span<const FirmIndex> buyers(FirmIndex s) const {
    const auto& rs = graph_.m_forward.m_rowstart;
    return {graph_.m_forward.m_column.data() + rs[s], rs[s + 1] - rs[s]};
  }
  /// Index of s's first buyer link: `buyers(s)[j]` is reached through link `first_buyer_link(s) +
  /// j`.
  [[nodiscard]] LinkIndex first_buyer_link(FirmIndex s) const {
    return graph_.m_forward.m_rowstart[s];
  }

  // --- links ---------------------------------------------------------------------------------
  [[nodiscard]] FirmIndex link_supplier(LinkIndex l) const { return link_supplier_.at(l); }
  [[nodiscard]] FirmIndex link_buyer(LinkIndex l) const { return graph_.m_forward.m_column.at(l); }
  /// Index of the link s → b, or nullopt.
  [[nodiscard]] std::optional<LinkIndex> find_link(FirmIndex s, FirmIndex b) const;
  /// Weight w(s,b) of the link by the rules of spec/scenario.md.
  [[nodiscard]] double weight(LinkIndex l) const { return weight_.at(l); }
  [[nodiscard]] std::optional<double> spend_eur(LinkIndex l) const { return nan_opt(spend_.at(l)); }
  /// The share given for the link. Shares are all-or-none per buyer, and a buyer whose links give
  /// them is weighted by them, so the share is the weight of a link into a kShare buyer.
  [[nodiscard]] std::optional<double> share(LinkIndex l) const {
    const double w = weight_.at(l);
    if (weight_rule_[link_buyer(l)] != WeightRule::kShare) return std::nullopt;
    return w;
  }
  [[nodiscard]] std::span<const std::string> commodities(LinkIndex l) const {
    return commodity_sets_.at(link_commodity_set_.at(l));
  }
  [[nodiscard]] const Contract& contract(LinkIndex l) const {
    return contracts_[link_contract_.at(l)];
  }
  /// Position of the link in the order it was added (scenario order).
  [[nodiscard]] std::uint32_t input_order(LinkIndex l) const { return link_order_.at(l); }
  /// The link's attributes as a SupplyLink (ids and all), for writers and tests.
  [[nodiscard]] SupplyLink link(LinkIndex l) const;

  /// Σ w(s,b) over b's suppliers: 1 for spend and equal weights, Σ share for shares, 0 without
  /// suppliers. `1 − mapped_share(b)` is the unmapped part.
  [[nodiscard]] double mapped_share(FirmIndex b) const { return mapped_.at(b); }
  [[nodiscard]] WeightRule weight_rule(FirmIndex b) const { return weight_rule_.at(b); }

  // --- raw arrays for kernels ------------------------------------------------------------------
  /// Backward CSR: suppliers of b are in_sources()[in_offsets()[b] .. in_offsets()[b+1]).
  [[nodiscard]] std::span<const std::uint32_t> in_offsets() const noexcept {
    return graph_.m_backward.m_rowstart;
  }
  [[nodiscard]] std::span<const FirmIndex> in_sources() const noexcept {
    return graph_.m_backward.m_column;
  }
  [[nodiscard]] std::span<const LinkIndex> in_links() const noexcept {
    return graph_.m_backward.m_edge_properties;
  }
  /// Forward CSR: buyers of s are out_targets()[out_offsets()[s] .. out_offsets()[s+1]).
  [[nodiscard]] std::span<const std::uint32_t> out_offsets() const noexcept {
    return graph_.m_forward.m_rowstart;
  }
  [[nodiscard]] std::span<const FirmIndex> out_targets() const noexcept {
    return graph_.m_forward.m_column;
  }
  /// Link weights by link index.
  [[nodiscard]] std::span<const double> weights() const noexcept { return weight_; }
  /// Link weights in backward-CSR order, parallel to in_sources():
  /// `in_weights()[e] == weights()[in_links()[e]]`. Computed once when the network is built, so
  /// that a sweep over the suppliers of each buyer reads the weights sequentially.
  [[nodiscard]] std::span<const double> in_weights() const noexcept { return in_weight_; }

  /// The Boost.Graph view, for power users who run BGL algorithms directly.
  [[nodiscard]] const Graph& graph() const noexcept { return graph_; }

  /// Warnings raised while building (equal weights, ...).
  [[nodiscard]] const std::vector<Diagnostic>& warnings() const noexcept { return warnings_; }

 private:
  friend class NetworkBuilder;

  static std::optional<double> nan_opt(double v) {
    if (std::isnan(v)) return std::nullopt;
    return v;
  }

  std::vector<Firm> firms_;
  detail::IdIndex index_;
  std::vector<SizeClass> size_class_;
  std::vector<FirmIndex> root_;
  std::vector<std::uint32_t> group_of_;
  std::vector<GroupFigures> groups_;

  Graph graph_;
  std::vector<FirmIndex> link_supplier_;
  std::vector<double> weight_;
  std::vector<double> in_weight_;  // weight_ in backward-CSR order
  std::vector<double> spend_;      // NaN = not given
  // No share array: a link's share is its weight when its buyer's rule is kShare (see share()).
  std::vector<std::uint32_t> link_commodity_set_;
  std::vector<std::vector<std::string>> commodity_sets_;  // [0] is the empty set
  std::vector<std::uint32_t> link_contract_;              // index into contracts_
  std::vector<Contract> contracts_;                       // distinct terms; [0] states none
  std::vector<std::uint32_t> link_order_;
  std::vector<double> mapped_;
  std::vector<WeightRule> weight_rule_;
  std::vector<Diagnostic> warnings_;
};

}  // namespace diligence::model
