// The progress bar every long run of the `diligence` command shows on standard error: loading
// large CSV files, Monte Carlo audits, the cascade simulation, generating a scenario, multi-year
// support. The library reports progress through diligence::ProgressCallback and never prints;
// this turns those reports into one line rewritten in place,
//
//   \r<label> [########            ]  42% 4 200/10 000 <unit>\033[K
//
// only when standard error is a terminal (nothing at all otherwise, so pipes, files, `-o FILE`
// and JSON never see it). The line is redrawn when the phase changes, whenever the whole
// percentage changes (so always at 100 %), and otherwise at most every 100 ms (to move the counts
// or, for an unknown total, the spinner); `finish()` clears it (`\r\033[K`) so that the next
// output starts on a clean line. The output stream and the clock are parameters, so tests check
// the exact text without a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <mutex>
#include <string>

#include <diligence/core/diagnostics.hpp>

namespace diligence::cli {

/// What a progress line says about a phase.
struct ProgressLabel {
  std::string text;    ///< before the bar: "Monte Carlo", "Loading links CSV"
  std::string unit;    ///< after the counts: "runs"; empty for none
  bool bytes = false;  ///< the counts are bytes, shown in B, kB, MB or GB
};

/// Turns a library progress report into the label shown.
using ProgressLabeller = std::function<ProgressLabel(const Progress&)>;

/// The labels of the library's phases: `monte_carlo` (Monte Carlo, runs), `cascade` (Cascade
/// simulation, runs), `cycles` (Generating cycles, buyers), `support_years` (Support, years) and
/// the scenario loader's `firms_csv` / `links_csv` (Loading firms CSV, bytes); any other phase by
/// its name.
[[nodiscard]] ProgressLabel phase_label(const Progress& p);

/// As phase_label, but `firms_csv` / `links_csv` are the generator writing its files (Writing
/// firms.csv, firms; Writing links.csv, buyers).
[[nodiscard]] ProgressLabel writing_label(const Progress& p);

/// One progress line on a stream. Thread-safe: update() and finish() may be called from any
/// thread (a mutex serialises them; the library calls from one thread at a time anyway).
class ProgressBar {
 public:
  using Clock = std::chrono::steady_clock;
  using Now = std::function<Clock::time_point()>;

  /// Characters between the brackets.
  static constexpr int kBarWidth = 20;
  /// Shortest time between two redraws of the same phase at the same whole percentage.
  static constexpr std::chrono::milliseconds kInterval{100};

  /// Draws on `out` when `enabled` (nothing is ever written otherwise). `now` is the clock;
  /// `columns` > 0 cuts lines to `columns − 1` characters so that a narrow terminal does not wrap
  /// them (0: no limit).
  ProgressBar(std::ostream& out, bool enabled, Now now = Clock::now, std::size_t columns = 0);
  /// Clears the line (finish()).
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  [[nodiscard]] bool enabled() const noexcept { return enabled_; }

  /// A callback that draws the library's reports with the labels of `labeller`; empty when the
  /// bar is disabled, so that the library skips reporting. The bar must outlive the callback.
  [[nodiscard]] ProgressCallback callback(ProgressLabeller labeller = phase_label);

  /// Shows `done` of `total` (0: unknown) under `label`, subject to the redraw rules above.
  void update(const ProgressLabel& label, std::uint64_t done, std::uint64_t total);

  /// Clears the line when one is shown; the next update() draws afresh.
  void finish();

  /// The text of a line without `\r` and `\033[K`: `<label> [<bar>] <pct>% <done>/<total>
  /// <unit>`, or `<label> <spinner> <done> <unit>` when total is 0. Counts are grouped by
  /// thousands with spaces (`4 200`); bytes as `12.3/45.6 MB`.
  [[nodiscard]] static std::string line(const ProgressLabel& label, std::uint64_t done,
                                        std::uint64_t total, char spinner = '|');

 private:
  std::ostream& out_;
  const bool enabled_;
  const Now now_;
  const std::size_t columns_;
  std::mutex mutex_;
  bool shown_ = false;    ///< a line is on the screen
  std::string label_;     ///< the label of the line shown
  int percent_ = -1;      ///< its whole percentage (-1: unknown total)
  std::string drawn_;     ///< its text
  Clock::time_point at_;  ///< when it was drawn
  std::size_t spin_ = 0;  ///< spinner position
};

/// The bar of this process: on standard error, enabled when standard error is a terminal, cut to
/// the terminal's width.
[[nodiscard]] ProgressBar& stderr_progress();

/// `stderr_progress().callback(labeller)`: empty when standard error is not a terminal.
[[nodiscard]] ProgressCallback progress_callback(ProgressLabeller labeller = phase_label);

/// Clears the progress line of standard error, if any: called before anything else is printed.
void clear_progress();

}  // namespace diligence::cli
