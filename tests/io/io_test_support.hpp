// Helpers for the io tests: a scratch directory and an error matcher that checks id, position
// and key path together.
#pragma once

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include <diligence/core/error.hpp>
#include <diligence/io/scenario_io.hpp>

namespace diligence::testing {

/// A fresh directory under the system temp dir, removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("diligence-io-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  /// Writes `content` to `name` in the directory and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& content) const {
    const auto p = path_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  std::filesystem::path path_;
};

/// What an error must say.
struct ExpectedError {
  ExpectedError(std::string id_, std::uint32_t line_, std::uint32_t column_ = 0,
                std::string key_ = {}, std::string file_suffix_ = {})
      : id(std::move(id_)),
        line(line_),
        column(column_),
        key(std::move(key_)),
        file_suffix(std::move(file_suffix_)) {}
  std::string id;
  std::uint32_t line = 0;
  std::uint32_t column = 0;  ///< 0: do not check
  std::string key;           ///< empty: do not check
  std::string file_suffix;   ///< empty: do not check
};

/// Runs `f` and checks that it throws a diligence::Error of type E matching `want`.
template <typename E = Error>
void expect_error(const std::function<void()>& f, const ExpectedError& want) {
  try {
    f();
  } catch (const E& e) {
    EXPECT_EQ(e.id(), want.id) << e.what();
    EXPECT_EQ(e.location().line, want.line) << e.what();
    if (want.column != 0) {
      EXPECT_EQ(e.location().column, want.column) << e.what();
    }
    if (!want.key.empty()) {
      EXPECT_EQ(e.key_path(), want.key) << e.what();
    }
    if (!want.file_suffix.empty()) {
      EXPECT_TRUE(e.location().file.ends_with(want.file_suffix)) << e.what();
    }
    return;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw the wrong type: " << e.what();
    return;
  }
  ADD_FAILURE() << "no error; expected " << want.id;
}

/// Loads YAML text as a scenario (file name "s.yaml").
inline model::Scenario load_text(const std::string& yaml) {
  return io::load_scenario_text(yaml, {}, "s.yaml");
}

}  // namespace diligence::testing
