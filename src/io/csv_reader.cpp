// Strict RFC 4180 reader (see csv_reader.hpp).
#include "io/csv_reader.hpp"

#include <cstring>

#include <diligence/core/error_ids.hpp>

namespace diligence::io::detail {

CsvReader::CsvReader(std::string_view data, std::string file)
    : data_(data), file_(std::move(file)) {
  if (data_.size() >= 3 && std::memcmp(data_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
}

Location CsvReader::locate(std::size_t offset, std::uint32_t line) const {
  std::size_t start = offset;
  while (start > 0 && data_[start - 1] != '\n') --start;
  std::uint32_t column = 1;
  for (std::size_t i = start; i < offset; ++i)
    if ((static_cast<unsigned char>(data_[i]) & 0xC0) != 0x80) ++column;
  return Location{file_, line, column};
}

Location CsvReader::locate(const CsvField& field) const { return locate(field.offset, field.line); }

void CsvReader::fail(std::size_t offset, std::uint32_t line, const std::string& message) const {
  throw ParseError(errc::kCsvSyntax, message, {}, locate(offset, line));
}

bool CsvReader::next(CsvRecord& record) {
  record.fields.clear();
  unescaped_.clear();
  const std::size_t n = data_.size();
  // Skip empty lines.
  while (pos_ < n && (data_[pos_] == '\n' ||
                      (data_[pos_] == '\r' && pos_ + 1 < n && data_[pos_ + 1] == '\n'))) {
    pos_ += data_[pos_] == '\r' ? 2 : 1;
    ++line_;
  }
  if (pos_ >= n) return false;
  record.line = line_;
  while (true) {
    CsvField field;
    field.offset = pos_;
    field.line = line_;
    if (pos_ < n && data_[pos_] == '"') {
      field.quoted = true;
      const std::size_t open = pos_;
      const std::uint32_t open_line = line_;
      ++pos_;
      const std::size_t body = pos_;
      bool escaped = false;
      while (true) {
        if (pos_ >= n)
          fail(open, open_line, "quoted field is not closed before the end of the file");
        const char c = data_[pos_];
        if (c == '"') {
          if (pos_ + 1 < n && data_[pos_ + 1] == '"') {
            escaped = true;
            pos_ += 2;
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        ++pos_;
      }
      std::string_view inner = data_.substr(body, pos_ - body);
      ++pos_;  // closing quote
      if (escaped) {
        std::string s;
        s.reserve(inner.size());
        for (std::size_t i = 0; i < inner.size(); ++i) {
          s += inner[i];
          if (inner[i] == '"') ++i;  // skip the second quote of ""
        }
        unescaped_.push_back(std::move(s));
        inner = unescaped_.back();
      }
      field.text = inner;
      if (pos_ < n && data_[pos_] != ',' && data_[pos_] != '\n' &&
          !(data_[pos_] == '\r' && pos_ + 1 < n && data_[pos_ + 1] == '\n'))
        fail(pos_, line_,
             "unexpected character after a closing quote (expected ',' or end of line)");
    } else {
      const std::size_t start = pos_;
      while (pos_ < n) {
        const char c = data_[pos_];
        if (c == ',' || c == '\n') break;
        if (c == '\r' && pos_ + 1 < n && data_[pos_ + 1] == '\n') break;
        if (c == '"')
          fail(pos_, line_,
               "a double quote inside an unquoted field (enclose the field in quotes and write "
               "\"\" for a quote)");
        ++pos_;
      }
      field.text = data_.substr(start, pos_ - start);
    }
    record.fields.push_back(field);
    if (pos_ >= n) return true;
    if (data_[pos_] == ',') {
      ++pos_;
      continue;
    }
    pos_ += data_[pos_] == '\r' ? 2 : 1;  // end of record
    ++line_;
    return true;
  }
}

}  // namespace diligence::io::detail
