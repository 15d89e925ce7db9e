#!/usr/bin/env bash
# Runs clv's whole test suite from a clean checkout: installs what is missing, builds with warnings
# as errors, runs every test, then builds and runs the tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs each fuzz target briefly.
#   CLV_SKIP_SANITIZERS=1 skips the sanitizer build; CLV_FUZZ_SECONDS sets each fuzzer's time.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
jobs=$(nproc)

echo "== formatting (.clang-format)" >&2
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror

echo "== release build (warnings as errors)" >&2
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCLV_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

if [ "${CLV_SKIP_SANITIZERS:-0}" != "1" ]; then
  echo "== address and undefined-behaviour sanitizers" >&2
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCLV_WERROR=ON \
    -DCMAKE_CXX_FLAGS="-O1" -DCLV_SANITIZERS="address;undefined" >/dev/null
  cmake --build build-asan -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs" -LE slow
fi

if compgen -G "fuzz/*_fuzzer.cpp" >/dev/null; then
  echo "== fuzzers (libFuzzer + ASan, ${CLV_FUZZ_SECONDS:-20} s each)" >&2
  CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="-O1" \
    -DCLV_BUILD_TESTS=OFF -DCLV_BUILD_FUZZERS=ON >/dev/null
  fuzzers=$(for source in fuzz/*_fuzzer.cpp; do basename "$source" .cpp; done)
  # shellcheck disable=SC2086  # one target name per word
  cmake --build build-fuzz -j "$jobs" --target $fuzzers
  for fuzzer in build-fuzz/fuzz/*_fuzzer; do
    corpus="fuzz/corpus/$(basename "$fuzzer")"
    work=$(mktemp -d)
    [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
    "$fuzzer" -max_total_time="${CLV_FUZZ_SECONDS:-20}" -print_final_stats=1 "$work" 2>&1 | tail -3
    rm -rf "$work"
  done
fi
