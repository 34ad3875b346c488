// A small document model for the reports of the sub-commands: headings, paragraphs, tables,
// numbered lists and charts, built once and rendered as plain text, Markdown or a self-contained
// HTML page (report/html.hpp), so that every format says the same. Charts (SVG) appear in HTML
// only; a block can also be kept to the text formats or to HTML (e.g. findings as a list in text,
// as a table in HTML).
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include <diligence/core/diagnostics.hpp>

namespace diligence::cli {

/// A list item with `label: text` detail lines under it.
struct Item {
  std::string text;
  std::vector<std::string> details;
};

/// Which renderings show a block.
enum class Show { kAll, kTextOnly, kHtmlOnly };

struct Block {
  enum class Kind { kHeading, kParagraph, kTable, kList, kFigure } kind = Kind::kParagraph;
  std::string text;                            ///< heading, paragraph; figure: the SVG markup
  std::string caption;                         ///< figure
  std::vector<std::vector<std::string>> rows;  ///< tables: rows[0] is the header
  std::set<std::size_t> left;                  ///< left-aligned (text) columns; column 0 always
  std::vector<Item> items;
  Show show = Show::kAll;
};

class Document {
 public:
  explicit Document(std::string title) : title_(std::move(title)) {}
  void heading(std::string text, Show show = Show::kAll);
  void paragraph(std::string text, Show show = Show::kAll);
  void table(std::vector<std::vector<std::string>> rows, std::set<std::size_t> left = {},
             Show show = Show::kAll);
  void list(std::vector<Item> items, Show show = Show::kAll);
  /// A chart (markup from report::Svg): HTML only.
  void figure(std::string svg, std::string caption);

  /// Plain text, word-wrapped at 100 columns.
  [[nodiscard]] std::string text() const;
  [[nodiscard]] std::string markdown() const;
  /// One self-contained HTML page. In tables, a `grade` column colours critical / major / minor
  /// cells and a `result` or `status` column colours passed / FAILED; `footer` is the small print.
  [[nodiscard]] std::string html(const std::string& footer = {}) const;

 private:
  std::string title_;
  std::vector<Block> blocks_;
};

/// HTML only: a "Warnings" section listing `warnings` (at most 20, then how many more), when
/// there are any. (Text reports print them on standard error.)
void add_warnings(Document& doc, const std::vector<Diagnostic>& warnings);

/// The three renderings of `--format`.
enum class Format { kText, kMarkdown, kHtml };

/// `doc` rendered in `format`.
[[nodiscard]] std::string render(const Document& doc, Format format);

}  // namespace diligence::cli
