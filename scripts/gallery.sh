#!/usr/bin/env bash
# Renders the HTML reports of the shipped examples with headless chromium into docs/gallery/*.png
# and writes docs/gallery.md: each picture with the command that made it.
#
#   scripts/gallery.sh [DILIGENCE]     # default: build/release/diligence, else build/dev/diligence
#
# Builds nothing: pass the binary of a build that has `--format html`. Each page is checked and
# rendered whole by tests/browser/render_check.py (--window-size 1280xfull: it measures the page's
# height with one chromium run, then screenshots the page at that height), so a picture is only
# written for a page that passes the browser test's checks. Needs chromium and python3
# (scripts/install-deps.sh installs both). Run from anywhere; paths are relative to the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:-}
if [ -z "$bin" ]; then
  for candidate in build/release/diligence build/dev/diligence; do
    if [ -x "$candidate" ]; then
      bin=$candidate
      break
    fi
  done
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "gallery.sh: no diligence binary: build one (cmake --preset release &&" \
    "cmake --build --preset release) or pass its path" >&2
  exit 1
fi
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3) || {
  echo "gallery.sh: python3 is missing (scripts/install-deps.sh)" >&2
  exit 1
}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "gallery.sh: chromium is missing (scripts/install-deps.sh)" >&2
  exit 1
fi

korea=examples/scenarios/korea-battery/scenario.yaml
# report NAME TITLE ARGS ABOUT: one page of the gallery; ARGS are the arguments of `diligence`
# (split on spaces), ABOUT says what the page shows.
names=() titles=() arguments=() abouts=()
report() {
  names+=("$1") titles+=("$2") arguments+=("$3") abouts+=("$4")
}
report audit "Company mock audit: DE-AUTO under csddd-2024" \
  "audit $korea --focal DE-AUTO --directive csddd-2024 --runs 200" \
  "The German carmaker of the Korean battery-cluster example under the CSDDD as adopted, with
200 Monte Carlo runs: scope, chain of activities (heat map of exposure by tier and category, map of
the upstream network), the contributing paths, obligations, findings, penalty exposure and the
histograms of the runs."
report supplier-audit "Supplier mock due diligence: KR-NOK-04" \
  "audit $korea --focal KR-NOK-04 --kind supplier --runs 200" \
  "The mock due diligence an EU customer runs on the busbar maker KR-NOK-04 (the worked example
of [audits.md](audits.md)), with 200 Monte Carlo runs of its answers: what to fix first, findings,
checks and the histograms of score, readiness and findings."
report risk "Risk of the korea-battery network" "risk $korea" \
  "Own risk and exposure of every firm: heat map by tier and category, mean own risk and exposure
by category, the distribution of overall exposure, the network map and the firms with the highest
exposure."
report support "Support for the 2 000 tenants of the Hanbit complex" \
  "support examples/support/complex-2000/scenario.yaml
   --programmes examples/support/programmes.yaml --years 3" \
  "Three years of consulting, supply-chain support and training for the complex-2000 example
([support.md](support.md)): gain against the baselines, target exposure year by year, and the
allocation by programme and SME class."

# wrap COMMAND: the command on lines of at most 100 columns, broken before an option (" --")
# and continued with a backslash.
wrap() {
  awk '{ n = split($0, words, / --/); line = words[1]
         for (i = 2; i <= n; ++i) {
           if (length(line) + length(words[i]) + 3 > 98) { print line " \\"; line = "   " }
           line = line " --" words[i] }
         print line }' <<<"$1"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p docs/gallery

version=$("$browser" --version 2>/dev/null | head -n 1)
{
  echo "# Gallery of the HTML reports"
  echo
  echo "Screenshots of the \`--format html\` pages ([reports.md](reports.md)) of the shipped"
  echo "examples, each page whole at 1280 pixels wide, made by \`scripts/gallery.sh\` with"
  echo "$version, headless."
  echo "Under each heading: the command that wrote the page (\`diligence\` is the built binary,"
  echo "run from the repository's root) and the one that took the screenshot, after the page"
  echo "passed the checks of the browser test (tests/browser/render_check.py). Run"
  echo "\`scripts/gallery.sh build/release/diligence\` to make them again."
} >"$work/gallery.md"

for i in "${!names[@]}"; do
  name=${names[$i]} title=${titles[$i]} args=${arguments[$i]} about=${abouts[$i]}
  read -ra argv <<<"${args//$'\n'/ }"
  args=${argv[*]}
  html=$work/$name.html
  png=docs/gallery/$name.png
  echo "gallery.sh: $name" >&2
  "$bin" "${argv[@]}" --format html -o "$html"
  if ! "$python" tests/browser/render_check.py --window-size 1280xfull --save-screenshot "$png" \
    --print-command "$html" >"$work/$name.check"; then
    cat "$work/$name.check" >&2
    echo "gallery.sh: $name.html did not pass the checks; no gallery written" >&2
    exit 1
  fi
  size=$(sed -n 's/^  ok   size *\([0-9x]*\).*/\1/p' "$work/$name.check")
  seconds=$(sed -n 's/^  ok   render .* in \([0-9.]*\) s$/\1/p' "$work/$name.check")
  screenshot=$(sed -n 's/^  command: //p' "$work/$name.check" |
    sed "s#--screenshot=[^ ]*#--screenshot=$png#; s#$work/##g")
  echo "gallery.sh: $png: $size pixels, $(wc -c <"$png") bytes, rendered in $seconds s" >&2
  {
    echo
    echo "## $title"
    echo
    echo "$about"
    echo
    echo '```sh'
    wrap "diligence ${args} --format html -o $name.html"
    wrap "$screenshot"
    echo '```'
    echo
    echo "![$title ($size pixels)](gallery/$name.png)"
  } >>"$work/gallery.md"
done
cp "$work/gallery.md" docs/gallery.md
echo "gallery.sh: wrote docs/gallery.md and ${#names[@]} pictures in docs/gallery/" >&2
