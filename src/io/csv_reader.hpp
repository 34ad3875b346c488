// A strict RFC 4180 CSV reader over text held in memory.
//
// Fields are separated by ',' and records by CRLF or LF. A field may be enclosed in double
// quotes; inside, '""' stands for one quote and commas and line breaks are data. A quote inside
// an unquoted field, text after a closing quote, or a quote left open at the end of the file is
// an error with its position. Completely empty lines are skipped. A UTF-8 byte-order mark at the
// start is skipped. Columns are counted in characters (UTF-8 code points), from 1.
//
// FileText holds the bytes of a CSV file for the reader: mapped into memory, so that a file of
// several gigabytes is never copied, and given back page by page as the reader moves on.
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <diligence/core/error.hpp>

namespace diligence::io::detail {

/// The bytes of a file for reading once from front to back. The file is mapped read-only (read
/// into memory when it cannot be mapped, such as a pipe or an empty file). Bytes before a point
/// can be given back with release_before: they leave the process's resident memory and are read
/// again from the file if touched, so they stay valid.
class FileText {
 public:
  /// Opens `path`. @throws IoError (io.file_not_found, io.file_unreadable) as read_file does;
  /// `key` and `from` name the scenario key that referred to the file.
  explicit FileText(const std::filesystem::path& path, const std::string& key = {},
                    const Location& from = {});
  ~FileText();
  FileText(const FileText&) = delete;
  FileText& operator=(const FileText&) = delete;

  [[nodiscard]] std::string_view text() const noexcept { return text_; }
  /// Gives back the memory of the bytes before `offset` (whole pages only).
  void release_before(std::size_t offset) noexcept;
  /// Number of line feeds in the text: an upper bound of the records, for reserving. Reads the
  /// text in blocks and gives each block back once counted.
  [[nodiscard]] std::size_t count_lines() noexcept;

 private:
  std::string_view text_;
  void* map_ = nullptr;  // the mapping, or nullptr when the text is held in owned_
  std::size_t released_ = 0;
  std::string owned_;
};

struct CsvField {
  std::string_view text;   ///< unescaped contents
  std::size_t offset = 0;  ///< byte offset of the field's first character in the data
  std::uint32_t line = 0;  ///< line of the field's first character
  bool quoted = false;
};

struct CsvRecord {
  std::vector<CsvField> fields;
  std::uint32_t line = 0;  ///< line where the record starts
};

class CsvReader {
 public:
  CsvReader(std::string_view data, std::string file);

  /// Reads the next record; false at the end of the data. @throws ParseError (csv.syntax).
  bool next(CsvRecord& record);

  /// Position of a field, with its column in characters.
  [[nodiscard]] Location locate(const CsvField& field) const;
  /// Position of an arbitrary byte offset on a given line.
  [[nodiscard]] Location locate(std::size_t offset, std::uint32_t line) const;

  [[nodiscard]] std::size_t bytes_read() const noexcept { return pos_; }
  [[nodiscard]] std::size_t size() const noexcept { return data_.size(); }
  [[nodiscard]] const std::string& file() const noexcept { return file_; }

 private:
  [[noreturn]] void fail(std::size_t offset, std::uint32_t line, const std::string& message) const;

  std::string_view data_;
  std::string file_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::deque<std::string> unescaped_;  // storage for fields that contained ""
};

}  // namespace diligence::io::detail
