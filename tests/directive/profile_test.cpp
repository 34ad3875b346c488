// Directive profiles: the three shipped profiles load and say what reference/regulation.md says
// (thresholds, comparisons, dates, obligations, penalty rules, verified flags); find_profile
// resolves ids and paths; every loader rule fails with its id, position and key path.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/directive/profile.hpp>
#include <diligence/io/directive_io.hpp>
#include <diligence/io/risk_model_io.hpp>

#include "directive_test_support.hpp"

namespace diligence::test {
namespace {

namespace fs = std::filesystem;
using namespace diligence::directive;

// --- the shipped profiles -------------------------------------------------------------------

TEST(ShippedProfiles, AreListedAndTheirIdsMatchTheirFileNames) {
  const std::vector<std::string> ids = io::shipped_profiles();
  for (const char* want : {"csddd-2024", "csddd-2026", "lksg"})
    EXPECT_NE(std::find(ids.begin(), ids.end(), want), ids.end()) << want;
  for (const auto& id : ids) {
    const DirectiveProfile p = io::find_profile(id);
    EXPECT_EQ(p.id, id);
    EXPECT_FALSE(p.title.empty());
    EXPECT_FALSE(p.source.empty());
    for (const auto& r : p.rules) EXPECT_FALSE(r.source.empty()) << id << " " << r.id;
    for (const auto& ph : p.phases) EXPECT_FALSE(ph.source.empty()) << id << " " << ph.id;
    for (const auto& o : p.obligations) EXPECT_FALSE(o.source.empty()) << id << " " << o.id;
  }
}

TEST(ShippedProfiles, Csddd2024AsAdopted) {
  const DirectiveProfile& p = shipped("csddd-2024");
  EXPECT_EQ(p.legal_reference, "Directive (EU) 2024/1760");
  EXPECT_EQ(p.in_force, Date(2024, 7, 25));
  ASSERT_EQ(p.rules.size(), 4u);
  const ScopeRule* eu = p.rule("eu-company");
  ASSERT_NE(eu, nullptr);
  EXPECT_EQ(eu->who, Who::kEu);
  EXPECT_EQ(eu->basis, Basis::kFirm);
  ASSERT_EQ(eu->conditions.size(), 2u);
  EXPECT_EQ(eu->conditions[0].measure, Measure::kEmployees);
  EXPECT_EQ(eu->conditions[0].comparison, Comparison::kMoreThan);
  EXPECT_EQ(eu->conditions[0].threshold, 1000.0);
  EXPECT_EQ(eu->conditions[1].measure, Measure::kTurnover);
  EXPECT_EQ(eu->conditions[1].threshold, 450'000'000.0);
  EXPECT_TRUE(eu->verified);
  EXPECT_EQ(p.rule("eu-group")->basis, Basis::kGroup);
  EXPECT_EQ(p.rule("non-eu-company")->conditions[0].measure, Measure::kEuTurnover);
  EXPECT_EQ(p.rule("non-eu-company")->conditions[0].threshold, 450'000'000.0);
  // Art. 37: three dates.
  std::vector<Date> dates;
  for (const auto& ph : p.phases) dates.push_back(ph.from);
  EXPECT_EQ(dates, (std::vector<Date>{Date(2027, 7, 26), Date(2027, 7, 26), Date(2028, 7, 26),
                                      Date(2028, 7, 26), Date(2029, 7, 26)}));
  EXPECT_EQ(p.chain.coverage, Coverage::kAllUpstream);
  // Arts 7-16 and 22.
  for (const char* art : {"Art. 7", "Art. 8", "Art. 9", "Art. 10", "Art. 11", "Art. 12", "Art. 13",
                          "Art. 14", "Art. 15", "Art. 16", "Art. 22"}) {
    bool found = false;
    for (const auto& o : p.obligations) found = found || o.article == art;
    EXPECT_TRUE(found) << art;
  }
  const Obligation* policy = p.obligation("art7-policy");
  ASSERT_NE(policy, nullptr);
  ASSERT_EQ(policy->checks.size(), 2u);
  EXPECT_EQ(policy->checks[0].evidence, EvidenceKey::kPolicyReviewed);
  EXPECT_EQ(policy->checks[0].kind, CheckKind::kWithinMonths);
  EXPECT_EQ(policy->checks[0].value, 24.0);
  EXPECT_TRUE(policy->checks[0].verified);
  const Obligation* monitoring = p.obligation("art15-monitoring");
  ASSERT_NE(monitoring, nullptr);
  EXPECT_EQ(monitoring->checks[0].evidence, EvidenceKey::kRiskAssessment);
  EXPECT_EQ(monitoring->checks[0].value, 12.0);
  EXPECT_TRUE(monitoring->checks[0].verified);
  // Art. 8's tier count is a modelling default.
  EXPECT_FALSE(p.obligation("art8-identify")->checks[1].verified);
  EXPECT_EQ(p.obligation("art11-end-actual-impacts")->grade, Grade::kCritical);
  // Penalty: the maximum must be not less than 5 % of net worldwide turnover.
  EXPECT_EQ(p.penalty.turnover_share, 0.05);
  EXPECT_EQ(p.penalty.share_bound, ShareBound::kFloor);
  EXPECT_EQ(p.penalty.turnover_basis, TurnoverBasis::kNetWorldwide);
  EXPECT_TRUE(p.penalty.verified);
  // Severity: an illustrative judgement, life/health/liberty severest.
  EXPECT_FALSE(p.severity.verified);
  EXPECT_EQ(p.severity.of("forced_labour"), 1.0);
  EXPECT_GT(p.severity.of("health_safety"), p.severity.of("wages_hours"));
  EXPECT_EQ(p.severity.of("no_such_category", -1.0), -1.0);
  // The stop-the-clock directive is a note, not a change.
  bool stop_the_clock = false;
  for (const auto& n : p.notes)
    stop_the_clock = stop_the_clock || n.find("2025/794") != std::string::npos;
  EXPECT_TRUE(stop_the_clock);
}

TEST(ShippedProfiles, Csddd2026AsAmended) {
  const DirectiveProfile& p = shipped("csddd-2026");
  EXPECT_EQ(p.in_force, Date(2026, 3, 18));
  const ScopeRule* eu = p.rule("eu-company");
  ASSERT_NE(eu, nullptr);
  EXPECT_EQ(eu->conditions[0].threshold, 5000.0);
  EXPECT_EQ(eu->conditions[1].threshold, 1'500'000'000.0);
  EXPECT_EQ(p.rule("non-eu-company")->conditions[0].threshold, 1'500'000'000.0);
  EXPECT_FALSE(p.rule("eu-group")->verified);  // the group route is an editable default
  ASSERT_EQ(p.phases.size(), 1u);
  EXPECT_EQ(p.phases[0].from, Date(2029, 7, 26));
  EXPECT_TRUE(p.phases[0].conditions.empty());
  for (const auto& o : p.obligations) EXPECT_NE(o.article, "Art. 22") << "Art. 22 is deleted";
  EXPECT_EQ(p.obligations.size(), shipped("csddd-2024").obligations.size() - 1);
  // Monitoring frequency not confirmed: the 2024 value as an editable default.
  const Obligation* monitoring = p.obligation("art15-monitoring");
  ASSERT_NE(monitoring, nullptr);
  EXPECT_EQ(monitoring->checks[0].value, 12.0);
  EXPECT_FALSE(monitoring->checks[0].verified);
  EXPECT_FALSE(p.obligation("art13-stakeholders")->verified);
  EXPECT_EQ(p.penalty.turnover_share, 0.03);
  EXPECT_EQ(p.penalty.share_bound, ShareBound::kCap);
}

TEST(ShippedProfiles, Lksg) {
  const DirectiveProfile& p = shipped("lksg");
  const ScopeRule* r = p.rule("employees-in-germany");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->who, Who::kAny);
  ASSERT_EQ(r->conditions.size(), 1u);
  EXPECT_EQ(r->conditions[0].measure, Measure::kEmployeesInCountry);
  EXPECT_EQ(r->conditions[0].country, "DE");
  EXPECT_EQ(r->conditions[0].comparison, Comparison::kAtLeast);
  EXPECT_EQ(r->conditions[0].threshold, 1000.0);
  EXPECT_FALSE(p.rule("group-employees-in-germany")->verified);
  ASSERT_EQ(p.phases.size(), 2u);
  EXPECT_EQ(p.phases[0].from, Date(2023, 1, 1));
  EXPECT_EQ(p.phases[0].conditions[0].threshold, 3000.0);
  EXPECT_EQ(p.phases[0].conditions[0].comparison, Comparison::kAtLeast);
  EXPECT_EQ(p.phases[1].from, Date(2024, 1, 1));
  EXPECT_EQ(p.chain.coverage, Coverage::kDirectPlusSubstantiated);
  for (const char* art :
       {"§ 4 LkSG", "§ 5 LkSG", "§ 6 LkSG", "§ 7 LkSG", "§ 8 LkSG", "§ 9 LkSG", "§ 10 LkSG"}) {
    bool found = false;
    for (const auto& o : p.obligations) found = found || o.article == art;
    EXPECT_TRUE(found) << art;
  }
  EXPECT_EQ(p.penalty.turnover_share, 0.02);
  EXPECT_EQ(p.penalty.turnover_basis, TurnoverBasis::kAverageAnnual);
  EXPECT_EQ(p.penalty.share_above_turnover_eur, 400'000'000.0);
  ASSERT_EQ(p.penalty.fixed_maxima.size(), 3u);
  EXPECT_EQ(p.penalty.fixed_maxima[0].max_eur, 800'000.0);
  EXPECT_EQ(p.penalty.fixed_maxima[1].max_eur, 500'000.0);
  EXPECT_EQ(p.penalty.fixed_maxima[2].max_eur, 100'000.0);
  EXPECT_EQ(p.penalty.exclusion_min_fine_eur, 175'000.0);
  EXPECT_EQ(p.penalty.exclusion_max_years, 3.0);
}

// --- find_profile ---------------------------------------------------------------------------

class ProfileFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("diligence-directive-test-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  fs::path dir_;
};

std::string shipped_text(const std::string& id) {
  std::ifstream in(io::data_dir() / "directives" / (id + ".yaml"), std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(ProfileFiles, FindProfileTakesAPathOrAShippedId) {
  std::string text = shipped_text("lksg");
  text.replace(text.find("id: lksg"), 8, "id: my-lksg");
  const fs::path file = write("mine.yaml", text);
  EXPECT_EQ(io::find_profile(file.string()).id, "my-lksg");
  EXPECT_EQ(io::find_profile("lksg").id, "lksg");
  try {
    (void)io::find_profile("csddd");
    ADD_FAILURE() << "expected directive.unknown_profile";
  } catch (const UsageError& e) {
    EXPECT_EQ(e.id(), errc::kUnknownProfile);
    EXPECT_NE(std::string(e.what()).find("csddd-2024"), std::string::npos) << e.what();
  }
  try {
    (void)io::find_profile((dir_ / "missing.yaml").string());
    ADD_FAILURE() << "expected io.file_not_found";
  } catch (const IoError& e) {
    EXPECT_EQ(e.id(), errc::kFileNotFound);
  }
}

// --- loader errors: id, line, column, key path ---------------------------------------------------

// A minimal valid profile; the error tests change one line of it.
constexpr const char* kMinimal = R"(format: diligence-directive/1
id: tiny
title: Tiny
legal_reference: Act 1
in_force: 2024-01-01
source: test
scope:
  rules:
    - id: big
      who: eu
      conditions:
        - {measure: employees, comparison: more_than, threshold: 1000}
      reference: Art. 1
      source: test
      verified: true
application:
  phases:
    - {id: all, from: 2025-01-01, reference: Art. 2, source: test, verified: true}
chain: {coverage: all_upstream, reference: Art. 3, source: test, verified: true}
obligations:
  - id: policy
    article: Art. 4
    title: Policy
    checks:
      - {evidence: policy_reviewed, within_months: 24}
    grade: major
    corrective_action: Review the policy.
    source: test
    verified: true
severity: {values: {child_labour: 1.0}, source: judgement, verified: false}
penalty: {turnover_share: 0.05, turnover: net_worldwide, bound: floor, reference: Art. 5, source: test, verified: true}
)";

std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

DirectiveProfile load(const std::string& text) { return io::load_profile_text(text, "p.yaml"); }

TEST(ProfileLoader, MinimalProfileLoadsWithDefaults) {
  const DirectiveProfile p = load(kMinimal);
  EXPECT_EQ(p.id, "tiny");
  EXPECT_EQ(p.rules[0].basis, Basis::kFirm);
  EXPECT_EQ(p.phases[0].who, Who::kAny);
  EXPECT_TRUE(p.obligations[0].checks[0].verified);  // inherits the obligation's flag
  EXPECT_EQ(p.eu_countries.size(), 27u);
  EXPECT_FALSE(p.penalty.share_above_turnover_eur.has_value());
}

TEST(ProfileLoader, FormatMustBeKnown) {
  expect_error([] { (void)load(with(kMinimal, "diligence-directive/1", "diligence-directive/9")); },
               errc::kFormatVersion, 1, 9, "format");
}

TEST(ProfileLoader, UnknownKeyIsAnErrorButXKeysAreFree) {
  expect_error(
      [] { (void)load(with(kMinimal, "      who: eu\n", "      who: eu\n      wh0: eu\n")); },
      errc::kUnknownKey, 11, 7, "scope.rules[0].wh0");
  EXPECT_NO_THROW(
      (void)load(with(kMinimal, "      who: eu\n", "      who: eu\n      x-memo: hi\n")));
}

TEST(ProfileLoader, DuplicateKeyIsAnError) {
  expect_error([] { (void)load(with(kMinimal, "title: Tiny\n", "title: Tiny\ntitle: Again\n")); },
               errc::kDuplicateKey, 4, 1, "title");
}

TEST(ProfileLoader, MissingRequiredKey) {
  expect_error(
      [] { (void)load(with(kMinimal, "      verified: true\napplication", "application")); },
      errc::kMissingKey, 9, 7, "scope.rules[0].verified");
}

TEST(ProfileLoader, BadEnumValue) {
  expect_error([] { (void)load(with(kMinimal, "comparison: more_than", "comparison: above")); },
               errc::kBadEnum, 12, 44, "scope.rules[0].conditions[0].comparison");
  expect_error([] { (void)load(with(kMinimal, "who: eu", "who: europe")); }, errc::kBadEnum, 10, 12,
               "scope.rules[0].who");
}

TEST(ProfileLoader, ThresholdMustBeAPlainNonNegativeNumber) {
  expect_error([] { (void)load(with(kMinimal, "threshold: 1000", "threshold: -5")); }, errc::kRange,
               12, 66, "scope.rules[0].conditions[0].threshold");
  expect_error([] { (void)load(with(kMinimal, "threshold: 1000", "threshold: '1000'")); },
               errc::kType, 12, 66, "scope.rules[0].conditions[0].threshold");
}

TEST(ProfileLoader, CountryOnlyForEmployeesInCountry) {
  expect_error(
      [] {
        (void)load(with(kMinimal, "{measure: employees,", "{measure: employees, country: DE,"));
      },
      errc::kUnknownKey, 12, 41, "scope.rules[0].conditions[0].country");
  expect_error(
      [] {
        (void)load(
            with(kMinimal, "{measure: employees,", "{measure: employees_in_country, country: de,"));
      },
      errc::kBadCountry, 12, 52, "scope.rules[0].conditions[0].country");
  expect_error(
      [] { (void)load(with(kMinimal, "{measure: employees,", "{measure: employees_in_country,")); },
      errc::kMissingKey, 12, 11, "scope.rules[0].conditions[0].country");
}

TEST(ProfileLoader, BadDate) {
  expect_error([] { (void)load(with(kMinimal, "from: 2025-01-01", "from: 2025-02-30")); },
               errc::kBadDate, 18, 23, "application.phases[0].from");
}

TEST(ProfileLoader, PhaseMustNameAnExistingRule) {
  expect_error(
      [] { (void)load(with(kMinimal, "from: 2025-01-01,", "from: 2025-01-01, rules: [bog],")); },
      errc::kUnknownRule, 18, 43, "application.phases[0].rules[0]");
}

TEST(ProfileLoader, DuplicateIds) {
  const std::string two_rules = with(
      kMinimal, "application:",
      R"(    - {id: big, who: any, conditions: [], reference: Art. 1, source: test, verified: true}
application:)");
  expect_error([&] { (void)load(two_rules); }, errc::kDuplicateKey, 16, 12, "scope.rules[1].id");
}

TEST(ProfileLoader, CheckMustFitTheEvidenceType) {
  expect_error(
      [] {
        (void)load(with(kMinimal, "{evidence: policy_reviewed, within_months: 24}",
                        "{evidence: code_of_conduct, within_months: 24}"));
      },
      errc::kUnknownKey, 25, 37, "obligations[0].checks[0].within_months");
  expect_error(
      [] {
        (void)load(with(kMinimal, "{evidence: policy_reviewed, within_months: 24}",
                        "{evidence: prevention_plans, at_least: 1.5}"));
      },
      errc::kRange, 25, 48, "obligations[0].checks[0].at_least");
  expect_error(
      [] {
        (void)load(with(kMinimal, "{evidence: policy_reviewed, within_months: 24}",
                        "{evidence: policy_reviewed}"));
      },
      errc::kMissingKey, 25, 9, "obligations[0].checks[0]");
  expect_error(
      [] {
        (void)load(with(kMinimal, "{evidence: policy_reviewed, within_months: 24}",
                        "{evidence: policy_reviewed, within_months: 24, given: true}"));
      },
      errc::kUnknownKey, 25, 56, "obligations[0].checks[0].given");
  expect_error(
      [] {
        (void)load(with(kMinimal, "{evidence: policy_reviewed, within_months: 24}",
                        "{evidence: policy_reviewd, within_months: 24}"));
      },
      errc::kBadEnum, 25, 20, "obligations[0].checks[0].evidence");
}

TEST(ProfileLoader, SeverityInUnitRange) {
  expect_error([] { (void)load(with(kMinimal, "child_labour: 1.0", "child_labour: 1.5")); },
               errc::kRange, 30, 35, "severity.values.child_labour");
}

TEST(ProfileLoader, PenaltyShareNeedsItsBasisAndBound) {
  expect_error([] { (void)load(with(kMinimal, "turnover: net_worldwide, ", "")); },
               errc::kMissingKey, 31, 10, "penalty.turnover");
}

TEST(ProfileLoader, YamlSyntaxErrorHasAPosition) {
  try {
    (void)load(with(kMinimal, "title: Tiny", "title: [Tiny"));
    ADD_FAILURE() << "expected yaml.syntax";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.id(), errc::kYamlSyntax);
    EXPECT_EQ(e.location().file, "p.yaml");
    EXPECT_GT(e.location().line, 0u);
  }
}

TEST(ProfileLoader, EuCountriesCanBeReplaced) {
  const DirectiveProfile p =
      load(with(kMinimal, "scope:\n", "scope:\n  eu_countries: [NO, DE, IS]\n"));
  EXPECT_EQ(p.eu_countries, (std::vector<std::string>{"DE", "IS", "NO"}));
  EXPECT_TRUE(p.is_eu("NO"));
  EXPECT_FALSE(p.is_eu("FR"));
}

}  // namespace
}  // namespace diligence::test
