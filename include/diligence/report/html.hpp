// The HTML page of the reports: one self-contained document (inline stylesheet, inline SVG
// charts, no script, no external URL) that opens offline in any browser and prints cleanly.
//
//   report::HtmlPage page("Mock audit: DE-AUTO under csddd-2024");
//   page.paragraph("In scope: yes (rule large-eu) ...");
//   page.heading("Findings");
//   page.table({{"grade", "article"}, {"major", "Art. 10"}}, {0, 1});
//   page.figure(report::heat_map_svg(map), "Exposure by tier and category");
//   std::string html = page.str();
//
// Everything given as text is escaped; only `figure` and `raw` take markup, which must come from
// report::Svg or another trusted writer.
#pragma once

#include <cctype>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <diligence/report/svg.hpp>

namespace diligence::report {

/// `s` escaped for HTML text and attribute values (the same five characters as XML).
[[nodiscard]] inline std::string html_escape(std::string_view s) { return xml_escape(s); }

/// The stylesheet every report page carries inline: readable type, zebra tables with numbers on
/// the right, grade and status colours, charts that scroll sideways on small screens, print rules.
inline constexpr std::string_view kReportCss = R"css(
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; color: #1d2330; background: #ffffff; margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
header.report { border-bottom: 3px solid #bd0026; margin-bottom: 18px; }
h1 { font-size: 24px; margin: 8px 0 10px; }
h2 { font-size: 19px; margin: 28px 0 8px; padding-bottom: 3px; border-bottom: 1px solid #d8dce4; }
p { margin: 6px 0 10px; max-width: 95ch; }
p.meta { color: #505868; font-size: 13px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13.5px; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e3e6ec; vertical-align: top;
         text-align: left; }
th { background: #f1f3f7; font-weight: 600; }
tbody tr:nth-child(even) { background: #fafbfd; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.grade-critical { background: #fcd9d9; color: #7a0010; font-weight: 600; }
td.grade-major { background: #fde8cf; color: #7a3b00; font-weight: 600; }
td.grade-minor { background: #fff7cc; color: #5c4d00; }
td.status-failed { color: #a0001c; font-weight: 600; }
td.status-passed { color: #1f6f2b; }
ol.items li { margin-bottom: 6px; }
ol.items ul { margin: 2px 0 0; padding-left: 18px; color: #404858; font-size: 13.5px; }
figure { margin: 12px 0 22px; overflow-x: auto; }
figure svg { display: block; max-width: none; font-family: system-ui, Arial, sans-serif; }
figcaption { color: #505868; font-size: 13px; margin-top: 4px; max-width: 95ch; }
footer { margin-top: 36px; color: #6a7282; font-size: 12px; border-top: 1px solid #d8dce4;
         padding-top: 8px; }
@media print { main { max-width: none; padding: 0; } figure { break-inside: avoid; } }
)css";

/// A report page built block by block; `str()` gives the whole document.
class HtmlPage {
 public:
  /// `title` is the page's <title> and its <h1>.
  explicit HtmlPage(std::string title) : title_(std::move(title)) {}

  /// A second-level heading; its text also becomes the section's id (for links), made unique by
  /// a number when a heading repeats.
  HtmlPage& heading(std::string_view text) {
    const std::string base = anchor(text).empty() ? std::string("section") : anchor(text);
    std::string id = base;
    for (int n = 2; !anchors_.insert(id).second; ++n) id = base + '-' + std::to_string(n);
    body_ += "<h2 id=\"" + html_escape(id) + "\">" + html_escape(text) + "</h2>\n";
    return *this;
  }
  HtmlPage& paragraph(std::string_view text, std::string_view css_class = {}) {
    body_ += "<p";
    if (!css_class.empty()) body_ += " class=\"" + html_escape(css_class) + '"';
    body_ += '>' + html_escape(text) + "</p>\n";
    return *this;
  }
  /// A table; `rows[0]` is the header. Columns in `text_columns` are left-aligned text, the
  /// others numbers (right-aligned, tabular figures). `cell_class(r, c, text)`, when given,
  /// names a CSS class for body cell (r ≥ 1, c) — e.g. `grade-major`.
  template <typename CellClass>
  HtmlPage& table(const std::vector<std::vector<std::string>>& rows,
                  const std::set<std::size_t>& text_columns, CellClass&& cell_class) {
    if (rows.empty()) return *this;
    body_ += "<table>\n<thead><tr>";
    for (std::size_t c = 0; c < rows[0].size(); ++c)
      body_ += std::string(text_columns.count(c) ? "<th>" : "<th class=\"num\">") +
               html_escape(rows[0][c]) + "</th>";
    body_ += "</tr></thead>\n<tbody>\n";
    for (std::size_t r = 1; r < rows.size(); ++r) {
      body_ += "<tr>";
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        std::string cls = text_columns.count(c) ? "" : "num";
        const std::string extra = cell_class(r, c, rows[r][c]);
        if (!extra.empty()) cls += (cls.empty() ? "" : " ") + extra;
        body_ += cls.empty() ? "<td>" : "<td class=\"" + html_escape(cls) + "\">";
        body_ += html_escape(rows[r][c]) + "</td>";
      }
      body_ += "</tr>\n";
    }
    body_ += "</tbody>\n</table>\n";
    return *this;
  }
  HtmlPage& table(const std::vector<std::vector<std::string>>& rows,
                  const std::set<std::size_t>& text_columns) {
    return table(rows, text_columns,
                 [](std::size_t, std::size_t, const std::string&) { return std::string(); });
  }
  /// A numbered list; each item may carry detail lines shown beneath it.
  HtmlPage& list(const std::vector<std::pair<std::string, std::vector<std::string>>>& items) {
    body_ += "<ol class=\"items\">\n";
    for (const auto& [text, details] : items) {
      body_ += "<li>" + html_escape(text);
      if (!details.empty()) {
        body_ += "<ul>";
        for (const auto& d : details) body_ += "<li>" + html_escape(d) + "</li>";
        body_ += "</ul>";
      }
      body_ += "</li>\n";
    }
    body_ += "</ol>\n";
    return *this;
  }
  /// A chart: `svg` is markup from report::Svg (inserted as is), `caption` plain text.
  HtmlPage& figure(std::string_view svg, std::string_view caption = {}) {
    body_ += "<figure>\n";
    body_ += svg;
    if (!caption.empty()) body_ += "<figcaption>" + html_escape(caption) + "</figcaption>\n";
    body_ += "</figure>\n";
    return *this;
  }
  /// Trusted markup inserted as is.
  HtmlPage& raw(std::string_view markup) {
    body_ += markup;
    return *this;
  }
  /// The small print at the bottom of the page (plain text).
  HtmlPage& footer(std::string text) {
    footer_ = std::move(text);
    return *this;
  }

  /// The complete document: doctype, UTF-8, viewport, inline stylesheet, the blocks.
  [[nodiscard]] std::string str() const {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
        html_escape(title_) + "</title>\n<style>";
    out += kReportCss;
    out += "</style>\n</head>\n<body>\n<main>\n<header class=\"report\"><h1>" +
           html_escape(title_) + "</h1></header>\n";
    out += body_;
    if (!footer_.empty()) out += "<footer>" + html_escape(footer_) + "</footer>\n";
    out += "</main>\n</body>\n</html>\n";
    return out;
  }

 private:
  /// `Chain of activities` → `chain-of-activities`.
  static std::string anchor(std::string_view text) {
    std::string a;
    for (const char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if (std::isalnum(u) != 0)
        a += static_cast<char>(std::tolower(u));
      else if (!a.empty() && a.back() != '-')
        a += '-';
    }
    while (!a.empty() && a.back() == '-') a.pop_back();
    return a;
  }

  std::string title_;
  std::string body_;
  std::string footer_;
  std::set<std::string> anchors_;
};

}  // namespace diligence::report
