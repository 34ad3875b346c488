// The README's library example: load a scenario and list the upstream tiers of one firm.
// Compiled with the examples (and run by the `example_quick_start` test) so that it cannot rot.
//
//   quick_start [SCENARIO [FOCAL_ID]]   (defaults: the textbook scenario and DE-RETAIL)
#include <iostream>

#include <diligence/diligence.hpp>

int main(int argc, char** argv) try {
  namespace dd = diligence;
  const char* path = argc > 1 ? argv[1] : "examples/scenarios/textbook/scenario.yaml";
  const char* focal = argc > 2 ? argv[2] : "DE-RETAIL";

  const dd::model::Scenario scenario = dd::io::load_scenario(path);
  const dd::model::SupplyNetwork& net = scenario.network;
  const dd::risk::Tiers tiers = dd::risk::tiers(net, net.index_of(focal));
  for (dd::model::FirmIndex i = 0; i < net.num_firms(); ++i)
    if (tiers.tier[i] > 0)
      std::cout << "tier " << tiers.tier[i] << ": " << net.firm(i).display_name() << '\n';
  std::cout << tiers.upstream_count() << " firms upstream of " << focal << '\n';
} catch (const diligence::Error& e) {  // bad input: file:line:col: error[id]: key.path: detail
  std::cerr << e.what() << '\n';
  return 1;
}
