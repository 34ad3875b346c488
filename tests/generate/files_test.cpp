// The scenario files the generator writes load with io::load_scenario: no errors, no warnings
// (every buyer states spend or shares, so none falls back to equal weights), and the loaded
// network is the one build_network makes in memory.
#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include <diligence/generate/generate.hpp>
#include <diligence/io/risk_model_io.hpp>
#include <diligence/io/scenario_io.hpp>
#include <diligence/risk/own_risk.hpp>

namespace diligence::generate {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() /
            ("diligence-generate-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

fs::path write_scenario(const NetworkGenerator& gen, const fs::path& dir) {
  std::ofstream firms(dir / "firms.csv", std::ios::binary);
  (void)write_firms_csv(firms, gen);
  std::ofstream links(dir / "links.csv", std::ios::binary);
  (void)write_links_csv(links, gen);
  std::ofstream yaml(dir / "scenario.yaml", std::ios::binary);
  write_scenario_yaml(yaml, gen);
  return dir / "scenario.yaml";
}

TEST(GenerateFiles, LoadWithoutErrorsOrWarnings) {
  GeneratorOptions o;
  o.firms = 5000;
  o.seed = 77;
  o.cycle_share = 0.03;
  o.name = "test \"network\"";
  const NetworkGenerator gen(o);
  TempDir dir;
  const fs::path path = write_scenario(gen, dir.path());
  const model::Scenario s = io::load_scenario(path);
  EXPECT_TRUE(s.warnings.empty()) << s.warnings.front().to_string();
  EXPECT_EQ(s.name, "test \"network\"");
  EXPECT_EQ(s.as_of, Date(2029, 9, 1));
  ASSERT_EQ(s.network.num_firms(), 5000u);

  const model::SupplyNetwork built = build_network(gen);
  ASSERT_EQ(s.network.num_links(), built.num_links());
  for (model::FirmIndex i = 0; i < 5000; ++i) ASSERT_EQ(s.network.firm(i), built.firm(i)) << i;
  for (model::LinkIndex l = 0; l < built.num_links(); ++l) {
    const model::SupplyLink a = s.network.link(l), b = built.link(l);
    ASSERT_EQ(a.supplier, b.supplier);
    ASSERT_EQ(a.buyer, b.buyer);
    ASSERT_EQ(a.share, b.share) << l;  // 7 decimals in the file, multiples of 1e-7 in memory
    ASSERT_EQ(a.spend_eur, b.spend_eur);
    ASSERT_EQ(a.contract, b.contract);
    ASSERT_EQ(a.commodities, b.commodities);
  }
  for (model::FirmIndex b = 0; b < 5000; ++b) {
    const auto rule = s.network.weight_rule(b);
    EXPECT_NE(rule, model::WeightRule::kEqual) << b;
    EXPECT_LE(s.network.mapped_share(b), 1.0);
  }
}

TEST(GenerateFiles, OwnRiskUsesTheGeneratedAttributes) {
  // The default risk model finds every country, sector and commodity: no fallback warnings.
  GeneratorOptions o;
  o.firms = 3000;
  const NetworkGenerator gen(o);
  TempDir dir;
  const model::Scenario s = io::load_scenario(write_scenario(gen, dir.path()));
  const risk::RiskModel model = io::default_risk_model();
  const auto own = risk::own_risk(s.network, model);
  EXPECT_TRUE(own.warnings.empty()) << own.warnings.front().to_string();
}

}  // namespace
}  // namespace diligence::generate
