#!/usr/bin/env bash
# The side-by-side comparison in one command (benchmarks/compare/README.md): installs what is
# missing, builds the `diligence` CLI and the compare programs (Release), generates a network,
# times every task in diligence, Boost.Graph, scipy.sparse, python-igraph, graph-tool and
# networkx, checks that the results agree (exit status 1 when they do not), probes the memory
# bandwidth and prints the tables, also written as Markdown to --out.
#
# Usage: benchmarks/compare/run.sh [--firms N] [--quick] [--reps R] [--out FILE]
#                                  [--build-dir DIR] [--keep]
#   --firms N      network size (default 1000000: ~10M links, ~0.5 GB of CSV under ${TMPDIR:-/tmp})
#   --quick        one timed run instead of 3, no networkx, a smaller bandwidth probe
#   --reps R       timed runs per task, best kept (default 3; 1 with --quick)
#   --out FILE     Markdown result (default build/compare/results.md)
#   --build-dir D  build directory (default build/release when configured, else
#                  build/compare-release)
#   --keep         keep the generated network and the exchange files
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

firms=1000000
quick=0
reps=""
out="build/compare/results.md"
build=""
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --firms) firms="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --reps) reps="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$firms" in ''|*[!0-9]*) echo "run.sh: --firms needs a positive integer" >&2; exit 2 ;; esac
if [ -z "$reps" ]; then
  if [ "$quick" -eq 1 ]; then reps=1; else reps=3; fi
fi

step() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)" >&2; }

# --- dependencies ----------------------------------------------------------------------------------
step "dependencies"
scripts/install-deps.sh
py_packages=(python3-numpy python3-scipy python3-igraph python3-graph-tool python3-networkx)
missing=()
for p in "${py_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  echo "run.sh: installing ${missing[*]}" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
python=/usr/bin/python3  # Debian's, where the python3-* packages live

# --- build -----------------------------------------------------------------------------------------
step "build"
if [ -z "$build" ]; then
  if [ -f build/release/CMakeCache.txt ]; then build=build/release; else build=build/compare-release; fi
fi
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt")"
if [ "$build_type" != "Release" ]; then
  echo "run.sh: $build is a '$build_type' build; timings need Release (use --build-dir)" >&2
  exit 2
fi
cmake --build "$build" --target diligence_cli diligence_compare_kernels diligence_bandwidth -j2
bin="$build/benchmarks/compare"

# --- network ---------------------------------------------------------------------------------------
work="${TMPDIR:-/tmp}/diligence-compare-$firms"
cleanup() { if [ "$keep" -eq 0 ]; then rm -rf "$work"; fi; }
trap cleanup EXIT
mkdir -p "$work"
step "generate $firms firms into $work/net"
"$build/diligence" generate --firms "$firms" --seed 1 -o "$work/net"

# --- diligence and Boost.Graph ---------------------------------------------------------------------
step "compare_kernels (diligence, Boost.Graph)"
"$bin/compare_kernels" "$work/net/scenario.yaml" "$work/data" --reps "$reps" >/dev/null

# --- memory bandwidth ------------------------------------------------------------------------------
step "bandwidth"
bw_args=(--rows "$firms" --reps "$reps" --json "$work/bandwidth.json")
if [ "$quick" -eq 1 ]; then bw_args+=(--triad-mb 64 --gather-mb 128 --gathers 4000000); fi
"$bin/bandwidth" "${bw_args[@]}" >/dev/null

# --- peers, agreement, tables ----------------------------------------------------------------------
step "peers (scipy.sparse, python-igraph, graph-tool, networkx)"
py_args=(--data "$work/data" --bandwidth "$work/bandwidth.json" --out "$out" --reps "$reps")
if [ "$quick" -eq 1 ]; then
  py_args+=(--quick --command "--firms $firms --quick")
else
  py_args+=(--command "--firms $firms")
fi
"$python" benchmarks/compare/compare.py "${py_args[@]}"
