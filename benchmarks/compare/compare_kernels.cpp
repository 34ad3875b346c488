// compare_kernels: the C++ side of the side-by-side comparison (benchmarks/compare/README.md).
//
// Loads a scenario, computes own risk with the shipped default risk model (as `diligence risk`
// does), picks a focal firm with a large upstream network and times, best of R runs after one
// warm-up (std::chrono::steady_clock):
//   - risk::tiers(net, focal): a full upstream breadth-first search;
//   - Boost.Graph's breadth_first_search on an adjacency_list<vecS, vecS, directedS> holding the
//     reversed links (buyer → supplier), from the same focal firm, and the time to build it;
//   - risk::linear_exposure for all K categories and for K = 1 (the first column).
// It checks that BGL's distances equal diligence's tiers exactly and that the K = 1 solution
// agrees with the first column of the K-column one, and writes, for compare.py, raw
// little-endian files in OUTDIR:
//   in_offsets.u32 (n+1), in_sources.u32 (m), in_weights.f64 (m, w of link in_links()[e]),
//   own_terms.f64 (c, n×K row-major), exposure.f64 (x, n×K row-major), tiers.i32 (n),
// and meta.json (sizes, parameters, focal firm, solver figures, timings).
//
// Usage: compare_kernels SCENARIO OUTDIR [--reps R] [--candidates C] [--tolerance T]
// Exit status: 0 on success, 1 when a check fails, 2 on bad usage or an error.
#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <iostream>
#include <limits>
#include <memory>
#include <numeric>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/visitors.hpp>
#include <boost/version.hpp>
#include <nlohmann/json.hpp>

#include <diligence/core/error.hpp>
#include <diligence/io/questionnaire_io.hpp>
#include <diligence/io/risk_model_io.hpp>
#include <diligence/io/scenario_io.hpp>
#include <diligence/risk/linear.hpp>
#include <diligence/risk/own_risk.hpp>
#include <diligence/risk/tiers.hpp>

namespace {

namespace fs = std::filesystem;
using diligence::model::FirmIndex;
using diligence::model::SupplyNetwork;
using diligence::risk::RiskMatrix;
using Clock = std::chrono::steady_clock;
using Reversed = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

static_assert(std::endian::native == std::endian::little,
              "the raw files are written in the host's byte order, which must be little-endian");

struct Args {
  fs::path scenario;
  fs::path out;
  int reps = 3;
  std::size_t candidates = 16;
  double tolerance = 1e-10;
};

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// Runs `f` once as a warm-up, then `reps` times; returns the shortest of the timed runs.
/// `setup` runs before each run, untimed.
template <class F, class Setup>
double best_of(int reps, F&& f, Setup&& setup) {
  setup();
  f();
  double best = std::numeric_limits<double>::infinity();
  for (int r = 0; r < reps; ++r) {
    setup();
    const Clock::time_point t0 = Clock::now();
    f();
    best = std::min(best, seconds_since(t0));
  }
  return best;
}

template <class F>
double best_of(int reps, F&& f) {
  return best_of(reps, std::forward<F>(f), [] {});
}

template <class T>
void write_raw(const fs::path& path, std::span<const T> values) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(values.data()),
          static_cast<std::streamsize>(values.size_bytes()));
  if (!f) throw std::runtime_error("cannot write " + path.string());
}

/// The reversed network (buyer → supplier) as a BGL adjacency list, in backward-CSR order.
/// (On the heap: adjacency_list is copied, not moved, by assignment.)
std::unique_ptr<Reversed> build_reversed(const SupplyNetwork& net) {
  auto g = std::make_unique<Reversed>(net.num_firms());
  const auto off = net.in_offsets();
  const auto src = net.in_sources();
  for (FirmIndex b = 0; b < net.num_firms(); ++b)
    for (std::uint32_t e = off[b]; e < off[b + 1]; ++e) boost::add_edge(b, src[e], *g);
  return g;
}

/// BGL breadth-first search from `focal`: hop distances, -1 where not reached.
std::vector<std::int32_t> bgl_distances(const Reversed& g, FirmIndex focal) {
  std::vector<std::int32_t> dist(boost::num_vertices(g), -1);
  dist[focal] = 0;
  boost::breadth_first_search(g, focal,
                              boost::visitor(boost::make_bfs_visitor(
                                  boost::record_distances(dist.data(), boost::on_tree_edge()))));
  return dist;
}

/// The focal firm: among the `candidates` OEM firms (ids starting with 'O', docs/generate.md)
/// with the most suppliers — all firms when there is no OEM — the one whose upstream network
/// reaches most firms (ties: the lower index).
FirmIndex pick_focal(const SupplyNetwork& net, std::size_t candidates, std::size_t& tried) {
  std::vector<FirmIndex> pool;
  for (FirmIndex i = 0; i < net.num_firms(); ++i)
    if (net.firm(i).id.starts_with('O')) pool.push_back(i);
  if (pool.empty()) {
    pool.resize(net.num_firms());
    std::iota(pool.begin(), pool.end(), FirmIndex{0});
  }
  const std::size_t keep = std::min(candidates, pool.size());
  std::partial_sort(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(keep), pool.end(),
                    [&](FirmIndex a, FirmIndex b) {
                      const auto da = net.suppliers(a).size(), db = net.suppliers(b).size();
                      return da != db ? da > db : a < b;
                    });
  pool.resize(keep);
  tried = keep;
  FirmIndex best = pool.front();
  std::uint64_t best_reach = 0;
  for (const FirmIndex f : pool) {
    const std::uint64_t reach = diligence::risk::tiers(net, f).upstream_count();
    if (reach > best_reach || (reach == best_reach && f < best)) {
      best = f;
      best_reach = reach;
    }
  }
  return best;
}

Args parse(int argc, char** argv) {
  Args a;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string s = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(s + " needs a value");
      return argv[++i];
    };
    if (s == "--reps") {
      a.reps = std::stoi(value());
    } else if (s == "--candidates") {
      a.candidates = std::stoul(value());
    } else if (s == "--tolerance") {
      a.tolerance = std::stod(value());
    } else if (s.starts_with("--")) {
      throw std::invalid_argument("unknown option " + s);
    } else {
      positional.push_back(s);
    }
  }
  if (positional.size() != 2) throw std::invalid_argument("expected SCENARIO and OUTDIR");
  if (a.reps < 1 || a.candidates < 1 || !(a.tolerance > 0.0))
    throw std::invalid_argument("--reps and --candidates must be >= 1, --tolerance > 0");
  a.scenario = positional[0];
  a.out = positional[1];
  return a;
}

int run(const Args& args) {
  namespace risk = diligence::risk;
  namespace io = diligence::io;
  nlohmann::json meta;
  nlohmann::json& times = meta["timings_s"];

  // Load and own risk, as the CLI's risk pipeline does (src/cli/pipeline.cpp).
  Clock::time_point t0 = Clock::now();
  const risk::RiskModel model = io::default_risk_model();
  const std::vector<risk::Questionnaire> questionnaires = io::default_questionnaires();
  io::LoadOptions load;
  load.categories = model.category_ids();
  load.questionnaires = &questionnaires;
  const diligence::model::Scenario scenario = io::load_scenario(args.scenario, load);
  const SupplyNetwork& net = scenario.network;
  times["load"] = seconds_since(t0);
  t0 = Clock::now();
  risk::OwnRiskOptions own_options;
  own_options.questionnaires = &questionnaires;
  const risk::OwnRiskResult own = risk::own_risk(net, model, own_options);
  times["own_risk"] = seconds_since(t0);
  const std::size_t n = net.num_firms(), m = net.num_links();
  const auto K = static_cast<std::size_t>(own.own.cols());
  std::cerr << "compare_kernels: " << n << " firms, " << m << " links, K = " << K << "\n";

  // Focal firm.
  t0 = Clock::now();
  std::size_t tried = 0;
  const FirmIndex focal = pick_focal(net, args.candidates, tried);
  times["pick_focal"] = seconds_since(t0);

  // a) diligence tiers.
  risk::Tiers tiers;
  times["tiers"] = best_of(args.reps, [&] { tiers = risk::tiers(net, focal); });
  std::uint64_t links_scanned = 0;
  for (FirmIndex i = 0; i < n; ++i)
    if (tiers.tier[i] != risk::kNotUpstream) links_scanned += net.suppliers(i).size();

  // b) Boost.Graph adjacency_list + breadth_first_search.
  std::unique_ptr<Reversed> g;
  times["bgl_build"] = best_of(
      args.reps, [&] { g = build_reversed(net); }, [&] { g.reset(); });
  std::vector<std::int32_t> dist;
  times["bgl_bfs"] = best_of(args.reps, [&] { dist = bgl_distances(*g, focal); });
  const bool bfs_agree = dist == tiers.tier;

  // c) linear exposure, all K and K = 1.
  risk::LinearOptions lin;
  lin.upstream_weight = 0.5;
  lin.unmapped_risk = 0.5;
  lin.tolerance = args.tolerance;
  risk::LinearResult full, one;
  times["linear_k"] = best_of(args.reps, [&] { full = risk::linear_exposure(net, own.own, lin); });
  const RiskMatrix own1 = own.own.leftCols(1);
  times["linear_1"] = best_of(args.reps, [&] { one = risk::linear_exposure(net, own1, lin); });
  // The same solves on a network prepared once (condensation and relabelled CSR), as scipy's
  // figures exclude building the sparse matrix.
  std::optional<risk::PropagationPlan> plan;
  times["plan"] = best_of(args.reps, [&] { plan.emplace(net); });
  times["linear_k_solve"] =
      best_of(args.reps, [&] { full = risk::linear_exposure(*plan, own.own, lin); });
  times["linear_1_solve"] =
      best_of(args.reps, [&] { one = risk::linear_exposure(*plan, own1, lin); });
  double k1_diff = 0.0;
  for (Eigen::Index i = 0; i < full.exposure.rows(); ++i)
    k1_diff = std::max(k1_diff, std::abs(full.exposure(i, 0) - one.exposure(i, 0)));
  const bool k1_agree = k1_diff <= 2.0 * lin.tolerance;

  // Files for compare.py.
  fs::create_directories(args.out);
  const auto off = net.in_offsets();
  const auto lnk = net.in_links();
  std::vector<double> in_weights(m);
  for (std::size_t e = 0; e < m; ++e) in_weights[e] = net.weights()[lnk[e]];
  const RiskMatrix c = risk::own_terms(net, own.own, lin);
  write_raw(args.out / "in_offsets.u32", off);
  write_raw(args.out / "in_sources.u32", net.in_sources());
  write_raw(args.out / "in_weights.f64", std::span<const double>(in_weights));
  write_raw(args.out / "own_terms.f64", std::span<const double>(c.data(), n * K));
  write_raw(args.out / "exposure.f64", std::span<const double>(full.exposure.data(), n * K));
  write_raw(args.out / "tiers.i32", std::span<const std::int32_t>(tiers.tier));

  meta["scenario"] = args.scenario.string();
  meta["boost"] = std::to_string(BOOST_VERSION / 100000) + "." +
                  std::to_string(BOOST_VERSION / 100 % 1000) + "." +
                  std::to_string(BOOST_VERSION % 100);
  meta["n"] = n;
  meta["m"] = m;
  meta["K"] = K;
  meta["categories"] = own.categories;
  meta["reps"] = args.reps;
  meta["focal"] = {{"index", focal},
                   {"id", net.firm(focal).id},
                   {"suppliers", net.suppliers(focal).size()},
                   {"candidates_tried", tried},
                   {"upstream_firms", tiers.upstream_count()},
                   {"max_tier", tiers.max_tier()},
                   {"links_scanned", links_scanned}};
  meta["lambda"] = lin.upstream_weight;
  meta["unmapped_risk"] = lin.unmapped_risk;
  meta["tolerance"] = lin.tolerance;
  meta["linear_k"] = {{"sweeps", full.sweeps},
                      {"residual", full.residual},
                      {"converged", full.converged},
                      {"cyclic_components", full.cyclic_components},
                      {"firms_in_cycles", full.firms_in_cycles},
                      {"link_updates", full.link_updates}};
  meta["linear_1"] = {{"sweeps", one.sweeps},
                      {"residual", one.residual},
                      {"converged", one.converged},
                      {"link_updates", one.link_updates}};
  meta["checks"] = {{"bgl_bfs_equals_tiers", bfs_agree},
                    {"k1_vs_first_column_max_abs_diff", k1_diff},
                    {"k1_agrees", k1_agree}};
  {
    std::ofstream f(args.out / "meta.json", std::ios::trunc);
    f << meta.dump(2) << "\n";
    if (!f) throw std::runtime_error("cannot write " + (args.out / "meta.json").string());
  }
  std::cout << meta.dump(2) << "\n";

  int status = 0;
  if (!bfs_agree) {
    std::cerr << "compare_kernels: FAIL: BGL breadth-first distances differ from risk::tiers\n";
    status = 1;
  }
  if (!full.converged || !one.converged) {
    std::cerr << "compare_kernels: FAIL: linear exposure did not converge\n";
    status = 1;
  }
  if (!k1_agree) {
    std::cerr << "compare_kernels: FAIL: K = 1 solution differs from column 0 by " << k1_diff
              << " > 2 * tolerance\n";
    status = 1;
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  try {
    args = parse(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "compare_kernels: " << e.what()
              << "\nusage: compare_kernels SCENARIO OUTDIR [--reps R] [--candidates C] "
                 "[--tolerance T]\n";
    return 2;
  }
  try {
    return run(args);
  } catch (const std::exception& e) {
    std::cerr << "compare_kernels: " << e.what() << "\n";
    return 2;
  }
}
