// The worked example of docs/algorithms.md, recomputed: the textbook scenario with the default
// risk model, category child_labour. If the model data or a kernel changes these numbers, the
// document must change with them.
#include <gtest/gtest.h>

#include <diligence/io/questionnaire_io.hpp>
#include <diligence/io/risk_model_io.hpp>
#include <diligence/io/scenario_io.hpp>
#include <diligence/risk/linear.hpp>
#include <diligence/risk/own_risk.hpp>
#include <diligence/risk/paths.hpp>

namespace diligence {
namespace {

TEST(Docs, AlgorithmsWorkedExample) {
  const risk::RiskModel model = io::default_risk_model();
  io::LoadOptions lo;
  lo.categories = model.category_ids();
  const auto scenario = io::load_scenario(
      std::filesystem::path(DILIGENCE_SOURCE_DIR) / "examples/scenarios/textbook/scenario.yaml",
      lo);
  const auto& net = scenario.network;
  const auto own = risk::own_risk(net, model);
  const auto k = static_cast<Eigen::Index>(*model.category_index("child_labour"));
  auto r = [&](const char* id) { return own.own(net.index_of(id), k); };
  EXPECT_DOUBLE_EQ(r("CI-FARM"), 0.8);
  EXPECT_NEAR(r("GH-FARM"), 0.87625, 1e-15);
  EXPECT_NEAR(own.inherent(net.index_of("CI-GRIND"), k), 0.807625, 1e-15);
  EXPECT_NEAR(r("CI-GRIND"), 0.60571875, 1e-15);
  EXPECT_NEAR(r("FR-SUGAR"), 0.3307, 1e-15);
  EXPECT_NEAR(r("NL-CHOC"), 0.069, 1e-15);
  EXPECT_NEAR(r("DE-RETAIL"), 0.0785, 1e-15);

  const auto x = risk::linear_exposure(net, own.own);
  auto e = [&](const char* id) { return x.exposure(net.index_of(id), k); };
  EXPECT_NEAR(e("CI-GRIND"), 0.718109375, 1e-15);
  EXPECT_NEAR(e("NL-CHOC"), 0.32209734375, 1e-15);
  EXPECT_NEAR(e("DE-RETAIL"), 0.20137400390625, 1e-15);

  risk::PathOptions po;
  po.top = 10;
  const auto paths =
      risk::top_paths(net, own.own, net.index_of("DE-RETAIL"), static_cast<std::size_t>(k), po);
  ASSERT_EQ(paths.paths.size(), 7u);
  const double expected[] = {0.0413375, 0.0410625,    0.03925,   0.02839306640625,
                             0.0225,    0.0164296875, 0.01240125};
  for (std::size_t i = 0; i < 7; ++i)
    EXPECT_NEAR(paths.paths[i].contribution, expected[i], 1e-15) << i;
  EXPECT_EQ(net.firm(paths.paths[0].firms.back()).id, "FR-SUGAR");
  EXPECT_EQ(paths.paths[3].firms.size(), 3u);
  EXPECT_NEAR(paths.explained, 0.20137400390625, 1e-15);
  EXPECT_TRUE(paths.exact);
}

}  // namespace
}  // namespace diligence
