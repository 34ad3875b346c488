// The progress bar on standard error (see progress.hpp).
#include "progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <ostream>
#include <utility>

namespace diligence::cli {
namespace {

/// `n` with its digits grouped by thousands with spaces: 10000000 → "10 000 000".
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

/// Byte counts in one decimal unit chosen by the larger of them: `12.3/45.6 MB`, or
/// `4 200/9 000 B` below 10 000 bytes. `total` 0: only `done`.
std::string byte_counts(std::uint64_t done, std::uint64_t total) {
  const std::uint64_t scale = std::max(done, total);
  if (scale < 10'000) {
    return total == 0 ? grouped(done) + " B" : grouped(done) + "/" + grouped(total) + " B";
  }
  const char* unit = "GB";
  double divisor = 1e9;
  if (scale < 1'000'000) {
    unit = "kB";
    divisor = 1e3;
  } else if (scale < 1'000'000'000) {
    unit = "MB";
    divisor = 1e6;
  }
  char buf[64];
  if (total == 0)
    std::snprintf(buf, sizeof buf, "%.1f %s", static_cast<double>(done) / divisor, unit);
  else
    std::snprintf(buf, sizeof buf, "%.1f/%.1f %s", static_cast<double>(done) / divisor,
                  static_cast<double>(total) / divisor, unit);
  return buf;
}

/// The whole percentage of done/total: 100 only when done ≥ total; -1 for an unknown total.
int whole_percent(std::uint64_t done, std::uint64_t total) {
  if (total == 0) return -1;
  if (done >= total) return 100;
  return std::min(99,
                  static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)));
}

/// The cells of the bar that are full: all of them only when done.
int filled_cells(std::uint64_t done, std::uint64_t total) {
  constexpr int kWidth = ProgressBar::kBarWidth;
  if (done >= total) return kWidth;
  const double share = static_cast<double>(done) / static_cast<double>(total);
  return std::min(kWidth - 1, static_cast<int>(kWidth * share));
}

/// `done/total unit`, or `done unit` for an unknown total; bytes as byte_counts.
std::string count_text(const ProgressLabel& label, std::uint64_t done, std::uint64_t total) {
  if (label.bytes) return byte_counts(done, total);
  std::string s = total == 0 ? grouped(done) : grouped(done) + "/" + grouped(total);
  if (!label.unit.empty()) s += ' ' + label.unit;
  return s;
}

constexpr char kSpinner[] = {'|', '/', '-', '\\'};

/// Columns of the terminal on standard error; 0 when unknown.
std::size_t terminal_columns() {
  winsize ws{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0) return ws.ws_col;
  return 0;
}

}  // namespace

ProgressLabel phase_label(const Progress& p) {
  if (p.phase == "monte_carlo") return {"Monte Carlo", "runs"};
  if (p.phase == "cascade") return {"Cascade simulation", "runs"};
  if (p.phase == "cycles") return {"Generating cycles", "buyers"};
  if (p.phase == "support_years") return {"Support", "years"};
  if (p.phase == "firms_csv") return {"Loading firms CSV", "", true};
  if (p.phase == "links_csv") return {"Loading links CSV", "", true};
  return {std::string(p.phase), ""};
}

ProgressLabel writing_label(const Progress& p) {
  if (p.phase == "firms_csv") return {"Writing firms.csv", "firms"};
  if (p.phase == "links_csv") return {"Writing links.csv", "buyers"};
  return phase_label(p);
}

ProgressBar::ProgressBar(std::ostream& out, bool enabled, Now now, std::size_t columns)
    : out_(out), enabled_(enabled), now_(std::move(now)), columns_(columns) {}

ProgressBar::~ProgressBar() { finish(); }

ProgressCallback ProgressBar::callback(ProgressLabeller labeller) {
  if (!enabled_) return {};
  return [this, labeller = std::move(labeller)](const Progress& p) {
    try {
      update(labeller(p), p.done, p.total);
    } catch (...) {  // a progress callback must not throw; a lost redraw does no harm
    }
  };
}

void ProgressBar::update(const ProgressLabel& label, std::uint64_t done, std::uint64_t total) {
  if (!enabled_) return;
  const std::lock_guard<std::mutex> lock(mutex_);
  const int percent = whole_percent(done, total);
  const Clock::time_point now = now_();
  const bool fresh = !shown_ || label.text != label_;
  if (!fresh && percent == percent_ && now - at_ < kInterval) return;
  spin_ = fresh ? 0 : spin_ + 1;
  std::string text = line(label, done, total, kSpinner[spin_ % std::size(kSpinner)]);
  if (columns_ > 1 && text.size() > columns_ - 1) text.resize(columns_ - 1);
  if (!fresh && text == drawn_) return;  // nothing moved: keep the time of the last redraw
  out_ << '\r' << text << "\033[K" << std::flush;
  shown_ = true;
  label_ = label.text;
  percent_ = percent;
  drawn_ = std::move(text);
  at_ = now;
}

void ProgressBar::finish() {
  if (!enabled_) return;
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!shown_) return;
  out_ << "\r\033[K" << std::flush;
  shown_ = false;
  label_.clear();
  percent_ = -1;
  drawn_.clear();
}

std::string ProgressBar::line(const ProgressLabel& label, std::uint64_t done, std::uint64_t total,
                              char spinner) {
  std::string s = label.text;
  if (total == 0) {
    s += ' ';
    s += spinner;
  } else {
    const int filled = filled_cells(done, total);
    char percent[8];
    std::snprintf(percent, sizeof percent, "%3d%%", whole_percent(done, total));
    s += " [";
    s.append(static_cast<std::size_t>(filled), '#');
    s.append(static_cast<std::size_t>(kBarWidth - filled), ' ');
    s += "] ";
    s += percent;
  }
  s += ' ';
  s += count_text(label, done, total);
  return s;
}

ProgressBar& stderr_progress() {
  static ProgressBar bar(std::cerr, ::isatty(STDERR_FILENO) == 1, ProgressBar::Clock::now,
                         terminal_columns());
  return bar;
}

ProgressCallback progress_callback(ProgressLabeller labeller) {
  return stderr_progress().callback(std::move(labeller));
}

void clear_progress() { stderr_progress().finish(); }

}  // namespace diligence::cli
