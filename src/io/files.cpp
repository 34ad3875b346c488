// File reading and atomic writing.
#include "io/files.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <system_error>

#include <diligence/core/error_ids.hpp>
#include <diligence/io/scenario_io.hpp>

namespace diligence::io {
namespace detail {

std::string read_file(const std::filesystem::path& path, const std::string& key,
                      const Location& from) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    throw IoError(errc::kFileNotFound, "file not found: " + path.string(), key, from);
  if (std::filesystem::is_directory(status))
    throw IoError(errc::kFileUnreadable, "expected a file, got a directory: " + path.string(), key,
                  from);
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f)
    throw IoError(errc::kFileUnreadable,
                  "cannot read " + path.string() + ": " + std::strerror(errno), key, from);
  std::string data;
  char buf[1 << 16];
  std::size_t got = 0;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec) data.reserve(static_cast<std::size_t>(size));
  while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, got);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed)
    throw IoError(errc::kFileUnreadable, "error while reading " + path.string(), key, from);
  return data;
}

}  // namespace detail

void write_file_atomic(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  std::random_device rd;
  const std::filesystem::path tmp =
      dir / ("." + path.filename().string() + ".tmp" + std::to_string(::getpid()) + "-" +
             std::to_string(rd() & 0xFFFFFF));
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f)
    throw IoError(errc::kFileUnwritable,
                  "cannot write " + path.string() + ": " + std::strerror(errno));
  const bool wrote = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  const bool flushed = std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
  const bool closed = std::fclose(f) == 0;
  std::error_code ec;
  if (!wrote || !flushed || !closed) {
    std::filesystem::remove(tmp, ec);
    throw IoError(errc::kFileUnwritable, "cannot write " + path.string() + ": write failed");
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignore;
    std::filesystem::remove(tmp, ignore);
    throw IoError(errc::kFileUnwritable, "cannot write " + path.string() + ": " + ec.message());
  }
}

}  // namespace diligence::io
