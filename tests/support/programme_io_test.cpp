// The programme file format `diligence-programmes/1` (spec/support.md): a full file loads with
// its defaults, and every error of the format names its id, file, line, column and key — unknown
// keys, negative slots, effects outside [0,1], unknown categories and classes, targets naming
// unknown firms (found when resolving against a network), unknown directives, and the shape rules.
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include <gtest/gtest.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/io/directive_io.hpp>
#include <diligence/io/programme_io.hpp>
#include <diligence/io/risk_model_io.hpp>
#include <diligence/io/scenario_io.hpp>

#include "support_test_support.hpp"

namespace diligence::io {
namespace {

constexpr const char* kFile = R"(format: diligence-programmes/1
name: Test programmes
targets:
  directive: csddd-2026
classes:
  beginner_below: 0.5
  urgent_within_tiers: 2
programmes:
  - id: consulting
    name: ESG consulting
    slots: 100
    effect: {all: 0.3}
    eligible: [beginner, urgent]
  - id: supply-chain
    slots: 110
    effect: {forced_labour: 0.5, child_labour: 0.5, health_safety: 0.4}
    eligible: [urgent]
    x-note: free
  - id: training
    slots: 0
    effect: {all: 0.05, governance: 0.2}
x-owner: agency
)";

ProgrammeLoadOptions with_categories() {
  ProgrammeLoadOptions o;
  o.categories = model::default_categories();
  return o;
}

TEST(ProgrammeFile, LoadsWithItsDefaults) {
  const support::ProgrammeSet s = load_programmes_text(kFile, with_categories(), "p.yaml");
  EXPECT_EQ(s.source, "p.yaml");
  EXPECT_EQ(s.name, "Test programmes");
  EXPECT_EQ(s.targets.directive, "csddd-2026");
  EXPECT_EQ(s.targets.directive_where, (Location{"p.yaml", 4, 14}));
  EXPECT_EQ(s.classes.beginner_below, 0.5);
  EXPECT_EQ(s.classes.urgent_within_tiers, 2u);
  ASSERT_EQ(s.programmes.size(), 3u);
  EXPECT_EQ(s.programmes[0].display_name(), "ESG consulting");
  EXPECT_EQ(s.programmes[1].display_name(), "supply-chain");
  EXPECT_EQ(s.programmes[0].slots, 100u);
  EXPECT_EQ(s.programmes[0].effect.all, 0.3);
  EXPECT_EQ(s.programmes[1].eligible, std::vector<support::FirmClass>{support::FirmClass::kUrgent});
  EXPECT_EQ(s.programmes[2].eligible.size(), 3u);  // default: every SME class
  const auto r = support::resolve_programmes(s, model::default_categories());
  const auto cats = model::default_categories();
  for (std::size_t k = 0; k < cats.size(); ++k) {
    EXPECT_EQ(r[0].effect[k], 0.3);
    EXPECT_EQ(r[2].effect[k], cats[k] == "governance" ? 0.2 : 0.05);
    EXPECT_EQ(r[1].effect[k], cats[k] == "forced_labour" || cats[k] == "child_labour" ? 0.5
                              : cats[k] == "health_safety"                            ? 0.4
                                                                                      : 0.0);
  }
  // Defaults of the classes block.
  const support::ProgrammeSet d = load_programmes_text(R"(format: diligence-programmes/1
targets: {firms: [A, B]}
programmes: [{id: p, slots: 1, effect: {all: 1}}]
)");
  EXPECT_EQ(d.classes.beginner_below, 0.4);
  EXPECT_EQ(d.classes.urgent_within_tiers, 3u);
  ASSERT_EQ(d.targets.firms.size(), 2u);
  EXPECT_EQ(d.targets.firms[1].id, "B");
  EXPECT_EQ(d.targets.firms[1].key, "targets.firms[1]");
  EXPECT_EQ(d.targets.firms[1].where, (Location{"<text>", 2, 22}));
}

struct Case {
  const char* name;
  std::string text;
  const char* id;
  std::uint32_t line;
  std::uint32_t column;
  const char* key;
};

std::string head(const std::string& programmes) {
  return "format: diligence-programmes/1\ntargets: {directive: csddd-2026}\nprogrammes:\n" +
         programmes;
}

TEST(ProgrammeFile, EveryErrorNamesIdPositionAndKey) {
  const std::vector<Case> cases = {
      {"unknown top key", "format: diligence-programmes/1\nbudget: 3\n", errc::kUnknownKey, 2, 1,
       "budget"},
      {"unknown programme key", head("  - {id: p, slots: 1, effect: {all: 0.1}, cost: 5}\n"),
       errc::kUnknownKey, 4, 43, "programmes[0].cost"},
      {"unknown targets key", "format: diligence-programmes/1\ntargets: {sector: C}\n",
       errc::kUnknownKey, 2, 11, "targets.sector"},
      {"unknown classes key",
       "format: diligence-programmes/1\ntargets: {firms: [A]}\nclasses: {beginners: 0.3}\n",
       errc::kUnknownKey, 3, 11, "classes.beginners"},
      {"negative slots", head("  - id: p\n    slots: -5\n    effect: {all: 0.1}\n"), errc::kRange,
       5, 12, "programmes[0].slots"},
      {"fractional slots", head("  - {id: p, slots: 2.5, effect: {all: 0.1}}\n"), errc::kType, 4,
       20, "programmes[0].slots"},
      {"effect above 1", head("  - {id: p, slots: 1, effect: {all: 1.5}}\n"), errc::kRange, 4, 37,
       "programmes[0].effect.all"},
      {"effect below 0", head("  - {id: p, slots: 1, effect: {child_labour: -0.1}}\n"),
       errc::kRange, 4, 46, "programmes[0].effect.child_labour"},
      {"effect not a number", head("  - {id: p, slots: 1, effect: {all: lots}}\n"), errc::kType, 4,
       37, "programmes[0].effect.all"},
      {"unknown category", head("  - {id: p, slots: 1, effect: {child_labor: 0.5}}\n"),
       errc::kUnknownCategory, 4, 32, "programmes[0].effect.child_labor"},
      {"empty effect", head("  - {id: p, slots: 1, effect: {}}\n"), errc::kMissingKey, 4, 31,
       "programmes[0].effect"},
      {"unknown class",
       head("  - {id: p, slots: 1, effect: {all: .1}, eligible: [urgent, novice]}\n"),
       errc::kBadEnum, 4, 61, "programmes[0].eligible[1]"},
      {"large is never eligible",
       head("  - {id: p, slots: 1, effect: {all: .1}, eligible: [large]}\n"), errc::kBadEnum, 4, 53,
       "programmes[0].eligible[0]"},
      {"class twice",
       head("  - {id: p, slots: 1, effect: {all: .1}, eligible: [urgent, urgent]}\n"),
       errc::kDuplicateKey, 4, 61, "programmes[0].eligible[1]"},
      {"empty eligible", head("  - {id: p, slots: 1, effect: {all: .1}, eligible: []}\n"),
       errc::kType, 4, 52, "programmes[0].eligible"},
      {"missing slots", head("  - {id: p, effect: {all: .1}}\n"), errc::kMissingKey, 4, 5,
       "programmes[0].slots"},
      {"missing effect", head("  - {id: p, slots: 3}\n"), errc::kMissingKey, 4, 5,
       "programmes[0].effect"},
      {"missing id", head("  - {slots: 3, effect: {all: .1}}\n"), errc::kMissingKey, 4, 5,
       "programmes[0].id"},
      {"bad id", head("  - {id: 'a b', slots: 3, effect: {all: .1}}\n"), errc::kBadId, 4, 10,
       "programmes[0].id"},
      {"programme twice",
       head("  - {id: p, slots: 3, effect: {all: .1}}\n  - {id: p, slots: 1, effect: {all: .2}}\n"),
       errc::kDuplicateKey, 5, 10, "programmes[1].id"},
      {"no programmes", head("  []\n"), errc::kType, 4, 3, "programmes"},
      {"programmes missing", "format: diligence-programmes/1\ntargets: {firms: [A]}\n",
       errc::kMissingKey, 1, 1, "programmes"},
      {"targets missing", "format: diligence-programmes/1\nprogrammes: []\n", errc::kMissingKey, 1,
       1, "targets"},
      {"both targets", "format: diligence-programmes/1\ntargets: {directive: lksg, firms: [A]}\n",
       errc::kDuplicateKey, 2, 35, "targets.firms"},
      {"no targets", "format: diligence-programmes/1\ntargets: {x-who: me}\n", errc::kMissingKey, 2,
       10, "targets"},
      {"target twice", "format: diligence-programmes/1\ntargets:\n  firms: [A, B, A]\n",
       errc::kDuplicateKey, 3, 17, "targets.firms[2]"},
      {"empty target list", "format: diligence-programmes/1\ntargets: {firms: []}\n", errc::kType,
       2, 18, "targets.firms"},
      {"beginner_below above 1",
       "format: diligence-programmes/1\ntargets: {firms: [A]}\nclasses: {beginner_below: 40}\n",
       errc::kRange, 3, 27, "classes.beginner_below"},
      {"negative tiers",
       "format: diligence-programmes/1\ntargets: {firms: [A]}\nclasses:\n  urgent_within_tiers: "
       "-1\n",
       errc::kRange, 4, 24, "classes.urgent_within_tiers"},
      {"missing format", "targets: {firms: [A]}\n", errc::kFormatVersion, 1, 1, "format"},
      {"wrong format", "format: diligence-programmes/2\n", errc::kFormatVersion, 1, 9, "format"},
      {"not a map", "- format\n", errc::kType, 1, 1, ""},
      {"yaml syntax", "format: diligence-programmes/1\ntargets: {firms: [A}\n", errc::kYamlSyntax,
       2, 0, ""},
      {"repeated key", "format: diligence-programmes/1\nformat: diligence-programmes/1\n",
       errc::kDuplicateKey, 2, 1, "format"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    try {
      (void)load_programmes_text(c.text, with_categories(), "p.yaml");
      ADD_FAILURE() << "no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.id(), c.id) << e.what();
      EXPECT_EQ(e.location().file, "p.yaml") << e.what();
      EXPECT_EQ(e.location().line, c.line) << e.what();
      if (c.column != 0) {
        EXPECT_EQ(e.location().column, c.column) << e.what();
      }
      EXPECT_EQ(e.key_path(), c.key) << e.what();
    }
  }
}

TEST(ProgrammeFile, CategoriesAreCheckedOnResolveWhenNotWhileLoading) {
  const support::ProgrammeSet s = load_programmes_text(
      head("  - id: p\n    slots: 1\n    effect:\n      all: 0.1\n      child_labor: 0.5\n"), {},
      "p.yaml");
  try {
    (void)support::resolve_programmes(s, model::default_categories());
    FAIL() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.id(), errc::kUnknownCategory);
    EXPECT_EQ(e.location(), (Location{"p.yaml", 8, 7}));
    EXPECT_EQ(e.key_path(), "programmes[0].effect.child_labor");
  }
}

TEST(ProgrammeFile, TargetsNamingUnknownFirmsFailWithTheirPositionWhenResolved) {
  const support::ProgrammeSet s = load_programmes_text(
      "format: diligence-programmes/1\ntargets:\n  firms:\n    - T\n    - GHOST\n"
      "programmes: [{id: p, slots: 1, effect: {all: 1}}]\n",
      {}, "p.yaml");
  const model::SupplyNetwork net = support::test::build({support::test::firm("T", true)}, {});
  try {
    (void)support::resolve_targets(net, s, nullptr, Date{});
    FAIL() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.id(), errc::kUnknownFirm);
    EXPECT_EQ(e.location(), (Location{"p.yaml", 5, 7}));
    EXPECT_EQ(e.key_path(), "targets.firms[1]");
    EXPECT_NE(std::string(e.what()).find("GHOST"), std::string::npos);
  }
}

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("diligence-support-test-" +
             std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return path_ / name;
  }
  std::filesystem::path path_;
};

TEST(ProgrammeFile, TheTargetDirectiveIsAShippedIdOrAPathBesideTheFile) {
  const support::ProgrammeSet byid = load_programmes_text(kFile, {}, "p.yaml");
  EXPECT_EQ(load_target_profile(byid).id, "csddd-2026");
  const support::ProgrammeSet unknown = load_programmes_text(
      "format: diligence-programmes/1\ntargets:\n  directive: csddd-2099\n"
      "programmes: [{id: p, slots: 1, effect: {all: 1}}]\n",
      {}, "p.yaml");
  try {
    (void)load_target_profile(unknown);
    FAIL() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.id(), errc::kUnknownProfile);
    EXPECT_EQ(e.location(), (Location{"p.yaml", 3, 14}));
    EXPECT_EQ(e.key_path(), "targets.directive");
  }
  // A relative path is read beside the programme file.
  const TempDir dir;
  const std::string lksg =
      (std::filesystem::path(DILIGENCE_SOURCE_DIR) / "data/directives/lksg.yaml").string();
  std::ifstream in(lksg);
  dir.write("mine.yaml", std::string(std::istreambuf_iterator<char>(in), {}));
  const auto file = dir.write("p.yaml",
                              "format: diligence-programmes/1\ntargets: {directive: ./mine.yaml}\n"
                              "programmes: [{id: p, slots: 1, effect: {all: 1}}]\n");
  EXPECT_EQ(load_target_profile(load_programmes(file)).id, "lksg");
  const auto missing = dir.write("q.yaml",
                                 "format: diligence-programmes/1\ntargets: {directive: gone.yaml}\n"
                                 "programmes: [{id: p, slots: 1, effect: {all: 1}}]\n");
  try {
    (void)load_target_profile(load_programmes(missing));
    FAIL() << "no error";
  } catch (const IoError& e) {
    EXPECT_EQ(e.id(), errc::kFileNotFound);
    EXPECT_EQ(e.location().line, 2u);
    EXPECT_EQ(e.key_path(), "targets.directive");
  }
  const support::ProgrammeSet firms = load_programmes_text(
      "format: diligence-programmes/1\ntargets: {firms: [A]}\nprogrammes: [{id: p, slots: 1, "
      "effect: {all: 1}}]\n");
  EXPECT_THROW((void)load_target_profile(firms), UsageError);
}

TEST(ProgrammeFile, AMissingFileIsAnIoError) {
  EXPECT_THROW((void)load_programmes("/nonexistent/programmes.yaml"), IoError);
}

TEST(ProgrammeFile, TheShippedExampleLoadsAgainstTheDefaultRiskModel) {
  const std::filesystem::path dir =
      std::filesystem::path(DILIGENCE_SOURCE_DIR) / "examples/support";
  const risk::RiskModel model = default_risk_model();
  ProgrammeLoadOptions o;
  o.categories = model.category_ids();
  const support::ProgrammeSet s = load_programmes(dir / "programmes.yaml", o);
  ASSERT_EQ(s.programmes.size(), 3u);
  EXPECT_EQ(s.programmes[0].slots, 100u);
  EXPECT_EQ(s.programmes[1].slots, 110u);
  EXPECT_EQ(load_target_profile(s).id, "csddd-2026");
}

}  // namespace
}  // namespace diligence::io
