// A loaded scenario: the network plus the scenario-level facts (name, date, currency) and the
// warnings raised while loading it.
#pragma once

#include <string>
#include <vector>

#include <diligence/core/date.hpp>
#include <diligence/core/diagnostics.hpp>
#include <diligence/model/supply_network.hpp>

namespace diligence::model {

struct Scenario {
  std::string name;          ///< `name`, or empty
  Date as_of;                ///< `as_of`, or the day it was loaded when not given
  bool as_of_given = false;  ///< whether the scenario stated `as_of`
  std::string currency = "EUR";
  std::string source;  ///< path of the scenario file
  SupplyNetwork network;
  std::vector<Diagnostic> warnings;  ///< every warning raised while loading and building
};

}  // namespace diligence::model
