// Risk model files (format diligence-risk-model/1): the shipped default model and what it must
// cover, the lookups on a loaded model, the `all` rule of values maps, every error rule with its
// id, line, column and key path, and io::data_dir().
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/io/risk_model_io.hpp>
#include <diligence/model/categories.hpp>
#include <diligence/model/codes.hpp>

#include "io_test_support.hpp"

namespace diligence::testing {
namespace {

const std::filesystem::path kDefaultModel =
    std::filesystem::path(DILIGENCE_SOURCE_DIR) / "data" / "risk" / "default.yaml";

const risk::RiskModel& default_model() {
  static const risk::RiskModel m = io::load_risk_model(kDefaultModel);
  return m;
}

risk::RiskModel load(const std::string& yaml) { return io::load_risk_model_text(yaml, "m.yaml"); }

const char* const kEu27[] = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI",
                             "FR", "DE", "GR", "IE", "IT", "LV", "LT", "LU", "MT",
                             "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "HU"};
const char* const kRequiredCountries[] = {
    "KR", "CN", "JP", "TW", "VN", "TH", "MY", "ID", "PH", "IN", "BD", "PK", "TR", "US", "MX",
    "BR", "PE", "CL", "CD", "ZM", "ZA", "GH", "CI", "NG", "ET", "MM", "RU", "BY", "KP", "UZ"};
const char* const kRequiredCommodities[] = {
    "cobalt",   "lithium", "nickel", "natural graphite", "tin",         "tantalum",
    "tungsten", "gold",    "cocoa",  "coffee",           "palm oil",    "rubber",
    "soya",     "cattle",  "wood",   "cotton",           "polysilicon", "electronics"};
const char* const kRequiredCertifications[] = {
    "SA8000",    "ISO14001", "ISO45001", "ISO50001",  "RBA-VAP",
    "IATF16949", "FSC",      "RSPO",     "Fairtrade", "Rainforest Alliance",
    "IRMA"};

void expect_valid_indicator(const risk::Indicator& ind, std::size_t k, const std::string& what) {
  EXPECT_EQ(ind.values.size(), k) << what;
  for (const double v : ind.values) {
    EXPECT_TRUE(std::isfinite(v) && v >= 0.0 && v <= 1.0) << what << ": " << v;
  }
  EXPECT_NE(ind.source.find_first_not_of(" \t\n"), std::string::npos) << what << ": empty source";
}

// --- the shipped default model -------------------------------------------------------------------

TEST(DefaultRiskModel, HasTheSpecCategoriesInOrderWithPillars) {
  const auto& m = default_model();
  EXPECT_EQ(m.id, "default");
  EXPECT_EQ(m.version, "2026-11");
  ASSERT_EQ(m.num_categories(), model::kDefaultCategories.size());
  for (std::size_t k = 0; k < m.num_categories(); ++k) {
    EXPECT_EQ(m.categories[k].id, model::kDefaultCategories[k]);
    EXPECT_FALSE(m.categories[k].name.empty());
    EXPECT_FALSE(m.categories[k].reference.empty()) << m.categories[k].id;
  }
  EXPECT_EQ(m.category_ids(), model::default_categories());
  for (const auto& c : m.categories) {
    const risk::Pillar want = (c.id == "pollution" || c.id == "biodiversity" || c.id == "climate")
                                  ? risk::Pillar::kE
                              : c.id == "governance" ? risk::Pillar::kG
                                                     : risk::Pillar::kS;
    EXPECT_EQ(c.pillar, want) << c.id;
  }
  EXPECT_DOUBLE_EQ(m.pillar_strength, 0.5);
}

TEST(DefaultRiskModel, CoversEveryRequiredCountryCommodityAndCertification) {
  const auto& m = default_model();
  for (const char* c : kEu27) EXPECT_NE(m.country(c), nullptr) << c;
  for (const char* c : kRequiredCountries) EXPECT_NE(m.country(c), nullptr) << c;
  for (const char* c : kRequiredCommodities) EXPECT_NE(m.commodity(c), nullptr) << c;
  for (const char* c : kRequiredCertifications) EXPECT_NE(m.certification(c), nullptr) << c;
  EXPECT_GE(m.countries.size(), 57u);
  // Every NACE section has a row, and the divisions that matter for supply chains.
  auto has_sector = [&](const std::string& key) {
    return std::any_of(m.sectors.begin(), m.sectors.end(),
                       [&](const auto& r) { return r.key == key; });
  };
  for (char s = 'A'; s <= 'U'; ++s) EXPECT_TRUE(has_sector(std::string(1, s))) << s;
  for (const char* d : {"A01", "A02", "A03", "B05", "B06", "B07", "B08", "B09", "C10", "C13",
                        "C14", "C15", "C16", "C20", "C22", "C24", "C25", "C26", "C27", "C28",
                        "C29", "D35", "E38", "F41", "F42", "F43", "G46", "H49", "H52"})
    EXPECT_TRUE(has_sector(d)) << d;
}

TEST(DefaultRiskModel, EveryEntryHasValuesInRangeAndASource) {
  const auto& m = default_model();
  const std::size_t k = m.num_categories();
  expect_valid_indicator(m.country_fallback, k, "fallback.country");
  expect_valid_indicator(m.sector_fallback, k, "fallback.sector");
  auto table = [&](const std::vector<risk::KeyedIndicator>& t, const std::string& name) {
    for (std::size_t i = 0; i < t.size(); ++i) {
      expect_valid_indicator(t[i].indicator, k, name + "." + t[i].key);
      if (i > 0) {
        EXPECT_LT(t[i - 1].key, t[i].key) << name << " not sorted or not unique";
      }
    }
  };
  table(m.countries, "countries");
  table(m.sectors, "sectors");
  table(m.commodities, "commodities");
  for (const auto& c : m.countries) EXPECT_TRUE(model::is_valid_country(c.key)) << c.key;
  for (const auto& s : m.sectors) EXPECT_TRUE(model::is_valid_nace(s.key)) << s.key;
  for (const auto& c : m.commodities) EXPECT_EQ(c.key, risk::detail::normalise_commodity(c.key));
  for (std::size_t i = 0; i < m.certifications.size(); ++i) {
    const auto& c = m.certifications[i];
    EXPECT_EQ(c.effect.size(), k) << c.id;
    for (const double v : c.effect) EXPECT_TRUE(v >= 0.0 && v <= 0.4) << c.id << ": " << v;
    EXPECT_FALSE(c.source.empty()) << c.id;
    if (i > 0) {
      EXPECT_LT(m.certifications[i - 1].id, c.id);
    }
  }
  // IATF 16949 is a quality standard: no effect anywhere.
  for (const double v : m.certification("IATF16949")->effect) EXPECT_EQ(v, 0.0);
}

TEST(DefaultRiskModel, AnchorsFollowTheStatedFacts) {
  const auto& m = default_model();
  const auto fa = *m.category_index("freedom_of_association");
  const auto fl = *m.category_index("forced_labour");
  const auto bio = *m.category_index("biodiversity");
  // ITUC 2025 rating 1 (DE) below rating 5 (KR) below the ten worst (BD).
  EXPECT_LT(m.country("DE")->values[fa], m.country("KR")->values[fa]);
  EXPECT_LT(m.country("KR")->values[fa], m.country("BD")->values[fa]);
  // Walk Free GSI 2023: North Korea highest.
  for (const auto& c : m.countries)
    EXPECT_LE(c.indicator.values[fl], m.country("KP")->values[fl]) << c.key;
  // EUDR: high risk >= 0.3, EU members low.
  for (const char* c : {"BY", "KP", "MM", "RU"}) EXPECT_GE(m.country(c)->values[bio], 0.3) << c;
  for (const char* c : kEu27) EXPECT_LE(m.country(c)->values[bio], 0.1) << c;
}

// The worked example in the header of default.yaml: a cobalt digger in the DR Congo.
TEST(DefaultRiskModel, HeaderExampleCombination) {
  const auto& m = default_model();
  const auto cl = *m.category_index("child_labour");
  std::string matched;
  const auto* sector = m.sector("B07.29", &matched);
  ASSERT_NE(sector, nullptr);
  EXPECT_EQ(matched, "B07.29");
  const double c = m.country("CD")->values[cl], s = sector->values[cl],
               j = m.commodity("cobalt")->values[cl];
  const double inherent = 1.0 - (1.0 - c) * (1.0 - s) * (1.0 - j);
  EXPECT_NEAR(inherent, 0.83, 0.005);
}

// --- lookups
// ---------------------------------------------------------------------------------------

TEST(RiskModelLookups, LongestNacePrefixWins) {
  const auto& m = default_model();
  std::string matched;
  ASSERT_NE(m.sector("C27.20", &matched), nullptr);
  EXPECT_EQ(matched, "C27.20");
  ASSERT_NE(m.sector("C27.90", &matched), nullptr);
  EXPECT_EQ(matched, "C27");
  ASSERT_NE(m.sector("A01.41", &matched), nullptr);
  EXPECT_EQ(matched, "A01.4");
  ASSERT_NE(m.sector("A01.11", &matched), nullptr);
  EXPECT_EQ(matched, "A01");
  ASSERT_NE(m.sector("C24.10", &matched), nullptr);
  EXPECT_EQ(matched, "C24.1");
  ASSERT_NE(m.sector("K64.20", &matched), nullptr);
  EXPECT_EQ(matched, "K64.20");
  ASSERT_NE(m.sector("K65", &matched), nullptr);
  EXPECT_EQ(matched, "K");
  EXPECT_EQ(m.sector("C27.20"),
            &m.sectors[static_cast<std::size_t>(
                           std::find_if(m.sectors.begin(), m.sectors.end(),
                                        [](const auto& r) { return r.key == "C27.20"; }) -
                           m.sectors.begin())]
                 .indicator);
}

TEST(RiskModelLookups, SmallModelPrefixesAndMisses) {
  const auto m = load(
      "format: diligence-risk-model/1\n"
      "categories: [{id: a, pillar: S}]\n"
      "fallback: {country: {values: {}, source: f}, sector: {values: {}, source: f}}\n"
      "sectors:\n"
      "  C27: {values: {a: 0.3}, source: s}\n"
      "  C: {values: {a: 0.1}, source: s}\n"
      "  C27.2: {values: {a: 0.5}, source: s}\n");
  std::string matched;
  ASSERT_NE(m.sector("C27.20", &matched), nullptr);
  EXPECT_EQ(matched, "C27.2");
  EXPECT_DOUBLE_EQ(m.sector("C27.20")->values[0], 0.5);
  EXPECT_DOUBLE_EQ(m.sector("C27.11")->values[0], 0.3);
  EXPECT_DOUBLE_EQ(m.sector("C10")->values[0], 0.1);
  EXPECT_EQ(m.sector("A01.27"), nullptr);
  EXPECT_EQ(m.country("DE"), nullptr);
  EXPECT_EQ(m.commodity("cobalt"), nullptr);
  EXPECT_EQ(m.certification("SA8000"), nullptr);
}

TEST(RiskModelLookups, CommodityNamesIgnoreCaseAndBlanks) {
  const auto& m = default_model();
  EXPECT_EQ(m.commodity("COBALT"), m.commodity("cobalt"));
  EXPECT_NE(m.commodity("  Palm Oil "), nullptr);
  EXPECT_EQ(m.commodity("  Palm Oil "), m.commodity("palm oil"));
  EXPECT_NE(m.commodity("Natural Graphite"), nullptr);
  EXPECT_EQ(m.commodity("unobtainium"), nullptr);
  EXPECT_EQ(m.commodity(""), nullptr);
  EXPECT_EQ(m.country("XX"), nullptr);
  EXPECT_EQ(m.country("kr"), nullptr);
  EXPECT_EQ(m.certification("ISO9001"), nullptr);
}

// --- the format
// ------------------------------------------------------------------------------------

const std::string kHead =
    "format: diligence-risk-model/1\n"                     // 1
    "categories:\n"                                        // 2
    "  - {id: a, name: A, pillar: S}\n"                    // 3
    "  - {id: b, pillar: E}\n"                             // 4
    "  - {id: c, pillar: G, reference: Art. 1}\n"          // 5
    "fallback:\n"                                          // 6
    "  country: {values: {all: 0.3}, source: fc}\n"        // 7
    "  sector: {values: {all: 0.2, c: 0}, source: fs}\n";  // 8

TEST(RiskModelFormat, ReadsEveryKeyAndAppliesAll) {
  const auto m = load(kHead +
                      "id: custom\n"
                      "title: A test model\n"
                      "version: \"1\"\n"
                      "pillar_strength: 0.25\n"
                      "countries:\n"
                      "  KR: {values: {all: 0.2, b: 0.5}, source: k}\n"
                      "  DE: {values: {b: 0.5}, source: d}\n"
                      "  AT: {values: {}, source: a}\n"
                      "  US: {values: {all: 0.4}, source: u}\n"
                      "commodities:\n"
                      "  Palm Oil: {values: {a: 1}, source: p}\n"
                      "  cobalt: {values: {a: 0.0}, source: c}\n"
                      "certifications:\n"
                      "  SA8000: {effect: {a: 0.4}, source: s}\n"
                      "  FSC: {effect: {all: 0.1}, source: f}\n");
  EXPECT_EQ(m.id, "custom");
  EXPECT_EQ(m.title, "A test model");
  EXPECT_EQ(m.version, "1");
  EXPECT_DOUBLE_EQ(m.pillar_strength, 0.25);
  ASSERT_EQ(m.num_categories(), 3u);
  EXPECT_EQ(m.categories[0].name, "A");
  EXPECT_EQ(m.categories[1].name, "b");  // defaults to the id
  EXPECT_EQ(m.categories[1].pillar, risk::Pillar::kE);
  EXPECT_EQ(m.categories[2].pillar, risk::Pillar::kG);
  EXPECT_EQ(m.categories[2].reference, "Art. 1");
  EXPECT_EQ(m.country_fallback.values, (std::vector<double>{0.3, 0.3, 0.3}));
  EXPECT_EQ(m.country_fallback.source, "fc");
  EXPECT_EQ(m.sector_fallback.values, (std::vector<double>{0.2, 0.2, 0.0}));
  // `all` sets the categories not listed; without `all` they are 0.
  EXPECT_EQ(m.country("KR")->values, (std::vector<double>{0.2, 0.5, 0.2}));
  EXPECT_EQ(m.country("DE")->values, (std::vector<double>{0.0, 0.5, 0.0}));
  EXPECT_EQ(m.country("AT")->values, (std::vector<double>{0.0, 0.0, 0.0}));
  EXPECT_EQ(m.country("US")->values, (std::vector<double>{0.4, 0.4, 0.4}));
  // Sorted by key; commodity keys lower case.
  ASSERT_EQ(m.countries.size(), 4u);
  EXPECT_EQ(m.countries[0].key, "AT");
  EXPECT_EQ(m.countries[1].key, "DE");
  EXPECT_EQ(m.countries[2].key, "KR");
  EXPECT_EQ(m.countries[3].key, "US");
  ASSERT_EQ(m.commodities.size(), 2u);
  EXPECT_EQ(m.commodities[0].key, "cobalt");
  EXPECT_EQ(m.commodities[1].key, "palm oil");
  EXPECT_DOUBLE_EQ(m.commodity("PALM OIL")->values[0], 1.0);
  ASSERT_EQ(m.certifications.size(), 2u);
  EXPECT_EQ(m.certifications[0].id, "FSC");
  EXPECT_EQ(m.certifications[1].id, "SA8000");
  EXPECT_EQ(m.certification("SA8000")->effect, (std::vector<double>{0.4, 0.0, 0.0}));
  EXPECT_EQ(m.certification("FSC")->effect, (std::vector<double>{0.1, 0.1, 0.1}));
  EXPECT_EQ(m.certification("FSC")->source, "f");
  EXPECT_TRUE(m.sectors.empty());
}

TEST(RiskModelFormat, DefaultsAndFreeKeys) {
  const auto m = io::load_risk_model_text(
      kHead +
          "x-note: free\n"
          "countries:\n"
          "  x-comment: not a country\n"
          "  KR: {values: {a: 0.1, x-why: see note}, source: k, x-by: analyst}\n",
      "models/my-model.yaml");
  EXPECT_EQ(m.id, "my-model");  // the file stem when `id` is absent
  EXPECT_DOUBLE_EQ(m.pillar_strength, 0.5);
  ASSERT_EQ(m.countries.size(), 1u);
  EXPECT_EQ(m.country("KR")->values, (std::vector<double>{0.1, 0.0, 0.0}));
}

struct Case {
  const char* name;
  std::string yaml;
  ExpectedError want;
};

std::vector<Case> cases() {
  return {
      // --- top level ---------------------------------------------------------------------------
      {"format_missing", "categories: []\n", {errc::kFormatVersion, 1, 1, "format"}},
      {"format_unknown", "format: diligence/1\n", {errc::kFormatVersion, 1, 9, "format"}},
      {"not_a_map", "- a\n- b\n", {errc::kType, 1, 1, ""}},
      {"unknown_top_key", kHead + "countrys: {}\n", {errc::kUnknownKey, 9, 1, "countrys"}},
      {"duplicate_top_key", kHead + "id: x\nid: y\n", {errc::kDuplicateKey, 10, 1, "id"}},
      {"categories_missing",
       "format: diligence-risk-model/1\nfallback: {}\n",
       {errc::kMissingKey, 1, 1, "categories"}},
      {"fallback_missing",
       kHead.substr(0, kHead.find("fallback:")),
       {errc::kMissingKey, 1, 1, "fallback"}},
      {"fallback_sector_missing",
       kHead.substr(0, kHead.find("  sector:")),
       {errc::kMissingKey, 7, 3, "fallback.sector"}},
      {"fallback_unknown_key",
       kHead + "  region: {values: {}, source: r}\n",
       {errc::kUnknownKey, 9, 3, "fallback.region"}},
      {"pillar_strength_range",
       kHead + "pillar_strength: 2\n",
       {errc::kRange, 9, 18, "pillar_strength"}},
      // --- categories --------------------------------------------------------------------------
      {"categories_not_list",
       "format: diligence-risk-model/1\ncategories: {a: 1}\n",
       {errc::kType, 2, 13, "categories"}},
      {"categories_empty",
       "format: diligence-risk-model/1\ncategories: []\n",
       {errc::kMissingKey, 2, 13, "categories"}},
      {"category_bad_pillar",
       "format: diligence-risk-model/1\ncategories:\n  - {id: a, name: A, pillar: X}\n",
       {errc::kBadEnum, 3, 30, "categories[0].pillar"}},
      {"category_missing_id",
       "format: diligence-risk-model/1\ncategories:\n  - {name: A, pillar: S}\n",
       {errc::kMissingKey, 3, 5, "categories[0].id"}},
      {"category_bad_id",
       "format: diligence-risk-model/1\ncategories:\n  - {id: Child Labour, pillar: S}\n",
       {errc::kBadId, 3, 10, "categories[0].id"}},
      {"category_id_all",
       "format: diligence-risk-model/1\ncategories:\n  - {id: all, pillar: S}\n",
       {errc::kBadId, 3, 10, "categories[0].id"}},
      {"category_duplicate_id",
       "format: diligence-risk-model/1\ncategories:\n  - {id: a, pillar: S}\n  - {id: a, pillar: "
       "E}\n",
       {errc::kDuplicateKey, 4, 10, "categories[1].id"}},
      {"category_unknown_key",
       "format: diligence-risk-model/1\ncategories:\n  - {id: a, pilar: S}\n",
       {errc::kUnknownKey, 3, 13, "categories[0].pilar"}},
      // --- values maps -------------------------------------------------------------------------
      {"value_above_one",
       kHead + "countries:\n  KR: {values: {a: 1.5}, source: x}\n",
       {errc::kRange, 10, 20, "countries.KR.values.a"}},
      {"value_negative",
       kHead + "countries:\n  KR: {values: {a: -0.1}, source: x}\n",
       {errc::kRange, 10, 20, "countries.KR.values.a"}},
      {"value_nan",
       kHead + "countries:\n  KR: {values: {all: .nan}, source: x}\n",
       {errc::kRange, 10, 22, "countries.KR.values.all"}},
      {"value_quoted",
       kHead + "countries:\n  KR: {values: {a: \"0.5\"}, source: x}\n",
       {errc::kType, 10, 20, "countries.KR.values.a"}},
      {"value_word",
       kHead + "countries:\n  KR: {values: {a: high}, source: x}\n",
       {errc::kType, 10, 20, "countries.KR.values.a"}},
      {"values_not_map",
       kHead + "countries:\n  KR: {values: [0.1], source: x}\n",
       {errc::kType, 10, 16, "countries.KR.values"}},
      {"unknown_category",
       kHead + "countries:\n  KR: {values: {child_labour: 0.5}, source: x}\n",
       {errc::kUnknownCategory, 10, 17, "countries.KR.values.child_labour"}},
      {"value_duplicate",
       kHead + "countries:\n  KR: {values: {a: 0.1, a: 0.2}, source: x}\n",
       {errc::kDuplicateKey, 10, 25, "countries.KR.values.a"}},
      {"fallback_value_range",
       "format: diligence-risk-model/1\ncategories: [{id: a, pillar: S}]\n"
       "fallback:\n  country: {values: {a: 2}, source: x}\n",
       {errc::kRange, 4, 25, "fallback.country.values.a"}},
      // --- indicator entries -------------------------------------------------------------------
      {"missing_values",
       kHead + "countries:\n  KR: {source: x}\n",
       {errc::kMissingKey, 10, 7, "countries.KR.values"}},
      {"missing_source",
       kHead + "countries:\n  KR: {values: {a: 0.1}}\n",
       {errc::kMissingKey, 10, 7, "countries.KR.source"}},
      {"empty_source",
       kHead + "countries:\n  KR: {values: {a: 0.1}, source: \"\"}\n",
       {errc::kMissingKey, 10, 34, "countries.KR.source"}},
      {"indicator_unknown_key",
       kHead + "countries:\n  KR: {value: {}, source: x}\n",
       {errc::kUnknownKey, 10, 8, "countries.KR.value"}},
      {"indicator_not_map",
       kHead + "countries:\n  KR: 0.3\n",
       {errc::kType, 10, 7, "countries.KR"}},
      {"countries_not_map", kHead + "countries: [KR]\n", {errc::kType, 9, 12, "countries"}},
      // --- keys of the tables ------------------------------------------------------------------
      {"country_lower_case",
       kHead + "countries:\n  kr: {values: {}, source: x}\n",
       {errc::kBadCountry, 10, 3, "countries.kr"}},
      {"country_alpha3",
       kHead + "countries:\n  KOR: {values: {}, source: x}\n",
       {errc::kBadCountry, 10, 3, "countries.KOR"}},
      {"country_duplicate",
       kHead + "countries:\n  KR: {values: {}, source: x}\n  KR: {values: {}, source: y}\n",
       {errc::kDuplicateKey, 11, 3, "countries.KR"}},
      {"sector_wrong_section",
       kHead + "sectors:\n  C01: {values: {}, source: x}\n",
       {errc::kBadSector, 10, 3, "sectors.C01"}},
      {"sector_trailing_dot",
       kHead + "sectors:\n  C27.: {values: {}, source: x}\n",
       {errc::kBadSector, 10, 3, "sectors.C27."}},
      {"sector_lower_case",
       kHead + "sectors:\n  c27: {values: {}, source: x}\n",
       {errc::kBadSector, 10, 3, "sectors.c27"}},
      {"commodity_case_duplicate",
       kHead +
           "commodities:\n  Cobalt: {values: {}, source: x}\n  cobalt: {values: {}, source: y}\n",
       {errc::kDuplicateKey, 11, 3, "commodities.cobalt"}},
      {"commodity_blank_duplicate",
       kHead + "commodities:\n  palm oil: {values: {}, source: x}\n  \"Palm Oil \": {values: {}, "
               "source: y}\n",
       {errc::kDuplicateKey, 11, 3, "commodities.Palm Oil "}},
      {"commodity_empty",
       kHead + "commodities:\n  \" \": {values: {}, source: x}\n",
       {errc::kType, 10, 3, "commodities. "}},
      // --- certifications ----------------------------------------------------------------------
      {"certification_unknown_category",
       kHead + "certifications:\n  SA8000: {effect: {zz: 0.1}, source: x}\n",
       {errc::kUnknownCategory, 10, 21, "certifications.SA8000.effect.zz"}},
      {"certification_missing_effect",
       kHead + "certifications:\n  SA8000: {source: x}\n",
       {errc::kMissingKey, 10, 11, "certifications.SA8000.effect"}},
      {"certification_effect_range",
       kHead + "certifications:\n  SA8000: {effect: {a: 1.01}, source: x}\n",
       {errc::kRange, 10, 24, "certifications.SA8000.effect.a"}},
      {"certification_unknown_key",
       kHead + "certifications:\n  SA8000: {effects: {}, source: x}\n",
       {errc::kUnknownKey, 10, 12, "certifications.SA8000.effects"}},
  };
}

class RiskModelErrorTest : public ::testing::TestWithParam<Case> {};

TEST_P(RiskModelErrorTest, NamesIdPositionAndKey) {
  const Case& c = GetParam();
  ExpectedError want = c.want;
  want.file_suffix = "m.yaml";
  expect_error([&] { (void)load(c.yaml); }, want);
}

INSTANTIATE_TEST_SUITE_P(Rules, RiskModelErrorTest, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& p) {
                           return std::string(p.param.name);
                         });

TEST(RiskModelErrors, SyntaxErrorHasPosition) {
  expect_error([] { (void)load("format: diligence-risk-model/1\ncategories: [\n"); },
               {errc::kYamlSyntax, 3});
}

TEST(RiskModelErrors, MissingFileNamesThePath) {
  try {
    (void)io::load_risk_model("/nonexistent/dir/model.yaml");
    ADD_FAILURE() << "no error";
  } catch (const IoError& e) {
    EXPECT_EQ(e.id(), errc::kFileNotFound);
    EXPECT_NE(e.detail().find("/nonexistent/dir/model.yaml"), std::string::npos) << e.what();
  }
}

TEST(RiskModelErrors, MessageNamesFileAndKnownCategories) {
  try {
    (void)load(kHead + "countries:\n  KR: {values: {child_labour: 0.5}, source: x}\n");
    ADD_FAILURE() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(
        std::string(e.what()),
        "m.yaml:10:17: error[input.unknown_category]: countries.KR.values.child_labour: unknown "
        "category 'child_labour' (known: a, b, c; 'all' sets the rest)");
  }
}

// --- files and the data directory
// -----------------------------------------------------------------

/// Sets or clears DILIGENCE_DATA_DIR for one test and restores the previous value.
class DataDirEnv {
 public:
  explicit DataDirEnv(const std::optional<std::string>& value) {
    if (const char* old = std::getenv("DILIGENCE_DATA_DIR")) old_ = old;
    if (value)
      ::setenv("DILIGENCE_DATA_DIR", value->c_str(), 1);
    else
      ::unsetenv("DILIGENCE_DATA_DIR");
  }
  ~DataDirEnv() {
    if (old_)
      ::setenv("DILIGENCE_DATA_DIR", old_->c_str(), 1);
    else
      ::unsetenv("DILIGENCE_DATA_DIR");
  }
  DataDirEnv(const DataDirEnv&) = delete;
  DataDirEnv& operator=(const DataDirEnv&) = delete;

 private:
  std::optional<std::string> old_;
};

TEST(DataDir, HonoursTheEnvironmentVariable) {
  ScratchDir dir;
  std::filesystem::create_directories(dir.path() / "risk");
  dir.write("risk/default.yaml", kHead + "id: scratch\n");
  DataDirEnv env(dir.path().string());
  EXPECT_EQ(io::data_dir(), dir.path());
  const auto m = io::default_risk_model();
  EXPECT_EQ(m.id, "scratch");
  EXPECT_EQ(m.num_categories(), 3u);
}

TEST(DataDir, EmptyVariableIsIgnoredAndTheSourceTreeIsFound) {
  for (const auto& value : {std::optional<std::string>{}, std::optional<std::string>{""}}) {
    DataDirEnv env(value);
    const auto dir = io::data_dir();
    EXPECT_TRUE(std::filesystem::is_regular_file(dir / "risk" / "default.yaml")) << dir;
    EXPECT_EQ(io::default_risk_model().id, "default");
  }
}

TEST(DataDir, MissingDirectoryFailsWithTheFullPath) {
  DataDirEnv env(std::string("/nonexistent/diligence-data"));
  try {
    (void)io::default_risk_model();
    ADD_FAILURE() << "no error";
  } catch (const IoError& e) {
    EXPECT_EQ(e.id(), errc::kFileNotFound);
    EXPECT_NE(e.detail().find("/nonexistent/diligence-data/risk/default.yaml"), std::string::npos);
  }
}

TEST(RiskModelFile, LoadsFromAPathAndNamesItInErrors) {
  ScratchDir dir;
  const auto ok = dir.write("mine.yaml", kHead);
  EXPECT_EQ(io::load_risk_model(ok).id, "mine");
  const auto bad = dir.write("bad.yaml", kHead + "countries:\n  KR: {values: {a: 7}, source: x}\n");
  expect_error([&] { (void)io::load_risk_model(bad); },
               {errc::kRange, 10, 20, "countries.KR.values.a", "bad.yaml"});
}

// The risk-model examples of the docs (```yaml-risk-model blocks) must load.
TEST(Docs, RiskModelExamplesLoad) {
  std::size_t blocks = 0;
  for (const char* doc : {"formats.md", "risk-model.md"}) {
    std::ifstream in(std::filesystem::path(DILIGENCE_SOURCE_DIR) / "docs" / doc);
    ASSERT_TRUE(in) << doc;
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string fence = "```yaml-risk-model\n";
    std::size_t pos = 0;
    while ((pos = text.find(fence, pos)) != std::string::npos) {
      const std::size_t start = pos + fence.size();
      const std::size_t end = text.find("```", start);
      ASSERT_NE(end, std::string::npos);
      const auto m = io::load_risk_model_text(text.substr(start, end - start), doc);
      EXPECT_GT(m.num_categories(), 0u) << doc;
      ++blocks;
      pos = end + 3;
    }
  }
  EXPECT_GE(blocks, 1u);
}

// The error example in docs/formats.md is what the loader says for the example model with a typo.
TEST(Docs, RiskModelErrorExampleMatches) {
  std::ifstream in(std::filesystem::path(DILIGENCE_SOURCE_DIR) / "docs" / "formats.md");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string fence = "```yaml-risk-model\n";
  const std::size_t start = text.find(fence);
  ASSERT_NE(start, std::string::npos);
  std::string yaml = text.substr(start + fence.size(),
                                 text.find("```", start + fence.size()) - start - fence.size());
  const std::string row = "CD: {values: {all: 0.3, child_labour:";
  ASSERT_NE(yaml.find(row), std::string::npos);
  yaml.replace(yaml.find(row), row.size(), "CD: {values: {all: 0.3, child_labor:");
  try {
    (void)io::load_risk_model_text(yaml, "mini.yaml");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(text.find(std::string("\n") + e.what() + "\n"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace diligence::testing
