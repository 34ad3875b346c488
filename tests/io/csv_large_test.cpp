// CSV files of more than 65536 rows, where the loader gives back the pages of the mapped file
// behind the reader: values read after that point, errors found while reading, and errors placed
// afterwards by re-reading the file keep their exact lines and columns.
#include <string>

#include <gtest/gtest.h>

#include <diligence/core/error_ids.hpp>

#include "io_test_support.hpp"

namespace diligence::testing {
namespace {

constexpr int kFirms = 70000;  // more than one 65536-row checkpoint

/// firms.csv with ids F0..F{kFirms-1}; a links file; the scenario naming both.
std::filesystem::path large_scenario(const ScratchDir& dir, const std::string& links_csv) {
  std::string firms = "id,country,sector,employees\n";
  for (int i = 0; i < kFirms; ++i)
    firms += "F" + std::to_string(i) + ",DE,C27," + std::to_string(i) + "\n";
  dir.write("firms.csv", firms);
  dir.write("links.csv", links_csv);
  return dir.write(
      "s.yaml", "format: diligence/1\ninclude:\n  firms_csv: firms.csv\n  links_csv: links.csv\n");
}

/// A chain F0 → F1 → ... → F{kFirms-1} with spend i+1 on link i, as CSV rows.
std::string chain_links() {
  std::string links = "supplier,buyer,spend_eur,commodity\n";
  for (int i = 0; i + 1 < kFirms; ++i)
    links += "F" + std::to_string(i) + ",F" + std::to_string(i + 1) + "," + std::to_string(i + 1) +
             (i % 2 == 0 ? ",cobalt\n" : ",\"cobalt; nickel\"\n");
  return links;
}

TEST(CsvLarge, EveryRowIsRead) {
  ScratchDir dir;
  const auto s = io::load_scenario(large_scenario(dir, chain_links()));
  const auto& net = s.network;
  ASSERT_EQ(net.num_firms(), static_cast<std::size_t>(kFirms));
  ASSERT_EQ(net.num_links(), static_cast<std::size_t>(kFirms - 1));
  EXPECT_EQ(net.firm(kFirms - 1).employees, static_cast<std::uint64_t>(kFirms - 1));
  const auto last = net.find_link(kFirms - 2, kFirms - 1);
  ASSERT_TRUE(last);
  EXPECT_EQ(net.spend_eur(*last), static_cast<double>(kFirms - 1));
  EXPECT_EQ(net.commodities(*last).size(), 1u);  // row kFirms - 2 is even: "cobalt"
  const auto before = net.find_link(kFirms - 3, kFirms - 2);
  ASSERT_TRUE(before);
  EXPECT_EQ(net.commodities(*before).size(), 2u);  // odd: "cobalt; nickel"
  EXPECT_EQ(net.input_order(*last), static_cast<std::uint32_t>(kFirms - 2));
}

TEST(CsvLarge, ErrorInALateRowHasItsPosition) {
  ScratchDir dir;
  // The last row names an unknown buyer: line kFirms + 1 (header, kFirms - 1 rows, this one).
  const auto path = large_scenario(dir, chain_links() + "F5,NOPE,1,\n");
  expect_error([&] { (void)io::load_scenario(path); },
               {errc::kUnknownFirm, kFirms + 1, 4,
                "links[" + std::to_string(kFirms - 1) + "].buyer", "links.csv"});
}

TEST(CsvLarge, DuplicateFoundAfterLoadingIsPlacedByReReading) {
  ScratchDir dir;
  const auto path = large_scenario(dir, chain_links() + "F69997,F69998,5,\n");
  expect_error([&] { (void)io::load_scenario(path); },
               {errc::kDuplicateLink, kFirms + 1, 1, "links[" + std::to_string(kFirms - 1) + "]",
                "links.csv"});
}

}  // namespace
}  // namespace diligence::testing
