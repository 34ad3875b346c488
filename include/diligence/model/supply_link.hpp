// A supply link as the scenario format describes it (spec/scenario.md, "Link"): the supplier
// delivers to the buyer; goods and risk flow supplier → buyer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <diligence/core/date.hpp>
#include <diligence/model/firm.hpp>

namespace diligence::model {

/// Contract terms of a link; absent = not stated.
struct Contract {
  std::optional<bool> code_of_conduct;
  std::optional<bool> audit_rights;
  std::optional<Date> since;
  friend bool operator==(const Contract&, const Contract&) = default;
};

/// The attributes of one link, given to NetworkBuilder::add_link.
struct SupplyLink {
  std::string supplier;             ///< supplier firm id
  std::string buyer;                ///< buyer firm id
  std::optional<double> spend_eur;  ///< annual purchase value, ≥ 0
  std::optional<double> share;      ///< share of the buyer's procurement, [0,1]
  std::vector<std::string> commodities;
  Contract contract;
  friend bool operator==(const SupplyLink&, const SupplyLink&) = default;
};

}  // namespace diligence::model
