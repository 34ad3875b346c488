// NetworkBuilder: the mutable side of a supplier network. Add firms, then links, then call
// build() to validate the whole network and freeze it into a SupplyNetwork.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <diligence/core/diagnostics.hpp>
#include <diligence/model/categories.hpp>
#include <diligence/model/firm.hpp>
#include <diligence/model/supply_link.hpp>
#include <diligence/model/supply_network.hpp>

namespace diligence::model {

/// Options of NetworkBuilder.
struct BuildOptions {
  /// Category ids accepted in `risk` and `incidents` (default: the 11 default categories).
  std::vector<std::string> categories = default_categories();
  /// Receives warnings as they arise; they are also kept in SupplyNetwork::warnings().
  LogSink sink;
  /// Shares into one buyer may sum to at most 1 + this.
  double share_tolerance = 1e-9;
};

/// Handle of a list of commodity names interned by NetworkBuilder::commodity_set; kNone is the
/// empty list.
enum class CommoditySet : std::uint32_t { kNone = 0 };

/// Collects firms and links, checks every rule of spec/scenario.md that concerns them, and
/// builds the frozen SupplyNetwork.
///
/// Errors carry the key path of the offending item in the order it was added (`firms[3].country`,
/// `links[7].share`), so a loader can map them back to a file position.
///
/// Firms must be added before the links that name them. Links are held as one column per
/// attribute (32 bytes per link). build() orders them by two counting sorts, fills the CSR arrays
/// directly and frees each column as soon as its frozen array is filled: O(n + m) time.
class NetworkBuilder {
 public:
  explicit NetworkBuilder(BuildOptions options = {});

  /// Reserves room for n firms and m links in total (not in addition to those added), so that
  /// loading a large network never holds two copies of a growing array.
  void reserve(std::size_t firms, std::size_t links);

  /// Checks and adds a firm. @return its index.
  /// @throws ValidationError for a bad id, country, sector, number or category, or a duplicate id.
  FirmIndex add_firm(Firm firm);

  /// Checks and adds a link between two firms added before.
  /// @throws ValidationError for an unknown firm, a self link, a bad number or share.
  void add_link(SupplyLink link);

  /// Checks and adds a link given by firm ids and parsed attributes, without building a
  /// SupplyLink (for bulk loaders). Same checks, in the same order, and the same errors as
  /// add_link(SupplyLink). @throws ValidationError.
  void add_link(std::string_view supplier, std::string_view buyer, std::optional<double> spend_eur,
                std::optional<double> share, CommoditySet commodities = CommoditySet::kNone,
                const Contract& contract = {});

  /// Interns a list of commodity names for add_link; equal lists give equal handles. A list with
  /// an empty name is accepted here and rejected by the add_link that uses it.
  [[nodiscard]] CommoditySet commodity_set(std::vector<std::string> names);

  [[nodiscard]] std::size_t num_firms() const noexcept { return firms_.size(); }
  [[nodiscard]] std::size_t num_links() const noexcept { return link_supplier_.size(); }
  [[nodiscard]] std::optional<FirmIndex> find(std::string_view id) const;

  /// Validates the network (duplicate links, share sums and mixes, parents) and freezes it.
  /// The builder is left empty, also when build() throws. @throws ValidationError.
  [[nodiscard]] SupplyNetwork build();

 private:
  void check_firm(const Firm& firm, std::size_t index) const;
  std::uint32_t intern_contract(const Contract& contract);
  [[nodiscard]] std::size_t contract_slot(std::uint64_t key) const noexcept;
  void resolve_groups(SupplyNetwork& net) const;
  void resolve_weights(SupplyNetwork& net);

  BuildOptions options_;
  std::vector<Firm> firms_;
  detail::IdIndex index_;
  // The links added so far, one column per attribute, in the order they were added.
  std::vector<FirmIndex> link_supplier_;
  std::vector<FirmIndex> link_buyer_;
  std::vector<double> link_spend_;  // NaN = not given
  std::vector<double> link_share_;  // NaN = not given
  std::vector<std::uint32_t> link_commodities_;
  std::vector<std::uint32_t> link_contract_;
  std::vector<std::vector<std::string>> commodity_sets_;  // [0] is the empty list
  std::vector<std::uint8_t> commodity_set_has_empty_;     // 1 when a name of the set is empty
  std::unordered_map<std::string, std::uint32_t> commodity_index_;       // joined key → set
  std::vector<Contract> contracts_;                                      // [0] states no terms
  std::vector<std::pair<std::uint64_t, std::uint32_t>> contract_slots_;  // packed terms → contract
};

}  // namespace diligence::model
