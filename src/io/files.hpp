// Whole-file reading with diligence errors.
#pragma once

#include <filesystem>
#include <string>

#include <diligence/core/error.hpp>

namespace diligence::io::detail {

/// Reads a whole file. @throws IoError (io.file_not_found, io.file_unreadable); `key` names the
/// scenario key that referred to the file (`include.firms_csv`), `from` the position of that key.
[[nodiscard]] std::string read_file(const std::filesystem::path& path, const std::string& key = {},
                                    const Location& from = {});

}  // namespace diligence::io::detail
