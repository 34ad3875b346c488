// Every error rule of spec/scenario.md ("Errors"), as YAML: each case names the error id, the
// line and column of the offending key or value, and the key path.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/core/error_ids.hpp>

#include "io_test_support.hpp"

namespace diligence::testing {
namespace {

struct Case {
  const char* name;
  std::string yaml;
  ExpectedError want;
};

// Three valid firms, lines 2-5, used by the link cases (links start on line 6).
const std::string kFirms =
    "format: diligence/1\n"                       // 1
    "firms:\n"                                    // 2
    "  - {id: A, country: DE, sector: C29.10}\n"  // 3
    "  - {id: B, country: KR, sector: C27.20}\n"  // 4
    "  - {id: C, country: CN, sector: C24.45}\n"  // 5
    "links:\n";                                   // 6

std::vector<Case> cases() {
  return {
      // --- top level -------------------------------------------------------------------------
      {"format_missing", "name: x\n", {errc::kFormatVersion, 1, 1, "format"}},
      {"format_unknown", "format: diligence/2\n", {errc::kFormatVersion, 1, 9, "format"}},
      {"not_a_map", "- a\n- b\n", {errc::kType, 1, 1, ""}},
      {"unknown_top_key", "format: diligence/1\nfirm: []\n", {errc::kUnknownKey, 2, 1, "firm"}},
      {"duplicate_top_key",
       "format: diligence/1\nname: a\nname: b\n",
       {errc::kDuplicateKey, 3, 1, "name"}},
      {"currency", "format: diligence/1\ncurrency: USD\n", {errc::kCurrency, 2, 11, "currency"}},
      {"as_of_not_a_day",
       "format: diligence/1\nas_of: 2029-02-30\n",
       {errc::kBadDate, 2, 8, "as_of"}},
      {"as_of_shape", "format: diligence/1\nas_of: 1.9.2029\n", {errc::kBadDate, 2, 8, "as_of"}},
      {"firms_not_list", "format: diligence/1\nfirms: {id: A}\n", {errc::kType, 2, 8, "firms"}},
      {"include_unknown_key",
       "format: diligence/1\ninclude:\n  nodes_csv: n.csv\n",
       {errc::kUnknownKey, 3, 3, "include.nodes_csv"}},
      // --- firms -------------------------------------------------------------------------------
      {"firm_missing_country",
       "format: diligence/1\nfirms:\n  - {id: A, sector: C29}\n",
       {errc::kMissingKey, 3, 5, "firms[0].country"}},
      {"firm_missing_id",
       "format: diligence/1\nfirms:\n  - country: DE\n    sector: C29\n",
       {errc::kMissingKey, 3, 5, "firms[0].id"}},
      {"firm_unknown_key",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n    employes: "
       "5\n",
       {errc::kUnknownKey, 6, 5, "firms[0].employes"}},
      {"firm_bad_id",
       "format: diligence/1\nfirms:\n  - {id: A B, country: DE, sector: C29}\n",
       {errc::kBadId, 3, 10, "firms[0].id"}},
      {"firm_id_too_long",
       "format: diligence/1\nfirms:\n  - {id: " + std::string(65, 'x') +
           ", country: DE, sector: C29}\n",
       {errc::kBadId, 3, 10, "firms[0].id"}},
      {"firm_bad_country",
       "format: diligence/1\nfirms:\n  - {id: A, country: de, sector: C29}\n",
       {errc::kBadCountry, 3, 22, "firms[0].country"}},
      {"firm_bad_sector",
       "format: diligence/1\nfirms:\n  - {id: A, country: DE, sector: C01}\n",
       {errc::kBadSector, 3, 34, "firms[0].sector"}},
      {"employees_negative",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n    employees: "
       "-3\n",
       {errc::kRange, 6, 16, "firms[0].employees"}},
      {"employees_fraction",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n    employees: "
       "1.5\n",
       {errc::kType, 6, 16, "firms[0].employees"}},
      {"employees_quoted",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n    employees: "
       "\"12\"\n",
       {errc::kType, 6, 16, "firms[0].employees"}},
      {"employees_list",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n    employees: "
       "[1]\n",
       {errc::kType, 6, 16, "firms[0].employees"}},
      {"turnover_negative",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n    "
       "turnover_eur: -1\n",
       {errc::kRange, 6, 19, "firms[0].turnover_eur"}},
      {"turnover_infinite",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n    "
       "turnover_eur: .inf\n",
       {errc::kRange, 6, 19, "firms[0].turnover_eur"}},
      {"turnover_nan",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n    "
       "eu_turnover_eur: .nan\n",
       {errc::kRange, 6, 22, "firms[0].eu_turnover_eur"}},
      {"turnover_text",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n    "
       "turnover_eur: lots\n",
       {errc::kType, 6, 19, "firms[0].turnover_eur"}},
      {"exporter_not_bool",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n    exporter: "
       "maybe\n",
       {errc::kType, 6, 15, "firms[0].exporter"}},
      {"employees_by_country_code",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n"
       "    employees_by_country: {DE: 5, Korea: 3}\n",
       {errc::kBadCountry, 6, 42, "firms[0].employees_by_country.Korea"}},
      {"duplicate_firm_id",
       "format: diligence/1\nfirms:\n  - {id: A, country: DE, sector: C29}\n"
       "  - {id: A, country: DE, sector: C29}\n",
       {errc::kDuplicateFirm, 4, 10, "firms[1].id"}},
      {"parent_unknown",
       "format: diligence/1\nfirms:\n  - {id: A, country: DE, sector: C29, parent: Z}\n",
       {errc::kUnknownFirm, 3, 47, "firms[0].parent"}},
      {"parent_self",
       "format: diligence/1\nfirms:\n  - {id: A, country: DE, sector: C29, parent: A}\n",
       {errc::kParentCycle, 3, 47, "firms[0].parent"}},
      {"parent_loop",
       "format: diligence/1\nfirms:\n  - {id: A, country: DE, sector: C29}\n"
       "  - {id: B, country: DE, sector: C29, parent: C}\n"
       "  - {id: C, country: DE, sector: C29, parent: B}\n",
       {errc::kParentCycle, 4, 47, "firms[1].parent"}},
      {"risk_unknown_category",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n"
       "    risk: {child_labor: 0.2}\n",
       {errc::kUnknownCategory, 6, 12, "firms[0].risk.child_labor"}},
      {"risk_out_of_range",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n"
       "    risk: {child_labour: 1.2}\n",
       {errc::kRange, 6, 26, "firms[0].risk.child_labour"}},
      {"incident_unknown_category",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n"
       "    incidents:\n      - {category: slavery, known: true}\n",
       {errc::kUnknownCategory, 7, 20, "firms[0].incidents[0].category"}},
      {"incident_bad_severity",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n"
       "    incidents:\n      - {category: pollution, severity: awful}\n",
       {errc::kBadEnum, 7, 41, "firms[0].incidents[0].severity"}},
      {"incident_missing_category",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n"
       "    incidents:\n      - {known: true}\n",
       {errc::kMissingKey, 7, 9, "firms[0].incidents[0].category"}},
      {"score_out_of_range",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n"
       "    assessment: {scores: {E: 0.5, S: 2, G: 0.1}}\n",
       {errc::kRange, 6, 38, "firms[0].assessment.scores.S"}},
      {"score_missing_pillar",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n"
       "    assessment: {scores: {E: 0.5, S: 0.2}}\n",
       {errc::kMissingKey, 6, 26, "firms[0].assessment.scores"}},
      {"assessment_answers_without_questionnaire",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n"
       "    assessment: {answers: {D1: 3}}\n",
       {errc::kMissingKey, 6, 17, "firms[0].assessment.questionnaire"}},
      {"due_diligence_unknown_key",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n"
       "    due_diligence: {policy: true}\n",
       {errc::kUnknownKey, 6, 21, "firms[0].due_diligence.policy"}},
      {"due_diligence_bad_date",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n"
       "    due_diligence: {policy_reviewed: 2027-13-01}\n",
       {errc::kBadDate, 6, 38, "firms[0].due_diligence.policy_reviewed"}},
      {"due_diligence_share_range",
       "format: diligence/1\nfirms:\n  - id: A\n    country: DE\n    sector: C29\n"
       "    due_diligence: {prevention_plans: 1.5}\n",
       {errc::kRange, 6, 39, "firms[0].due_diligence.prevention_plans"}},
      // --- links -------------------------------------------------------------------------------
      {"link_unknown_supplier",
       kFirms + "  - {supplier: Z, buyer: A}\n",
       {errc::kUnknownFirm, 7, 16, "links[0].supplier"}},
      {"link_unknown_buyer",
       kFirms + "  - {supplier: B, buyer: Q}\n",
       {errc::kUnknownFirm, 7, 26, "links[0].buyer"}},
      {"link_missing_buyer",
       kFirms + "  - {supplier: B}\n",
       {errc::kMissingKey, 7, 5, "links[0].buyer"}},
      {"link_unknown_key",
       kFirms + "  - {supplier: B, buyer: A, volume: 3}\n",
       {errc::kUnknownKey, 7, 29, "links[0].volume"}},
      {"self_link",
       kFirms + "  - {supplier: B, buyer: B}\n",
       {errc::kSelfLink, 7, 26, "links[0].buyer"}},
      {"duplicate_pair",
       kFirms +
           "  - {supplier: B, buyer: A, spend_eur: 5}\n  - {supplier: C, buyer: A, spend_eur: 5}\n"
           "  - {supplier: B, buyer: A, spend_eur: 7}\n",
       {errc::kDuplicateLink, 9, 5, "links[2]"}},
      {"spend_negative",
       kFirms + "  - {supplier: B, buyer: A, spend_eur: -5}\n",
       {errc::kRange, 7, 40, "links[0].spend_eur"}},
      {"share_above_one",
       kFirms + "  - {supplier: B, buyer: A, share: 1.01}\n",
       {errc::kRange, 7, 36, "links[0].share"}},
      {"shares_sum_above_one",
       kFirms +
           "  - {supplier: B, buyer: A, share: 0.6}\n  - {supplier: C, buyer: A, share: 0.5}\n",
       {errc::kShareSum, 8, 36, "links[1].share"}},
      {"share_mix",
       kFirms +
           "  - {supplier: B, buyer: A, share: 0.6}\n  - {supplier: C, buyer: A, spend_eur: 9}\n",
       {errc::kShareMix, 8, 5, "links[1].share"}},
      {"contract_unknown_key",
       kFirms + "  - {supplier: B, buyer: A, contract: {coc: true}}\n",
       {errc::kUnknownKey, 7, 40, "links[0].contract.coc"}},
      {"contract_bad_since",
       kFirms + "  - {supplier: B, buyer: A, contract: {since: 2026-3-1}}\n",
       {errc::kBadDate, 7, 47, "links[0].contract.since"}},
      {"commodity_not_text",
       kFirms + "  - {supplier: B, buyer: A, commodity: {a: 1}}\n",
       {errc::kType, 7, 40, "links[0].commodity"}},
  };
}

class YamlErrorTest : public ::testing::TestWithParam<Case> {};

TEST_P(YamlErrorTest, NamesIdPositionAndKey) {
  const Case& c = GetParam();
  ExpectedError want = c.want;
  want.file_suffix = "s.yaml";
  expect_error([&] { (void)load_text(c.yaml); }, want);
}

INSTANTIATE_TEST_SUITE_P(Rules, YamlErrorTest, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& p) { return p.param.name; });

TEST(YamlErrors, SyntaxErrorHasPosition) {
  try {
    (void)load_text("format: diligence/1\nfirms:\n  - {id: A, country: DE\n");
    FAIL() << "no error";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.id(), errc::kYamlSyntax);
    EXPECT_EQ(e.location().file, "s.yaml");
    EXPECT_GE(e.location().line, 3u);
  }
}

TEST(YamlErrors, UserKeysStartingWithXAreFree) {
  const auto s = load_text(
      "format: diligence/1\nx-owner: audit team\nfirms:\n"
      "  - {id: A, country: DE, sector: C29, x-note: hello}\n"
      "  - {id: B, country: DE, sector: C29}\n"
      "links:\n  - {supplier: B, buyer: A, x-ref: 17}\n");
  EXPECT_EQ(s.network.num_firms(), 2u);
  EXPECT_EQ(s.network.num_links(), 1u);
}

TEST(YamlErrors, MessageJoinsPositionIdKeyAndDetail) {
  try {
    (void)load_text("format: diligence/1\nfirms:\n  - {id: A, country: de, sector: C29}\n");
    FAIL() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(std::string(e.what()),
              "s.yaml:3:22: error[input.bad_country]: firms[0].country: expected an ISO 3166-1 "
              "alpha-2 code in upper case (DE, KR), got 'de'");
  }
}

TEST(YamlErrors, MissingFileIsAnIoError) {
  ScratchDir dir;
  expect_error<IoError>([&] { (void)io::load_scenario(dir.path() / "nope.yaml"); },
                        {errc::kFileNotFound, 0, 0, ""});
}

TEST(YamlErrors, MissingIncludedCsvNamesTheIncludeKey) {
  ScratchDir dir;
  const auto path = dir.write("s.yaml", "format: diligence/1\ninclude:\n  firms_csv: firms.csv\n");
  expect_error<IoError>([&] { (void)io::load_scenario(path); },
                        {errc::kFileNotFound, 3, 14, "include.firms_csv", "s.yaml"});
}

}  // namespace
}  // namespace diligence::testing
