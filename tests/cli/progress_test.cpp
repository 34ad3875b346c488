// Unit tests of the CLI's progress bar (src/cli/progress.hpp) with a fake clock and a string
// stream: the exact text of a line, when it is redrawn (a new phase, a new whole percentage,
// 100 %, otherwise at most every 100 ms), clearing, an unknown total, the labels of the library's
// phases, and that a disabled bar writes nothing.
#include "progress.hpp"

#include <chrono>
#include <cstdint>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace diligence::cli {
namespace {

using namespace std::chrono_literals;

/// A clock the test moves by hand.
struct FakeClock {
  ProgressBar::Clock::time_point t{};
  [[nodiscard]] ProgressBar::Now now() {
    return [this] { return t; };
  }
};

/// Everything written since the last call.
std::string take(std::ostringstream& out) {
  std::string s = out.str();
  out.str({});
  return s;
}

const ProgressLabel kRuns{"Monte Carlo", "runs"};

TEST(ProgressLine, BarPercentCountsAndUnit) {
  EXPECT_EQ(ProgressBar::line(kRuns, 4200, 10000),
            "Monte Carlo [########            ]  42% 4 200/10 000 runs");
  EXPECT_EQ(ProgressBar::line(kRuns, 0, 7), "Monte Carlo [                    ]   0% 0/7 runs");
  EXPECT_EQ(ProgressBar::line(kRuns, 7, 7), "Monte Carlo [####################] 100% 7/7 runs");
  // Not yet done: never a full bar or 100 %, however close.
  EXPECT_EQ(ProgressBar::line(kRuns, 9'999'999, 10'000'000),
            "Monte Carlo [################### ]  99% 9 999 999/10 000 000 runs");
  EXPECT_EQ(ProgressBar::line({"Writing", ""}, 1, 2), "Writing [##########          ]  50% 1/2");
}

TEST(ProgressLine, Bytes) {
  const ProgressLabel csv{"Loading links CSV", "", true};
  EXPECT_EQ(ProgressBar::line(csv, 12'300'000, 45'600'000),
            "Loading links CSV [#####               ]  26% 12.3/45.6 MB");
  EXPECT_EQ(ProgressBar::line(csv, 4200, 9000),
            "Loading links CSV [#########           ]  46% 4 200/9 000 B");
  EXPECT_EQ(ProgressBar::line(csv, 450'000, 900'000),
            "Loading links CSV [##########          ]  50% 450.0/900.0 kB");
  EXPECT_EQ(ProgressBar::line(csv, 500'000, 1'000'000),
            "Loading links CSV [##########          ]  50% 0.5/1.0 MB");
  EXPECT_EQ(ProgressBar::line(csv, 12'000'000'000, 12'000'000'000),
            "Loading links CSV [####################] 100% 12.0/12.0 GB");
}

TEST(ProgressLine, UnknownTotalShowsSpinnerAndCount) {
  EXPECT_EQ(ProgressBar::line({"Reading", "rows"}, 12345, 0, '/'), "Reading / 12 345 rows");
  EXPECT_EQ(ProgressBar::line({"Reading", "", true}, 12'345'678, 0, '-'), "Reading - 12.3 MB");
}

TEST(ProgressBar, FirstReportDrawsAtOnce) {
  std::ostringstream out;
  FakeClock clock;
  ProgressBar bar(out, true, clock.now());
  bar.update(kRuns, 0, 200);
  EXPECT_EQ(take(out), "\rMonte Carlo [                    ]   0% 0/200 runs\033[K");
}

TEST(ProgressBar, SamePercentIsThrottledTo100Ms) {
  std::ostringstream out;
  FakeClock clock;
  ProgressBar bar(out, true, clock.now());
  bar.update(kRuns, 10, 1000);  // 1 %
  (void)take(out);
  clock.t += 50ms;
  bar.update(kRuns, 15, 1000);  // still 1 %, 50 ms later: not redrawn
  EXPECT_EQ(take(out), "");
  clock.t += 49ms;
  bar.update(kRuns, 16, 1000);
  EXPECT_EQ(take(out), "");
  clock.t += 1ms;  // 100 ms after the last redraw: the counts move
  bar.update(kRuns, 17, 1000);
  EXPECT_EQ(take(out), "\rMonte Carlo [                    ]   1% 17/1 000 runs\033[K");
  clock.t += 100ms;  // due, but nothing changed: nothing written
  bar.update(kRuns, 17, 1000);
  EXPECT_EQ(take(out), "");
}

TEST(ProgressBar, NewWholePercentRedrawsAtOnce) {
  std::ostringstream out;
  FakeClock clock;
  ProgressBar bar(out, true, clock.now());
  bar.update(kRuns, 10, 1000);
  (void)take(out);
  bar.update(kRuns, 20, 1000);  // same instant, 2 %
  EXPECT_EQ(take(out), "\rMonte Carlo [                    ]   2% 20/1 000 runs\033[K");
  bar.update(kRuns, 29, 1000);  // still 2 %
  EXPECT_EQ(take(out), "");
}

TEST(ProgressBar, HundredPercentIsAlwaysDrawnOnce) {
  std::ostringstream out;
  FakeClock clock;
  ProgressBar bar(out, true, clock.now());
  bar.update(kRuns, 995, 1000);  // 99 %
  (void)take(out);
  clock.t += 1ms;
  bar.update(kRuns, 999, 1000);  // still 99 %, too soon
  EXPECT_EQ(take(out), "");
  bar.update(kRuns, 1000, 1000);
  EXPECT_EQ(take(out), "\rMonte Carlo [####################] 100% 1 000/1 000 runs\033[K");
  bar.update(kRuns, 1000, 1000);  // repeated final report
  EXPECT_EQ(take(out), "");
}

TEST(ProgressBar, NewPhaseRedrawsAtOnceAndClearsTheRest) {
  std::ostringstream out;
  FakeClock clock;
  ProgressBar bar(out, true, clock.now());
  bar.update({"Writing firms.csv", "firms"}, 5, 10);
  (void)take(out);
  bar.update({"Writing links.csv", "buyers"}, 5, 10);  // same instant, same percentage
  EXPECT_EQ(take(out), "\rWriting links.csv [##########          ]  50% 5/10 buyers\033[K");
}

TEST(ProgressBar, FinishClearsTheLineOnce) {
  std::ostringstream out;
  FakeClock clock;
  {
    ProgressBar bar(out, true, clock.now());
    bar.finish();  // nothing shown yet: nothing to clear
    EXPECT_EQ(take(out), "");
    bar.update(kRuns, 1, 2);
    (void)take(out);
    bar.finish();
    EXPECT_EQ(take(out), "\r\033[K");
    bar.finish();
    EXPECT_EQ(take(out), "");
    // After finishing, the same phase at the same percentage is drawn again at once.
    bar.update(kRuns, 1, 2);
    EXPECT_EQ(take(out), "\rMonte Carlo [##########          ]  50% 1/2 runs\033[K");
  }
  EXPECT_EQ(take(out), "\r\033[K");  // the destructor clears a line still shown
}

TEST(ProgressBar, UnknownTotalSpinsEvery100Ms) {
  std::ostringstream out;
  FakeClock clock;
  ProgressBar bar(out, true, clock.now());
  const ProgressLabel rows{"Reading", "rows"};
  bar.update(rows, 0, 0);
  EXPECT_EQ(take(out), "\rReading | 0 rows\033[K");
  clock.t += 10ms;
  bar.update(rows, 5000, 0);
  EXPECT_EQ(take(out), "");
  clock.t += 90ms;
  bar.update(rows, 6000, 0);
  EXPECT_EQ(take(out), "\rReading / 6 000 rows\033[K");
  clock.t += 100ms;
  bar.update(rows, 6000, 0);  // the spinner moves even when the count does not
  EXPECT_EQ(take(out), "\rReading - 6 000 rows\033[K");
  clock.t += 100ms;
  bar.update(rows, 6000, 0);
  clock.t += 100ms;
  bar.update(rows, 6000, 0);
  EXPECT_EQ(take(out), "\rReading \\ 6 000 rows\033[K\rReading | 6 000 rows\033[K");
}

TEST(ProgressBar, DisabledWritesNothing) {
  std::ostringstream out;
  FakeClock clock;
  {
    ProgressBar bar(out, false, clock.now());
    EXPECT_FALSE(bar.enabled());
    EXPECT_FALSE(bar.callback());  // the library skips reporting altogether
    bar.update(kRuns, 0, 10);
    bar.update(kRuns, 10, 10);
    bar.finish();
  }
  EXPECT_EQ(out.str(), "");
}

TEST(ProgressBar, LinesAreCutToTheTerminalWidth) {
  std::ostringstream out;
  FakeClock clock;
  ProgressBar bar(out, true, clock.now(), 21);
  bar.update(kRuns, 1, 2);
  EXPECT_EQ(take(out), "\rMonte Carlo [#######\033[K");
}

TEST(ProgressBar, CallbackUsesTheLabeller) {
  std::ostringstream out;
  FakeClock clock;
  ProgressBar bar(out, true, clock.now());
  const ProgressCallback loading = bar.callback();
  ASSERT_TRUE(loading);
  loading(Progress{"links_csv", 2'000'000, 4'000'000});
  EXPECT_EQ(take(out), "\rLoading links CSV [##########          ]  50% 2.0/4.0 MB\033[K");
  const ProgressCallback writing = bar.callback(writing_label);
  writing(Progress{"links_csv", 3, 4});
  EXPECT_EQ(take(out), "\rWriting links.csv [###############     ]  75% 3/4 buyers\033[K");
}

TEST(ProgressBar, LabelsOfTheLibraryPhases) {
  EXPECT_EQ(phase_label({"monte_carlo", 0, 1}).text, "Monte Carlo");
  EXPECT_EQ(phase_label({"monte_carlo", 0, 1}).unit, "runs");
  EXPECT_EQ(phase_label({"cascade", 0, 1}).text, "Cascade simulation");
  EXPECT_EQ(phase_label({"cycles", 0, 1}).text, "Generating cycles");
  EXPECT_EQ(phase_label({"support_years", 0, 1}).unit, "years");
  EXPECT_EQ(phase_label({"firms_csv", 0, 1}).text, "Loading firms CSV");
  EXPECT_TRUE(phase_label({"firms_csv", 0, 1}).bytes);
  EXPECT_EQ(phase_label({"something_new", 0, 1}).text, "something_new");
  EXPECT_EQ(writing_label({"firms_csv", 0, 1}).text, "Writing firms.csv");
  EXPECT_FALSE(writing_label({"firms_csv", 0, 1}).bytes);
  EXPECT_EQ(writing_label({"cycles", 0, 1}).text, "Generating cycles");
}

TEST(ProgressBar, SafeFromSeveralThreads) {
  // Every redraw must come out whole: "\r<line>\033[K", never two interleaved.
  std::ostringstream out;
  ProgressBar bar(out, true);  // the real clock
  const ProgressCallback cb = bar.callback();
  constexpr std::uint64_t kTotal = 4 * 5000;
  std::vector<std::thread> threads;
  for (std::uint64_t t = 0; t < 4; ++t)
    threads.emplace_back([&cb, t] {
      for (std::uint64_t i = 0; i < 5000; ++i) cb(Progress{"monte_carlo", t * 5000 + i, kTotal});
    });
  for (auto& t : threads) t.join();
  bar.finish();
  const std::string s = out.str();
  ASSERT_FALSE(s.empty());
  std::size_t pos = 0, lines = 0;
  while (pos < s.size()) {
    ASSERT_EQ(s[pos], '\r') << "at " << pos;
    const std::size_t end = s.find("\033[K", pos);
    ASSERT_NE(end, std::string::npos);
    const std::string text = s.substr(pos + 1, end - pos - 1);
    EXPECT_TRUE(text.empty() || text.starts_with("Monte Carlo [")) << text;
    EXPECT_EQ(text.find('\r'), std::string::npos) << text;
    pos = end + 3;
    ++lines;
  }
  EXPECT_GE(lines, 2u);
}

}  // namespace
}  // namespace diligence::cli
