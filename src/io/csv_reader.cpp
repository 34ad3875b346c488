// Strict RFC 4180 reader (see csv_reader.hpp).
#include "io/csv_reader.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include <diligence/core/error_ids.hpp>

#include "io/files.hpp"

namespace diligence::io::detail {
namespace {

const std::size_t kPage = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));

/// Bytes that end an unquoted field or need a look: , LF CR and ".
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = true;
  t[static_cast<unsigned char>('\n')] = true;
  t[static_cast<unsigned char>('\r')] = true;
  t[static_cast<unsigned char>('"')] = true;
  return t;
}();

}  // namespace

FileText::FileText(const std::filesystem::path& path, const std::string& key,
                   const Location& from) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    void* map =
        ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map != MAP_FAILED) {
      ::madvise(map, static_cast<std::size_t>(st.st_size), MADV_SEQUENTIAL);
      map_ = map;
      text_ = std::string_view(static_cast<const char*>(map), static_cast<std::size_t>(st.st_size));
      return;
    }
  } else if (fd >= 0) {
    ::close(fd);
  }
  // Not mappable (missing, a directory, a pipe, empty, ...): read_file reads it or reports why not.
  owned_ = read_file(path, key, from);
  text_ = owned_;
}

FileText::~FileText() {
  if (map_) ::munmap(map_, text_.size());
}

void FileText::release_before(std::size_t offset) noexcept {
  if (!map_) return;
  const std::size_t end = std::min(offset, text_.size()) / kPage * kPage;
  if (end <= released_) return;
  ::madvise(static_cast<char*>(map_) + released_, end - released_, MADV_DONTNEED);
  released_ = end;
}

std::size_t FileText::count_lines() noexcept {
  constexpr std::size_t kBlock = std::size_t{1} << 26;
  std::size_t lines = 0;
  for (std::size_t at = 0; at < text_.size(); at += kBlock) {
    const std::string_view block = text_.substr(at, kBlock);
    lines += static_cast<std::size_t>(std::count(block.begin(), block.end(), '\n'));
    if (map_) {
      const std::size_t begin = at / kPage * kPage;
      const std::size_t end = std::min(at + kBlock, text_.size()) / kPage * kPage;
      if (end > std::max(begin, released_))
        ::madvise(static_cast<char*>(map_) + std::max(begin, released_),
                  end - std::max(begin, released_), MADV_DONTNEED);
    }
  }
  return lines;
}

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
  if (!unescaped_.empty()) unescaped_.clear();
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
      const char* const d = data_.data();
      while (pos_ < n) {
        // Skip plain bytes through the table, then look at the special one.
        while (pos_ < n && !kSpecial[static_cast<unsigned char>(d[pos_])]) ++pos_;
        if (pos_ >= n) break;
        const char c = d[pos_];
        if (c == ',' || c == '\n') break;
        if (c == '\r') {
          if (pos_ + 1 < n && d[pos_ + 1] == '\n') break;
          ++pos_;  // a lone CR is data
          continue;
        }
        fail(pos_, line_,
             "a double quote inside an unquoted field (enclose the field in quotes and write "
             "\"\" for a quote)");
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
