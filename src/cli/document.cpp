// The report document model (document.hpp): text, Markdown and HTML renderings.
#include "document.hpp"

#include <algorithm>
#include <sstream>
#include <string_view>

#include <diligence/report/html.hpp>

#include "table.hpp"

#ifndef DILIGENCE_VERSION
#define DILIGENCE_VERSION "unknown"
#endif

namespace diligence::cli {

void Document::heading(std::string text, Show show) {
  Block b;
  b.kind = Block::Kind::kHeading;
  b.text = std::move(text);
  b.show = show;
  blocks_.push_back(std::move(b));
}

void Document::paragraph(std::string text, Show show) {
  Block b;
  b.text = std::move(text);
  b.show = show;
  blocks_.push_back(std::move(b));
}

void Document::table(std::vector<std::vector<std::string>> rows, std::set<std::size_t> left,
                     Show show) {
  Block b;
  b.kind = Block::Kind::kTable;
  b.rows = std::move(rows);
  b.left = std::move(left);
  b.show = show;
  blocks_.push_back(std::move(b));
}

void Document::list(std::vector<Item> items, Show show) {
  Block b;
  b.kind = Block::Kind::kList;
  b.items = std::move(items);
  b.show = show;
  blocks_.push_back(std::move(b));
}

void Document::figure(std::string svg, std::string caption) {
  Block b;
  b.kind = Block::Kind::kFigure;
  b.text = std::move(svg);
  b.caption = std::move(caption);
  b.show = Show::kHtmlOnly;
  blocks_.push_back(std::move(b));
}

namespace {

constexpr std::size_t kWidth = 100;

/// Word-wraps `text` at kWidth: the first line starts with `first`, the others with `rest`.
std::string wrap(std::string_view text, const std::string& first, const std::string& rest) {
  std::string out, line = first;
  bool empty_line = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (pos >= text.size()) break;
    const std::size_t end = std::min(text.find(' ', pos), text.size());
    const std::string_view word = text.substr(pos, end - pos);
    if (!empty_line && display_width(line) + 1 + display_width(word) > kWidth) {
      out += line + '\n';
      line = rest;
      empty_line = true;
    }
    if (!empty_line) line += ' ';
    line += word;
    empty_line = false;
    pos = end;
  }
  return out + line + '\n';
}

/// A Markdown table cell: pipes escaped, line breaks as spaces.
std::string cell(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

bool in_text(const Block& b) { return b.show != Show::kHtmlOnly; }

/// The CSS class of a body cell by its column's header: grades and check results are coloured.
std::string cell_class(const std::string& header, const std::string& text) {
  if (header == "grade" && (text == "critical" || text == "major" || text == "minor"))
    return "grade-" + text;
  if (header == "result" || header == "status") {
    if (text == "FAILED") return "status-failed";
    if (text == "passed") return "status-passed";
  }
  return {};
}

}  // namespace

std::string Document::text() const {
  std::string out = title_ + '\n';
  Block::Kind previous = Block::Kind::kHeading;
  for (const Block& b : blocks_) {
    if (!in_text(b)) continue;
    // A blank line between a paragraph and the table or list that follows it.
    if (b.kind != Block::Kind::kHeading && b.kind != Block::Kind::kParagraph &&
        previous == Block::Kind::kParagraph)
      out += '\n';
    previous = b.kind;
    switch (b.kind) {
      case Block::Kind::kHeading:
        out += '\n' + b.text + '\n';
        break;
      case Block::Kind::kParagraph:
        out += wrap(b.text, "  ", "  ");
        break;
      case Block::Kind::kTable: {
        Table t;
        for (const auto& r : b.rows) t.row(r);
        for (const std::size_t c : b.left) t.left_align(c);
        std::ostringstream s;
        t.print(s);
        out += s.str();
        break;
      }
      case Block::Kind::kList:
        for (std::size_t i = 0; i < b.items.size(); ++i) {
          const std::string num = std::to_string(i + 1) + ". ";
          out += wrap(b.items[i].text, "  " + num, std::string(2 + num.size(), ' '));
          for (const std::string& d : b.items[i].details)
            out += wrap(d, std::string(2 + num.size(), ' '), std::string(4 + num.size(), ' '));
        }
        break;
      case Block::Kind::kFigure:
        break;
    }
  }
  return out;
}

std::string Document::markdown() const {
  std::string out = "# " + title_ + "\n";
  for (const Block& b : blocks_) {
    if (!in_text(b)) continue;
    switch (b.kind) {
      case Block::Kind::kHeading:
        out += "\n## " + b.text + "\n";
        break;
      case Block::Kind::kParagraph:
        out += '\n' + b.text + '\n';
        break;
      case Block::Kind::kTable: {
        if (b.rows.empty()) break;
        out += '\n';
        for (std::size_t r = 0; r < b.rows.size(); ++r) {
          out += '|';
          for (const auto& c : b.rows[r]) out += ' ' + cell(c) + " |";
          out += '\n';
          if (r == 0) {
            out += '|';
            for (std::size_t c = 0; c < b.rows[0].size(); ++c)
              out += (c == 0 || b.left.count(c)) ? " --- |" : " ---: |";
            out += '\n';
          }
        }
        break;
      }
      case Block::Kind::kList:
        out += '\n';
        for (std::size_t i = 0; i < b.items.size(); ++i) {
          out += std::to_string(i + 1) + ". " + b.items[i].text + '\n';
          for (const std::string& d : b.items[i].details) out += "   - " + d + '\n';
        }
        break;
      case Block::Kind::kFigure:
        break;
    }
  }
  return out;
}

std::string Document::html(const std::string& footer) const {
  report::HtmlPage page(title_);
  for (const Block& b : blocks_) {
    if (b.show == Show::kTextOnly) continue;
    switch (b.kind) {
      case Block::Kind::kHeading:
        page.heading(b.text);
        break;
      case Block::Kind::kParagraph:
        page.paragraph(b.text);
        break;
      case Block::Kind::kTable: {
        if (b.rows.empty()) break;
        std::set<std::size_t> text_columns = b.left;
        text_columns.insert(0);
        const auto& header = b.rows[0];
        page.table(b.rows, text_columns,
                   [&header](std::size_t, std::size_t c, const std::string& text) {
                     return c < header.size() ? cell_class(header[c], text) : std::string();
                   });
        break;
      }
      case Block::Kind::kList: {
        std::vector<std::pair<std::string, std::vector<std::string>>> items;
        for (const Item& it : b.items) items.emplace_back(it.text, it.details);
        page.list(items);
        break;
      }
      case Block::Kind::kFigure:
        page.figure(b.text, b.caption);
        break;
    }
  }
  page.footer(footer.empty() ? "Made by diligence " DILIGENCE_VERSION
                             : footer + " · diligence " DILIGENCE_VERSION);
  return page.str();
}

void add_warnings(Document& doc, const std::vector<Diagnostic>& warnings) {
  if (warnings.empty()) return;
  constexpr std::size_t kShown = 20;
  doc.heading("Warnings", Show::kHtmlOnly);
  std::vector<Item> items;
  for (std::size_t i = 0; i < std::min(kShown, warnings.size()); ++i)
    items.push_back({warnings[i].to_string(), {}});
  doc.list(std::move(items), Show::kHtmlOnly);
  if (warnings.size() > kShown)
    doc.paragraph("... and " + std::to_string(warnings.size() - kShown) + " more warnings.",
                  Show::kHtmlOnly);
}

std::string render(const Document& doc, Format format) {
  switch (format) {
    case Format::kText:
      return doc.text();
    case Format::kMarkdown:
      return doc.markdown();
    case Format::kHtml:
      return doc.html();
  }
  return doc.text();
}

}  // namespace diligence::cli
