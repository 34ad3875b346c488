// End-to-end tests of `diligence generate`: the three files and nothing else, the summary line,
// `validate` and `summary` on the output, the same files for the same seed (also with more
// threads), a missing directory created, exit status 2 for usage errors (no -o, bad ranges), and
// exit status 1 with nothing left behind when the directory cannot be written.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace {

using namespace diligence::cli_test;

using GenerateCli = CliTest;

TEST_F(GenerateCli, WritesAScenarioThatValidates) {
  const fs::path out = dir_ / "net";  // does not exist yet
  const Result r = run({"generate", "--firms", "3000", "--seed", "7", "-o", out.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");  // no progress: standard error is not a terminal
  EXPECT_EQ(listing(out), (std::set<std::string>{"firms.csv", "links.csv", "scenario.yaml"}));
  EXPECT_TRUE(r.out.starts_with("generated 3000 firms, ")) << r.out;
  EXPECT_NE(r.out.find(" s: "), std::string::npos);
  EXPECT_EQ(count_of(r.out, "\n"), 1u);

  const Result v = run({"validate", (out / "scenario.yaml").string(), "--json"});
  ASSERT_EQ(v.status, 0) << v.err;
  const json doc = parse_json(v);
  EXPECT_EQ(doc["firms"], 3000);
  EXPECT_GT(doc["links"].get<int>(), 25'000);
  EXPECT_TRUE(doc["warnings"].empty()) << doc["warnings"].dump();
  // The number of links in the summary is the one validate counts.
  EXPECT_NE(r.out.find(std::to_string(doc["links"].get<int>()) + " links"), std::string::npos);

  const Result s = run({"summary", (out / "scenario.yaml").string(), "--json"});
  ASSERT_EQ(s.status, 0) << s.err;
  const json sum = parse_json(s);
  EXPECT_EQ(sum["firms"], 3000);
  EXPECT_TRUE(sum["size_classes"].contains("micro"));
}

TEST_F(GenerateCli, SameSeedSameFilesAndJsonSummary) {
  const fs::path a = dir_ / "a", b = dir_ / "b", c = dir_ / "c";
  ASSERT_EQ(run({"generate", "--firms", "2000", "--seed", "3", "-o", a.string()}).status, 0);
  const Result rb = run(
      {"generate", "--firms", "2000", "--seed", "3", "-o", b.string(), "--threads", "2", "--json"});
  ASSERT_EQ(rb.status, 0) << rb.err;
  ASSERT_EQ(run({"generate", "--firms", "2000", "--seed", "4", "-o", c.string()}).status, 0);
  for (const char* f : {"firms.csv", "links.csv", "scenario.yaml"}) {
    EXPECT_EQ(read_text(a / f), read_text(b / f)) << f;
    if (std::string(f) != "scenario.yaml") {
      EXPECT_NE(read_text(a / f), read_text(c / f)) << f;
    }
  }
  const json doc = parse_json(rb);
  EXPECT_EQ(doc["firms"], 2000);
  EXPECT_GT(doc["links"].get<int>(), 15'000);
  EXPECT_GE(doc["cycle_links"].get<int>(), 1);
  EXPECT_EQ(doc["seed"], 3);
  EXPECT_TRUE(doc["seconds"].is_number());
}

TEST_F(GenerateCli, OptionsReachTheGenerator) {
  const fs::path out = dir_ / "opts";
  const Result r = run({"generate", "--firms", "1000", "-o", out.string(), "--links-per-firm", "4",
                        "--cycle-share", "0", "--share-buyers", "1", "--tier-mix", "1,1,1,1,1,1",
                        "--as-of", "2027-03-01", "--name", "mine"});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string yaml = read_text(out / "scenario.yaml");
  EXPECT_NE(yaml.find("as_of: 2027-03-01"), std::string::npos);
  EXPECT_NE(yaml.find("name: \"mine\""), std::string::npos);
  EXPECT_NE(r.out.find("(0 closing cycles)"), std::string::npos) << r.out;
  const std::string links = read_text(out / "links.csv");
  const Result v = run({"validate", (out / "scenario.yaml").string(), "--json"});
  ASSERT_EQ(v.status, 0) << v.err;
  const int n = parse_json(v)["links"].get<int>();
  EXPECT_NEAR(n, 4000, 300);
  EXPECT_EQ(count_of(links, "\n") - 1, static_cast<std::size_t>(n));
  // Every buyer states shares: the spend column (the third) is empty on every row.
  std::size_t spend_rows = 0;
  for (std::size_t pos = links.find('\n'); pos != std::string::npos && pos + 1 < links.size();
       pos = links.find('\n', pos + 1)) {
    const std::size_t c1 = links.find(',', pos + 1), c2 = links.find(',', c1 + 1);
    if (links[c2 + 1] != ',') ++spend_rows;
  }
  EXPECT_EQ(spend_rows, 0u);
}

TEST_F(GenerateCli, UsageErrorsExitTwoAndWriteNothing) {
  const fs::path out = dir_ / "usage";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"generate", "--firms", "100"},  // no -o
        {"generate", "-o", out.string()},                        // no --firms
        {"generate", "--firms", "0", "-o", out.string()},
        {"generate", "--firms", "100", "-o", out.string(), "--cycle-share", "0.9"},
        {"generate", "--firms", "100", "-o", out.string(), "--tier-mix", "1,2,3"},
        {"generate", "--firms", "100", "-o", out.string(), "--tier-mix", "0,0,0,0,0,0"},
        {"generate", "--firms", "100", "-o", out.string(), "--as-of", "2027-02-30"},
        {"generate", "--firms", "ten", "-o", out.string()}}) {
    const Result r = run(args);
    EXPECT_EQ(r.status, 2) << args.back() << "\n" << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_FALSE(r.err.empty());
    EXPECT_FALSE(fs::exists(out)) << args.back();
  }
}

TEST_F(GenerateCli, UnwritableDirectoryExitsOneAndLeavesNothing) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can write anywhere";
  const fs::path locked = dir_ / "locked";
  fs::create_directories(locked);
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
  const Result r = run({"generate", "--firms", "500", "-o", locked.string()});
  fs::permissions(locked, fs::perms::owner_all);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("io.file_unwritable"), std::string::npos) << r.err;
  EXPECT_TRUE(listing(locked).empty());
}

TEST_F(GenerateCli, WriteFailureExitsOneAndLeavesNothing) {
  // A file-size limit makes the writes fail half way (EFBIG, with SIGXFSZ ignored), as a full
  // disk would; also as root. The directory keeps exactly what it had.
  const fs::path out = dir_ / "full";
  fs::create_directories(out);
  std::ofstream(out / "keep.txt") << "keep\n";
  const fs::path script = write("limited.sh", "ulimit -f 64\ntrap '' XFSZ\nexec \"$@\"\n");
  const fs::path err = capture_ / "limited.err";
  const std::string cmd = "sh '" + script.string() +
                          "' '" DILIGENCE_CLI_PATH "' generate --firms 20000 -o '" + out.string() +
                          "' >/dev/null 2>'" + err.string() + "'";
  const int rc = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(rc));
  EXPECT_EQ(WEXITSTATUS(rc), 1) << read_text(err);
  EXPECT_NE(read_text(err).find("io.file_unwritable"), std::string::npos) << read_text(err);
  EXPECT_EQ(listing(out), (std::set<std::string>{"keep.txt"}));
}

TEST_F(GenerateCli, OutputPathThatIsAFileExitsOne) {
  const fs::path file = write("taken", "not a directory\n");
  const Result r = run({"generate", "--firms", "500", "-o", file.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("io.file_unwritable"), std::string::npos) << r.err;
  EXPECT_EQ(read_text(file), "not a directory\n");
}

TEST_F(GenerateCli, ExistingScenarioIsReplacedWhole) {
  const fs::path out = dir_ / "again";
  ASSERT_EQ(run({"generate", "--firms", "800", "--seed", "1", "-o", out.string()}).status, 0);
  ASSERT_EQ(run({"generate", "--firms", "900", "--seed", "2", "-o", out.string()}).status, 0);
  EXPECT_EQ(listing(out), (std::set<std::string>{"firms.csv", "links.csv", "scenario.yaml"}));
  const Result v = run({"validate", (out / "scenario.yaml").string()});
  EXPECT_TRUE(v.out.starts_with("ok: 900 firms")) << v.out;
}

}  // namespace
