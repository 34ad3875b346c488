// The questionnaire loader: format `diligence-questionnaire/1` (YAML, yaml-cpp kept private).
//
// One pass over the tree: top level, scale, stages, items. Every rule of the format is checked
// here, so `risk::score_answers` can trust what it gets; every error names the file position of the
// offending key or value and its key path (`items[3].weight`).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <yaml-cpp/yaml.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/io/questionnaire_io.hpp>
#include <diligence/io/risk_model_io.hpp>
#include <diligence/model/codes.hpp>

#include "io/fields.hpp"
#include "io/files.hpp"
#include "io/yaml_reader.hpp"

namespace diligence::io {
namespace {

using detail::ValueRef;

constexpr std::string_view kFormat = "diligence-questionnaire/1";

class QuestionnaireLoader : public detail::YamlReader {
 public:
  explicit QuestionnaireLoader(std::string file) : YamlReader(std::move(file)) {}

  risk::Questionnaire load(std::string_view text);

 private:
  /// Throws input.missing_key (at the map) unless every key in `names` is given.
  void require(const YAML::Node& node, const std::string& key, Keys names) const {
    for (const auto r : names) (void)required(node, key, r);
  }
  /// Texts in a questionnaire are never empty.
  [[nodiscard]] std::string text(const YAML::Node& node, const std::string& key) const {
    return nonempty_text(node, key);
  }
  [[nodiscard]] std::string identifier(const YAML::Node& node, const std::string& key) const {
    std::string id = text(node, key);
    if (!model::is_valid_firm_id(id))
      throw ValidationError(errc::kBadId,
                            "expected 1-64 characters of A-Z a-z 0-9 . _ : -, got '" + id + "'",
                            key, at(node));
    return id;
  }
  /// A plain integer (optional sign) that fits an int. Used for the scale and its labels.
  [[nodiscard]] int integer(const YAML::Node& node, const std::string& key) const;

  void scale(const YAML::Node& node, risk::Questionnaire& q) const;
  void stages(const YAML::Node& node, risk::Questionnaire& q) const;
  void items(const YAML::Node& node, risk::Questionnaire& q) const;
};

int QuestionnaireLoader::integer(const YAML::Node& node, const std::string& key) const {
  const std::string& s = plain(node, key, "an integer");
  std::string_view t = s;
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  int v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || end != t.data() + t.size() || ec == std::errc::invalid_argument)
    throw ParseError(errc::kType, "expected an integer, got '" + s + "'", key, at(node));
  if (ec == std::errc::result_out_of_range)
    throw ValidationError(errc::kRange, "integer '" + s + "' is out of range", key, at(node));
  return v;
}

void QuestionnaireLoader::scale(const YAML::Node& node, risk::Questionnaire& q) const {
  check_map(node, "scale", {"min", "max", "labels"});
  require(node, "scale", {"min", "max"});
  q.scale_min = integer(node["min"], "scale.min");
  q.scale_max = integer(node["max"], "scale.max");
  if (q.scale_min >= q.scale_max)
    throw ValidationError(errc::kRange,
                          "expected max > min (" + std::to_string(q.scale_min) + "), got " +
                              std::to_string(q.scale_max),
                          "scale.max", at(node["max"]));
  if (const YAML::Node labels = node["labels"]; given(labels)) {
    for (const auto& [point, label] : entries(labels, "scale.labels")) {
      const std::string lk = "scale.labels." + point.Scalar();
      const int v = integer(point, lk);
      if (v < q.scale_min || v > q.scale_max)
        throw ValidationError(errc::kRange,
                              "expected a point of the scale " + std::to_string(q.scale_min) +
                                  ".." + std::to_string(q.scale_max) + ", got " + std::to_string(v),
                              lk, at(point));
      for (const auto& named : q.scale_labels)
        if (named.first == v)
          throw ParseError(errc::kDuplicateKey, "scale point " + std::to_string(v) + " named twice",
                           lk, at(point));
      q.scale_labels.emplace_back(v, text(label, lk));
    }
    std::sort(q.scale_labels.begin(), q.scale_labels.end());
  }
}

void QuestionnaireLoader::stages(const YAML::Node& node, risk::Questionnaire& q) const {
  if (!node.IsSequence() || node.size() == 0)
    type_error(node, "stages", "a non-empty list of stages");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node s = node[i];
    const std::string key = "stages[" + std::to_string(i) + "]";
    const bool last = i + 1 == node.size();
    check_map(s, key, {"id", "below"});
    require(s, key, {"id"});
    risk::MaturityStage stage;
    stage.id = identifier(s["id"], key + ".id");
    if (!ids.insert(stage.id).second)
      throw ValidationError(errc::kDuplicateKey, "stage '" + stage.id + "' given twice",
                            key + ".id", at(s["id"]));
    const YAML::Node below = s["below"];
    if (last && given(below))
      throw ValidationError(errc::kRange,
                            "the last stage has no bound: it takes every score from the previous "
                            "stage's bound up; remove 'below'",
                            key + ".below", at(below));
    if (!last) {
      require(s, key, {"below"});
      const std::string bk = key + ".below";
      const double b =
          detail::parse_unit(plain(below, bk, "a number in [0,1]"), ValueRef{bk, at(below)});
      if (!q.stages.empty() && !(b > *q.stages.back().below))
        throw ValidationError(errc::kRange,
                              "expected a bound above the previous stage's (" +
                                  std::to_string(*q.stages.back().below) +
                                  "); bounds increase "
                                  "strictly",
                              bk, at(below));
      stage.below = b;
    }
    q.stages.push_back(std::move(stage));
  }
}

void QuestionnaireLoader::items(const YAML::Node& node, risk::Questionnaire& q) const {
  if (!node.IsSequence() || node.size() == 0)
    type_error(node, "items", "a non-empty list of items");
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node n = node[i];
    const std::string key = "items[" + std::to_string(i) + "]";
    auto k = [&](const char* name) { return key + "." + name; };
    check_map(n, key, {"id", "area", "pillar", "weight", "text", "advice"});
    require(n, key, {"id", "area", "text", "advice"});
    risk::QuestionnaireItem item;
    item.id = identifier(n["id"], k("id"));
    if (q.item(item.id) != nullptr)
      throw ValidationError(errc::kDuplicateKey, "item '" + item.id + "' given twice", k("id"),
                            at(n["id"]));
    item.area = text(n["area"], k("area"));
    if (item.area == "environment")
      item.pillar = risk::Pillar::kE;
    else if (item.area == "social")
      item.pillar = risk::Pillar::kS;
    else if (item.area == "governance" || item.area == "disclosure")
      item.pillar = risk::Pillar::kG;
    else
      detail::bad_enum(item.area, "disclosure, environment, social, governance",
                       ValueRef{k("area"), at(n["area"])});
    if (const YAML::Node p = n["pillar"]; given(p)) {
      const std::string v = text(p, k("pillar"));
      if (v == "E")
        item.pillar = risk::Pillar::kE;
      else if (v == "S")
        item.pillar = risk::Pillar::kS;
      else if (v == "G")
        item.pillar = risk::Pillar::kG;
      else
        detail::bad_enum(v, "E, S, G", ValueRef{k("pillar"), at(p)});
    }
    if (const YAML::Node w = n["weight"]; given(w)) {
      const std::string wk = k("weight");
      item.weight = detail::parse_number(plain(w, wk, "a number > 0"), ValueRef{wk, at(w)});
      if (!std::isfinite(item.weight) || item.weight <= 0.0)
        throw ValidationError(errc::kRange,
                              "expected a finite number > 0, got '" + w.Scalar() + "'", wk, at(w));
    }
    item.text = text(n["text"], k("text"));
    item.advice = text(n["advice"], k("advice"));
    q.items.push_back(std::move(item));
  }
}

risk::Questionnaire QuestionnaireLoader::load(std::string_view text_in) {
  const YAML::Node root = detail::parse_yaml(text_in, file());
  if (!root.IsMap())
    throw ParseError(errc::kType,
                     "expected a map with 'format: diligence-questionnaire/1' at the top level", {},
                     Location{file(), 1, 1});
  check_map(root, {}, {"format", "id", "title", "source", "scale", "stages", "items"});
  const YAML::Node format = root["format"];
  if (!given(format))
    throw ValidationError(errc::kFormatVersion, "missing 'format: diligence-questionnaire/1'",
                          "format", Location{file(), 1, 1});
  if (!format.IsScalar() || format.Scalar() != kFormat)
    throw ValidationError(errc::kFormatVersion,
                          "unsupported format '" + (format.IsScalar() ? format.Scalar() : "?") +
                              "'; this version reads 'diligence-questionnaire/1'",
                          "format", at(format));
  require(root, {}, {"id", "scale", "stages", "items"});
  risk::Questionnaire q;
  q.id = identifier(root["id"], "id");
  if (const auto n = root["title"]; given(n)) q.title = text(n, "title");
  if (const auto n = root["source"]; given(n)) q.source = text(n, "source");
  scale(root["scale"], q);
  stages(root["stages"], q);
  items(root["items"], q);
  return q;
}

}  // namespace

risk::Questionnaire load_questionnaire_text(std::string_view yaml, std::string name) {
  QuestionnaireLoader loader(std::move(name));
  return loader.load(yaml);
}

risk::Questionnaire load_questionnaire(const std::filesystem::path& path) {
  return load_questionnaire_text(detail::read_file(path), path.string());
}

std::vector<risk::Questionnaire> default_questionnaires() {
  const std::filesystem::path dir = data_dir() / "questionnaires";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw IoError(errc::kFileNotFound, "questionnaire directory not found: " + dir.string());
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".yaml" && !entry.is_directory()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<risk::Questionnaire> out;
  for (const auto& f : files) {
    risk::Questionnaire q = load_questionnaire(f);
    for (const auto& other : out)
      if (other.id == q.id)
        throw ValidationError(
            errc::kDuplicateKey,
            "questionnaire id '" + q.id + "' is also used by another file in " + dir.string(), "id",
            Location{f.string(), 0, 0});
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace diligence::io
