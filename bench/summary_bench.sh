#!/usr/bin/env bash
# Throughput and peak memory of `clv summary` on a synthetic log of 30 million transactions over
# 10 million customers (string ids, ISO timestamps, amounts; about 1.3 GB), once sorted by
# customer and once in time order (customers interleaved), with `wc -l` on the same file as the
# floor of what reading the bytes costs.
#
#   bench/summary_bench.sh [WORK_DIR]     (default: /tmp/clv_summary_bench)
#   CLV=path/to/clv ROWS=30000000 CUSTOMERS=10000000 THREADS=0 bench/summary_bench.sh
#
# The log is made by a small generator compiled from this script (exact row and customer counts,
# deterministic), so the figures do not depend on a model's random draws.
set -euo pipefail
cd "$(dirname "$0")/.."

clv=${CLV:-build/clv}
rows=${ROWS:-30000000}
customers=${CUSTOMERS:-10000000}
threads=${THREADS:-0}
work=${1:-/tmp/clv_summary_bench}
mkdir -p "$work"

if [ ! -x "$clv" ]; then
  echo "no clv binary at $clv (build it: cmake --build build --target clv_cli)" >&2
  exit 1
fi

generator="$work/make_purchase_log"
if [ ! -x "$generator" ]; then
  cat >"$work/make_purchase_log.cpp" <<'CPP'
// make_purchase_log ROWS CUSTOMERS customer|time: writes customer_id,timestamp,amount to stdout.
// customer order: customer c has 1 + c % 5 rows (a mean of 3), in time order;
// time order: timestamps rise row by row and each row's customer is drawn uniformly.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

static std::uint64_t state = 0x2545F4914F6CDD1Dull;
static std::uint64_t Next() {
  state ^= state << 13; state ^= state >> 7; state ^= state << 17;
  return state;
}

static char* Row(char* out, std::uint64_t customer, std::int64_t seconds) {
  std::time_t t = seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  const std::uint64_t cents = 100 + Next() % 20000;
  return out + std::sprintf(out, "C%09llu,%04d-%02d-%02d %02d:%02d:%02d,%llu.%02llu\n",
                            static_cast<unsigned long long>(customer), tm.tm_year + 1900,
                            tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                            static_cast<unsigned long long>(cents / 100),
                            static_cast<unsigned long long>(cents % 100));
}

int main(int argc, char** argv) {
  if (argc != 4) return 2;
  const std::uint64_t rows = std::strtoull(argv[1], nullptr, 10);
  const std::uint64_t customers = std::strtoull(argv[2], nullptr, 10);
  const bool by_customer = std::strcmp(argv[3], "customer") == 0;
  const std::int64_t start = 1577836800;  // 2020-01-01
  const std::int64_t span = 3 * 365 * 86400LL;
  std::vector<char> buffer(1 << 22);
  char* out = buffer.data();
  auto flush = [&](bool force) {
    if (force || out - buffer.data() > (1 << 22) - 256) {
      std::fwrite(buffer.data(), 1, out - buffer.data(), stdout);
      out = buffer.data();
    }
  };
  std::fputs("customer_id,timestamp,amount\n", stdout);
  if (by_customer) {
    std::uint64_t written = 0;
    for (std::uint64_t c = 0; c < customers && written < rows; ++c) {
      const std::uint64_t n = 1 + c % 5;
      std::int64_t t = start + static_cast<std::int64_t>(Next() % (span / 2));
      for (std::uint64_t k = 0; k < n && written < rows; ++k, ++written) {
        out = Row(out, c, t);
        t += static_cast<std::int64_t>(Next() % (span / 10));
        flush(false);
      }
    }
  } else {
    for (std::uint64_t r = 0; r < rows; ++r) {
      const std::int64_t t = start + static_cast<std::int64_t>(r * span / rows);
      out = Row(out, Next() % customers, t);
      flush(false);
    }
  }
  flush(true);
  return 0;
}
CPP
  g++ -O2 -std=c++20 -o "$generator" "$work/make_purchase_log.cpp"
fi

for order in customer time; do
  log="$work/log_${order}.csv"
  if [ ! -s "$log" ]; then
    echo "generating $log ($rows rows, $customers customers, $order order)" >&2
    "$generator" "$rows" "$customers" "$order" >"$log"
  fi
  bytes=$(stat -c %s "$log")
  cat "$log" >/dev/null  # warm the page cache so both runs read from memory

  start=$(date +%s.%N)
  wc -l "$log" >/dev/null
  wc_seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')

  /usr/bin/time -v "$clv" summary "$log" --threads "$threads" -o "$work/summary_${order}.csv" \
    2>"$work/time_${order}.txt"
  grep "clv: info" "$work/time_${order}.txt" >&2 || true
  awk -v order="$order" -v rows="$rows" -v bytes="$bytes" -v wc_seconds="$wc_seconds" '
    /Elapsed \(wall clock\)/ {
      n = split($NF, part, ":")
      wall = n == 3 ? part[1] * 3600 + part[2] * 60 + part[3] : part[1] * 60 + part[2]
    }
    /User time/ { user = $NF }
    /System time/ { sys = $NF }
    /Maximum resident set size/ { peak_kb = $NF }
    END {
      printf "%-8s order: %d rows, %.2f GB: %.2f s wall (%.2f s CPU), %.2f M rows/s, " \
             "peak %.0f MB, %.1fx wc -l (%.2f s)\n", order, rows, bytes / 1e9, wall, user + sys,
             rows / wall / 1e6, peak_kb / 1024, wall / wc_seconds, wc_seconds
    }' "$work/time_${order}.txt"
done
