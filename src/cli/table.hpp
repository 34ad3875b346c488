// A plain-text table for the text reports of the sub-commands: columns padded to the widest
// cell (counted in UTF-8 code points, so accented names line up), the first column and any
// column marked left-aligned on the left, the others on the right; trailing blanks trimmed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diligence::cli {

/// Display width of `text`: its number of UTF-8 code points (continuation bytes not counted).
[[nodiscard]] inline std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

class Table {
 public:
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void left_align(std::size_t column) { left_.insert(column); }
  [[nodiscard]] bool empty() const noexcept { return rows_.empty(); }

  void print(std::ostream& out, std::string_view indent = "  ") const {
    std::vector<std::size_t> width;
    for (const auto& r : rows_) {
      if (width.size() < r.size()) width.resize(r.size(), 0);
      for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], display_width(r[c]));
    }
    for (const auto& r : rows_) {
      std::string line(indent);
      for (std::size_t c = 0; c < r.size(); ++c) {
        const std::string pad(width[c] - display_width(r[c]), ' ');
        if (c != 0) line += "  ";
        line += (c == 0 || left_.count(c)) ? r[c] + pad : pad + r[c];
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out << line << '\n';
    }
  }

 private:
  std::vector<std::vector<std::string>> rows_;
  std::set<std::size_t> left_;
};

}  // namespace diligence::cli
