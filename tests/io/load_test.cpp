// Loading the shipped example scenarios and the success paths of the YAML format: every key read
// into the model, weights per spec/scenario.md, warnings with positions, atomic writes.
#include <gtest/gtest.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/model/structure.hpp>

#include "io_test_support.hpp"

namespace diligence::testing {
namespace {

const std::filesystem::path kExamples =
    std::filesystem::path(DILIGENCE_SOURCE_DIR) / "examples" / "scenarios";

model::FirmIndex idx(const model::SupplyNetwork& net, std::string_view id) {
  return net.index_of(id);
}

double weight(const model::SupplyNetwork& net, std::string_view s, std::string_view b) {
  const auto l = net.find_link(idx(net, s), idx(net, b));
  if (!l) throw std::runtime_error("no link");
  return net.weight(*l);
}

TEST(Examples, TextbookWeightsAsDocumentedInTheFile) {
  const auto s = io::load_scenario(kExamples / "textbook" / "scenario.yaml");
  const auto& net = s.network;
  EXPECT_EQ(s.name, "Textbook cocoa chain");
  EXPECT_TRUE(s.as_of_given);
  EXPECT_EQ(s.as_of, Date(2029, 9, 1));
  EXPECT_EQ(net.num_firms(), 6u);
  EXPECT_EQ(net.num_links(), 6u);
  EXPECT_TRUE(s.warnings.empty());
  // Spend into CI-GRIND: 600k and 400k.
  EXPECT_DOUBLE_EQ(weight(net, "CI-FARM", "CI-GRIND"), 0.6);
  EXPECT_DOUBLE_EQ(weight(net, "GH-FARM", "CI-GRIND"), 0.4);
  // Shares into NL-CHOC: 0.5 and 0.2, 0.3 unmapped.
  EXPECT_DOUBLE_EQ(weight(net, "CI-GRIND", "NL-CHOC"), 0.5);
  EXPECT_DOUBLE_EQ(weight(net, "FR-SUGAR", "NL-CHOC"), 0.2);
  EXPECT_DOUBLE_EQ(net.mapped_share(idx(net, "NL-CHOC")), 0.7);
  EXPECT_EQ(net.weight_rule(idx(net, "NL-CHOC")), model::WeightRule::kShare);
  // Spend into DE-RETAIL: 3m and 1m.
  EXPECT_DOUBLE_EQ(weight(net, "NL-CHOC", "DE-RETAIL"), 0.75);
  EXPECT_DOUBLE_EQ(weight(net, "FR-SUGAR", "DE-RETAIL"), 0.25);
  EXPECT_EQ(net.weight_rule(idx(net, "CI-FARM")), model::WeightRule::kNoSuppliers);
  // Firm fields.
  const auto& farm = net.firm(idx(net, "CI-FARM"));
  ASSERT_EQ(farm.risk.size(), 2u);
  EXPECT_EQ(farm.risk[0], (std::pair<std::string, double>{"child_labour", 0.8}));
  EXPECT_EQ(farm.risk[1], (std::pair<std::string, double>{"biodiversity", 0.6}));
  EXPECT_EQ(net.size_class(idx(net, "CI-FARM")), model::SizeClass::kMedium);
  EXPECT_EQ(net.size_class(idx(net, "DE-RETAIL")), model::SizeClass::kLarge);
  const auto& grind = net.firm(idx(net, "CI-GRIND"));
  ASSERT_TRUE(grind.assessment && grind.assessment->scores);
  EXPECT_DOUBLE_EQ(grind.assessment->scores->e, 0.4);
  EXPECT_DOUBLE_EQ(grind.assessment->scores->s, 0.5);
  EXPECT_DOUBLE_EQ(grind.assessment->scores->g, 0.3);
  const auto& retail = net.firm(idx(net, "DE-RETAIL"));
  ASSERT_TRUE(retail.due_diligence);
  EXPECT_EQ(retail.due_diligence->policy_reviewed, Date(2028, 10, 1));
  EXPECT_EQ(retail.due_diligence->mapped_tiers, 2u);
  EXPECT_EQ(retail.due_diligence->complaints_procedure, true);
  EXPECT_FALSE(retail.due_diligence->remediation.has_value());
  EXPECT_EQ(retail.employees_in("DE"), 6000u);
  const auto l = *net.find_link(idx(net, "NL-CHOC"), idx(net, "DE-RETAIL"));
  EXPECT_EQ(net.contract(l).since, Date(2027, 1, 1));
  EXPECT_EQ(net.contract(l).audit_rights, true);
  ASSERT_EQ(net.commodities(l).size(), 1u);
  EXPECT_EQ(net.commodities(l)[0], "chocolate");
}

TEST(Examples, KoreaBatteryLoadsWithCyclesAndNoWarnings) {
  const auto s = io::load_scenario(kExamples / "korea-battery" / "scenario.yaml");
  const auto& net = s.network;
  EXPECT_GE(net.num_firms(), 40u);
  EXPECT_TRUE(s.warnings.empty());
  const auto scc = model::strong_components(net);
  std::size_t cycles = 0;
  for (const auto size : scc.sizes) cycles += size > 1 ? 1 : 0;
  EXPECT_GE(cycles, 1u);
  // The tenants of the industrial complex are SMEs.
  std::size_t smes = 0;
  for (model::FirmIndex i = 0; i < net.num_firms(); ++i)
    if (!net.firm(i).cluster.empty() && model::is_sme(net.size_class(i))) ++smes;
  EXPECT_GE(smes, 30u);
}

TEST(Examples, CsvMiniMergesYamlAndCsv) {
  const auto s = io::load_scenario(kExamples / "csv-mini" / "scenario.yaml");
  const auto& net = s.network;
  EXPECT_EQ(net.num_firms(), 12u);
  EXPECT_EQ(net.num_links(), 14u);
  EXPECT_EQ(net.firm(idx(net, "KR-T03")).name, "Seongsu Metal\nWorks");
  EXPECT_EQ(net.firm(idx(net, "KR-T02")).name, "Daebak \"Smart\" Parts");
  EXPECT_EQ(net.ultimate_parent(idx(net, "KR-EXP")), idx(net, "KR-GRP"));
}

TEST(YamlLoad, NullMeansNotGivenAndPlainScalarsStayText) {
  const auto s = load_text(
      "format: diligence/1\nfirms:\n"
      "  - id: 12345\n    country: NO\n    sector: C29\n    employees: ~\n    name:\n"
      "    certifications: ISO14001\n");
  const auto& f = s.network.firm(0);
  EXPECT_EQ(f.id, "12345");
  EXPECT_EQ(f.country, "NO");  // Norway, not the YAML 1.1 boolean
  EXPECT_FALSE(f.employees.has_value());
  EXPECT_EQ(f.name, "");
  EXPECT_EQ(f.certifications, (std::vector<std::string>{"ISO14001"}));
  EXPECT_FALSE(s.as_of_given);
  EXPECT_EQ(s.as_of, Date::today());
}

TEST(YamlLoad, QuestionnaireAnswersIncidentsAndNumbersKeepTheirValues) {
  const auto s = load_text(
      "format: diligence/1\nfirms:\n"
      "  - id: A\n    country: KR\n    sector: C25.62\n    employees: 1200\n"
      "    turnover_eur: 4.5e8\n    eu_turnover_eur: 0\n    exporter: yes\n"
      "    assessment: {questionnaire: kesg-sme, answers: {D1: 3, E2: yes, S1: \"2\"}}\n"
      "    incidents:\n      - {category: forced_labour, known: true, severity: severe}\n"
      "      - {category: pollution}\n");
  const auto& f = s.network.firm(0);
  EXPECT_EQ(f.employees, 1200u);
  EXPECT_EQ(f.turnover_eur, 4.5e8);
  EXPECT_EQ(f.eu_turnover_eur, 0.0);
  EXPECT_TRUE(f.exporter);
  ASSERT_TRUE(f.assessment);
  EXPECT_FALSE(f.assessment->scores);
  EXPECT_EQ(f.assessment->questionnaire, "kesg-sme");
  const std::vector<std::pair<std::string, std::string>> answers = {
      {"D1", "3"}, {"E2", "yes"}, {"S1", "2"}};
  EXPECT_EQ(f.assessment->answers, answers);
  ASSERT_EQ(f.incidents.size(), 2u);
  EXPECT_EQ(f.incidents[0].category, "forced_labour");
  EXPECT_TRUE(f.incidents[0].known);
  EXPECT_EQ(f.incidents[0].severity, model::IncidentSeverity::kSevere);
  EXPECT_FALSE(f.incidents[1].known);
  EXPECT_EQ(f.incidents[1].severity, model::IncidentSeverity::kMedium);
}

TEST(YamlLoad, CustomCategoriesFromOptions) {
  io::LoadOptions options;
  options.categories = {"water"};
  const std::string yaml =
      "format: diligence/1\nfirms:\n  - {id: A, country: DE, sector: C29, risk: {water: 0.3}}\n";
  const auto s = io::load_scenario_text(yaml, options, "s.yaml");
  EXPECT_EQ(s.network.firm(0).risk[0].first, "water");
  expect_error([&] { (void)load_text(yaml); },
               {errc::kUnknownCategory, 3, 46, "firms[0].risk.water"});
}

TEST(YamlLoad, EqualWeightWarningNamesTheBuyerAndItsLine) {
  std::vector<Diagnostic> seen;
  io::LoadOptions options;
  options.sink = [&](const Diagnostic& d) { seen.push_back(d); };
  const auto s = io::load_scenario_text(
      "format: diligence/1\nfirms:\n"
      "  - {id: A, country: DE, sector: C29}\n"
      "  - {id: B, country: DE, sector: C29}\n"
      "  - {id: C, country: DE, sector: C29}\n"
      "links:\n  - {supplier: B, buyer: A, spend_eur: 10}\n  - {supplier: C, buyer: A}\n",
      options, "s.yaml");
  ASSERT_EQ(s.warnings.size(), 1u);
  const Diagnostic& w = s.warnings[0];
  EXPECT_EQ(w.id, errc::kWarnEqualWeights);
  EXPECT_EQ(w.key_path, "firms[0]");
  EXPECT_EQ(w.location, (Location{"s.yaml", 3, 5}));
  EXPECT_NE(w.message.find("'A'"), std::string::npos);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].location, w.location);
  EXPECT_DOUBLE_EQ(s.network.weight(*s.network.find_link(1, 0)), 0.5);
}

TEST(Files, WriteFileAtomicReplacesAndLeavesNoTemporary) {
  ScratchDir dir;
  const auto target = dir.path() / "out.json";
  io::write_file_atomic(target, "first");
  io::write_file_atomic(target, "second");
  std::ifstream in(target);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "second");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1u);
}

TEST(Files, WriteFileAtomicIntoMissingDirectoryFailsCleanly) {
  ScratchDir dir;
  expect_error<IoError>([&] { io::write_file_atomic(dir.path() / "no" / "out.json", "x"); },
                        {errc::kFileUnwritable, 0});
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "no"));
}

}  // namespace
}  // namespace diligence::testing

namespace diligence::testing {
namespace {

// The YAML examples in docs/formats.md must load, so the docs cannot drift from the loader.
TEST(Docs, FormatsExamplesLoad) {
  std::ifstream in(std::filesystem::path(DILIGENCE_SOURCE_DIR) / "docs" / "formats.md");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t pos = 0, blocks = 0;
  while ((pos = text.find("```yaml\n", pos)) != std::string::npos) {
    const std::size_t start = pos + 8;
    const std::size_t end = text.find("```", start);
    ASSERT_NE(end, std::string::npos);
    const auto s = load_text(text.substr(start, end - start));
    EXPECT_GT(s.network.num_firms(), 0u);
    ++blocks;
    pos = end + 3;
  }
  EXPECT_GE(blocks, 1u);
}

}  // namespace
}  // namespace diligence::testing
