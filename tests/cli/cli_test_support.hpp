// Support for the end-to-end tests of the `diligence` command: a fixture that gives each test
// its own temporary directory, writes scenario files into it and runs the real binary
// (posix_spawn, standard output and standard error captured separately, standard input
// /dev/null), plus small helpers for reading files and counting.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

extern char** environ;

namespace diligence::cli_test {

namespace fs = std::filesystem;
using nlohmann::json;

struct Result {
  int status = -1;  ///< exit status; -1 when the process died from a signal
  std::string out;
  std::string err;
};

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

inline std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
    ++n;
  return n;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "diligence_cli_test_XXXXXX").string();
    ASSERT_NE(::mkdtemp(templ.data()), nullptr);
    base_ = templ;
    dir_ = base_ / "work";
    capture_ = base_ / "capture";
    fs::create_directories(dir_);
    fs::create_directories(capture_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(base_, ec);
  }

  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

  // Runs the CLI with `args`; standard input is /dev/null.
  Result run(const std::vector<std::string>& args) const {
    const std::string out_path = (capture_ / "stdout").string();
    const std::string err_path = (capture_ / "stderr").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    std::vector<std::string> owned{DILIGENCE_CLI_PATH};
    owned.insert(owned.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : owned) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, DILIGENCE_CLI_PATH, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    Result r;
    if (rc != 0) {
      ADD_FAILURE() << "cannot start " << DILIGENCE_CLI_PATH << ": error " << rc;
      return r;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_text(out_path);
    r.err = read_text(err_path);
    return r;
  }

  static json parse_json(const Result& r) {
    json doc;
    EXPECT_NO_THROW(doc = json::parse(r.out)) << r.out;
    return doc;
  }

  fs::path base_, dir_, capture_;
};

}  // namespace diligence::cli_test
