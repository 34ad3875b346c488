// The support programme loader: format `diligence-programmes/1` (YAML, yaml-cpp kept private;
// spec/support.md, docs/support.md), and the lookup of the directive profile a file targets.
//
// One pass over the tree: top level, targets, classes, programmes with their effects and
// eligible classes. Every rule of the format that needs no other file is checked here, with the
// file position and key path of the offending key or value (`programmes[1].effect.child_labour`);
// the first error ends the load. Target firm ids (checked against a network) and, when no
// category list is given, effect categories (checked against a risk model) keep their positions
// in the result so that support::resolve_targets and support::resolve report them as precisely.
#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <yaml-cpp/yaml.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/io/directive_io.hpp>
#include <diligence/io/programme_io.hpp>
#include <diligence/model/codes.hpp>

#include "io/fields.hpp"
#include "io/files.hpp"
#include "io/yaml_reader.hpp"

namespace diligence::io {
namespace {

using detail::ValueRef;

constexpr std::string_view kFormat = "diligence-programmes/1";

class ProgrammeLoader : public detail::YamlReader {
 public:
  ProgrammeLoader(std::string file, const ProgrammeLoadOptions& options)
      : YamlReader(std::move(file)), options_(options) {}

  support::ProgrammeSet load(std::string_view text);

 private:
  [[nodiscard]] std::string identifier(const YAML::Node& node, const std::string& key) const {
    std::string id = nonempty_text(node, key);
    if (!model::is_valid_firm_id(id))
      throw ValidationError(errc::kBadId,
                            "expected 1-64 characters of A-Z a-z 0-9 . _ : -, got '" + id + "'",
                            key, at(node));
    return id;
  }
  /// A non-empty list (a single value is not accepted: the format writes lists).
  void nonempty_list(const YAML::Node& node, const std::string& key, std::string_view what) const {
    if (!node.IsSequence() || node.size() == 0) type_error(node, key, what);
  }

  void targets(const YAML::Node& node, support::ProgrammeSet& set) const;
  void classes(const YAML::Node& node, support::ProgrammeSet& set) const;
  void programmes(const YAML::Node& node, support::ProgrammeSet& set) const;
  void effect(const YAML::Node& node, const std::string& key, support::Programme& p) const;
  void eligible(const YAML::Node& node, const std::string& key, support::Programme& p) const;

  const ProgrammeLoadOptions& options_;
};

void ProgrammeLoader::targets(const YAML::Node& node, support::ProgrammeSet& set) const {
  check_map(node, "targets", {"directive", "firms"});
  const YAML::Node directive = node["directive"];
  const YAML::Node firms = node["firms"];
  if (given(directive) && given(firms))
    throw ValidationError(errc::kDuplicateKey,
                          "give either 'directive' or 'firms' as targets, not both",
                          "targets.firms", at(firms));
  if (!given(directive) && !given(firms))
    throw ValidationError(errc::kMissingKey,
                          "missing required key 'directive' or 'firms' (whose exposure the "
                          "support should reduce)",
                          "targets", at(node));
  if (given(directive)) {
    set.targets.directive = nonempty_text(directive, "targets.directive");
    set.targets.directive_where = at(directive);
    return;
  }
  nonempty_list(firms, "targets.firms", "a non-empty list of firm ids");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < firms.size(); ++i) {
    const std::string key = index("targets.firms", i);
    support::TargetFirm t;
    t.id = identifier(firms[i], key);
    t.key = key;
    t.where = at(firms[i]);
    if (!seen.insert(t.id).second)
      throw ValidationError(errc::kDuplicateKey, "target firm '" + t.id + "' listed twice", key,
                            t.where);
    set.targets.firms.push_back(std::move(t));
  }
}

void ProgrammeLoader::classes(const YAML::Node& node, support::ProgrammeSet& set) const {
  check_map(node, "classes", {"beginner_below", "urgent_within_tiers"});
  if (const YAML::Node b = node["beginner_below"]; given(b))
    set.classes.beginner_below = unit(b, "classes.beginner_below");
  if (const YAML::Node u = node["urgent_within_tiers"]; given(u)) {
    const std::string key = "classes.urgent_within_tiers";
    const std::uint64_t v = count(u, key);
    if (v > 1'000'000)
      throw ValidationError(errc::kRange, "expected an integer ≤ 1000000, got '" + u.Scalar() + "'",
                            key, at(u));
    set.classes.urgent_within_tiers = static_cast<std::uint32_t>(v);
  }
}

void ProgrammeLoader::effect(const YAML::Node& node, const std::string& key,
                             support::Programme& p) const {
  const Entries items = entries(node, key, "a map from all or a category id to a number in [0,1]");
  if (items.empty())
    throw ValidationError(errc::kMissingKey,
                          "expected at least one of all or a category id (own risk of a served "
                          "firm is multiplied by 1 − effect)",
                          key, at(node));
  for (const auto& [k, v] : items) {
    const std::string& name = k.Scalar();
    const std::string vk = join(key, name);
    const double value = unit(v, vk);
    if (name == "all") {
      p.effect.all = value;
      continue;
    }
    if (!options_.categories.empty() &&
        std::find(options_.categories.begin(), options_.categories.end(), name) ==
            options_.categories.end()) {
      std::string list;
      for (const auto& c : options_.categories) list += (list.empty() ? "" : ", ") + c;
      throw ValidationError(
          errc::kUnknownCategory,
          "category '" + name + "' is not in the risk model (expected all or one of: " + list + ")",
          vk, at(k));
    }
    p.effect.categories.push_back({name, value, vk, at(k)});
  }
}

void ProgrammeLoader::eligible(const YAML::Node& node, const std::string& key,
                               support::Programme& p) const {
  nonempty_list(node, key, "a non-empty list of classes (urgent, beginner, established)");
  p.eligible.clear();
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string ik = index(key, i);
    const std::string name = nonempty_text(node[i], ik);
    const auto c = support::parse_class(name);
    if (c && !support::is_sme_class(*c))
      throw ValidationError(errc::kBadEnum,
                            "class '" + name +
                                "' is never eligible: only SMEs are served (expected urgent, "
                                "beginner or established)",
                            ik, at(node[i]));
    if (!c) detail::bad_enum(name, "urgent, beginner, established", ValueRef{ik, at(node[i])});
    if (std::find(p.eligible.begin(), p.eligible.end(), *c) != p.eligible.end())
      throw ValidationError(errc::kDuplicateKey, "class '" + name + "' listed twice", ik,
                            at(node[i]));
    p.eligible.push_back(*c);
  }
}

void ProgrammeLoader::programmes(const YAML::Node& node, support::ProgrammeSet& set) const {
  nonempty_list(node, "programmes", "a non-empty list of programmes");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node n = node[i];
    const std::string key = index("programmes", i);
    check_map(n, key, {"id", "name", "slots", "effect", "eligible"});
    support::Programme p;
    p.key = key;
    p.where = at(n);
    p.id = identifier(required(n, key, "id"), join(key, "id"));
    if (!ids.insert(p.id).second)
      throw ValidationError(errc::kDuplicateKey, "programme '" + p.id + "' given twice",
                            join(key, "id"), at(n["id"]));
    if (const YAML::Node name = n["name"]; given(name))
      p.name = nonempty_text(name, join(key, "name"));
    p.slots = count(required(n, key, "slots", "how many firms it can serve"), join(key, "slots"));
    effect(required(n, key, "effect", "e.g. {all: 0.3}"), join(key, "effect"), p);
    if (const YAML::Node e = n["eligible"]; given(e)) eligible(e, join(key, "eligible"), p);
    set.programmes.push_back(std::move(p));
  }
}

support::ProgrammeSet ProgrammeLoader::load(std::string_view text_in) {
  const YAML::Node root = detail::parse_yaml(text_in, file());
  if (!root.IsMap())
    throw ParseError(errc::kType,
                     "expected a map with 'format: diligence-programmes/1' at the top level", {},
                     Location{file(), 1, 1});
  const YAML::Node format = root["format"];
  if (!given(format))
    throw ValidationError(errc::kFormatVersion, "missing 'format: diligence-programmes/1'",
                          "format", Location{file(), 1, 1});
  if (!format.IsScalar() || format.Scalar() != kFormat)
    throw ValidationError(errc::kFormatVersion,
                          "unsupported format '" + (format.IsScalar() ? format.Scalar() : "?") +
                              "'; this version reads 'diligence-programmes/1'",
                          "format", at(format));
  check_map(root, {}, {"format", "name", "targets", "classes", "programmes"});
  support::ProgrammeSet set;
  set.source = file();
  if (const YAML::Node n = root["name"]; given(n)) set.name = nonempty_text(n, "name");
  targets(required(root, {}, "targets", "directive: ID or firms: [ID, ...]"), set);
  if (const YAML::Node c = root["classes"]; given(c)) classes(c, set);
  programmes(required(root, {}, "programmes"), set);
  return set;
}

/// Looks like a path rather than a profile id.
bool looks_like_path(std::string_view s) {
  return s.find('/') != std::string_view::npos || s.find('\\') != std::string_view::npos ||
         s.ends_with(".yaml") || s.ends_with(".yml");
}

}  // namespace

support::ProgrammeSet load_programmes_text(std::string_view yaml,
                                           const ProgrammeLoadOptions& options, std::string name) {
  ProgrammeLoader loader(std::move(name), options);
  return loader.load(yaml);
}

support::ProgrammeSet load_programmes(const std::filesystem::path& path,
                                      const ProgrammeLoadOptions& options) {
  return load_programmes_text(detail::read_file(path), options, path.string());
}

directive::DirectiveProfile load_target_profile(const support::ProgrammeSet& set) {
  const support::Targets& t = set.targets;
  if (t.directive.empty())
    throw UsageError(errc::kParameter, "the programme file targets firms, not a directive");
  std::error_code ec;
  if (looks_like_path(t.directive)) {
    std::filesystem::path p{t.directive};
    if (p.is_relative() && !set.source.empty()) {
      const std::filesystem::path beside = std::filesystem::path(set.source).parent_path() / p;
      if (std::filesystem::is_regular_file(beside, ec)) p = beside;
    }
    if (!std::filesystem::is_regular_file(p, ec))
      throw IoError(errc::kFileNotFound, "directive profile file not found: " + p.string(),
                    t.directive_key, t.directive_where);
    return load_profile(p);
  }
  try {
    return find_profile(t.directive);
  } catch (const UsageError& e) {
    // An unknown id in a file is bad input data (exit status 1), at the position of the value.
    throw ValidationError(e.id(), e.detail(), t.directive_key, t.directive_where);
  }
}

}  // namespace diligence::io
