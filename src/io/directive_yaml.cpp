// The directive profile loader: format `diligence-directive/1` (YAML, yaml-cpp kept private;
// docs/directives.md), and the lookup of the profiles that ship in data/directives/.
//
// One pass over the tree: top level, scope (EU list, rules and their conditions), application
// phases, chain, obligations with their evidence checks, severity, penalty. Every rule of the
// format is checked here, so directive::scope and the audit can trust what they get; every error
// names the file position of the offending key or value and its key path
// (`scope.rules[1].conditions[0].threshold`). The first error ends the load.
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <yaml-cpp/yaml.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/io/directive_io.hpp>
#include <diligence/io/risk_model_io.hpp>
#include <diligence/model/codes.hpp>

#include "io/fields.hpp"
#include "io/files.hpp"
#include "io/yaml_reader.hpp"

namespace diligence::io {
namespace {

using detail::ValueRef;
namespace dir = diligence::directive;

constexpr std::string_view kFormat = "diligence-directive/1";

/// A profile, rule, phase or obligation id: 1–64 characters of `a-z 0-9 . _ -`, starting with a
/// letter or digit.
bool is_valid_profile_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  const auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!ok(id.front())) return false;
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return ok(c) || c == '.' || c == '_' || c == '-'; });
}

/// A category id as risk models write them: a lower-case letter, then `a-z 0-9 _`; at most 64.
bool is_valid_category_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() < 'a' || id.front() > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

class ProfileLoader : public detail::YamlReader {
 public:
  explicit ProfileLoader(std::string file) : YamlReader(std::move(file)) {}

  dir::DirectiveProfile load(std::string_view text);

 private:
  /// Texts in a profile are never empty.
  [[nodiscard]] std::string text(const YAML::Node& node, const std::string& key) const {
    return nonempty_text(node, key);
  }
  /// Optional text: empty when the key is absent.
  [[nodiscard]] std::string optional_text(const YAML::Node& parent, const std::string& parent_key,
                                          std::string_view name) const {
    const YAML::Node n = parent[std::string(name)];
    return given(n) ? text(n, join(parent_key, name)) : std::string();
  }
  [[nodiscard]] std::string identifier(const YAML::Node& node, const std::string& key) const {
    std::string id = text(node, key);
    if (!is_valid_profile_id(id))
      throw ValidationError(errc::kBadId,
                            "expected an id of 1-64 characters of a-z 0-9 . _ - (starting with a "
                            "letter or digit), got '" +
                                id + "'",
                            key, at(node));
    return id;
  }
  [[nodiscard]] std::string country(const YAML::Node& node, const std::string& key) const {
    std::string c = text(node, key);
    if (!model::is_valid_country(c))
      throw ValidationError(
          errc::kBadCountry,
          "expected an ISO 3166-1 alpha-2 code in upper case (DE, KR), got '" + c + "'", key,
          at(node));
    return c;
  }
  /// One of `names` (parallel to `values`); input.bad_value otherwise.
  template <typename E, std::size_t N>
  [[nodiscard]] E choice(const YAML::Node& node, const std::string& key,
                         const std::array<E, N>& values) const {
    const std::string s = text(node, key);
    std::string allowed;
    for (const E v : values) {
      if (s == dir::to_string(v)) return v;
      allowed += (allowed.empty() ? "" : ", ") + std::string(dir::to_string(v));
    }
    detail::bad_enum(s, allowed, ValueRef{key, at(node)});
  }
  /// `source` (required, not empty) and `verified` (required bool) of `node`.
  void provenance(const YAML::Node& node, const std::string& key, std::string& source,
                  bool& verified) const {
    source = text(required(node, key, "source",
                           "the legal text or summary the values rest on, or that they are a "
                           "judgement"),
                  join(key, "source"));
    verified = boolean(required(node, key, "verified",
                                "true when every value was seen in the legal text; false marks "
                                "an editable default"),
                       join(key, "verified"));
  }

  // --- content ---
  [[nodiscard]] std::vector<dir::Condition> conditions(const YAML::Node& node,
                                                       const std::string& key) const;
  [[nodiscard]] dir::ScopeRule rule(const YAML::Node& node, const std::string& key) const;
  [[nodiscard]] dir::Phase phase(const YAML::Node& node, const std::string& key) const;
  [[nodiscard]] dir::ChainRule chain(const YAML::Node& node, const std::string& key) const;
  [[nodiscard]] dir::EvidenceCheck check(const YAML::Node& node, const std::string& key,
                                         bool default_verified) const;
  [[nodiscard]] dir::Obligation obligation(const YAML::Node& node, const std::string& key) const;
  [[nodiscard]] dir::SeverityTable severity(const YAML::Node& node, const std::string& key) const;
  [[nodiscard]] dir::PenaltyRule penalty(const YAML::Node& node, const std::string& key) const;
  void scope(const YAML::Node& node, dir::DirectiveProfile& p) const;
  void application(const YAML::Node& node, dir::DirectiveProfile& p) const;
};

constexpr std::array<dir::Who, 3> kWho = {dir::Who::kEu, dir::Who::kNonEu, dir::Who::kAny};
constexpr std::array<dir::Measure, 4> kMeasures = {
    dir::Measure::kEmployees, dir::Measure::kTurnover, dir::Measure::kEuTurnover,
    dir::Measure::kEmployeesInCountry};
constexpr std::array<dir::Comparison, 2> kComparisons = {dir::Comparison::kMoreThan,
                                                         dir::Comparison::kAtLeast};
constexpr std::array<dir::Basis, 2> kBases = {dir::Basis::kFirm, dir::Basis::kGroup};
constexpr std::array<dir::Coverage, 2> kCoverages = {dir::Coverage::kAllUpstream,
                                                     dir::Coverage::kDirectPlusSubstantiated};
constexpr std::array<dir::Grade, 3> kGrades = {dir::Grade::kCritical, dir::Grade::kMajor,
                                               dir::Grade::kMinor};
constexpr std::array<dir::TurnoverBasis, 2> kTurnoverBases = {dir::TurnoverBasis::kNetWorldwide,
                                                              dir::TurnoverBasis::kAverageAnnual};
constexpr std::array<dir::ShareBound, 2> kShareBounds = {dir::ShareBound::kFloor,
                                                         dir::ShareBound::kCap};

std::vector<dir::Condition> ProfileLoader::conditions(const YAML::Node& node,
                                                      const std::string& key) const {
  check_list(node, key, "a list of conditions {measure, comparison, threshold}");
  std::vector<dir::Condition> out;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node c = node[i];
    const std::string ck = index(key, i);
    check_map(c, ck, {"measure", "country", "comparison", "threshold", "assume_home_country"},
              "a condition {measure, comparison, threshold}");
    dir::Condition cond;
    cond.measure = choice(required(c, ck, "measure"), join(ck, "measure"), kMeasures);
    const YAML::Node assume = c["assume_home_country"];
    if (cond.measure == dir::Measure::kEmployeesInCountry) {
      cond.country = country(required(c, ck, "country", "the country whose employees count"),
                             join(ck, "country"));
      if (given(assume))
        cond.assume_home_country = boolean(assume, join(ck, "assume_home_country"));
    } else {
      for (const char* name : {"country", "assume_home_country"})
        if (given(c[name]))
          throw ValidationError(
              errc::kUnknownKey,
              "'" + std::string(name) + "' is only for measure employees_in_country",
              join(ck, name), at(c[name]));
    }
    cond.comparison = choice(required(c, ck, "comparison", "more_than or at_least"),
                             join(ck, "comparison"), kComparisons);
    cond.threshold = amount(required(c, ck, "threshold"), join(ck, "threshold"));
    out.push_back(std::move(cond));
  }
  return out;
}

dir::ScopeRule ProfileLoader::rule(const YAML::Node& node, const std::string& key) const {
  check_map(node, key,
            {"id", "who", "basis", "conditions", "reference", "source", "verified", "note"},
            "a scope rule {id, who, basis, conditions, reference, source, verified}");
  dir::ScopeRule r;
  r.id = identifier(required(node, key, "id"), join(key, "id"));
  r.who = choice(required(node, key, "who", "eu, non_eu or any"), join(key, "who"), kWho);
  if (const auto b = node["basis"]; given(b)) r.basis = choice(b, join(key, "basis"), kBases);
  r.conditions =
      conditions(required(node, key, "conditions", "the thresholds, all of which must hold"),
                 join(key, "conditions"));
  r.reference = text(required(node, key, "reference", "the article, e.g. Art. 2(1)(a)"),
                     join(key, "reference"));
  provenance(node, key, r.source, r.verified);
  r.note = optional_text(node, key, "note");
  return r;
}

dir::Phase ProfileLoader::phase(const YAML::Node& node, const std::string& key) const {
  check_map(node, key,
            {"id", "from", "who", "conditions", "rules", "reference", "source", "verified", "note"},
            "an application phase {id, from, who, conditions, reference, source, verified}");
  dir::Phase p;
  p.id = identifier(required(node, key, "id"), join(key, "id"));
  p.from =
      date(required(node, key, "from", "the first day the obligations apply"), join(key, "from"));
  if (const auto w = node["who"]; given(w)) p.who = choice(w, join(key, "who"), kWho);
  if (const auto c = node["conditions"]; given(c))
    p.conditions = conditions(c, join(key, "conditions"));
  if (const auto rs = node["rules"]; given(rs)) {
    const std::string rk = join(key, "rules");
    check_list(rs, rk, "a list of scope rule ids");
    for (std::size_t i = 0; i < rs.size(); ++i) p.rules.push_back(identifier(rs[i], index(rk, i)));
  }
  p.reference = text(required(node, key, "reference", "the article, e.g. Art. 37(1)"),
                     join(key, "reference"));
  provenance(node, key, p.source, p.verified);
  p.note = optional_text(node, key, "note");
  return p;
}

dir::ChainRule ProfileLoader::chain(const YAML::Node& node, const std::string& key) const {
  check_map(node, key, {"coverage", "reference", "source", "verified", "note"},
            "a map {coverage, reference, source, verified}");
  dir::ChainRule c;
  c.coverage = choice(required(node, key, "coverage", "all_upstream or direct_plus_substantiated"),
                      join(key, "coverage"), kCoverages);
  c.reference = text(required(node, key, "reference"), join(key, "reference"));
  provenance(node, key, c.source, c.verified);
  c.note = optional_text(node, key, "note");
  return c;
}

dir::EvidenceCheck ProfileLoader::check(const YAML::Node& node, const std::string& key,
                                        bool default_verified) const {
  check_map(
      node, key,
      {"evidence", "given", "is", "within_months", "at_least", "more_than", "verified", "note"},
      "a check {evidence, and one of given, is, within_months, at_least, more_than}");
  dir::EvidenceCheck c;
  c.evidence = choice(required(node, key, "evidence", "a key of the scenario's due_diligence map"),
                      join(key, "evidence"), dir::kEvidenceKeys);
  const dir::EvidenceType type = dir::evidence_type(c.evidence);
  const char* type_name = type == dir::EvidenceType::kDate    ? "a date"
                          : type == dir::EvidenceType::kBool  ? "a bool"
                          : type == dir::EvidenceType::kCount ? "an integer"
                                                              : "a share";
  const char* fits = type == dir::EvidenceType::kDate   ? "given or within_months"
                     : type == dir::EvidenceType::kBool ? "given or is"
                                                        : "given, at_least or more_than";
  // Exactly one test, and one that fits the evidence type (errors at the key, in file order).
  std::string found;
  YAML::Node value;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string name = it->first.Scalar();
    if (name != "given" && name != "is" && name != "within_months" && name != "at_least" &&
        name != "more_than")
      continue;
    if (!given(it->second)) continue;
    const std::string vk = join(key, name);
    if (!found.empty())
      throw ValidationError(errc::kUnknownKey,
                            "a check has one test, and '" + found + "' is given already", vk,
                            at(it->first));
    const bool ok = name == "given" || (name == "is" && type == dir::EvidenceType::kBool) ||
                    (name == "within_months" && type == dir::EvidenceType::kDate) ||
                    ((name == "at_least" || name == "more_than") &&
                     (type == dir::EvidenceType::kCount || type == dir::EvidenceType::kShare));
    if (!ok)
      throw ValidationError(errc::kUnknownKey,
                            "'" + name + "' does not apply to " + to_string(c.evidence) + " (" +
                                type_name + "); use " + fits,
                            vk, at(it->first));
    found = name;
    value = it->second;
  }
  if (found.empty())
    throw ValidationError(
        errc::kMissingKey,
        std::string("missing the test of the check (for ") + type_name + ": " + fits + ")", key,
        at(node));
  const std::string vk = join(key, found);
  const std::string& f = found;
  if (f == "given") {
    if (!boolean(value, vk))
      throw ValidationError(errc::kRange, "'given' can only be true (the key must be shown)", vk,
                            at(value));
    c.kind = dir::CheckKind::kGiven;
  } else if (f == "is") {
    c.kind = dir::CheckKind::kIs;
    c.expected = boolean(value, vk);
  } else if (f == "within_months") {
    c.kind = dir::CheckKind::kWithinMonths;
    const std::uint64_t m = count(value, vk);
    if (m == 0 || m > 1200)
      throw ValidationError(errc::kRange, "expected a number of months from 1 to 1200", vk,
                            at(value));
    c.value = static_cast<double>(m);
  } else {
    c.kind = f == "at_least" ? dir::CheckKind::kAtLeast : dir::CheckKind::kMoreThan;
    c.value =
        type == dir::EvidenceType::kShare ? unit(value, vk) : static_cast<double>(count(value, vk));
  }
  c.verified = default_verified;
  if (const auto v = node["verified"]; given(v)) c.verified = boolean(v, join(key, "verified"));
  c.note = optional_text(node, key, "note");
  return c;
}

dir::Obligation ProfileLoader::obligation(const YAML::Node& node, const std::string& key) const {
  check_map(
      node, key,
      {"id", "article", "title", "checks", "network_checks", "grade", "corrective_action", "source",
       "verified", "note"},
      "an obligation {id, article, title, checks, grade, corrective_action, source, verified}");
  dir::Obligation o;
  o.id = identifier(required(node, key, "id"), join(key, "id"));
  o.article = text(required(node, key, "article", "e.g. Art. 7 or § 5 LkSG"), join(key, "article"));
  o.title = text(required(node, key, "title"), join(key, "title"));
  provenance(node, key, o.source, o.verified);
  if (const auto cs = node["checks"]; given(cs)) {
    const std::string ck = join(key, "checks");
    check_list(cs, ck, "a list of evidence checks");
    for (std::size_t i = 0; i < cs.size(); ++i)
      o.checks.push_back(check(cs[i], index(ck, i), o.verified));
  }
  if (const auto ns = node["network_checks"]; given(ns)) {
    const std::string nk = join(key, "network_checks");
    check_list(ns, nk, "a list of network check names");
    for (std::size_t i = 0; i < ns.size(); ++i) {
      const dir::NetworkCheck c = choice(ns[i], index(nk, i), dir::kNetworkChecks);
      if (std::find(o.network_checks.begin(), o.network_checks.end(), c) != o.network_checks.end())
        throw ValidationError(errc::kDuplicateKey,
                              "network check '" + std::string(dir::to_string(c)) + "' given twice",
                              index(nk, i), at(ns[i]));
      o.network_checks.push_back(c);
    }
  }
  o.grade =
      choice(required(node, key, "grade", "critical, major or minor"), join(key, "grade"), kGrades);
  o.corrective_action = text(required(node, key, "corrective_action", "what the firm should do"),
                             join(key, "corrective_action"));
  o.note = optional_text(node, key, "note");
  return o;
}

dir::SeverityTable ProfileLoader::severity(const YAML::Node& node, const std::string& key) const {
  check_map(node, key, {"values", "source", "verified", "note"},
            "a map {values, source, verified}");
  dir::SeverityTable s;
  const YAML::Node values = required(node, key, "values", "impact category → severity in [0,1]");
  const std::string vk = join(key, "values");
  if (!values.IsMap()) type_error(values, vk, "a map of impact category → severity in [0,1]");
  std::set<std::string> seen;
  for (auto it = values.begin(); it != values.end(); ++it) {
    const YAML::Node k = it->first;
    if (!k.IsScalar())
      throw ParseError(errc::kType, "expected a text key, got a map or list as key", vk, at(k));
    const std::string ek = join(vk, k.Scalar());
    if (!seen.insert(k.Scalar()).second)
      throw ParseError(errc::kDuplicateKey, "key given twice", ek, at(k));
    if (k.Scalar().starts_with("x-")) continue;
    if (!is_valid_category_id(k.Scalar()))
      throw ValidationError(errc::kBadId,
                            "expected a category id of lower-case letters, digits and _ (starting "
                            "with a letter), got '" +
                                k.Scalar() + "'",
                            ek, at(k));
    s.values.emplace_back(k.Scalar(), unit(it->second, ek));
  }
  std::sort(s.values.begin(), s.values.end());
  provenance(node, key, s.source, s.verified);
  s.note = optional_text(node, key, "note");
  return s;
}

dir::PenaltyRule ProfileLoader::penalty(const YAML::Node& node, const std::string& key) const {
  check_map(node, key,
            {"turnover_share", "turnover", "bound", "share_above_turnover_eur", "fixed_maxima",
             "public_contract_exclusion", "reference", "source", "verified", "note"},
            "a penalty rule {turnover_share, turnover, bound, ..., reference, source, verified}");
  dir::PenaltyRule p;
  if (const auto s = node["turnover_share"]; given(s)) {
    p.turnover_share = unit(s, join(key, "turnover_share"));
    p.turnover_basis = choice(required(node, key, "turnover", "net_worldwide or average_annual"),
                              join(key, "turnover"), kTurnoverBases);
    p.share_bound =
        choice(required(node, key, "bound", "floor or cap"), join(key, "bound"), kShareBounds);
    if (const auto a = node["share_above_turnover_eur"]; given(a))
      p.share_above_turnover_eur = amount(a, join(key, "share_above_turnover_eur"));
  } else {
    for (const char* name : {"turnover", "bound", "share_above_turnover_eur"})
      if (given(node[name]))
        throw ValidationError(errc::kUnknownKey,
                              "'" + std::string(name) + "' needs 'turnover_share'", join(key, name),
                              at(node[name]));
  }
  if (const auto fm = node["fixed_maxima"]; given(fm)) {
    const std::string fk = join(key, "fixed_maxima");
    check_list(fm, fk, "a list of {max_eur, offences}");
    for (std::size_t i = 0; i < fm.size(); ++i) {
      const std::string ik = index(fk, i);
      check_map(fm[i], ik, {"max_eur", "offences"}, "a fixed maximum {max_eur, offences}");
      dir::FixedMaximum m;
      m.max_eur = amount(required(fm[i], ik, "max_eur"), join(ik, "max_eur"));
      m.offences = text(required(fm[i], ik, "offences", "which offences this maximum is for"),
                        join(ik, "offences"));
      p.fixed_maxima.push_back(std::move(m));
    }
  }
  if (!p.turnover_share && p.fixed_maxima.empty())
    throw ValidationError(errc::kMissingKey,
                          "a penalty rule needs 'turnover_share' or 'fixed_maxima' (or both)",
                          join(key, "turnover_share"), at(node));
  if (const auto ex = node["public_contract_exclusion"]; given(ex)) {
    const std::string ek = join(key, "public_contract_exclusion");
    check_map(ex, ek, {"min_fine_eur", "max_years"}, "a map {min_fine_eur, max_years}");
    p.exclusion_min_fine_eur = amount(required(ex, ek, "min_fine_eur"), join(ek, "min_fine_eur"));
    p.exclusion_max_years = amount(required(ex, ek, "max_years"), join(ek, "max_years"));
  }
  p.reference =
      text(required(node, key, "reference", "the article, e.g. Art. 27"), join(key, "reference"));
  provenance(node, key, p.source, p.verified);
  p.note = optional_text(node, key, "note");
  return p;
}

void ProfileLoader::scope(const YAML::Node& node, dir::DirectiveProfile& p) const {
  check_map(node, "scope", {"eu_countries", "rules"}, "a map {rules, eu_countries}");
  if (const auto eu = node["eu_countries"]; given(eu)) {
    check_list(eu, "scope.eu_countries", "a list of ISO country codes");
    p.eu_countries.clear();
    for (std::size_t i = 0; i < eu.size(); ++i) {
      const std::string k = index("scope.eu_countries", i);
      std::string c = country(eu[i], k);
      if (std::find(p.eu_countries.begin(), p.eu_countries.end(), c) != p.eu_countries.end())
        throw ValidationError(errc::kDuplicateKey, "country '" + c + "' given twice", k, at(eu[i]));
      p.eu_countries.push_back(std::move(c));
    }
    std::sort(p.eu_countries.begin(), p.eu_countries.end());
  }
  const YAML::Node rules = required(node, "scope", "rules", "the routes into scope");
  check_list(rules, "scope.rules", "a list of scope rules");
  if (rules.size() == 0)
    throw ValidationError(errc::kMissingKey, "expected at least one scope rule", "scope.rules",
                          at(rules));
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string k = index("scope.rules", i);
    dir::ScopeRule r = rule(rules[i], k);
    if (p.rule(r.id) != nullptr)
      throw ValidationError(errc::kDuplicateKey, "scope rule id '" + r.id + "' given twice",
                            join(k, "id"), at(rules[i]["id"]));
    p.rules.push_back(std::move(r));
  }
}

void ProfileLoader::application(const YAML::Node& node, dir::DirectiveProfile& p) const {
  check_map(node, "application", {"phases"}, "a map {phases}");
  const YAML::Node phases = required(node, "application", "phases", "dated application phases");
  check_list(phases, "application.phases", "a list of application phases");
  if (phases.size() == 0)
    throw ValidationError(errc::kMissingKey, "expected at least one application phase",
                          "application.phases", at(phases));
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const std::string k = index("application.phases", i);
    dir::Phase ph = phase(phases[i], k);
    for (const auto& other : p.phases)
      if (other.id == ph.id)
        throw ValidationError(errc::kDuplicateKey, "phase id '" + ph.id + "' given twice",
                              join(k, "id"), at(phases[i]["id"]));
    for (std::size_t j = 0; j < ph.rules.size(); ++j) {
      if (p.rule(ph.rules[j]) != nullptr) continue;
      std::string known;
      for (const auto& r : p.rules) known += (known.empty() ? "" : ", ") + r.id;
      throw ValidationError(errc::kUnknownRule,
                            "no scope rule '" + ph.rules[j] + "' (rules: " + known + ")",
                            index(join(k, "rules"), j), at(phases[i]["rules"][j]));
    }
    p.phases.push_back(std::move(ph));
  }
}

dir::DirectiveProfile ProfileLoader::load(std::string_view text_in) {
  const YAML::Node root = detail::parse_yaml(text_in, file());
  if (!root.IsMap())
    throw ParseError(errc::kType,
                     "expected a map with 'format: diligence-directive/1' at the top level of the "
                     "directive profile",
                     {}, Location{file(), 1, 1});
  const YAML::Node format = root["format"];
  if (!given(format))
    throw ValidationError(errc::kFormatVersion, "missing 'format: diligence-directive/1'", "format",
                          Location{file(), 1, 1});
  if (!format.IsScalar() || format.Scalar() != kFormat)
    throw ValidationError(errc::kFormatVersion,
                          "unsupported format '" + (format.IsScalar() ? format.Scalar() : "?") +
                              "'; this version reads directive profiles of format "
                              "'diligence-directive/1'",
                          "format", at(format));
  check_map(root, {},
            {"format", "id", "title", "legal_reference", "in_force", "source", "notes", "scope",
             "application", "chain", "obligations", "severity", "penalty"});

  dir::DirectiveProfile p;
  p.id = identifier(required(root, {}, "id"), "id");
  p.title = text(required(root, {}, "title"), "title");
  p.legal_reference = text(required(root, {}, "legal_reference", "e.g. Directive (EU) 2024/1760"),
                           "legal_reference");
  p.in_force =
      date(required(root, {}, "in_force", "the date the act entered into force"), "in_force");
  p.source = text(required(root, {}, "source"), "source");
  if (const auto notes = root["notes"]; given(notes)) {
    check_list(notes, "notes", "a list of text notes");
    for (std::size_t i = 0; i < notes.size(); ++i)
      p.notes.push_back(text(notes[i], index("notes", i)));
  }
  scope(required(root, {}, "scope", "{rules}"), p);
  application(required(root, {}, "application", "{phases}"), p);
  p.chain = chain(required(root, {}, "chain", "{coverage, reference, source, verified}"), "chain");

  const YAML::Node obligations = required(root, {}, "obligations");
  check_list(obligations, "obligations", "a list of obligations");
  if (obligations.size() == 0)
    throw ValidationError(errc::kMissingKey, "expected at least one obligation", "obligations",
                          at(obligations));
  for (std::size_t i = 0; i < obligations.size(); ++i) {
    const std::string k = index("obligations", i);
    dir::Obligation o = obligation(obligations[i], k);
    if (p.obligation(o.id) != nullptr)
      throw ValidationError(errc::kDuplicateKey, "obligation id '" + o.id + "' given twice",
                            join(k, "id"), at(obligations[i]["id"]));
    p.obligations.push_back(std::move(o));
  }
  p.severity = severity(required(root, {}, "severity", "{values, source, verified}"), "severity");
  p.penalty = penalty(required(root, {}, "penalty"), "penalty");
  return p;
}

/// True when `s` reads as a profile id rather than a path: no directory separator and no YAML
/// file ending.
bool looks_like_id(std::string_view s) {
  return s.find('/') == std::string_view::npos && !s.ends_with(".yaml") && !s.ends_with(".yml");
}

}  // namespace

dir::DirectiveProfile load_profile_text(std::string_view yaml, std::string name) {
  ProfileLoader loader(std::move(name));
  return loader.load(yaml);
}

dir::DirectiveProfile load_profile(const std::filesystem::path& path) {
  return load_profile_text(detail::read_file(path), path.string());
}

std::vector<std::string> shipped_profiles() {
  const std::filesystem::path d = data_dir() / "directives";
  std::vector<std::string> ids;
  std::error_code ec;
  if (!std::filesystem::is_directory(d, ec)) return ids;
  for (const auto& entry : std::filesystem::directory_iterator(d, ec))
    if (entry.path().extension() == ".yaml" && !entry.is_directory(ec))
      ids.push_back(entry.path().stem().string());
  std::sort(ids.begin(), ids.end());
  return ids;
}

dir::DirectiveProfile find_profile(std::string_view id_or_path) {
  const std::filesystem::path as_path{std::string(id_or_path)};
  std::error_code ec;
  if (std::filesystem::is_regular_file(as_path, ec) || !looks_like_id(id_or_path))
    return load_profile(as_path);
  const std::filesystem::path shipped =
      data_dir() / "directives" / (std::string(id_or_path) + ".yaml");
  if (std::filesystem::is_regular_file(shipped, ec)) return load_profile(shipped);
  std::string known;
  for (const auto& id : shipped_profiles()) known += (known.empty() ? "" : ", ") + id;
  throw UsageError(errc::kUnknownProfile,
                   "no directive profile '" + std::string(id_or_path) +
                       "': not a file, and not a "
                       "profile shipped in " +
                       (data_dir() / "directives").string() +
                       (known.empty() ? " (none found)" : " (shipped: " + known + ")"));
}

}  // namespace diligence::io
