// bandwidth: the memory limits that diligence's graph kernels run against (README.md).
//
// Two probes, each with 1 thread and — with OpenMP — 2 threads, best of R runs after a warm-up:
//   - a STREAM-like triad a[i] = b[i] + s·c[i] over three arrays far larger than the last-level
//     cache (default 3 × 256 MB). GB/s counts 24 bytes per element (read b, read c, write a), as
//     STREAM does; the figure with 32 bytes (a's cache lines are read before being written, the
//     write-allocate traffic of ordinary stores) is reported too.
//   - random gathers: sum of x[idx[i]] over an index array read sequentially (4 bytes per gather)
//     with idx uniform over the table, for rows of 4 bytes (an int32, like one tier entry), 8 bytes
//     (one double) and 88 bytes (11 doubles, one row of the n × K risk matrix with K = 11, stored
//     back to back as in the row-major RiskMatrix, so a row straddles two or three cache lines).
//     Tables of --gather-mb (default 512 MB, far beyond the cache) and, with --rows N, of N rows
//     (the working set of a network of N firms). Reported as gathers/s and GB/s of row bytes.
//
// The index stream comes from our own splitmix64 with a fixed seed (no std::*_distribution).
// Output: a JSON document on standard output (and in --json FILE).
//
// Usage: bandwidth [--triad-mb MB] [--gather-mb MB] [--gathers G] [--rows N] [--reps R]
//                  [--json FILE]
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  std::size_t triad_mb = 256;
  std::size_t gather_mb = 512;
  std::size_t gathers = std::size_t{1} << 24;
  std::size_t rows = 0;
  int reps = 3;
  std::string json;
};

/// Thread counts to probe: 1, and 2 when OpenMP is available.
std::vector<int> thread_counts() {
#ifdef _OPENMP
  return {1, 2};
#else
  return {1};
#endif
}

/// Calls body(begin, end) on `threads` contiguous, static chunks of [0, n) in parallel and returns
/// the sum of the results (each thread's chunk is the same in every call: first touch and use
/// agree).
template <class Body>
double parallel_sum(int threads, std::size_t n, Body&& body) {
  double total = 0.0;
#ifdef _OPENMP
#pragma omp parallel num_threads(threads) reduction(+ : total)
  {
    const auto t = static_cast<std::size_t>(omp_get_thread_num());
    const auto T = static_cast<std::size_t>(omp_get_num_threads());
    total += body(n * t / T, n * (t + 1) / T);
  }
#else
  (void)threads;
  total = body(std::size_t{0}, n);
#endif
  return total;
}

/// Best time of `reps` runs of f after one warm-up run; `sink` accumulates f's results.
template <class F>
double best_of(int reps, double& sink, F&& f) {
  sink += f();
  double best = std::numeric_limits<double>::infinity();
  for (int r = 0; r < reps; ++r) {
    const Clock::time_point t0 = Clock::now();
    sink += f();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// `count` indices uniform over [0, rows) (Lemire's multiply-shift on the top 32 bits).
std::vector<std::uint32_t> random_indices(std::size_t count, std::size_t rows, std::uint64_t seed) {
  std::vector<std::uint32_t> idx(count);
  std::uint64_t state = seed;
  for (auto& i : idx)
    i = static_cast<std::uint32_t>(((splitmix64(state) >> 32) * static_cast<std::uint64_t>(rows)) >>
                                   32);
  return idx;
}

nlohmann::json triad(const Args& args, double& sink) {
  const std::size_t n = args.triad_mb * (std::size_t{1} << 20) / sizeof(double);
  // Not std::vector: its value-initialisation would touch every page from one thread.
  std::unique_ptr<double[]> a(new double[n]), b(new double[n]), c(new double[n]);
  const int max_threads = thread_counts().back();
  parallel_sum(max_threads, n, [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) {
      a[i] = 0.0;
      b[i] = 1.0 + static_cast<double>(i % 7);
      c[i] = 2.0 - static_cast<double>(i % 5);
    }
    return 0.0;
  });
  nlohmann::json out = nlohmann::json::array();
  const double s = 3.0;
  for (const int threads : thread_counts()) {
    const double t = best_of(args.reps, sink, [&] {
      return parallel_sum(threads, n, [&](std::size_t lo, std::size_t hi) {
        double* __restrict pa = a.get();
        const double* __restrict pb = b.get();
        const double* __restrict pc = c.get();
        for (std::size_t i = lo; i < hi; ++i) pa[i] = pb[i] + s * pc[i];
        return pa[lo] + pa[hi - 1];
      });
    });
    const double elements = static_cast<double>(n);
    out.push_back({{"threads", threads},
                   {"array_mb", args.triad_mb},
                   {"elements", n},
                   {"seconds", t},
                   {"gb_s", 24.0 * elements / t / 1e9},
                   {"gb_s_write_allocate", 32.0 * elements / t / 1e9}});
    std::cerr << "bandwidth: triad " << threads << " thread(s): " << 24.0 * elements / t / 1e9
              << " GB/s\n";
  }
  return out;
}

/// Gathers of rows of W elements of type T from a table of `rows` rows.
template <class T, std::size_t W>
void gather(const Args& args, std::size_t rows, const char* table, nlohmann::json& out,
            double& sink) {
  const std::size_t row_bytes = W * sizeof(T);
  std::unique_ptr<T[]> x(new T[rows * W]);
  const int max_threads = thread_counts().back();
  parallel_sum(max_threads, rows * W, [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) x[i] = static_cast<T>(i % 3);
    return 0.0;
  });
  const std::vector<std::uint32_t> idx = random_indices(args.gathers, rows, 20291203 + rows + W);
  for (const int threads : thread_counts()) {
    const double t = best_of(args.reps, sink, [&] {
      return parallel_sum(threads, idx.size(), [&](std::size_t lo, std::size_t hi) {
        using Acc = std::conditional_t<std::is_integral_v<T>, std::int64_t, T>;
        Acc acc[W] = {};
        for (std::size_t i = lo; i < hi; ++i) {
          const T* row = x.get() + static_cast<std::size_t>(idx[i]) * W;
          for (std::size_t k = 0; k < W; ++k) acc[k] += row[k];
        }
        double s = 0.0;
        for (std::size_t k = 0; k < W; ++k) s += static_cast<double>(acc[k]);
        return s;
      });
    });
    const double g = static_cast<double>(idx.size());
    out.push_back({{"threads", threads},
                   {"table", table},
                   {"row_bytes", row_bytes},
                   {"table_rows", rows},
                   {"table_mb", static_cast<double>(rows * row_bytes) / (1 << 20)},
                   {"gathers", idx.size()},
                   {"seconds", t},
                   {"gathers_per_s", g / t},
                   {"gb_s", g * static_cast<double>(row_bytes) / t / 1e9}});
    std::cerr << "bandwidth: gather " << row_bytes << " B rows, " << table << " table (" << rows
              << " rows), " << threads << " thread(s): " << g / t / 1e6 << " M/s\n";
  }
}

nlohmann::json gathers(const Args& args, double& sink) {
  nlohmann::json out = nlohmann::json::array();
  const std::size_t big = args.gather_mb * (std::size_t{1} << 20);
  gather<std::int32_t, 1>(args, big / 4, "large", out, sink);
  gather<double, 1>(args, big / 8, "large", out, sink);
  gather<double, 11>(args, big / 88, "large", out, sink);
  if (args.rows > 0) {
    gather<std::int32_t, 1>(args, args.rows, "network", out, sink);
    gather<double, 1>(args, args.rows, "network", out, sink);
    gather<double, 11>(args, args.rows, "network", out, sink);
  }
  return out;
}

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string s = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("unknown option or missing value: " + s);
    const std::string v = argv[++i];
    if (s == "--triad-mb") {
      a.triad_mb = std::stoul(v);
    } else if (s == "--gather-mb") {
      a.gather_mb = std::stoul(v);
    } else if (s == "--gathers") {
      a.gathers = std::stoul(v);
    } else if (s == "--rows") {
      a.rows = std::stoul(v);
    } else if (s == "--reps") {
      a.reps = std::stoi(v);
    } else if (s == "--json") {
      a.json = v;
    } else {
      throw std::invalid_argument("unknown option " + s);
    }
  }
  if (a.triad_mb == 0 || a.gather_mb == 0 || a.gathers == 0 || a.reps < 1)
    throw std::invalid_argument("sizes, --gathers and --reps must be positive");
  if (a.gather_mb * (std::size_t{1} << 20) / 4 > std::numeric_limits<std::uint32_t>::max() ||
      a.rows > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("tables are limited to 2^32 rows (32-bit indices)");
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args args = parse(argc, argv);
    double sink = 0.0;
    nlohmann::json out;
    out["openmp"] = thread_counts().size() > 1;
    out["reps"] = args.reps;
    out["triad"] = triad(args, sink);
    out["gather"] = gathers(args, sink);
    out["checksum"] = sink;  // keeps the loops observable
    const std::string text = out.dump(2) + "\n";
    std::cout << text;
    if (!args.json.empty()) {
      std::ofstream f(args.json, std::ios::trunc);
      f << text;
      if (!f) throw std::runtime_error("cannot write " + args.json);
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bandwidth: " << e.what()
              << "\nusage: bandwidth [--triad-mb MB] [--gather-mb MB] [--gathers G] [--rows N] "
                 "[--reps R] [--json FILE]\n";
    return 2;
  }
}
