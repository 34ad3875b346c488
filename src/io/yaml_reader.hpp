// The reading helpers every YAML loader of diligence shares (scenarios, risk models,
// questionnaires, directive profiles, audit configurations): positions of nodes, the checks of
// map keys (unknown keys are errors except `x-` ones, repeated keys are errors), required keys,
// and typed scalars, each error with file:line:column and key path. yaml-cpp stays in src/.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include <diligence/core/date.hpp>
#include <diligence/core/error.hpp>

namespace diligence::io::detail {

/// Parses YAML text. @throws ParseError `yaml.syntax` with the position yaml-cpp reports.
[[nodiscard]] YAML::Node parse_yaml(std::string_view text, const std::string& file);

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}
  [[nodiscard]] const std::string& file() const noexcept { return file_; }

 protected:
  using Keys = std::initializer_list<std::string_view>;
  using Entries = std::vector<std::pair<YAML::Node, YAML::Node>>;

  // --- positions and errors ---
  /// The 1-based position of a node in the file.
  [[nodiscard]] Location at(const YAML::Node& node) const;
  /// ParseError `input.type`: "expected <expected>, got a map / a list / nothing / a scalar".
  [[noreturn]] void type_error(const YAML::Node& node, const std::string& key,
                               std::string_view expected) const;
  [[nodiscard]] static bool given(const YAML::Node& node) {
    return node.IsDefined() && !node.IsNull();
  }
  /// `key.child` (or `child` at the top level).
  [[nodiscard]] static std::string join(const std::string& key, std::string_view child) {
    return key.empty() ? std::string(child) : key + "." + std::string(child);
  }
  /// `key[i]`.
  [[nodiscard]] static std::string index(const std::string& key, std::size_t i) {
    return key + "[" + std::to_string(i) + "]";
  }

  // --- shapes ---
  /// Checks that `node` is a map with text keys, each given once, and returns its entries except
  /// those whose key starts with `x-` (any other key allowed).
  [[nodiscard]] Entries entries(const YAML::Node& node, const std::string& key,
                                std::string_view what = "a map") const;
  /// As `entries`, and every key not starting with `x-` must be in `allowed`.
  void check_map(const YAML::Node& node, const std::string& key, Keys allowed,
                 std::string_view what = "a map") const;
  /// A required key of `parent`: its node, or ValidationError `input.missing_key` at the parent.
  [[nodiscard]] YAML::Node required(const YAML::Node& parent, const std::string& parent_key,
                                    std::string_view name, std::string_view hint = {}) const;
  /// Checks that `node` is a list.
  void check_list(const YAML::Node& node, const std::string& key, std::string_view what) const {
    if (!node.IsSequence()) type_error(node, key, what);
  }

  // --- scalars ---
  /// Any scalar's text, plain or quoted (may be empty).
  [[nodiscard]] std::string text(const YAML::Node& node, const std::string& key) const;
  /// A scalar's text that is not empty or blank.
  [[nodiscard]] std::string nonempty_text(const YAML::Node& node, const std::string& key) const;
  /// A scalar written plainly: a quoted "12" is text, not a number.
  [[nodiscard]] const std::string& plain(const YAML::Node& node, const std::string& key,
                                         std::string_view expected) const;
  [[nodiscard]] double amount(const YAML::Node& node, const std::string& key) const;  ///< ≥ 0
  [[nodiscard]] double unit(const YAML::Node& node, const std::string& key) const;    ///< [0,1]
  [[nodiscard]] std::uint64_t count(const YAML::Node& node, const std::string& key) const;
  [[nodiscard]] bool boolean(const YAML::Node& node, const std::string& key) const;
  [[nodiscard]] Date date(const YAML::Node& node, const std::string& key) const;
  /// One text or a list of texts; empty items are errors.
  [[nodiscard]] std::vector<std::string> text_list(const YAML::Node& node,
                                                   const std::string& key) const;

 private:
  std::string file_;
};

}  // namespace diligence::io::detail
