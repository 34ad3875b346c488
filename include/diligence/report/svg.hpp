// A small SVG writer for the reports: one self-contained <svg> element built from rectangles,
// lines, polylines, circles, paths and text, with hover titles and CSS classes, every attribute
// and text escaped, numbers written locale-independently with at most two decimals. No external
// references: the output can be inlined in an HTML page that works offline.
//
//   report::Svg svg(320, 200);
//   svg.rect(10, 10, 100, 40, report::Style::filled("#3b7dd8"), "DE-AUTO: exposure 0.41");
//   svg.text(10, 70, "tier 1", report::TextStyle::sized(12));
//   std::string markup = svg.str();
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>

namespace diligence::report {

/// `s` with & < > " ' replaced by entities, for XML text and attribute values.
[[nodiscard]] inline std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

/// A coordinate or length as SVG text: at most two decimals, no exponent, no trailing zeros, no
/// locale. @throws UsageError (`usage.parameter`) for NaN or infinity.
[[nodiscard]] inline std::string svg_number(double v) {
  if (!std::isfinite(v)) throw UsageError(errc::kParameter, "SVG: a coordinate is not finite");
  char buf[400];  // fixed notation of the largest double needs 309 digits
  const double r = std::round(v * 100.0) / 100.0;
  // to_chars: never the locale's decimal comma (a program may have called setlocale).
  const auto end =
      std::to_chars(buf, buf + sizeof buf, r == 0.0 ? 0.0 : r, std::chars_format::fixed, 2).ptr;
  std::string s(buf, end);  // no "-0" above
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

/// Paint of a shape. Empty strings leave the attribute out. Build one with the named
/// constructors and setters: `Style::filled("#fd8d3c").with_stroke("#333", 0.5)`.
struct Style {
  std::string fill = "none";
  std::string stroke;
  double stroke_width = 1.0;
  double opacity = 1.0;
  std::string css_class;

  [[nodiscard]] static Style filled(std::string colour) {
    Style s;
    s.fill = std::move(colour);
    return s;
  }
  [[nodiscard]] static Style stroked(std::string colour, double width = 1.0) {
    return Style{}.with_stroke(std::move(colour), width);
  }
  Style& with_stroke(std::string colour, double width = 1.0) {
    stroke = std::move(colour);
    stroke_width = width;
    return *this;
  }
  Style& with_opacity(double o) {
    opacity = o;
    return *this;
  }
  Style& with_class(std::string c) {
    css_class = std::move(c);
    return *this;
  }
};

/// Text appearance: `TextStyle::sized(10).anchored("middle").bolded()`.
struct TextStyle {
  double size = 12.0;
  std::string fill = "#222";
  std::string anchor = "start";  ///< start, middle or end
  bool bold = false;
  double rotate = 0.0;  ///< degrees, about the text's anchor point
  std::string css_class;

  [[nodiscard]] static TextStyle sized(double points) {
    TextStyle t;
    t.size = points;
    return t;
  }
  TextStyle& anchored(std::string a) {
    anchor = std::move(a);
    return *this;
  }
  TextStyle& coloured(std::string colour) {
    fill = std::move(colour);
    return *this;
  }
  TextStyle& bolded() {
    bold = true;
    return *this;
  }
  TextStyle& rotated(double degrees) {
    rotate = degrees;
    return *this;
  }
  TextStyle& with_class(std::string c) {
    css_class = std::move(c);
    return *this;
  }
};

struct Point {
  double x = 0.0;
  double y = 0.0;
};

/// One <svg> element. Groups opened must be closed before `str()`.
class Svg {
 public:
  /// @throws UsageError (`usage.parameter`) unless width and height are positive and finite.
  Svg(double width, double height) : width_(width), height_(height) {
    if (!(width > 0.0 && height > 0.0) || !std::isfinite(width) || !std::isfinite(height))
      throw UsageError(errc::kParameter, "SVG: width and height must be positive");
  }

  Svg& rect(double x, double y, double w, double h, const Style& style,
            std::string_view title = {}) {
    body_ += "<rect x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" width=\"" +
             svg_number(std::max(0.0, w)) + "\" height=\"" + svg_number(std::max(0.0, h)) + '"';
    return close_shape("rect", style, title);
  }
  Svg& line(double x1, double y1, double x2, double y2, const Style& style,
            std::string_view title = {}) {
    body_ += "<line x1=\"" + svg_number(x1) + "\" y1=\"" + svg_number(y1) + "\" x2=\"" +
             svg_number(x2) + "\" y2=\"" + svg_number(y2) + '"';
    return close_shape("line", style, title);
  }
  Svg& polyline(std::span<const Point> points, const Style& style, std::string_view title = {}) {
    body_ += "<polyline points=\"";
    for (std::size_t i = 0; i < points.size(); ++i)
      body_ += (i ? " " : "") + svg_number(points[i].x) + ',' + svg_number(points[i].y);
    body_ += '"';
    return close_shape("polyline", style, title);
  }
  Svg& circle(double cx, double cy, double r, const Style& style, std::string_view title = {}) {
    body_ += "<circle cx=\"" + svg_number(cx) + "\" cy=\"" + svg_number(cy) + "\" r=\"" +
             svg_number(std::max(0.0, r)) + '"';
    return close_shape("circle", style, title);
  }
  /// A path from its `d` data (built by the caller with svg_number).
  Svg& path(std::string_view d, const Style& style, std::string_view title = {}) {
    body_ += "<path d=\"" + xml_escape(d) + '"';
    return close_shape("path", style, title);
  }
  Svg& text(double x, double y, std::string_view content, const TextStyle& style = {}) {
    body_ += "<text x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" font-size=\"" +
             svg_number(style.size) + "\" fill=\"" + xml_escape(style.fill) + "\" text-anchor=\"" +
             xml_escape(style.anchor) + '"';
    if (style.bold) body_ += " font-weight=\"bold\"";
    if (style.rotate != 0.0)
      body_ += " transform=\"rotate(" + svg_number(style.rotate) + ' ' + svg_number(x) + ' ' +
               svg_number(y) + ")\"";
    if (!style.css_class.empty()) body_ += " class=\"" + xml_escape(style.css_class) + '"';
    body_ += '>' + xml_escape(content) + "</text>\n";
    return *this;
  }
  /// Opens a <g> (with a class and a hover title when given); close it with end_group().
  Svg& begin_group(std::string_view css_class = {}, std::string_view title = {}) {
    body_ += "<g";
    if (!css_class.empty()) body_ += " class=\"" + xml_escape(css_class) + '"';
    body_ += ">";
    if (!title.empty()) body_ += "<title>" + xml_escape(title) + "</title>";
    body_ += '\n';
    ++open_groups_;
    return *this;
  }
  /// @throws UsageError (`usage.parameter`) when no group is open.
  Svg& end_group() {
    if (open_groups_ == 0) throw UsageError(errc::kParameter, "SVG: end_group without a group");
    --open_groups_;
    body_ += "</g>\n";
    return *this;
  }

  [[nodiscard]] double width() const noexcept { return width_; }
  [[nodiscard]] double height() const noexcept { return height_; }

  /// The complete element. `label` becomes its accessible name (aria-label) when not empty.
  /// @throws UsageError (`usage.parameter`) when a group is still open.
  [[nodiscard]] std::string str(std::string_view label = {}) const {
    if (open_groups_ != 0) throw UsageError(errc::kParameter, "SVG: a group is still open");
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + svg_number(width_) +
                      "\" height=\"" + svg_number(height_) + "\" viewBox=\"0 0 " +
                      svg_number(width_) + ' ' + svg_number(height_) + "\" role=\"img\"";
    if (!label.empty()) out += " aria-label=\"" + xml_escape(label) + '"';
    out += ">\n";
    out += body_;
    out += "</svg>\n";
    return out;
  }

 private:
  Svg& close_shape(const char* tag, const Style& style, std::string_view title) {
    if (!style.fill.empty()) body_ += " fill=\"" + xml_escape(style.fill) + '"';
    if (!style.stroke.empty())
      body_ += " stroke=\"" + xml_escape(style.stroke) + "\" stroke-width=\"" +
               svg_number(style.stroke_width) + '"';
    if (style.opacity != 1.0) body_ += " opacity=\"" + svg_number(style.opacity) + '"';
    if (!style.css_class.empty()) body_ += " class=\"" + xml_escape(style.css_class) + '"';
    if (title.empty()) {
      body_ += "/>\n";
    } else {
      body_ += "><title>" + xml_escape(title) + "</title></" + tag + ">\n";
    }
    return *this;
  }

  double width_;
  double height_;
  std::string body_;
  int open_groups_ = 0;
};

/// A generous estimate of the width of `text` at `size` points (0.62 em per UTF-8 code point,
/// bold sans-serif), plus the 8-unit margin charts leave on the left: charts widen to it so that
/// their title is never cut off.
[[nodiscard]] inline double title_width(std::string_view text, double size = 14.0) {
  std::size_t points = 0;
  for (const char c : text) points += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return 16.0 + 0.62 * size * static_cast<double>(points);
}

/// A colour for t in [0,1] on a sequential scale from pale yellow (0) through orange to dark red
/// (1), for exposure and risk; values outside [0,1] are clamped, NaN gives grey. `#rrggbb`.
[[nodiscard]] inline std::string risk_colour(double t) {
  if (std::isnan(t)) return "#bbbbbb";
  t = std::clamp(t, 0.0, 1.0);
  // Stops of a YlOrRd-like scale.
  constexpr double kStops[][3] = {
      {255, 255, 204}, {254, 217, 118}, {253, 141, 60}, {227, 26, 28}, {128, 0, 38}};
  constexpr int kLast = 4;
  const double pos = t * kLast;
  const int i = std::min(kLast - 1, static_cast<int>(pos));
  const double f = pos - i;
  char buf[8];
  const auto mix = [&](int c) {
    return static_cast<int>(std::lround(kStops[i][c] + f * (kStops[i + 1][c] - kStops[i][c])));
  };
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", mix(0), mix(1), mix(2));
  return buf;
}

}  // namespace diligence::report
