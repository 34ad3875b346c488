// The risk model loader: YAML (yaml-cpp, kept private to this library) in the format
// `diligence-risk-model/1` (docs/formats.md, "Risk model files"), and the lookup of the shipped
// data directory.
//
// Order of work: parse the YAML, check `format`, check the top-level keys, read the categories
// (every values map is checked against them), then the fallback, the tables and the
// certifications. Tables are sorted by key at the end, as risk::RiskModel's lookups require.
// Errors carry the position of the offending key or value and its key path
// (`countries.KR.values.child_labour`); the first error ends the load.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <yaml-cpp/yaml.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/io/risk_model_io.hpp>
#include <diligence/model/codes.hpp>

#include "io/fields.hpp"
#include "io/files.hpp"
#include "io/yaml_reader.hpp"

#ifndef DILIGENCE_SOURCE_DATA_DIR
#define DILIGENCE_SOURCE_DATA_DIR "data"
#endif
#ifndef DILIGENCE_INSTALL_DATA_DIR_FROM_BIN
#define DILIGENCE_INSTALL_DATA_DIR_FROM_BIN "../share/diligence"
#endif

namespace diligence::io {
namespace {

using detail::ValueRef;

constexpr std::string_view kFormat = "diligence-risk-model/1";
constexpr std::string_view kAll = "all";

/// A category id: a lower-case letter, then lower-case letters, digits and `_`; at most 64.
bool is_valid_category_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() < 'a' || id.front() > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

class RiskModelLoader : public detail::YamlReader {
 public:
  explicit RiskModelLoader(std::string file) : YamlReader(std::move(file)) {}

  risk::RiskModel load(std::string_view text);

 private:
  // --- content ---
  void categories(const YAML::Node& node, risk::RiskModel& m) const;
  /// A values map: category id or `all` → number in [0,1]; one value per category.
  [[nodiscard]] std::vector<double> values(const YAML::Node& node, const std::string& key,
                                           const risk::RiskModel& m) const;
  /// `{values: {...}, source: "..."}`.
  [[nodiscard]] risk::Indicator indicator(const YAML::Node& node, const std::string& key,
                                          const risk::RiskModel& m) const;
  /// `{effect: {...}, source: "..."}`.
  [[nodiscard]] risk::Certification certification(const YAML::Node& node, const std::string& key,
                                                  const risk::RiskModel& m) const;
  [[nodiscard]] std::string source(const YAML::Node& node, const std::string& key) const;

  enum class TableKind { kCountry, kSector, kCommodity };
  [[nodiscard]] std::vector<risk::KeyedIndicator> table(const YAML::Node& node,
                                                        const std::string& key, TableKind kind,
                                                        const risk::RiskModel& m) const;
};

void RiskModelLoader::categories(const YAML::Node& node, risk::RiskModel& m) const {
  if (!node.IsSequence()) type_error(node, "categories", "a list of categories");
  if (node.size() == 0)
    throw ValidationError(errc::kMissingKey, "expected at least one category", "categories",
                          at(node));
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node c = node[i];
    const std::string key = "categories[" + std::to_string(i) + "]";
    check_map(c, key, {"id", "name", "pillar", "reference"},
              "a category {id, name, pillar, reference}");
    risk::Category cat;
    const YAML::Node id = required(c, key, "id", "");
    cat.id = text(id, key + ".id");
    if (!is_valid_category_id(cat.id) || cat.id == kAll)
      throw ValidationError(errc::kBadId,
                            "expected a category id of lower-case letters, digits and _ (starting "
                            "with a letter, at most 64, not 'all'), got '" +
                                cat.id + "'",
                            key + ".id", at(id));
    if (m.category_index(cat.id))
      throw ValidationError(errc::kDuplicateKey, "category '" + cat.id + "' given twice",
                            key + ".id", at(id));
    const YAML::Node pillar = required(c, key, "pillar", "E, S or G");
    const std::string p = text(pillar, key + ".pillar");
    if (p == "E")
      cat.pillar = risk::Pillar::kE;
    else if (p == "S")
      cat.pillar = risk::Pillar::kS;
    else if (p == "G")
      cat.pillar = risk::Pillar::kG;
    else
      detail::bad_enum(p, "E, S, G", ValueRef{key + ".pillar", at(pillar)});
    if (const auto n = c["name"]; given(n)) cat.name = text(n, key + ".name");
    if (cat.name.empty()) cat.name = cat.id;
    if (const auto n = c["reference"]; given(n)) cat.reference = text(n, key + ".reference");
    m.categories.push_back(std::move(cat));
  }
}

std::vector<double> RiskModelLoader::values(const YAML::Node& node, const std::string& key,
                                            const risk::RiskModel& m) const {
  const std::size_t k = m.num_categories();
  std::vector<double> out(k, 0.0);
  std::vector<bool> set(k, false);
  double all = 0.0;
  for (const auto& [name_node, value] : entries(node, key, "a map of category → number in [0,1]")) {
    const std::string& name = name_node.Scalar();
    const std::string vk = key + "." + name;
    if (name == kAll) {
      all = unit(value, vk);
      continue;
    }
    const auto index = m.category_index(name);
    if (!index) {
      std::string known;
      for (const auto& c : m.categories) known += (known.empty() ? "" : ", ") + c.id;
      throw ValidationError(
          errc::kUnknownCategory,
          "unknown category '" + name + "' (known: " + known + "; 'all' sets the rest)", vk,
          at(name_node));
    }
    out[*index] = unit(value, vk);
    set[*index] = true;
  }
  for (std::size_t c = 0; c < k; ++c)
    if (!set[c]) out[c] = all;
  return out;
}

std::string RiskModelLoader::source(const YAML::Node& node, const std::string& key) const {
  const YAML::Node s =
      required(node, key, "source", "the public fact or stated judgement behind the values");
  std::string out = text(s, key + ".source");
  if (out.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ValidationError(
        errc::kMissingKey,
        "empty 'source' (say where the values come from, or that they are a judgement)",
        key + ".source", at(s));
  return out;
}

risk::Indicator RiskModelLoader::indicator(const YAML::Node& node, const std::string& key,
                                           const risk::RiskModel& m) const {
  check_map(node, key, {"values", "source"}, "an indicator {values, source}");
  risk::Indicator ind;
  ind.values = values(required(node, key, "values", "a map of category → number in [0,1]"),
                      key + ".values", m);
  ind.source = source(node, key);
  return ind;
}

risk::Certification RiskModelLoader::certification(const YAML::Node& node, const std::string& key,
                                                   const risk::RiskModel& m) const {
  check_map(node, key, {"effect", "source"}, "a certification {effect, source}");
  risk::Certification cert;
  cert.effect =
      values(required(node, key, "effect", "a map of category → share of own risk removed"),
             key + ".effect", m);
  cert.source = source(node, key);
  return cert;
}

std::vector<risk::KeyedIndicator> RiskModelLoader::table(const YAML::Node& node,
                                                         const std::string& key, TableKind kind,
                                                         const risk::RiskModel& m) const {
  std::vector<risk::KeyedIndicator> out;
  if (!given(node)) return out;
  std::map<std::string, std::string> normalised;  // lower-case commodity name → key as written
  for (const auto& [k, v] : entries(node, key, "a map of key → {values, source}")) {
    const std::string& name = k.Scalar();
    const std::string ek = key + "." + name;
    std::string stored = name;
    switch (kind) {
      case TableKind::kCountry:
        if (!model::is_valid_country(name))
          throw ValidationError(
              errc::kBadCountry,
              "expected an ISO 3166-1 alpha-2 code in upper case (DE, KR), got '" + name + "'", ek,
              at(k));
        break;
      case TableKind::kSector:
        if (!model::is_valid_nace(name))
          throw ValidationError(
              errc::kBadSector,
              "expected a NACE Rev. 2 code or prefix (C, C27, C27.2, C27.20), got '" + name + "'",
              ek, at(k));
        break;
      case TableKind::kCommodity: {
        stored = risk::detail::normalise_commodity(name);
        if (stored.empty())
          throw ValidationError(errc::kType, "expected a commodity name, got empty text", ek,
                                at(k));
        const auto [it, inserted] = normalised.emplace(stored, name);
        if (!inserted)
          throw ValidationError(errc::kDuplicateKey,
                                "commodity '" + name + "' is the same as '" + it->second +
                                    "' (names are compared ignoring case and surrounding blanks)",
                                ek, at(k));
        break;
      }
    }
    out.push_back(risk::KeyedIndicator{std::move(stored), indicator(v, ek, m)});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  return out;
}

risk::RiskModel RiskModelLoader::load(std::string_view text_in) {
  const YAML::Node root = detail::parse_yaml(text_in, file());
  if (!root.IsMap())
    throw ParseError(errc::kType,
                     "expected a map with 'format: diligence-risk-model/1' at the top level of the "
                     "risk model",
                     {}, Location{file(), 1, 1});
  const YAML::Node format = root["format"];
  if (!given(format))
    throw ValidationError(errc::kFormatVersion, "missing 'format: diligence-risk-model/1'",
                          "format", Location{file(), 1, 1});
  if (!format.IsScalar() || format.Scalar() != kFormat)
    throw ValidationError(
        errc::kFormatVersion,
        "unsupported format '" + (format.IsScalar() ? format.Scalar() : "?") +
            "'; this version reads risk models of format 'diligence-risk-model/1'",
        "format", at(format));
  check_map(root, {},
            {"format", "id", "title", "version", "categories", "pillar_strength", "fallback",
             "countries", "sectors", "commodities", "certifications"});

  risk::RiskModel m;
  if (const auto n = root["id"]; given(n)) m.id = text(n, "id");
  if (m.id.empty()) m.id = std::filesystem::path(file()).stem().string();
  if (const auto n = root["title"]; given(n)) m.title = text(n, "title");
  if (const auto n = root["version"]; given(n)) m.version = text(n, "version");

  const YAML::Node cats = root["categories"];
  if (!given(cats))
    throw ValidationError(errc::kMissingKey,
                          "missing required key 'categories' (the list of impact categories)",
                          "categories", Location{file(), 1, 1});
  categories(cats, m);

  if (const auto n = root["pillar_strength"]; given(n))
    m.pillar_strength = unit(n, "pillar_strength");

  const YAML::Node fallback = root["fallback"];
  if (!given(fallback))
    throw ValidationError(errc::kMissingKey,
                          "missing required key 'fallback' (the country and sector indicators used "
                          "for codes the tables lack)",
                          "fallback", Location{file(), 1, 1});
  check_map(fallback, "fallback", {"country", "sector"}, "a map {country, sector}");
  m.country_fallback = indicator(required(fallback, "fallback", "country", "{values, source}"),
                                 "fallback.country", m);
  m.sector_fallback =
      indicator(required(fallback, "fallback", "sector", "{values, source}"), "fallback.sector", m);

  m.countries = table(root["countries"], "countries", TableKind::kCountry, m);
  m.sectors = table(root["sectors"], "sectors", TableKind::kSector, m);
  m.commodities = table(root["commodities"], "commodities", TableKind::kCommodity, m);

  if (const auto certs = root["certifications"]; given(certs)) {
    for (const auto& [k, v] : entries(certs, "certifications", "a map of id → {effect, source}")) {
      const std::string key = "certifications." + k.Scalar();
      if (k.Scalar().empty())
        throw ValidationError(errc::kType, "expected a certification id, got empty text", key,
                              at(k));
      risk::Certification cert = certification(v, key, m);
      cert.id = k.Scalar();
      m.certifications.push_back(std::move(cert));
    }
    std::sort(m.certifications.begin(), m.certifications.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
  }
  return m;
}

}  // namespace

risk::RiskModel load_risk_model_text(std::string_view yaml, std::string name) {
  RiskModelLoader loader(std::move(name));
  return loader.load(yaml);
}

risk::RiskModel load_risk_model(const std::filesystem::path& path) {
  return load_risk_model_text(detail::read_file(path), path.string());
}

std::filesystem::path data_dir() {
  if (const char* env = std::getenv("DILIGENCE_DATA_DIR"); env != nullptr && *env != '\0')
    return std::filesystem::path(env);
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec && !exe.empty()) {
    const std::filesystem::path installed =
        (exe.parent_path() / DILIGENCE_INSTALL_DATA_DIR_FROM_BIN).lexically_normal();
    if (std::filesystem::is_regular_file(installed / "risk" / "default.yaml", ec)) return installed;
  }
  return std::filesystem::path(DILIGENCE_SOURCE_DATA_DIR);
}

risk::RiskModel default_risk_model() {
  return load_risk_model(data_dir() / "risk" / "default.yaml");
}

}  // namespace diligence::io
