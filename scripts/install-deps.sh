#!/usr/bin/env bash
# Installs the Debian 12 packages diligence needs to build and test, and only those that are
# missing: apt-get update runs only when something is missing, sudo only when not root.
# Non-interactive, quiet and idempotent: a second run does nothing.
#
# chromium, python3 and a font are for the browser tests of the HTML reports (tests/browser/) and
# for scripts/gallery.sh. On a fresh Debian 12 they double the install: about 185 packages, 200 MB
# to download and 680 MB on disk on top of the build dependencies' 135 packages, 135 MB and 660 MB.
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache pkg-config
  libboost-graph-dev libeigen3-dev libyaml-cpp-dev libcli11-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  chromium python3 fonts-dejavu-core
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps.sh: missing packages (${missing[*]}) and no apt-get; install them by hand" >&2
  exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-deps.sh: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi

echo "install-deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
