// End-to-end tests of the progress bar: the real `diligence` binary run with standard error on a
// pipe (no progress at all: no '\r', no bar) and on a pseudo-terminal (openpty; the bar appears
// and its line is cleared before the command ends), for generate, loading CSV files, the Monte
// Carlo audit, the cascade simulation and multi-year support. Standard output goes to a file in
// both cases and must be the same.
#include <fcntl.h>
#include <pty.h>
#include <spawn.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace diligence::cli_test {
namespace {

/// How standard error of the child is connected.
enum class Stderr { kPipe, kTerminal };

class ProgressCliTest : public CliTest {
 protected:
  /// Runs the CLI with `args`, standard input /dev/null, standard output to a file and standard
  /// error on a pipe or on a pseudo-terminal in raw mode (so that its bytes arrive unchanged).
  Result run_with(Stderr mode, const std::vector<std::string>& args) const {
    Result r;
    int read_fd = -1, write_fd = -1;
    if (mode == Stderr::kPipe) {
      int fds[2];
      if (::pipe(fds) != 0) {
        ADD_FAILURE() << "pipe failed";
        return r;
      }
      read_fd = fds[0];
      write_fd = fds[1];
    } else {
      termios raw{};
      ::cfmakeraw(&raw);
      winsize size{};
      size.ws_row = 24;
      size.ws_col = 120;
      if (::openpty(&read_fd, &write_fd, nullptr, &raw, &size) != 0) {
        ADD_FAILURE() << "openpty failed";
        return r;
      }
    }
    const std::string out_path = (capture_ / "stdout").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, write_fd, 2);
    posix_spawn_file_actions_addclose(&actions, write_fd);
    posix_spawn_file_actions_addclose(&actions, read_fd);
    std::vector<std::string> owned{DILIGENCE_CLI_PATH};
    owned.insert(owned.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : owned) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, DILIGENCE_CLI_PATH, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(write_fd);
    if (rc != 0) {
      ::close(read_fd);
      ADD_FAILURE() << "cannot start " << DILIGENCE_CLI_PATH << ": error " << rc;
      return r;
    }
    // Read until the child's end closes: EOF on a pipe, EIO on the master side of a pty.
    char buf[4096];
    for (;;) {
      const ssize_t n = ::read(read_fd, buf, sizeof buf);
      if (n > 0) {
        r.err.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      break;
    }
    ::close(read_fd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_text(out_path);
    return r;
  }

  /// Runs `args` both ways and checks what never depends on standard error: the status and
  /// standard output (unless `same_stdout` is false, for output with a wall-clock time); on the
  /// pipe no '\r' and no escape sequence. Returns the terminal's bytes.
  std::string terminal_stderr(const std::vector<std::string>& args, bool same_stdout = true) const {
    const Result piped = run_with(Stderr::kPipe, args);
    EXPECT_EQ(piped.status, 0) << piped.err;
    EXPECT_EQ(piped.err.find('\r'), std::string::npos) << piped.err;
    EXPECT_EQ(piped.err.find('\033'), std::string::npos) << piped.err;
    EXPECT_EQ(piped.err.find("%"), std::string::npos) << piped.err;
    const Result tty = run_with(Stderr::kTerminal, args);
    EXPECT_EQ(tty.status, 0) << tty.err;
    if (same_stdout) {
      EXPECT_EQ(tty.out, piped.out);
    } else {
      EXPECT_NE(tty.out, "");
    }
    EXPECT_EQ(tty.out.find('\r'), std::string::npos);
    // The progress line is cleared before anything else is printed, and at the end.
    EXPECT_NE(tty.err.find("\r\033[K"), std::string::npos) << tty.err;
    return tty.err;
  }
};

TEST_F(ProgressCliTest, GenerateAndLoadShowTheBarOnlyOnATerminal) {
  const std::string dir = (dir_ / "gen").string();
  // The summary line ends with the seconds taken, so standard output differs between the runs.
  const std::string err = terminal_stderr(
      {"generate", "--firms", "3000", "--seed", "5", "-o", dir, "--threads", "2"}, false);
  EXPECT_NE(err.find("\rWriting firms.csv ["), std::string::npos) << err;
  EXPECT_NE(err.find("\rWriting links.csv ["), std::string::npos) << err;
  EXPECT_NE(err.find("] 100% 3 000/3 000 firms"), std::string::npos) << err;
  EXPECT_TRUE(err.ends_with("\r\033[K")) << err;  // nothing left on the line

  const std::string scenario = dir + "/scenario.yaml";
  const std::string load = terminal_stderr({"validate", scenario});
  EXPECT_NE(load.find("\rLoading firms CSV ["), std::string::npos) << load;
  EXPECT_NE(load.find("\rLoading links CSV ["), std::string::npos) << load;
  EXPECT_TRUE(load.ends_with("\r\033[K")) << load;
}

TEST_F(ProgressCliTest, MonteCarloAuditShowsTheBarOnlyOnATerminal) {
  const std::string scenario =
      std::string(DILIGENCE_SOURCE_DIR) + "/examples/scenarios/korea-battery/scenario.yaml";
  for (const char* kind : {"company", "supplier"}) {
    const std::string focal = std::string(kind) == "supplier" ? "KR-NOK-03" : "DE-AUTO";
    const std::string err = terminal_stderr({"audit", scenario, "--kind", kind, "--focal", focal,
                                             "--directive", "csddd-2024", "--runs", "200"});
    EXPECT_NE(err.find("\rMonte Carlo ["), std::string::npos) << kind << ": " << err;
    EXPECT_NE(err.find("] 100% 200/200 runs"), std::string::npos) << kind << ": " << err;
  }
}

TEST_F(ProgressCliTest, CascadeShowsTheBarOnlyOnATerminal) {
  const std::string scenario =
      std::string(DILIGENCE_SOURCE_DIR) + "/examples/scenarios/korea-battery/scenario.yaml";
  const std::string err =
      terminal_stderr({"risk", scenario, "--model", "cascade", "--runs", "640", "--json"});
  EXPECT_NE(err.find("\rCascade simulation ["), std::string::npos) << err;
  EXPECT_NE(err.find("] 100% 640/640 runs"), std::string::npos) << err;
  EXPECT_TRUE(err.ends_with("\r\033[K")) << err;  // JSON mode: nothing else on standard error
}

TEST_F(ProgressCliTest, MultiYearSupportShowsTheBarOnlyOnATerminal) {
  const std::string base = std::string(DILIGENCE_SOURCE_DIR) + "/examples/support/";
  const std::string err =
      terminal_stderr({"support", base + "complex-2000/scenario.yaml", "--programmes",
                       base + "programmes.yaml", "--years", "2", "--json"});
  for (const char* strategy : {"greedy", "random", "own-risk", "spend"})
    EXPECT_NE(err.find(std::string("\rSupport ") + strategy + " ["), std::string::npos)
        << strategy << ": " << err;
  EXPECT_NE(err.find("] 100% 2/2 years"), std::string::npos) << err;
}

}  // namespace
}  // namespace diligence::cli_test
