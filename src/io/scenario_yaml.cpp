// The scenario loader: YAML (yaml-cpp, kept private to this library) with optional CSV includes.
//
// Order of work: parse the YAML, check the top level, add the YAML firms, then the CSV firms,
// then the YAML links and the CSV links, then build (duplicate pairs, shares, parents, weights).
// Each error the builder raises carries a key path such as `links[7].share`; the loader turns it
// into a file position by walking the YAML tree or re-reading the CSV row.
#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/io/scenario_io.hpp>
#include <diligence/model/network_builder.hpp>

#include "io/fields.hpp"
#include "io/files.hpp"
#include "io/scenario_csv.hpp"
#include "io/yaml_reader.hpp"

namespace diligence::io {
namespace {

using detail::ValueRef;

constexpr std::string_view kFormat = "diligence/1";

class YamlLoader : public detail::YamlReader {
 public:
  YamlLoader(std::string file, std::filesystem::path base_dir, const LoadOptions& options)
      : YamlReader(std::move(file)), base_dir_(std::move(base_dir)), options_(options) {}

  model::Scenario load(std::string_view text);

 private:
  bool flag(const YAML::Node& n, const std::string& key) const { return boolean(n, key); }

  // --- content ---
  model::Firm firm(const YAML::Node& node, const std::string& key) const;
  model::SupplyLink link(const YAML::Node& node, const std::string& key) const;
  model::Assessment assessment(const YAML::Node& node, const std::string& key) const;
  model::DueDiligence due_diligence(const YAML::Node& node, const std::string& key) const;
  detail::CsvInclude include(const YAML::Node& node, const std::string& key) const;

  /// Places an error from the builder: YAML items by walking the tree, CSV rows by re-reading.
  void place(Error& e) const;

  std::filesystem::path base_dir_;
  const LoadOptions& options_;
  YAML::Node root_;
  std::size_t yaml_firms_ = 0, csv_firms_ = 0, yaml_links_ = 0, csv_links_ = 0;
  std::optional<detail::CsvInclude> firms_csv_, links_csv_;
};

model::Assessment YamlLoader::assessment(const YAML::Node& node, const std::string& key) const {
  check_map(node, key, {"scores", "questionnaire", "answers"});
  model::Assessment a;
  const YAML::Node scores = node["scores"];
  const YAML::Node questionnaire = node["questionnaire"];
  const YAML::Node answers = node["answers"];
  if (given(scores) && (given(questionnaire) || given(answers)))
    throw ValidationError(errc::kType,
                          "give either 'scores' or 'questionnaire' with 'answers', not both",
                          key + ".scores", at(scores));
  if (given(scores)) {
    const std::string sk = key + ".scores";
    check_map(scores, sk, {"E", "S", "G"});
    model::PillarScores p;
    double* fields[] = {&p.e, &p.s, &p.g};
    const char* names[] = {"E", "S", "G"};
    for (int i = 0; i < 3; ++i) {
      const YAML::Node v = scores[names[i]];
      if (!given(v))
        throw ValidationError(
            errc::kMissingKey,
            std::string("missing pillar score '") + names[i] + "' (give E, S and G)", sk,
            at(scores));
      *fields[i] = unit(v, sk + "." + names[i]);
    }
    a.scores = p;
  } else if (given(questionnaire) || given(answers)) {
    if (!given(questionnaire))
      throw ValidationError(errc::kMissingKey, "'answers' needs 'questionnaire: ID'",
                            key + ".questionnaire", at(node));
    a.questionnaire = text(questionnaire, key + ".questionnaire");
    if (!given(answers))
      throw ValidationError(errc::kMissingKey, "'questionnaire' needs 'answers: {ITEM: value}'",
                            key + ".answers", at(node));
    const std::string ak = key + ".answers";
    const Entries answer_entries = entries(answers, ak, "a map of item → answer");
    const risk::Questionnaire* q = nullptr;
    if (options_.questionnaires) {
      std::string known;
      for (const auto& candidate : *options_.questionnaires) {
        if (candidate.id == a.questionnaire) q = &candidate;
        known += (known.empty() ? "" : ", ") + candidate.id;
      }
      if (!q)
        throw ValidationError(
            errc::kUnknownQuestionnaire,
            "unknown questionnaire '" + a.questionnaire + "' (known: " + known + ")",
            key + ".questionnaire", at(questionnaire));
    }
    for (const auto& [item_node, value] : answer_entries) {
      const std::string item = item_node.Scalar();
      a.answers.emplace_back(item, text(value, ak + "." + item));
      if (!q) continue;
      try {
        (void)risk::answer_value(*q, item, a.answers.back().second);
      } catch (Error& e) {  // unknown item: at the key; bad value: at the value
        e.set_key_path(ak + "." + item);
        e.set_location(at(e.id() == errc::kUnknownItem ? item_node : value));
        throw;
      }
    }
  } else {
    throw ValidationError(errc::kMissingKey,
                          "expected 'scores: {E, S, G}' or 'questionnaire' with 'answers'", key,
                          at(node));
  }
  return a;
}

model::DueDiligence YamlLoader::due_diligence(const YAML::Node& node,
                                              const std::string& key) const {
  check_map(node, key,
            {"policy_reviewed", "code_of_conduct", "risk_assessment", "mapped_tiers",
             "prevention_plans", "contractual_assurances", "sme_support", "complaints_procedure",
             "stakeholder_engagement", "remediation", "annual_statement", "transition_plan"});
  model::DueDiligence d;
  auto get = [&](const char* name) { return node[name]; };
  auto k = [&](const char* name) { return key + "." + name; };
  if (const auto n = get("policy_reviewed"); given(n))
    d.policy_reviewed = date(n, k("policy_reviewed"));
  if (const auto n = get("risk_assessment"); given(n))
    d.risk_assessment = date(n, k("risk_assessment"));
  if (const auto n = get("mapped_tiers"); given(n)) {
    const std::uint64_t t = count(n, k("mapped_tiers"));
    if (t > 1000)
      throw ValidationError(errc::kRange, "expected a number of tiers ≤ 1000", k("mapped_tiers"),
                            at(n));
    d.mapped_tiers = static_cast<std::uint32_t>(t);
  }
  if (const auto n = get("prevention_plans"); given(n))
    d.prevention_plans = unit(n, k("prevention_plans"));
  if (const auto n = get("contractual_assurances"); given(n))
    d.contractual_assurances = unit(n, k("contractual_assurances"));
  const std::pair<const char*, std::optional<bool> model::DueDiligence::*> flags[] = {
      {"code_of_conduct", &model::DueDiligence::code_of_conduct},
      {"sme_support", &model::DueDiligence::sme_support},
      {"complaints_procedure", &model::DueDiligence::complaints_procedure},
      {"stakeholder_engagement", &model::DueDiligence::stakeholder_engagement},
      {"remediation", &model::DueDiligence::remediation},
      {"annual_statement", &model::DueDiligence::annual_statement},
      {"transition_plan", &model::DueDiligence::transition_plan}};
  for (const auto& [name, member] : flags)
    if (const auto n = get(name); given(n)) d.*member = flag(n, k(name));
  return d;
}

model::Firm YamlLoader::firm(const YAML::Node& node, const std::string& key) const {
  check_map(node, key,
            {"id", "name", "country", "sector", "employees", "employees_by_country", "turnover_eur",
             "eu_turnover_eur", "parent", "cluster", "exporter", "certifications", "assessment",
             "risk", "incidents", "due_diligence"});
  model::Firm f;
  auto k = [&](const char* name) { return key + "." + name; };
  for (const char* required : {"id", "country", "sector"})
    if (!given(node[required]))
      throw ValidationError(errc::kMissingKey,
                            std::string("missing required key '") + required + "'", k(required),
                            at(node));
  f.id = text(node["id"], k("id"));
  f.country = text(node["country"], k("country"));
  f.sector = text(node["sector"], k("sector"));
  if (const auto n = node["name"]; given(n)) f.name = text(n, k("name"));
  if (const auto n = node["employees"]; given(n)) f.employees = count(n, k("employees"));
  if (const auto n = node["turnover_eur"]; given(n)) f.turnover_eur = amount(n, k("turnover_eur"));
  if (const auto n = node["eu_turnover_eur"]; given(n))
    f.eu_turnover_eur = amount(n, k("eu_turnover_eur"));
  if (const auto n = node["parent"]; given(n)) f.parent = text(n, k("parent"));
  if (const auto n = node["cluster"]; given(n)) f.cluster = text(n, k("cluster"));
  if (const auto n = node["exporter"]; given(n)) f.exporter = flag(n, k("exporter"));
  if (const auto n = node["certifications"]; given(n))
    f.certifications = text_list(n, k("certifications"));
  if (const auto n = node["employees_by_country"]; given(n)) {
    for (const auto& [country, value] : entries(n, k("employees_by_country"))) {
      const std::string c = country.Scalar();
      f.employees_by_country.emplace_back(c, count(value, k("employees_by_country") + "." + c));
    }
  }
  if (const auto n = node["assessment"]; given(n)) f.assessment = assessment(n, k("assessment"));
  if (const auto n = node["risk"]; given(n)) {
    for (const auto& [category, value] : entries(n, k("risk"))) {
      const std::string c = category.Scalar();
      const std::string ck = k("risk") + "." + c;
      if (!model::contains_category(options_.categories, c)) {
        std::string known;
        for (const auto& cat : options_.categories) known += (known.empty() ? "" : ", ") + cat;
        throw ValidationError(errc::kUnknownCategory,
                              "unknown category '" + c + "' (known: " + known + ")", ck,
                              at(category));
      }
      f.risk.emplace_back(c, unit(value, ck));
    }
  }
  if (const auto n = node["incidents"]; given(n)) {
    if (!n.IsSequence()) type_error(n, k("incidents"), "a list of incidents");
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node in = n[i];
      const std::string ik = k("incidents") + "[" + std::to_string(i) + "]";
      check_map(in, ik, {"category", "known", "severity"});
      if (!given(in["category"]))
        throw ValidationError(errc::kMissingKey, "missing required key 'category'",
                              ik + ".category", at(in));
      model::Incident incident;
      incident.category = text(in["category"], ik + ".category");
      if (given(in["known"])) incident.known = flag(in["known"], ik + ".known");
      if (const auto s = in["severity"]; given(s)) {
        const std::string v = text(s, ik + ".severity");
        if (v == "low")
          incident.severity = model::IncidentSeverity::kLow;
        else if (v == "medium")
          incident.severity = model::IncidentSeverity::kMedium;
        else if (v == "high")
          incident.severity = model::IncidentSeverity::kHigh;
        else if (v == "severe")
          incident.severity = model::IncidentSeverity::kSevere;
        else
          detail::bad_enum(v, "low, medium, high, severe", ValueRef{ik + ".severity", at(s)});
      }
      f.incidents.push_back(std::move(incident));
    }
  }
  if (const auto n = node["due_diligence"]; given(n))
    f.due_diligence = due_diligence(n, k("due_diligence"));
  return f;
}

model::SupplyLink YamlLoader::link(const YAML::Node& node, const std::string& key) const {
  check_map(node, key, {"supplier", "buyer", "spend_eur", "share", "commodity", "contract"});
  auto k = [&](const char* name) { return key + "." + name; };
  for (const char* required : {"supplier", "buyer"})
    if (!given(node[required]))
      throw ValidationError(errc::kMissingKey,
                            std::string("missing required key '") + required + "'", k(required),
                            at(node));
  model::SupplyLink l;
  l.supplier = text(node["supplier"], k("supplier"));
  l.buyer = text(node["buyer"], k("buyer"));
  if (const auto n = node["spend_eur"]; given(n)) l.spend_eur = amount(n, k("spend_eur"));
  if (const auto n = node["share"]; given(n)) l.share = unit(n, k("share"));
  if (const auto n = node["commodity"]; given(n)) l.commodities = text_list(n, k("commodity"));
  if (const auto n = node["contract"]; given(n)) {
    check_map(n, k("contract"), {"code_of_conduct", "audit_rights", "since"});
    if (const auto v = n["code_of_conduct"]; given(v))
      l.contract.code_of_conduct = flag(v, k("contract") + ".code_of_conduct");
    if (const auto v = n["audit_rights"]; given(v))
      l.contract.audit_rights = flag(v, k("contract") + ".audit_rights");
    if (const auto v = n["since"]; given(v)) l.contract.since = date(v, k("contract") + ".since");
  }
  return l;
}

detail::CsvInclude YamlLoader::include(const YAML::Node& node, const std::string& key) const {
  const std::string rel = text(node, key);
  if (rel.empty())
    throw ValidationError(errc::kType, "expected a file path, got empty text", key, at(node));
  detail::CsvInclude inc;
  inc.path = base_dir_.empty() ? std::filesystem::path(rel) : base_dir_ / rel;
  inc.display = inc.path.lexically_normal().string();
  inc.key = key;
  inc.key_location = at(node);
  return inc;
}

void YamlLoader::place(Error& e) const {
  const std::string& path = e.key_path();
  // Parse `firms[12].rest` / `links[3].rest`.
  const auto open = path.find('[');
  const auto close = path.find(']');
  if (open == std::string::npos || close == std::string::npos || close < open) return;
  const std::string list = path.substr(0, open);
  std::size_t index = 0;
  try {
    index = std::stoull(path.substr(open + 1, close - open - 1));
  } catch (...) {
    return;
  }
  std::string rest =
      close + 1 < path.size() && path[close + 1] == '.' ? path.substr(close + 2) : "";
  const bool firms = list == "firms";
  if (!firms && list != "links") return;
  const std::size_t yaml_count = firms ? yaml_firms_ : yaml_links_;
  if (index >= yaml_count) {
    const auto& csv = firms ? firms_csv_ : links_csv_;
    if (csv) e.set_location(detail::locate_csv_cell(*csv, index - yaml_count, rest));
    return;
  }
  // Walk the YAML tree as far as the path goes: names split at '.', list items as [i].
  YAML::Node node = root_[list][index];
  std::size_t pos = 0;
  while (pos < rest.size()) {
    std::size_t end = rest.find_first_of(".[", pos);
    if (end == std::string::npos) end = rest.size();
    if (end > pos) {
      const YAML::Node child = node[rest.substr(pos, end - pos)];
      if (!node.IsMap() || !child.IsDefined()) break;
      node = child;
    }
    if (end < rest.size() && rest[end] == '[') {
      const auto stop = rest.find(']', end);
      if (stop == std::string::npos) break;
      const std::size_t i = std::stoull(rest.substr(end + 1, stop - end - 1));
      if (!node.IsSequence() || i >= node.size()) break;
      node = node[i];
      end = stop + 1;
    }
    pos = end < rest.size() && rest[end] == '.' ? end + 1 : end;
  }
  e.set_location(at(node));
}

model::Scenario YamlLoader::load(std::string_view text_in) {
  root_ = detail::parse_yaml(text_in, file());
  if (!root_.IsMap())
    throw ParseError(errc::kType,
                     "expected a map with 'format: diligence/1' at the top level of the scenario",
                     {}, Location{file(), 1, 1});
  check_map(root_, {}, {"format", "name", "as_of", "currency", "include", "firms", "links"});

  model::Scenario scenario;
  scenario.source = file();
  const YAML::Node format = root_["format"];
  if (!given(format))
    throw ValidationError(errc::kFormatVersion, "missing 'format: diligence/1'", "format",
                          Location{file(), 1, 1});
  if (!format.IsScalar() || format.Scalar() != kFormat)
    throw ValidationError(errc::kFormatVersion,
                          "unsupported format '" + (format.IsScalar() ? format.Scalar() : "?") +
                              "'; this version reads 'diligence/1'",
                          "format", at(format));
  if (const auto n = root_["name"]; given(n)) scenario.name = text(n, "name");
  if (const auto n = root_["as_of"]; given(n)) {
    scenario.as_of = date(n, "as_of");
    scenario.as_of_given = true;
  } else {
    scenario.as_of = Date::today();
  }
  if (const auto n = root_["currency"]; given(n)) {
    scenario.currency = text(n, "currency");
    if (scenario.currency != "EUR")
      throw ValidationError(
          errc::kCurrency,
          "unsupported currency '" + scenario.currency + "'; format diligence/1 uses EUR only",
          "currency", at(n));
  }
  if (const auto n = root_["include"]; given(n)) {
    check_map(n, "include", {"firms_csv", "links_csv"});
    if (const auto f = n["firms_csv"]; given(f)) firms_csv_ = include(f, "include.firms_csv");
    if (const auto l = n["links_csv"]; given(l)) links_csv_ = include(l, "include.links_csv");
  }
  const YAML::Node firms = root_["firms"];
  const YAML::Node links = root_["links"];
  if (given(firms) && !firms.IsSequence()) type_error(firms, "firms", "a list of firms");
  if (given(links) && !links.IsSequence()) type_error(links, "links", "a list of links");

  DiagnosticList warnings;  // forwarded to options_.sink once placed
  model::BuildOptions build_options;
  build_options.categories = options_.categories;
  build_options.sink = [&warnings](const Diagnostic& d) { warnings.add(d); };
  model::NetworkBuilder builder(build_options);
  auto placed = [&](auto&& step) {
    try {
      step();
    } catch (Error& e) {
      if (!e.location().known()) place(e);
      throw;
    }
  };
  if (given(firms)) {
    yaml_firms_ = firms.size();
    for (std::size_t i = 0; i < firms.size(); ++i) {
      const std::string key = "firms[" + std::to_string(i) + "]";
      model::Firm f = firm(firms[i], key);
      placed([&] { builder.add_firm(std::move(f)); });
    }
  }
  if (firms_csv_) csv_firms_ = detail::load_firms_csv(*firms_csv_, builder, options_);
  if (given(links)) {
    yaml_links_ = links.size();
    for (std::size_t i = 0; i < links.size(); ++i) {
      const std::string key = "links[" + std::to_string(i) + "]";
      model::SupplyLink l = link(links[i], key);
      placed([&] { builder.add_link(std::move(l)); });
    }
  }
  if (links_csv_) csv_links_ = detail::load_links_csv(*links_csv_, builder, options_);
  placed([&] { scenario.network = builder.build(); });
  // Place warnings that name an item (weights.equal names the buyer firm).
  scenario.warnings = warnings.take();
  for (auto& w : scenario.warnings) {
    if (w.location.known() || w.key_path.empty()) continue;
    Error probe("", "", w.key_path);
    place(probe);
    w.location = probe.location();
  }
  if (options_.sink)
    for (const auto& w : scenario.warnings) options_.sink(w);
  return scenario;
}

}  // namespace

model::Scenario load_scenario_text(std::string_view yaml, const LoadOptions& options,
                                   std::string name, const std::filesystem::path& base_dir) {
  YamlLoader loader(std::move(name), base_dir, options);
  return loader.load(yaml);
}

model::Scenario load_scenario(const std::filesystem::path& path, const LoadOptions& options) {
  const std::string text = detail::read_file(path);
  const std::filesystem::path base = path.parent_path();  // empty: the current directory
  return load_scenario_text(text, options, path.string(), base);
}

}  // namespace diligence::io
