// `diligence generate --firms N --seed S -o DIR`: writes a synthetic scenario (docs/generate.md):
// DIR/scenario.yaml, DIR/firms.csv and DIR/links.csv. Each file is written to a temporary name in
// DIR and renamed only when all three are complete, so a failed run leaves no partial scenario
// (and an existing one untouched). DIR is created when missing. The progress bar (progress.hpp)
// goes to standard error only when it is a terminal; the summary line (firms, links, seconds) to
// standard output.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/generate/generate.hpp>

#include "command.hpp"
#include "progress.hpp"

namespace diligence::cli {
namespace {

namespace fs = std::filesystem;

struct State {
  generate::GeneratorOptions gen;
  std::string dir;
  std::string as_of;
  std::vector<double> tier_mix;
  unsigned threads = 0;
  bool json = false;
};

/// Files written under temporary names and renamed together at the end; whatever is not renamed
/// is removed when this goes out of scope.
class PendingFiles {
 public:
  explicit PendingFiles(fs::path dir) : dir_(std::move(dir)) {}
  PendingFiles(const PendingFiles&) = delete;
  PendingFiles& operator=(const PendingFiles&) = delete;
  ~PendingFiles() {
    std::error_code ec;
    for (const auto& f : files_) fs::remove(f.tmp, ec);
  }
  /// Opens a temporary file for `name` in the directory. @throws IoError.
  std::ofstream open(const std::string& name) {
    std::random_device rd;
    const fs::path tmp = dir_ / ("." + name + ".tmp" + std::to_string(::getpid()) + "-" +
                                 std::to_string(rd() & 0xFFFFFF));
    files_.push_back({tmp, dir_ / name});
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) fail(files_.back().final_path, "cannot create a temporary file there");
    return out;
  }
  /// Flushes and closes `out`, checking that every byte reached the file. @throws IoError.
  void close(std::ofstream& out) {
    out.flush();
    const bool ok = static_cast<bool>(out);
    out.close();
    if (!ok || out.fail()) fail(files_.back().final_path, "write failed (disk full?)");
  }
  /// Renames every file to its final name, in the order opened. @throws IoError.
  void commit() {
    for (auto& f : files_) {
      std::error_code ec;
      fs::rename(f.tmp, f.final_path, ec);
      if (ec) fail(f.final_path, ec.message());
      f.tmp.clear();
    }
  }

 private:
  [[noreturn]] static void fail(const fs::path& path, const std::string& why) {
    throw IoError(errc::kFileUnwritable, "cannot write " + path.string() + ": " + why);
  }
  struct File {
    fs::path tmp, final_path;
  };
  fs::path dir_;
  std::vector<File> files_;
};

int write_scenario(const State& s, const fs::path& dir,
                   std::chrono::steady_clock::time_point start);

int run(State& s) {
  if (!s.as_of.empty()) {
    const auto d = Date::parse(s.as_of);
    if (!d) {
      std::cerr << "--as-of: expected a date YYYY-MM-DD, got '" << s.as_of << "'\n";
      return 2;
    }
    s.gen.as_of = *d;
  }
  if (!s.tier_mix.empty()) {
    if (s.tier_mix.size() != generate::kNumTiers) {
      std::cerr << "--tier-mix: expected 6 numbers (raw, processing, parts, components, systems, "
                   "oem), got "
                << s.tier_mix.size() << "\n";
      return 2;
    }
    std::copy(s.tier_mix.begin(), s.tier_mix.end(), s.gen.tier_mix.begin());
  }
  if (const std::string problem = s.gen.problem(); !problem.empty()) {
    std::cerr << "generate: " << problem << "\n";
    return 2;
  }

  const auto start = std::chrono::steady_clock::now();
  const fs::path dir = s.dir;
  std::error_code ec;
  const bool created = !fs::exists(dir, ec);
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    throw IoError(errc::kFileUnwritable,
                  "cannot create directory " + dir.string() + (ec ? ": " + ec.message() : ""));
  try {
    return write_scenario(s, dir, start);
  } catch (...) {
    if (created) fs::remove(dir, ec);  // only when still empty
    throw;
  }
}

int write_scenario(const State& s, const fs::path& dir,
                   std::chrono::steady_clock::time_point start) {
  const generate::NetworkGenerator gen(s.gen, progress_callback(writing_label), s.threads);
  generate::WriteOptions write;
  write.threads = s.threads;
  write.progress = progress_callback(writing_label);

  PendingFiles files(dir);
  std::ofstream firms = files.open("firms.csv");
  const std::uint64_t rows = generate::write_firms_csv(firms, gen, write);
  files.close(firms);
  std::ofstream links = files.open("links.csv");
  const generate::LinkCounts counts = generate::write_links_csv(links, gen, write);
  files.close(links);
  std::ofstream yaml = files.open("scenario.yaml");
  generate::write_scenario_yaml(yaml, gen, "firms.csv", "links.csv");
  files.close(yaml);
  files.commit();
  clear_progress();  // the summary starts on a clean line
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (s.json) {
    std::cout << nlohmann::json{{"scenario", (dir / "scenario.yaml").string()},
                                {"firms", rows},
                                {"links", counts.links},
                                {"cycle_links", counts.cycle_links},
                                {"seed", s.gen.seed},
                                {"seconds", seconds}}
                     .dump(2)
              << "\n";
  } else {
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.1f", seconds);
    std::cout << "generated " << rows << " firms, " << counts.links << " links ("
              << counts.cycle_links << " closing cycles) in " << secs
              << " s: " << (dir / "scenario.yaml").string() << "\n";
  }
  return 0;
}

}  // namespace

void add_generate_command(Commands& commands) {
  auto state = std::make_shared<State>();
  CLI::App& cmd = commands.add(
      "generate",
      "Write a synthetic scenario (scenario.yaml, firms.csv, links.csv) with a realistic tiered "
      "shape",
      [state]() -> int { return run(*state); });
  generate::GeneratorOptions& g = state->gen;
  cmd.add_option("--firms", g.firms, "Number of firms")
      ->required()
      ->check(CLI::Range(1ull, 4'000'000'000ull));
  cmd.add_option("--seed", g.seed, "Seed of every random choice (same seed, same files)")
      ->capture_default_str();
  cmd.add_option("-o,--output", state->dir, "Directory to write to (created if missing)")
      ->required()
      ->type_name("DIR");
  cmd.add_option("--links-per-firm", g.links_per_firm, "Mean number of links per firm")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  cmd.add_option("--cycle-share", g.cycle_share, "Share of links that close a cycle, 0..0.5")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 0.5));
  cmd.add_option("--max-cycle-length", g.max_cycle_length,
                 "Longest cycle a cycle-closing link creates, in firms (2..16)")
      ->capture_default_str()
      ->check(CLI::Range(2u, 16u));
  cmd.add_option("--share-buyers", g.share_buyers,
                 "Share of buyers that state share instead of spend_eur, 0..1")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd.add_option("--tier-mix", state->tier_mix,
                 "Relative firm counts of the tiers raw,processing,parts,components,systems,oem "
                 "(default 0.12,0.08,0.42,0.28,0.09,0.01)")
      ->delimiter(',')
      ->type_name("R,P,M,C,S,O");
  cmd.add_option("--clusters", g.clusters,
                 "Number of industrial complexes (0 = max(38, firms/5000))")
      ->capture_default_str();
  cmd.add_option("--cluster-membership", g.cluster_membership,
                 "Share of parts and components firms in a cluster, 0..1")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd.add_option("--local-sourcing", g.local_sourcing,
                 "Probability that a cluster firm buys inside its cluster, 0..1")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd.add_option("--own-chain", g.own_chain,
                 "Probability that a buyer buys within its own value chain, 0..1")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd.add_option("--degree-sigma", g.degree_sigma,
                 "Log-normal sigma of the number of suppliers per buyer, 0..3")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3.0));
  cmd.add_option("--max-suppliers", g.max_suppliers, "Most suppliers of one buyer")
      ->capture_default_str()
      ->check(CLI::Range(1u, 4'000'000'000u));
  cmd.add_option("--assessment-share", g.assessment_share,
                 "Share of firms with a self-assessment (OEMs: all), 0..1")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd.add_option("--evidence-share", g.evidence_share,
                 "Share of large firms with due-diligence evidence (OEMs: all), 0..1")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd.add_option("--as-of", state->as_of, "Scenario date YYYY-MM-DD (default 2029-09-01)")
      ->type_name("DATE");
  cmd.add_option("--name", g.name, "Scenario name")->capture_default_str();
  cmd.add_option("--threads", state->threads,
                 "Threads (0 = one per core); the files do not depend on it")
      ->capture_default_str()
      ->check(CLI::Range(0u, 64u));
  cmd.add_flag("--json", state->json, "Print the summary as one JSON document");
}

}  // namespace diligence::cli
