// Charts for the HTML reports, drawn with report::Svg: a heat map (rows × columns of values, e.g.
// exposure by tier × category) and a histogram (e.g. Monte Carlo outcomes). Each returns one
// self-contained <svg> element; every cell and bar has a hover title with its exact value.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/report/svg.hpp>

namespace diligence::report {

/// A value as text with `decimals` decimals (locale-independent).
[[nodiscard]] inline std::string format_value(double v, int decimals = 3) {
  char buf[400];  // fixed notation of the largest double needs 309 digits
  const auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed,
                                 std::clamp(decimals, 0, 17)).ptr;
  return std::string(buf, end);
}

/// Rows × columns of values, row-major. Cells are coloured by value / `scale_max` on
/// risk_colour's scale; NaN cells are grey ("no firms").
struct HeatMap {
  std::string title;
  std::vector<std::string> row_labels;
  std::vector<std::string> column_labels;
  std::vector<double> values;  ///< rows × columns
  double scale_max = 1.0;      ///< the value drawn darkest
};

/// @throws UsageError (`usage.parameter`) when the values do not fill rows × columns or
///   scale_max is not positive.
[[nodiscard]] inline std::string heat_map_svg(const HeatMap& h) {
  const std::size_t rows = h.row_labels.size(), cols = h.column_labels.size();
  if (h.values.size() != rows * cols)
    throw UsageError(errc::kParameter, "heat map: " + std::to_string(h.values.size()) +
                                           " values for " + std::to_string(rows) + " × " +
                                           std::to_string(cols) + " cells");
  if (!(h.scale_max > 0.0)) throw UsageError(errc::kParameter, "heat map: scale_max must be > 0");
  constexpr double kCell = 34.0, kLeft = 90.0, kTop = 40.0, kHeader = 110.0;
  const double width = std::max(
      kLeft + kCell * static_cast<double>(std::max<std::size_t>(cols, 1)) + 20.0, title_width(h.title));
  const double height = kTop + kHeader + kCell * static_cast<double>(rows) + 20.0;
  Svg svg(width, height);
  svg.text(8, 22, h.title, TextStyle::sized(14).bolded());
  for (std::size_t c = 0; c < cols; ++c) {
    const double x = kLeft + kCell * (static_cast<double>(c) + 0.5);
    svg.text(x, kTop + kHeader - 6, h.column_labels[c], TextStyle::sized(11).rotated(-60));
  }
  for (std::size_t r = 0; r < rows; ++r) {
    const double y = kTop + kHeader + kCell * static_cast<double>(r);
    svg.text(kLeft - 6, y + kCell * 0.62, h.row_labels[r], TextStyle::sized(11).anchored("end"));
    for (std::size_t c = 0; c < cols; ++c) {
      const double v = h.values[r * cols + c];
      const std::string tip = h.row_labels[r] + ", " + h.column_labels[c] + ": " +
                              (std::isnan(v) ? std::string("no firms") : format_value(v));
      svg.rect(kLeft + kCell * static_cast<double>(c), y, kCell - 2, kCell - 2,
               Style::filled(risk_colour(v / h.scale_max)).with_class("cell"), tip);
    }
  }
  return svg.str(h.title);
}

/// Samples counted in equal-width bins between their smallest and largest value.
struct Histogram {
  std::string title;
  std::string x_label;
  std::vector<double> samples;
  std::size_t bins = 20;  ///< ≥ 1; all samples equal → one bin
};

/// Counts of `samples` in `bins` equal-width bins over [min, max]; the last bin is closed.
/// Returns the counts and sets lo / width. NaN samples are not allowed.
/// @throws UsageError (`usage.parameter`) for bins = 0 or a NaN sample.
[[nodiscard]] inline std::vector<std::uint64_t> bin_counts(const std::vector<double>& samples,
                                                           std::size_t bins, double& lo,
                                                           double& width) {
  if (bins == 0) throw UsageError(errc::kParameter, "histogram: bins must be ≥ 1");
  lo = 0.0;
  width = 1.0;
  if (samples.empty()) return std::vector<std::uint64_t>(bins, 0);
  for (const double s : samples)
    if (!std::isfinite(s)) throw UsageError(errc::kParameter, "histogram: a sample is not finite");
  const auto [mn, mx] = std::minmax_element(samples.begin(), samples.end());
  lo = *mn;
  if (*mx == *mn) bins = 1;
  width = bins == 1 && *mx == *mn ? 1.0 : (*mx - *mn) / static_cast<double>(bins);
  std::vector<std::uint64_t> counts(bins, 0);
  for (const double s : samples) {
    auto b = static_cast<std::size_t>((s - lo) / width);
    if (b >= bins) b = bins - 1;  // the maximum
    ++counts[b];
  }
  return counts;
}

/// @throws UsageError as bin_counts.
[[nodiscard]] inline std::string histogram_svg(const Histogram& h) {
  double lo = 0.0, width = 1.0;
  const std::vector<std::uint64_t> counts = bin_counts(h.samples, h.bins, lo, width);
  const std::uint64_t top =
      std::max<std::uint64_t>(1, *std::max_element(counts.begin(), counts.end()));
  constexpr double kW = 420.0, kH = 180.0, kLeft = 50.0, kTop = 36.0;
  Svg svg(std::max(kLeft + kW + 20.0, title_width(h.title)), kTop + kH + 50.0);
  svg.text(8, 22, h.title, TextStyle::sized(14).bolded());
  const double bar = kW / static_cast<double>(counts.size());
  for (std::size_t b = 0; b < counts.size(); ++b) {
    const double hgt = kH * static_cast<double>(counts[b]) / static_cast<double>(top);
    const double from = lo + width * static_cast<double>(b);
    const bool last = b + 1 == counts.size();
    const std::string tip = std::to_string(counts[b]) + " of " + std::to_string(h.samples.size()) +
                            " in [" + format_value(from) + ", " + format_value(from + width) +
                            (last ? "]" : ")");
    svg.rect(kLeft + bar * static_cast<double>(b), kTop + kH - hgt, bar - 1, hgt,
             Style::filled("#3b7dd8").with_class("bar"), tip);
  }
  svg.line(kLeft, kTop + kH, kLeft + kW, kTop + kH, Style::stroked("#444"));
  svg.text(kLeft, kTop + kH + 16, format_value(lo), TextStyle::sized(10).anchored("middle"));
  svg.text(kLeft + kW, kTop + kH + 16,
           format_value(lo + width * static_cast<double>(counts.size())),
           TextStyle::sized(10).anchored("middle"));
  svg.text(kLeft + kW / 2, kTop + kH + 36, h.x_label, TextStyle::sized(11).anchored("middle"));
  svg.text(kLeft - 6, kTop + 10, std::to_string(top), TextStyle::sized(10).anchored("end"));
  return svg.str(h.title);
}

}  // namespace diligence::report
