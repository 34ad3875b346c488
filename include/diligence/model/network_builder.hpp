// NetworkBuilder: the mutable side of a supplier network. Add firms, then links, then call
// build() to validate the whole network and freeze it into a SupplyNetwork.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
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

/// Collects firms and links, checks every rule of spec/scenario.md that concerns them, and
/// builds the frozen SupplyNetwork.
///
/// Errors carry the key path of the offending item in the order it was added (`firms[3].country`,
/// `links[7].share`), so a loader can map them back to a file position.
///
/// Firms must be added before the links that name them. Complexity of build(): O((n + m) log m).
class NetworkBuilder {
 public:
  explicit NetworkBuilder(BuildOptions options = {});

  /// Reserves room for n firms and m links.
  void reserve(std::size_t firms, std::size_t links);

  /// Checks and adds a firm. @return its index.
  /// @throws ValidationError for a bad id, country, sector, number or category, or a duplicate id.
  FirmIndex add_firm(Firm firm);

  /// Checks and adds a link between two firms added before.
  /// @throws ValidationError for an unknown firm, a self link, a bad number or share.
  void add_link(SupplyLink link);

  [[nodiscard]] std::size_t num_firms() const noexcept { return firms_.size(); }
  [[nodiscard]] std::size_t num_links() const noexcept { return links_.size(); }
  [[nodiscard]] std::optional<FirmIndex> find(std::string_view id) const;

  /// Validates the network (duplicate links, share sums and mixes, parents) and freezes it.
  /// The builder is left empty, also when build() throws. @throws ValidationError.
  [[nodiscard]] SupplyNetwork build();

 private:
  struct PendingLink {
    FirmIndex supplier;
    FirmIndex buyer;
    double spend;  // NaN = not given
    double share;  // NaN = not given
    std::uint32_t commodity_set;
    Contract contract;
  };

  void check_firm(const Firm& firm, std::size_t index) const;
  std::uint32_t intern_commodities(std::vector<std::string>&& list);
  void resolve_groups(SupplyNetwork& net) const;
  void resolve_weights(SupplyNetwork& net, const std::vector<std::uint32_t>& order);

  BuildOptions options_;
  std::vector<Firm> firms_;
  detail::IdIndex index_;
  std::vector<PendingLink> links_;
  std::vector<std::vector<std::string>> commodity_sets_;
  std::unordered_map<std::string, std::uint32_t> commodity_index_;  // joined key → set
};

}  // namespace diligence::model
