// Diagnostics that are not errors (warnings, notes), the optional sink that receives them, and
// the progress callback of long runs. The library never prints; the CLI decides what to show.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <diligence/core/error.hpp>

namespace diligence {

enum class Severity : std::uint8_t { kNote, kWarning };

/// One warning or note, with the same id / key path / position vocabulary as Error.
struct Diagnostic {
  Severity severity = Severity::kWarning;
  std::string id;
  std::string message;
  std::string key_path;
  Location location;

  /// `file:line:col: warning[id]: key.path: message`.
  [[nodiscard]] std::string to_string() const {
    std::string s;
    if (location.known()) s += location.to_string() + ": ";
    s += severity == Severity::kWarning ? "warning[" : "note[";
    s += id + "]: ";
    if (!key_path.empty()) s += key_path + ": ";
    return s + message;
  }
};

/// Receives diagnostics as they happen. Empty means "drop them" (results still list warnings
/// wherever the API documents a `warnings` member).
using LogSink = std::function<void(const Diagnostic&)>;

/// Progress of a long run: `done` of `total` units of `phase` (total 0 when unknown).
struct Progress {
  std::string_view phase;
  std::uint64_t done = 0;
  std::uint64_t total = 0;
};

/// Called now and then during long runs; must be cheap and must not throw.
using ProgressCallback = std::function<void(const Progress&)>;

/// Collects diagnostics and forwards each to an optional sink.
class DiagnosticList {
 public:
  explicit DiagnosticList(LogSink sink = {}) : sink_(std::move(sink)) {}

  void add(Diagnostic d) {
    if (sink_) sink_(d);
    items_.push_back(std::move(d));
  }
  [[nodiscard]] const std::vector<Diagnostic>& items() const noexcept { return items_; }
  [[nodiscard]] std::vector<Diagnostic> take() noexcept { return std::move(items_); }

 private:
  LogSink sink_;
  std::vector<Diagnostic> items_;
};

}  // namespace diligence
