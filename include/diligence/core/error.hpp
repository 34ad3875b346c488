// The one error hierarchy of diligence: every bad input or misuse is reported as a
// diligence::Error with a stable id, an optional source position and a key path.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace diligence {

/// A position in an input file. Lines and columns are 1-based; 0 means "not known".
struct Location {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  [[nodiscard]] bool known() const noexcept { return !file.empty() || line != 0; }
  /// `file:line:column`, `file:line`, `file` or an empty string, as far as known.
  [[nodiscard]] std::string to_string() const {
    std::string s = file;
    if (line != 0) {
      if (!s.empty()) s.push_back(':');
      s.append(std::to_string(line));
      if (column != 0) {
        s.push_back(':');
        s.append(std::to_string(column));
      }
    }
    return s;
  }
  friend bool operator==(const Location&, const Location&) = default;
};

/// Base class of every exception diligence throws for bad data or misuse.
///
/// `id()` is stable across releases (see docs/errors.md), `location()` names the file, line and
/// column when the data came from a file, `key_path()` names the offending key
/// (`firms[3].country`), and `detail()` says what was expected. `what()` joins them as
/// `file:line:col: error[id]: key.path: detail`.
class Error : public std::runtime_error {
 public:
  Error(std::string id, std::string detail, std::string key_path = {}, Location location = {})
      : std::runtime_error(compose(id, detail, key_path, location)),
        id_(std::move(id)),
        detail_(std::move(detail)),
        key_path_(std::move(key_path)),
        location_(std::move(location)) {}

  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  [[nodiscard]] const std::string& detail() const noexcept { return detail_; }
  [[nodiscard]] const std::string& key_path() const noexcept { return key_path_; }
  [[nodiscard]] const Location& location() const noexcept { return location_; }

  /// Replaces the location (used by loaders that learn the position after the fact).
  void set_location(Location location) {
    location_ = std::move(location);
    recompose();
  }
  /// Replaces the key path (used by loaders that learn it after the fact).
  void set_key_path(std::string key_path) {
    key_path_ = std::move(key_path);
    recompose();
  }

  static std::string compose(const std::string& id, const std::string& detail,
                             const std::string& key_path, const Location& location) {
    std::string s;
    if (location.known()) s += location.to_string() + ": ";
    s += "error[" + id + "]: ";
    if (!key_path.empty()) s += key_path + ": ";
    s += detail;
    return s;
  }

 private:
  void recompose() {
    static_cast<std::runtime_error&>(*this) =
        std::runtime_error(compose(id_, detail_, key_path_, location_));
  }

  std::string id_;
  std::string detail_;
  std::string key_path_;
  Location location_;
};

/// Malformed text: YAML or CSV syntax, a value of the wrong type or shape.
class ParseError : public Error {
 public:
  using Error::Error;
};

/// Well-formed data that breaks a rule of the format: out of range, duplicate, unknown reference.
class ValidationError : public Error {
 public:
  using Error::Error;
};

/// A file that cannot be read or written.
class IoError : public Error {
 public:
  using Error::Error;
};

/// A library function called with arguments it cannot accept (an unknown firm id, say).
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace diligence
