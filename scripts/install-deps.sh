#!/usr/bin/env bash
# Installs every Debian package clv needs to build, test and benchmark. Safe to run repeatedly.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ clang libclang-rt-14-dev clang-format
  # libraries
  libboost-dev libboost-math-dev libeigen3-dev libnlopt-cxx-dev libtbb-dev libcli11-dev
  libfmt-dev libspdlog-dev nlohmann-json3-dev libsimdjson-dev libcpp-httplib-dev libsqlite3-dev zlib1g-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev librapidcheck-dev python3-mpmath python3-numpy
  gzip time
  # the report's browser test (tests/report)
  chromium
)
# The report's chart libraries come from the npm registry (report/package-lock.json). A
# nodejs from another source already brings npm, and Debian's npm would conflict with it.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

# Installs the pinned chart libraries into report/node_modules, once; the build inlines them.
install_report_libraries() {
  local report_dir
  report_dir="$(cd "$(dirname "$0")/.." && pwd)/report"
  if [ ! -f "$report_dir/node_modules/.package-lock.json" ]; then
    echo "install-deps: npm ci in $report_dir" >&2
    (cd "$report_dir" && npm ci --no-audit --no-fund >&2)
  fi
}
trap install_report_libraries EXIT

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present" >&2
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
