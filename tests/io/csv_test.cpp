// CSV scenarios: RFC 4180 parsing (quotes, embedded commas and line breaks, CRLF, BOM), columns,
// and every error with file, line, column and key path, including errors that are only found
// after all rows are read (duplicate pairs, share sums) and are placed by re-reading the file.
#include <gtest/gtest.h>

#include <diligence/core/error_ids.hpp>

#include "io_test_support.hpp"

namespace diligence::testing {
namespace {

constexpr const char* kFirmHeader = "id,name,country,sector,employees,turnover_eur,eu_turnover_eur,parent,cluster,exporter\n";

/// A scenario whose firms (and optionally links) come from CSV files in `dir`.
std::filesystem::path csv_scenario(const ScratchDir& dir, const std::string& firms_csv,
                                   const std::string& links_csv = {},
                                   const std::string& yaml_tail = {}) {
  dir.write("firms.csv", firms_csv);
  std::string yaml = "format: diligence/1\ninclude:\n  firms_csv: firms.csv\n";
  if (!links_csv.empty()) {
    dir.write("links.csv", links_csv);
    yaml += "  links_csv: links.csv\n";
  }
  return dir.write("s.yaml", yaml + yaml_tail);
}

TEST(CsvLoad, QuotesCommasLineBreaksAndEscapes) {
  ScratchDir dir;
  const auto path = csv_scenario(
      dir,
      std::string(kFirmHeader) +
          "A,\"Hanul Precision Co., Ltd.\",KR,C25.62,45,8200000,,,noksan,true\n"
          "B,\"Daebak \"\"Smart\"\" Parts\",KR,C26.11,120,30000000,2500000,,noksan,FALSE\n"
          "C,\"Seongsu Metal\nWorks\",KR,C25.61,,,,A,,\n",
      "supplier,buyer,spend_eur,share,commodity\nB,A,100,,cobalt; nickel\nC,A,300,,\n");
  const auto s = io::load_scenario(path);
  const auto& net = s.network;
  ASSERT_EQ(net.num_firms(), 3u);
  EXPECT_EQ(net.firm(0).name, "Hanul Precision Co., Ltd.");
  EXPECT_EQ(net.firm(1).name, "Daebak \"Smart\" Parts");
  EXPECT_EQ(net.firm(2).name, "Seongsu Metal\nWorks");
  EXPECT_EQ(net.firm(0).employees, 45u);
  EXPECT_EQ(net.firm(0).turnover_eur, 8200000.0);
  EXPECT_FALSE(net.firm(0).eu_turnover_eur.has_value());
  EXPECT_EQ(net.firm(1).eu_turnover_eur, 2500000.0);
  EXPECT_TRUE(net.firm(0).exporter);
  EXPECT_FALSE(net.firm(1).exporter);
  EXPECT_EQ(net.firm(0).cluster, "noksan");
  EXPECT_EQ(net.firm(2).cluster, "");
  EXPECT_FALSE(net.firm(2).employees.has_value());
  EXPECT_EQ(net.firm(2).parent, "A");
  EXPECT_EQ(net.ultimate_parent(2), 0u);
  ASSERT_EQ(net.num_links(), 2u);
  const auto l = net.find_link(1, 0);
  ASSERT_TRUE(l);
  const auto c = net.commodities(*l);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0], "cobalt");
  EXPECT_EQ(c[1], "nickel");
  EXPECT_DOUBLE_EQ(net.weight(*l), 0.25);
  EXPECT_DOUBLE_EQ(net.weight(*net.find_link(2, 0)), 0.75);
  EXPECT_TRUE(s.warnings.empty());
}

TEST(CsvLoad, CrlfBomAndMissingFinalNewline) {
  ScratchDir dir;
  const auto path = csv_scenario(
      dir, "\xEF\xBB\xBFid,country,sector\r\nA,DE,C29\r\n\r\nB,KR,\"C27.20\"",
      "supplier,buyer,share\r\nB,A,0.4");
  const auto s = io::load_scenario(path);
  ASSERT_EQ(s.network.num_firms(), 2u);
  EXPECT_EQ(s.network.firm(0).id, "A");
  EXPECT_EQ(s.network.firm(1).sector, "C27.20");
  EXPECT_DOUBLE_EQ(s.network.mapped_share(0), 0.4);
}

TEST(CsvLoad, ExtensionColumnsAndFreeColumns) {
  ScratchDir dir;
  const auto path = csv_scenario(
      dir, "id,country,sector,certifications,x-note\nA,DE,C29,ISO14001;SA8000,hello\nB,KR,C27,,\n",
      "supplier,buyer,spend_eur,contract.code_of_conduct,contract.audit_rights,contract.since,x-ref\n"
      "B,A,10,true,false,2026-03-01,r1\n");
  const auto s = io::load_scenario(path);
  const auto& net = s.network;
  EXPECT_EQ(net.firm(0).certifications, (std::vector<std::string>{"ISO14001", "SA8000"}));
  EXPECT_TRUE(net.firm(1).certifications.empty());
  const auto& contract = net.contract(0);
  EXPECT_EQ(contract.code_of_conduct, true);
  EXPECT_EQ(contract.audit_rights, false);
  EXPECT_EQ(contract.since, Date(2026, 3, 1));
}

TEST(CsvLoad, AssessmentAndDueDiligenceColumns) {
  ScratchDir dir;
  const auto path = csv_scenario(
      dir,
      "id,country,sector,assessment.E,assessment.S,assessment.G,due_diligence.policy_reviewed,"
      "due_diligence.code_of_conduct,due_diligence.risk_assessment,due_diligence.mapped_tiers,"
      "due_diligence.prevention_plans,due_diligence.contractual_assurances,"
      "due_diligence.sme_support,due_diligence.complaints_procedure,"
      "due_diligence.stakeholder_engagement,due_diligence.remediation,"
      "due_diligence.annual_statement,due_diligence.transition_plan\n"
      "A,DE,C29,0.5,0.25,1,2028-06-30,true,2029-01-15,3,0.4,0.75,yes,no,true,false,1,0\n"
      "B,KR,C27,,,,,,,,,,,,,,,\n"
      "C,KR,C27,0,0,0,,false,,,,,,,,,,\n");
  const auto s = io::load_scenario(path);
  const auto& net = s.network;
  ASSERT_TRUE(net.firm(0).assessment && net.firm(0).assessment->scores);
  EXPECT_EQ(*net.firm(0).assessment->scores, (model::PillarScores{0.5, 0.25, 1.0}));
  ASSERT_TRUE(net.firm(0).due_diligence);
  const model::DueDiligence& d = *net.firm(0).due_diligence;
  EXPECT_EQ(d.policy_reviewed, Date(2028, 6, 30));
  EXPECT_EQ(d.code_of_conduct, true);
  EXPECT_EQ(d.risk_assessment, Date(2029, 1, 15));
  EXPECT_EQ(d.mapped_tiers, 3u);
  EXPECT_EQ(d.prevention_plans, 0.4);
  EXPECT_EQ(d.contractual_assurances, 0.75);
  EXPECT_EQ(d.sme_support, true);
  EXPECT_EQ(d.complaints_procedure, false);
  EXPECT_EQ(d.stakeholder_engagement, true);
  EXPECT_EQ(d.remediation, false);
  EXPECT_EQ(d.annual_statement, true);
  EXPECT_EQ(d.transition_plan, false);
  // An empty row states nothing: no assessment, no evidence.
  EXPECT_FALSE(net.firm(1).assessment.has_value());
  EXPECT_FALSE(net.firm(1).due_diligence.has_value());
  // One evidence cell is enough for an evidence record; the rest stays "not shown".
  EXPECT_EQ(*net.firm(2).assessment->scores, (model::PillarScores{0.0, 0.0, 0.0}));
  ASSERT_TRUE(net.firm(2).due_diligence);
  EXPECT_EQ(net.firm(2).due_diligence->code_of_conduct, false);
  EXPECT_FALSE(net.firm(2).due_diligence->policy_reviewed.has_value());
  EXPECT_TRUE(s.warnings.empty());
}

TEST(CsvLoad, YamlAndCsvFirmsAndLinksReferToEachOther) {
  ScratchDir dir;
  const auto path = csv_scenario(
      dir, "id,country,sector,parent\nB,KR,C27,Y\nC,KR,C27,\n",
      "supplier,buyer,spend_eur\nB,X,5\nC,B,5\n",
      "firms:\n  - {id: X, country: DE, sector: C29}\n  - {id: Y, country: KR, sector: K64.20}\n"
      "links:\n  - {supplier: C, buyer: X, spend_eur: 15}\n");
  const auto s = io::load_scenario(path);
  const auto& net = s.network;
  ASSERT_EQ(net.num_firms(), 4u);  // YAML firms first, then CSV firms
  EXPECT_EQ(net.firm(0).id, "X");
  EXPECT_EQ(net.firm(2).id, "B");
  EXPECT_EQ(net.ultimate_parent(2), 1u);
  EXPECT_EQ(net.num_links(), 3u);
  EXPECT_DOUBLE_EQ(net.weight(*net.find_link(2, 0)), 0.25);  // B -> X: 5 of 20
  EXPECT_DOUBLE_EQ(net.weight(*net.find_link(3, 0)), 0.75);  // C -> X: 15 of 20
}

TEST(CsvLoad, ProgressIsReported) {
  ScratchDir dir;
  const auto path = csv_scenario(dir, "id,country,sector\nA,DE,C29\nB,DE,C29\n");
  std::vector<std::string> phases;
  std::uint64_t last_done = 0, total = 0;
  io::LoadOptions options;
  options.progress = [&](const Progress& p) {
    phases.emplace_back(p.phase);
    last_done = p.done;
    total = p.total;
  };
  (void)io::load_scenario(path, options);
  ASSERT_FALSE(phases.empty());
  EXPECT_EQ(phases.back(), "firms_csv");
  EXPECT_EQ(last_done, total);
  EXPECT_EQ(total, std::filesystem::file_size(dir.path() / "firms.csv"));
}

struct CsvCase {
  const char* name;
  std::string firms;
  std::string links;
  std::string yaml_tail;
  ExpectedError want;
};

std::vector<CsvCase> csv_cases() {
  const std::string ok_firms = "id,country,sector\nA,DE,C29\nB,KR,C27\nC,CN,C24\n";
  return {
      {"empty_file", "", "", "", {errc::kCsvHeader, 1, 1, "include.firms_csv", "firms.csv"}},
      {"unknown_column", "id,country,sector,size\nA,DE,C29,3\n", "", "",
       {errc::kUnknownKey, 1, 19, "include.firms_csv", "firms.csv"}},
      {"duplicate_column", "id,country,id,sector\n", "", "",
       {errc::kDuplicateKey, 1, 12, "include.firms_csv", "firms.csv"}},
      {"missing_required_column", "id,country\nA,DE\n", "", "",
       {errc::kMissingKey, 1, 1, "include.firms_csv", "firms.csv"}},
      {"empty_column_name", "id,,country,sector\n", "", "", {errc::kCsvHeader, 1, 4, "include.firms_csv", "firms.csv"}},
      {"unclosed_quote", "id,country,sector\nA,DE,C29\nB,\"KR,C27\n", "", "",
       {errc::kCsvSyntax, 3, 3, "include.firms_csv", "firms.csv"}},
      {"quote_in_unquoted_field", "id,country,sector\nA,D\"E,C29\n", "", "",
       {errc::kCsvSyntax, 2, 4, "include.firms_csv", "firms.csv"}},
      {"text_after_closing_quote", "id,country,sector\nA,\"DE\"x,C29\n", "", "",
       {errc::kCsvSyntax, 2, 7, "include.firms_csv", "firms.csv"}},
      {"too_many_cells", "id,country,sector\nA,DE,C29,extra\n", "", "",
       {errc::kCsvFieldCount, 2, 10, "include.firms_csv", "firms.csv"}},
      {"too_few_cells", "id,country,sector\nA,DE\n", "", "",
       {errc::kCsvFieldCount, 2, 3, "include.firms_csv", "firms.csv"}},
      {"empty_required_cell", "id,country,sector\nA,,C29\n", "", "",
       {errc::kMissingKey, 2, 3, "firms[0].country", "firms.csv"}},
      {"employees_not_integer", "id,country,sector,employees\nA,DE,C29,12.5\n", "", "",
       {errc::kType, 2, 10, "firms[0].employees", "firms.csv"}},
      {"employees_negative", "id,country,sector,employees\nA,DE,C29,-4\n", "", "",
       {errc::kRange, 2, 10, "firms[0].employees", "firms.csv"}},
      {"turnover_not_number", "id,country,sector,turnover_eur\nA,DE,C29,12 m\n", "", "",
       {errc::kType, 2, 10, "firms[0].turnover_eur", "firms.csv"}},
      {"exporter_not_bool", "id,country,sector,exporter\nA,DE,C29,sometimes\n", "", "",
       {errc::kType, 2, 10, "firms[0].exporter", "firms.csv"}},
      {"bad_country_in_cell", "id,name,country,sector\nA,\"Société\",fr,C29\n", "", "",
       {errc::kBadCountry, 2, 13, "firms[0].country", "firms.csv"}},
      {"bad_sector_after_multiline_name", "id,name,country,sector\nA,\"two\nlines\",DE,Z99\n", "", "",
       {errc::kBadSector, 3, 11, "firms[0].sector", "firms.csv"}},
      {"duplicate_id_across_yaml_and_csv", "id,country,sector\nA,DE,C29\nX,DE,C29\n", "",
       "firms:\n  - {id: X, country: DE, sector: C29}\n",
       {errc::kDuplicateFirm, 3, 1, "firms[2].id", "firms.csv"}},
      {"parent_loop_in_csv", "id,country,sector,parent\nA,DE,C29,B\nB,DE,C29,A\n", "", "",
       {errc::kParentCycle, 2, 10, "firms[0].parent", "firms.csv"}},
      {"assessment_pillar_missing_in_row",
       "id,country,sector,assessment.E,assessment.S,assessment.G\nA,DE,C29,0.5,,0.7\n", "", "",
       {errc::kMissingKey, 2, 14, "firms[0].assessment.S", "firms.csv"}},
      {"assessment_pillar_out_of_range",
       "id,country,sector,assessment.E,assessment.S,assessment.G\nA,DE,C29,0.5,1.5,0.7\n", "", "",
       {errc::kRange, 2, 14, "firms[0].assessment.S", "firms.csv"}},
      {"assessment_pillar_column_missing", "id,country,sector,assessment.G,assessment.E\n", "", "",
       {errc::kMissingKey, 1, 32, "include.firms_csv", "firms.csv"}},
      {"due_diligence_bad_date",
       "id,country,sector,due_diligence.risk_assessment\nA,DE,C29,2028-13-01\n", "", "",
       {errc::kBadDate, 2, 10, "firms[0].due_diligence.risk_assessment", "firms.csv"}},
      {"due_diligence_bad_date_second_row",
       "id,country,sector,due_diligence.policy_reviewed\nA,DE,C29,2027-01-01\nB,KR,C27,01.02.2027\n",
       "", "", {errc::kBadDate, 3, 10, "firms[1].due_diligence.policy_reviewed", "firms.csv"}},
      {"due_diligence_flag_not_bool", "id,country,sector,due_diligence.remediation\nA,DE,C29,often\n",
       "", "", {errc::kType, 2, 10, "firms[0].due_diligence.remediation", "firms.csv"}},
      {"due_diligence_mapped_tiers_fraction",
       "id,country,sector,due_diligence.mapped_tiers\nA,DE,C29,2.5\n", "", "",
       {errc::kType, 2, 10, "firms[0].due_diligence.mapped_tiers", "firms.csv"}},
      {"due_diligence_mapped_tiers_too_many",
       "id,country,sector,due_diligence.mapped_tiers\nA,DE,C29,1001\n", "", "",
       {errc::kRange, 2, 10, "firms[0].due_diligence.mapped_tiers", "firms.csv"}},
      {"due_diligence_share_above_one",
       "id,name,country,sector,due_diligence.contractual_assurances\nA,\"Ab, Cd\",DE,C29,1.2\n", "", "",
       {errc::kRange, 2, 19, "firms[0].due_diligence.contractual_assurances", "firms.csv"}},
      {"link_unknown_firm", ok_firms, "supplier,buyer,spend_eur\nB,A,5\nZ,A,5\n", "",
       {errc::kUnknownFirm, 3, 1, "links[1].supplier", "links.csv"}},
      {"link_self", ok_firms, "supplier,buyer\nB,B\n", "", {errc::kSelfLink, 2, 3, "links[0].buyer", "links.csv"}},
      {"link_negative_spend", ok_firms, "supplier,buyer,spend_eur\nB,A,-5\n", "",
       {errc::kRange, 2, 5, "links[0].spend_eur", "links.csv"}},
      {"link_share_above_one", ok_firms, "supplier,buyer,share\nB,A,1.5\n", "",
       {errc::kRange, 2, 5, "links[0].share", "links.csv"}},
      {"link_empty_list_item", ok_firms, "supplier,buyer,commodity\nB,A,cobalt;;tin\n", "",
       {errc::kType, 2, 5, "links[0].commodity", "links.csv"}},
      {"link_duplicate_pair_found_after_loading", ok_firms,
       "supplier,buyer,spend_eur\nB,A,5\nC,A,5\n\"B\",A,7\n", "",
       {errc::kDuplicateLink, 4, 1, "links[2]", "links.csv"}},
      {"link_shares_sum_above_one", ok_firms,
       "supplier,buyer,share\nB,A,0.5\nC,B,0.2\nC,A,0.6\n", "",
       {errc::kShareSum, 4, 5, "links[2].share", "links.csv"}},
      {"link_share_mix_yaml_and_csv", ok_firms, "supplier,buyer,share\nB,A,0.5\n",
       "links:\n  - {supplier: C, buyer: A, spend_eur: 10}\n",
       {errc::kShareMix, 2, 5, "links[1].share", "links.csv"}},
      {"link_missing_buyer_column", ok_firms, "supplier,spend_eur\nB,5\n", "",
       {errc::kMissingKey, 1, 1, "include.links_csv", "links.csv"}},
  };
}

class CsvErrorTest : public ::testing::TestWithParam<CsvCase> {};

TEST_P(CsvErrorTest, NamesIdPositionAndKey) {
  const CsvCase& c = GetParam();
  ScratchDir dir;
  const auto path = csv_scenario(dir, c.firms, c.links, c.yaml_tail);
  expect_error([&] { (void)io::load_scenario(path); }, c.want);
}

INSTANTIATE_TEST_SUITE_P(Rules, CsvErrorTest, ::testing::ValuesIn(csv_cases()),
                         [](const ::testing::TestParamInfo<CsvCase>& p) { return p.param.name; });

}  // namespace
}  // namespace diligence::testing
