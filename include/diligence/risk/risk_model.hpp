// The risk model: adverse-impact categories and the indicator tables that give a firm its
// inherent risk (country, sector by NACE prefix, commodities supplied), plus the mitigation
// parameters (self-assessment pillars, certifications). It is data: the shipped default is
// data/risk/default.yaml; users load their own in the same format (docs/risk-model.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diligence::risk {

/// Self-assessment pillar that mitigates a category.
enum class Pillar : std::uint8_t { kE, kS, kG };

[[nodiscard]] constexpr const char* to_string(Pillar p) noexcept {
  return p == Pillar::kE ? "E" : p == Pillar::kS ? "S" : "G";
}

/// One adverse-impact category.
struct Category {
  std::string id;    ///< `child_labour`
  std::string name;  ///< `Child labour`
  Pillar pillar = Pillar::kS;
  std::string reference;  ///< legal anchor, e.g. `CSDDD Annex Part I (10)-(11)`
};

/// An indicator: one value in [0,1] per category (index = category index), with its source.
struct Indicator {
  std::vector<double> values;
  std::string source;  ///< the public fact or the stated judgement the values rest on
};

/// Keyed indicator (country code, NACE prefix, commodity name).
struct KeyedIndicator {
  std::string key;
  Indicator indicator;
};

/// A certification and the share of own risk it removes per category.
struct Certification {
  std::string id;              ///< `SA8000`
  std::vector<double> effect;  ///< per category, in [0,1]: own risk × (1 − effect)
  std::string source;
};

/// The whole model. Lookups are linear over small tables or by sorted key; see the functions below.
struct RiskModel {
  std::string id;
  std::string title;
  std::string version;
  std::vector<Category> categories;
  Indicator country_fallback;             ///< used (with a warning) for a country the table lacks
  Indicator sector_fallback;              ///< used (with a warning) for a sector no prefix matches
  std::vector<KeyedIndicator> countries;  ///< sorted by key
  std::vector<KeyedIndicator> sectors;    ///< sorted by key (NACE prefixes: `C`, `C27`, `C27.2`)
  std::vector<KeyedIndicator> commodities;  ///< sorted by key (lower case)
  /// own = inherent × (1 − pillar_strength × pillar score); in [0,1].
  double pillar_strength = 0.5;
  std::vector<Certification> certifications;  ///< sorted by id

  [[nodiscard]] std::size_t num_categories() const noexcept { return categories.size(); }
  /// Index of a category id, or nullopt.
  [[nodiscard]] std::optional<std::size_t> category_index(std::string_view id) const;
  /// Category ids in model order.
  [[nodiscard]] std::vector<std::string> category_ids() const;
  /// The country row, or nullptr when the table lacks it.
  [[nodiscard]] const Indicator* country(std::string_view code) const;
  /// The row of the longest NACE prefix of `sector` (`C27.20` → `C27.2`, `C27`, `C`), or nullptr.
  /// @param matched receives the matched key when not null.
  [[nodiscard]] const Indicator* sector(std::string_view sector,
                                        std::string* matched = nullptr) const;
  /// The commodity row (name compared case-insensitively, blanks trimmed), or nullptr.
  [[nodiscard]] const Indicator* commodity(std::string_view name) const;
  [[nodiscard]] const Certification* certification(std::string_view id) const;
};

}  // namespace diligence::risk

// --- inline definitions ----------------------------------------------------------------------
namespace diligence::risk {
namespace detail {
inline const KeyedIndicator* find_key(const std::vector<KeyedIndicator>& table,
                                      std::string_view key) {
  std::size_t lo = 0, hi = table.size();
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (table[mid].key < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < table.size() && table[lo].key == key ? &table[lo] : nullptr;
}
inline std::string normalise_commodity(std::string_view name) {
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  std::string out(name);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}
}  // namespace detail

inline std::optional<std::size_t> RiskModel::category_index(std::string_view cat) const {
  for (std::size_t k = 0; k < categories.size(); ++k)
    if (categories[k].id == cat) return k;
  return std::nullopt;
}

inline std::vector<std::string> RiskModel::category_ids() const {
  std::vector<std::string> out;
  out.reserve(categories.size());
  for (const auto& c : categories) out.push_back(c.id);
  return out;
}

inline const Indicator* RiskModel::country(std::string_view code) const {
  const auto* row = detail::find_key(countries, code);
  return row ? &row->indicator : nullptr;
}

inline const Indicator* RiskModel::sector(std::string_view code, std::string* matched) const {
  // Longest prefix first: C27.20, C27.2, C27, C (a prefix ending in '.' is skipped).
  for (std::size_t len = code.size(); len > 0; --len) {
    const std::string_view prefix = code.substr(0, len);
    if (prefix.back() == '.') continue;
    if (const auto* row = detail::find_key(sectors, prefix)) {
      if (matched) *matched = row->key;
      return &row->indicator;
    }
  }
  return nullptr;
}

inline const Indicator* RiskModel::commodity(std::string_view name) const {
  const auto* row = detail::find_key(commodities, detail::normalise_commodity(name));
  return row ? &row->indicator : nullptr;
}

inline const Certification* RiskModel::certification(std::string_view cert) const {
  for (const auto& c : certifications)
    if (c.id == cert) return &c;
  return nullptr;
}

}  // namespace diligence::risk
