// Plots for the HTML reports, drawn with report::Svg: grouped bar charts (e.g. exposure by category
// for a few scenarios) and line charts (e.g. a metric over audit rounds), plus the helpers they
// share: round axis ticks, a default palette and label shortening.
//
// Ticks follow the usual "nice numbers" rule (Heckbert, "Nice numbers for graph labels",
// Graphics Gems, 1990): the step is 1, 2 or 5 × 10^k, the smallest such step that covers the data
// range with at most `max_ticks` ticks, and the ticks are the multiples of the step from the one at
// or below the minimum to the one at or above the maximum.
//
// Both charts keep a bounded size whatever the input: at most kPlotMaxSeries series and, for bar
// charts, kBarChartMaxCategories categories are drawn, and the chart says how many were left out.
// Every bar and point marker has a hover title with its value; values are written with
// format_value (three decimals, no locale).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/report/charts.hpp>
#include <diligence/report/svg.hpp>

namespace diligence::report {

/// The most series a bar or line chart draws; further series are left out and counted in a note.
inline constexpr std::size_t kPlotMaxSeries = 8;
/// The most categories (bar groups) a bar chart draws; further ones are counted in a note.
inline constexpr std::size_t kBarChartMaxCategories = 40;
/// A line chart draws a marker (with its hover title) per point only up to this many x positions;
/// above it only the lines are drawn (each with the series name as hover title) and a note says so.
inline constexpr std::size_t kLineChartMaxMarkers = 250;

/// Colour `i` of the default series palette (Okabe & Ito's colour-blind safe set, with grey in
/// place of its yellow), repeating after eight. `#rrggbb`.
[[nodiscard]] inline std::string palette_colour(std::size_t i) {
  constexpr const char* kPalette[] = {"#0072b2", "#e69f00", "#009e73", "#d55e00",
                                      "#cc79a7", "#56b4e9", "#000000", "#999999"};
  return kPalette[i % (sizeof kPalette / sizeof kPalette[0])];
}

/// The number of characters (UTF-8 code points) in `s`, for estimating text widths.
[[nodiscard]] inline std::size_t text_length(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

/// `s` shortened to at most `max_chars` characters (UTF-8 code points, never cutting one), the
/// last one replaced by "…" when anything was cut. `max_chars` = 0 gives "".
[[nodiscard]] inline std::string ellipsize(std::string_view s, std::size_t max_chars) {
  if (max_chars == 0) return {};
  const auto is_lead = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; };
  std::size_t chars = 0, cut = s.size();  // cut: byte offset where code point max_chars-1 starts
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_lead(s[i])) continue;
    if (chars == max_chars - 1) cut = i;
    if (++chars > max_chars) return std::string(s.substr(0, cut)) + "…";
  }
  return std::string(s);
}

/// Round axis ticks covering [lo, hi]: multiples of a step of 1, 2 or 5 × 10^k, the smallest step
/// giving at most `max_ticks` ticks, from the multiple at or below `lo` to the one at or above
/// `hi`. Each tick is computed as an integer times or divided by a power of ten, so 0.1-steps give
/// exactly the doubles 0.1, 0.2, 0.3, ... When lo = hi the range is widened by 10 % of |lo| each
/// side (by 1 when lo = 0).
///
///   nice_ticks(0, 0.87, 6)  →  0, 0.2, 0.4, 0.6, 0.8, 1
///   nice_ticks(-3, 7, 5)    →  -5, 0, 5, 10
///
/// @param max_ticks at least 3 (a range across zero needs three ticks whatever the step)
/// @throws UsageError (`usage.parameter`) when lo or hi is not finite, lo > hi, hi − lo
///   overflows, or max_ticks < 3.
/// Complexity: O(max_ticks + log |range|).
[[nodiscard]] inline std::vector<double> nice_ticks(double lo, double hi, std::size_t max_ticks) {
  if (!std::isfinite(lo) || !std::isfinite(hi))
    throw UsageError(errc::kParameter, "nice_ticks: lo and hi must be finite");
  if (lo > hi)
    throw UsageError(errc::kParameter, "nice_ticks: lo (" + format_value(lo) +
                                           ") is greater than hi (" + format_value(hi) + ")");
  if (max_ticks < 3) throw UsageError(errc::kParameter, "nice_ticks: max_ticks must be ≥ 3");
  if (lo == hi) {
    const double d = lo == 0.0 ? 1.0 : std::abs(lo) * 0.1;
    lo -= d;
    hi += d;
  }
  const double span = hi - lo;
  if (!std::isfinite(span)) throw UsageError(errc::kParameter, "nice_ticks: hi − lo overflows");
  const auto pow10 = [](int e) {  // exact for |e| ≤ 22
    double p = 1.0;
    for (int i = 0; i < std::abs(e); ++i) p *= 10.0;
    return p;
  };
  // k × m × 10^e, rounded once.
  const auto value = [&](double k, double m, int e) {
    const double v = e >= 0 ? k * m * pow10(e) : k * m / pow10(-e);
    return v == 0.0 ? 0.0 : v;  // no -0
  };
  constexpr double kTol = 1e-9;  // in steps: 0.3 / 0.1 = 2.9999999999999996 is 3
  int e = static_cast<int>(std::floor(std::log10(span / static_cast<double>(max_ticks - 1))));
  // Terminates: once the step exceeds max(|lo|, |hi|) at most three ticks are needed.
  for (;; ++e) {
    for (const double m : {1.0, 2.0, 5.0}) {
      const double step = value(1.0, m, e);
      if (!(step > 0.0) || !std::isfinite(step)) continue;
      const double first = std::floor(lo / step + kTol), last = std::ceil(hi / step - kTol);
      if (!(last - first + 1.0 <= static_cast<double>(max_ticks))) continue;
      std::vector<double> ticks;
      ticks.reserve(static_cast<std::size_t>(last - first) + 1);
      for (double k = first; k <= last; k += 1.0) ticks.push_back(value(k, m, e));
      return ticks;
    }
  }
}

namespace detail {

/// Decimals needed to tell ticks `step` apart (0 for steps ≥ 1).
[[nodiscard]] inline int tick_decimals(double step) {
  if (!(step > 0.0) || step >= 1.0) return 0;
  return static_cast<int>(std::ceil(-std::log10(step) - 1e-6));
}

/// The vertical value axis shared by both charts: ticks, their labels and the value → y map.
struct ValueAxis {
  std::vector<double> ticks;
  double top = 0.0;     ///< y of ticks.back()
  double height = 1.0;  ///< pixels from ticks.back() down to ticks.front()
  int decimals = 0;

  ValueAxis(double lo, double hi, double y_top, double h) : top(y_top), height(h) {
    ticks = nice_ticks(lo, hi, 6);
    decimals = tick_decimals(ticks[1] - ticks[0]);
  }
  [[nodiscard]] double y(double v) const {
    return top + height * (ticks.back() - v) / (ticks.back() - ticks.front());
  }
  /// Grid lines, tick labels left of `left`, and the axis label rotated along the axis.
  void draw(Svg& svg, double left, double width, const std::string& label) const {
    for (const double t : ticks) {
      svg.line(left, y(t), left + width, y(t), Style::stroked("#e3e3e3"));
      svg.text(left - 6, y(t) + 3.5, format_value(t, decimals),
               TextStyle::sized(10).anchored("end").with_class("tick"));
    }
    svg.line(left, top, left, top + height, Style::stroked("#444"));
    if (!label.empty())
      svg.text(14, top + height / 2, ellipsize(label, 40),
               TextStyle::sized(11).anchored("middle").rotated(-90));
  }
};

/// Room below the axis for labels of `chars` characters at 10 pt slanted by 40°.
[[nodiscard]] inline double slanted_label_height(std::size_t chars) {
  return 24.0 + 5.8 * std::sin(40.0 * 3.14159265358979 / 180.0) * static_cast<double>(chars);
}

/// A small chart that only says why it is empty.
[[nodiscard]] inline std::string empty_chart(const std::string& title, std::string_view message) {
  Svg svg(360, 70);
  svg.text(8, 22, title, TextStyle::sized(14).bolded());
  svg.text(8, 50, message, TextStyle::sized(12).coloured("#666").with_class("note"));
  return svg.str(title);
}

/// "+K more <what> not drawn" lines under a chart, from (x, y) downwards; returns the next y.
inline double draw_notes(Svg& svg, double x, double y, const std::vector<std::string>& notes) {
  for (const std::string& n : notes) {
    svg.text(x, y, n, TextStyle::sized(11).coloured("#666").with_class("note"));
    y += 16;
  }
  return y;
}

}  // namespace detail

/// One series of a bar chart: a value per category. An empty colour takes palette_colour(i).
struct BarSeries {
  std::string name;
  std::vector<double> values;  ///< one per category, finite, may be negative
  std::string colour;
};

/// Grouped vertical bars: one group per category, one bar per series in each group.
struct BarChart {
  std::string title;
  std::string y_label;
  std::vector<std::string> categories;
  std::vector<BarSeries> series;
};

/// A grouped bar chart with a value axis from 0 (or from the smallest value when some are
/// negative, with a zero line) to the largest value, round ticks, category labels and a legend.
/// Bars have class `bar` and hover title "series, category: value"; at most kPlotMaxSeries
/// series and kBarChartMaxCategories categories are drawn, the rest counted in a note. No
/// categories or no series gives a small chart saying "no data".
/// @throws UsageError (`usage.parameter`, key path `series[j].values` or `series[j].values[i]`)
///   when a series has not one value per category, or a value is not finite.
/// Complexity: O(series × categories).
[[nodiscard]] inline std::string bar_chart_svg(const BarChart& c) {
  const std::size_t n_cat = c.categories.size();
  double lo = 0.0, hi = 0.0;
  for (std::size_t j = 0; j < c.series.size(); ++j) {
    const BarSeries& s = c.series[j];
    const std::string key = "series[" + std::to_string(j) + "].values";
    if (s.values.size() != n_cat)
      throw UsageError(errc::kParameter,
                       "bar chart: series '" + s.name + "' has " + std::to_string(s.values.size()) +
                           " values for " + std::to_string(n_cat) + " categories",
                       key);
    for (std::size_t i = 0; i < n_cat; ++i) {
      if (!std::isfinite(s.values[i]))
        throw UsageError(errc::kParameter,
                         "bar chart: series '" + s.name + "', category '" + c.categories[i] +
                             "': value is not finite",
                         key + '[' + std::to_string(i) + ']');
      lo = std::min(lo, s.values[i]);
      hi = std::max(hi, s.values[i]);
    }
  }
  if (n_cat == 0 || c.series.empty()) return detail::empty_chart(c.title, "no data");
  if (lo == hi) hi = 1.0;  // all zero

  const std::size_t cats = std::min(n_cat, kBarChartMaxCategories);
  const std::size_t sers = std::min(c.series.size(), kPlotMaxSeries);
  const std::size_t slots = cats * (sers + 1);  // a bar's width of space after each group
  constexpr double kLeft = 64.0, kTop = 40.0, kPlotH = 240.0, kLegendW = 180.0;
  const double plot_w = std::clamp(22.0 * static_cast<double>(slots), 240.0, 820.0);
  const double slot = plot_w / static_cast<double>(slots);
  const double group_w = slot * static_cast<double>(sers + 1);

  // Category labels: horizontal when all fit under their group, else slanted.
  constexpr std::size_t kLabelChars = 20;
  std::size_t longest = 0;
  for (std::size_t i = 0; i < cats; ++i)
    longest = std::max(longest, text_length(ellipsize(c.categories[i], kLabelChars)));
  const bool slanted = 6.5 * static_cast<double>(longest) > group_w;
  const double label_h = slanted ? detail::slanted_label_height(longest) : 26.0;

  std::vector<std::string> notes;
  if (n_cat > cats)
    notes.push_back("+" + std::to_string(n_cat - cats) + " more categories not drawn");
  if (c.series.size() > sers)
    notes.push_back("+" + std::to_string(c.series.size() - sers) + " more series not drawn");

  const double height = kTop + kPlotH + label_h + 16.0 * static_cast<double>(notes.size()) + 12.0;
  const double legend_h = kTop + 18.0 * static_cast<double>(sers) + 10.0;
  Svg svg(std::max(kLeft + plot_w + 20.0 + kLegendW, title_width(c.title)),
          std::max(height, legend_h));
  svg.text(8, 22, c.title, TextStyle::sized(14).bolded());
  const detail::ValueAxis axis(lo, hi, kTop, kPlotH);
  axis.draw(svg, kLeft, plot_w, c.y_label);

  const double y0 = axis.y(0.0);
  for (std::size_t i = 0; i < cats; ++i) {
    const double gx = kLeft + group_w * static_cast<double>(i) + slot / 2;
    for (std::size_t j = 0; j < sers; ++j) {
      const BarSeries& s = c.series[j];
      const double v = s.values[i];
      const double yv = axis.y(v);
      svg.rect(gx + slot * static_cast<double>(j), std::min(y0, yv),
               slot - std::min(1.0, slot * 0.1), std::abs(y0 - yv),
               Style::filled(s.colour.empty() ? palette_colour(j) : s.colour).with_class("bar"),
               s.name + ", " + c.categories[i] + ": " + format_value(v));
    }
    const double cx = gx + slot * static_cast<double>(sers) / 2;
    const std::string label = ellipsize(c.categories[i], kLabelChars);
    if (slanted)
      svg.text(cx, kTop + kPlotH + 12, label,
               TextStyle::sized(10).anchored("end").rotated(-40).with_class("category"));
    else
      svg.text(cx, kTop + kPlotH + 16, label,
               TextStyle::sized(10).anchored("middle").with_class("category"));
  }
  svg.line(kLeft, y0, kLeft + plot_w, y0, Style::stroked("#444").with_class("zero-line"));

  const double lx = kLeft + plot_w + 20.0;
  for (std::size_t j = 0; j < sers; ++j) {
    const BarSeries& s = c.series[j];
    const double y = kTop + 18.0 * static_cast<double>(j);
    svg.rect(lx, y, 12, 12,
             Style::filled(s.colour.empty() ? palette_colour(j) : s.colour).with_class("swatch"));
    svg.text(lx + 18, y + 10, ellipsize(s.name, 24), TextStyle::sized(11).with_class("legend"));
  }
  detail::draw_notes(svg, 8, kTop + kPlotH + label_h + 12.0, notes);
  return svg.str(c.title);
}

/// One series of a line chart: a value per x position; NaN leaves a gap in the line. An empty
/// colour takes palette_colour(i).
struct LineSeries {
  std::string name;
  std::vector<double> values;  ///< one per x label; NaN = no value
  std::string colour;
};

/// Lines over shared x positions (e.g. audit rounds).
struct LineChart {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<std::string> x_labels;
  std::vector<LineSeries> series;
};

/// A line chart: per series one polyline (class `series-line`, hover title the series name) per
/// run of consecutive values, NaN values leaving gaps, and a circle per point (class `point`,
/// hover title "series, x: value"); a value axis over the range of the values with round
/// ticks, x labels (thinned to about a dozen), axis labels and a legend. Above
/// kLineChartMaxMarkers x positions only points without a neighbouring value get a marker (so no
/// value is invisible) and a note says so; at most kPlotMaxSeries series are drawn. No x labels,
/// no series or no finite value gives a small chart saying "no data".
/// @throws UsageError (`usage.parameter`, key path `series[j].values` or `series[j].values[i]`)
///   when a series has not one value per x label, or a value is infinite.
/// Complexity: O(series × x positions).
[[nodiscard]] inline std::string line_chart_svg(const LineChart& c) {
  const std::size_t n = c.x_labels.size();
  double lo = 0.0, hi = 0.0;
  bool any = false;
  for (std::size_t j = 0; j < c.series.size(); ++j) {
    const LineSeries& s = c.series[j];
    const std::string key = "series[" + std::to_string(j) + "].values";
    if (s.values.size() != n)
      throw UsageError(errc::kParameter,
                       "line chart: series '" + s.name + "' has " +
                           std::to_string(s.values.size()) + " values for " + std::to_string(n) +
                           " x labels",
                       key);
    for (std::size_t i = 0; i < n; ++i) {
      const double v = s.values[i];
      if (std::isinf(v))
        throw UsageError(
            errc::kParameter,
            "line chart: series '" + s.name + "', x '" + c.x_labels[i] + "': value is infinite",
            key + '[' + std::to_string(i) + ']');
      if (std::isnan(v)) continue;
      lo = any ? std::min(lo, v) : v;
      hi = any ? std::max(hi, v) : v;
      any = true;
    }
  }
  if (!any) return detail::empty_chart(c.title, "no data");

  const std::size_t sers = std::min(c.series.size(), kPlotMaxSeries);
  const bool markers = n <= kLineChartMaxMarkers;
  constexpr double kLeft = 64.0, kTop = 40.0, kPlotH = 240.0, kLegendW = 180.0, kPad = 12.0;
  const double plot_w = std::clamp(36.0 * static_cast<double>(n), 300.0, 760.0);
  const auto x_of = [&](std::size_t i) {
    if (n == 1) return kLeft + plot_w / 2;
    return kLeft + kPad + (plot_w - 2 * kPad) * static_cast<double>(i) / static_cast<double>(n - 1);
  };

  // X labels: every `every`-th, at most about a dozen; slanted when they do not fit.
  constexpr std::size_t kLabelChars = 16;
  const std::size_t every = (n + 11) / 12;
  std::size_t longest = 0;
  for (std::size_t i = 0; i < n; i += every)
    longest = std::max(longest, text_length(ellipsize(c.x_labels[i], kLabelChars)));
  const double spacing =
      n == 1 ? plot_w
             : (plot_w - 2 * kPad) * static_cast<double>(every) / static_cast<double>(n - 1);
  const bool slanted = 6.5 * static_cast<double>(longest) > spacing;
  const double label_h =
      (slanted ? detail::slanted_label_height(longest) : 22.0) + (c.x_label.empty() ? 0.0 : 18.0);

  std::vector<std::string> notes;
  if (c.series.size() > sers)
    notes.push_back("+" + std::to_string(c.series.size() - sers) + " more series not drawn");
  if (!markers)
    notes.push_back("point markers not drawn above " + std::to_string(kLineChartMaxMarkers) +
                    " points (" + std::to_string(n) + " here)");

  const double height = kTop + kPlotH + label_h + 16.0 * static_cast<double>(notes.size()) + 14.0;
  const double legend_h = kTop + 18.0 * static_cast<double>(sers) + 10.0;
  Svg svg(std::max(kLeft + plot_w + 20.0 + kLegendW, title_width(c.title)),
          std::max(height, legend_h));
  svg.text(8, 22, c.title, TextStyle::sized(14).bolded());
  const detail::ValueAxis axis(lo, hi, kTop, kPlotH);
  axis.draw(svg, kLeft, plot_w, c.y_label);
  svg.line(kLeft, kTop + kPlotH, kLeft + plot_w, kTop + kPlotH, Style::stroked("#444"));
  for (std::size_t i = 0; i < n; i += every) {
    const std::string label = ellipsize(c.x_labels[i], kLabelChars);
    svg.line(x_of(i), kTop + kPlotH, x_of(i), kTop + kPlotH + 4, Style::stroked("#444"));
    if (slanted)
      svg.text(x_of(i), kTop + kPlotH + 14, label,
               TextStyle::sized(10).anchored("end").rotated(-40).with_class("x-label"));
    else
      svg.text(x_of(i), kTop + kPlotH + 16, label,
               TextStyle::sized(10).anchored("middle").with_class("x-label"));
  }
  if (!c.x_label.empty())
    svg.text(kLeft + plot_w / 2, kTop + kPlotH + label_h - 4, ellipsize(c.x_label, 60),
             TextStyle::sized(11).anchored("middle"));

  for (std::size_t j = 0; j < sers; ++j) {
    const LineSeries& s = c.series[j];
    const std::string colour = s.colour.empty() ? palette_colour(j) : s.colour;
    svg.begin_group("series");
    // Runs of consecutive values, each one polyline.
    std::vector<Point> run;
    const auto flush = [&] {
      if (run.size() >= 2)
        svg.polyline(run, Style::stroked(colour, 2).with_class("series-line"), s.name);
      run.clear();
    };
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(s.values[i])) {
        flush();
        continue;
      }
      run.push_back({x_of(i), axis.y(s.values[i])});
    }
    flush();
    for (std::size_t i = 0; i < n; ++i) {
      const double v = s.values[i];
      if (std::isnan(v)) continue;
      const bool alone =
          (i == 0 || std::isnan(s.values[i - 1])) && (i + 1 == n || std::isnan(s.values[i + 1]));
      if (!markers && !alone) continue;
      svg.circle(x_of(i), axis.y(v), 3, Style::filled(colour).with_class("point"),
                 s.name + ", " + c.x_labels[i] + ": " + format_value(v));
    }
    svg.end_group();
  }

  const double lx = kLeft + plot_w + 20.0;
  for (std::size_t j = 0; j < sers; ++j) {
    const LineSeries& s = c.series[j];
    const double y = kTop + 18.0 * static_cast<double>(j);
    svg.line(
        lx, y + 6, lx + 14, y + 6,
        Style::stroked(s.colour.empty() ? palette_colour(j) : s.colour, 2).with_class("swatch"));
    svg.text(lx + 20, y + 10, ellipsize(s.name, 24), TextStyle::sized(11).with_class("legend"));
  }
  detail::draw_notes(svg, 8, kTop + kPlotH + label_h + 12.0, notes);
  return svg.str(c.title);
}

}  // namespace diligence::report
