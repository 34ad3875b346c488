// The shared YAML reading helpers (see yaml_reader.hpp).
#include "io/yaml_reader.hpp"

#include <algorithm>
#include <set>

#include <diligence/core/error_ids.hpp>

#include "io/fields.hpp"

namespace diligence::io::detail {

YAML::Node parse_yaml(std::string_view text, const std::string& file) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& ex) {
    throw ParseError(errc::kYamlSyntax, ex.msg, {},
                     Location{file, static_cast<std::uint32_t>(ex.mark.line + 1),
                              static_cast<std::uint32_t>(ex.mark.column + 1)});
  }
}

Location YamlReader::at(const YAML::Node& node) const {
  const YAML::Mark m = node.Mark();
  if (m.line < 0) return Location{file_, 0, 0};
  return Location{file_, static_cast<std::uint32_t>(m.line + 1),
                  static_cast<std::uint32_t>(m.column + 1)};
}

void YamlReader::type_error(const YAML::Node& node, const std::string& key,
                            std::string_view expected) const {
  std::string got = "a scalar";
  if (node.IsMap())
    got = "a map";
  else if (node.IsSequence())
    got = "a list";
  else if (node.IsNull())
    got = "nothing";
  throw ParseError(errc::kType, "expected " + std::string(expected) + ", got " + got, key,
                   at(node));
}

YamlReader::Entries YamlReader::entries(const YAML::Node& node, const std::string& key,
                                        std::string_view what) const {
  if (!node.IsMap()) type_error(node, key, what);
  Entries out;
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node k = it->first;  // a copy: the iterator's pair is a temporary
    if (!k.IsScalar())
      throw ParseError(errc::kType, "expected a text key, got a map or list as key", key, at(k));
    if (!seen.insert(k.Scalar()).second)
      throw ParseError(errc::kDuplicateKey, "key given twice", join(key, k.Scalar()), at(k));
    if (k.Scalar().starts_with("x-")) continue;
    out.emplace_back(k, it->second);
  }
  return out;
}

void YamlReader::check_map(const YAML::Node& node, const std::string& key, Keys allowed,
                           std::string_view what) const {
  for (const auto& [k, v] : entries(node, key, what)) {
    if (std::find(allowed.begin(), allowed.end(), k.Scalar()) != allowed.end()) continue;
    std::string list;
    for (const auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    throw ValidationError(errc::kUnknownKey,
                          "unknown key '" + k.Scalar() + "' (expected one of: " + list +
                              "; keys starting with x- are free)",
                          join(key, k.Scalar()), at(k));
  }
}

YAML::Node YamlReader::required(const YAML::Node& parent, const std::string& parent_key,
                                std::string_view name, std::string_view hint) const {
  const YAML::Node n = parent[std::string(name)];
  if (!given(n))
    throw ValidationError(errc::kMissingKey,
                          "missing required key '" + std::string(name) + "'" +
                              (hint.empty() ? "" : " (" + std::string(hint) + ")"),
                          join(parent_key, name), at(parent));
  return n;
}

std::string YamlReader::text(const YAML::Node& node, const std::string& key) const {
  if (!node.IsScalar()) type_error(node, key, "a text value");
  return node.Scalar();
}

std::string YamlReader::nonempty_text(const YAML::Node& node, const std::string& key) const {
  if (!node.IsScalar()) type_error(node, key, "a text value");
  if (node.Scalar().find_first_not_of(" \t\r\n") == std::string::npos)
    throw ValidationError(errc::kType, "expected a text value, got empty text", key, at(node));
  return node.Scalar();
}

const std::string& YamlReader::plain(const YAML::Node& node, const std::string& key,
                                     std::string_view expected) const {
  if (!node.IsScalar()) type_error(node, key, expected);
  if (node.Tag() == "!")
    throw ParseError(
        errc::kType,
        "expected " + std::string(expected) + ", got the quoted text '" + node.Scalar() + "'", key,
        at(node));
  return node.Scalar();
}

double YamlReader::amount(const YAML::Node& node, const std::string& key) const {
  return parse_amount(plain(node, key, "a number"), ValueRef{key, at(node)});
}

double YamlReader::unit(const YAML::Node& node, const std::string& key) const {
  return parse_unit(plain(node, key, "a number in [0,1]"), ValueRef{key, at(node)});
}

std::uint64_t YamlReader::count(const YAML::Node& node, const std::string& key) const {
  return parse_count(plain(node, key, "an integer"), ValueRef{key, at(node)});
}

bool YamlReader::boolean(const YAML::Node& node, const std::string& key) const {
  return parse_bool(plain(node, key, "true or false"), ValueRef{key, at(node)});
}

Date YamlReader::date(const YAML::Node& node, const std::string& key) const {
  if (!node.IsScalar()) type_error(node, key, "a date YYYY-MM-DD");
  return parse_date(node.Scalar(), ValueRef{key, at(node)});
}

std::vector<std::string> YamlReader::text_list(const YAML::Node& node,
                                               const std::string& key) const {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i) out.push_back(text(node[i], index(key, i)));
  } else {
    type_error(node, key, "a text value or a list of them");
  }
  for (std::size_t i = 0; i < out.size(); ++i)
    if (out[i].empty())
      throw ValidationError(errc::kType, "empty text in a list",
                            node.IsSequence() ? index(key, i) : key,
                            at(node.IsSequence() ? node[i] : node));
  return out;
}

}  // namespace diligence::io::detail
