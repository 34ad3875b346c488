// A tiny program that uses diligence the way an outside project does: builds a three-firm
// network with NetworkBuilder, computes tiers, and loads a scenario file given on the command
// line. The consumer tests check what it prints.
#include <iostream>
#include <tuple>
#include <utility>

#include <diligence/diligence.hpp>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer SCENARIO\n";
    return 2;
  }
  using namespace diligence;

  //   MINE ──▶ REFINERY ──▶ OEM
  model::NetworkBuilder builder;
  for (const auto& [id, country, sector] :
       {std::tuple{"MINE", "CD", "B07.29"}, std::tuple{"REFINERY", "CN", "C24.45"},
        std::tuple{"OEM", "DE", "C29.10"}}) {
    model::Firm firm;
    firm.id = id;
    firm.country = country;
    firm.sector = sector;
    builder.add_firm(std::move(firm));
  }
  for (const auto& [supplier, buyer] :
       {std::pair{"MINE", "REFINERY"}, std::pair{"REFINERY", "OEM"}}) {
    model::SupplyLink link;
    link.supplier = supplier;
    link.buyer = buyer;
    link.share = 0.5;
    builder.add_link(std::move(link));
  }
  const model::SupplyNetwork net = builder.build();
  const risk::Tiers t = risk::tiers(net, net.index_of("OEM"));
  std::cout << "network: " << net.num_firms() << " firms, " << net.num_links() << " links\n"
            << "tier of MINE below OEM: " << t.tier[net.index_of("MINE")] << "\n";

  try {
    const model::Scenario scenario = io::load_scenario(argv[1]);
    std::cout << "scenario: " << scenario.name << ", " << scenario.network.num_firms() << " firms, "
              << scenario.network.num_links() << " links\n";
  } catch (const Error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
