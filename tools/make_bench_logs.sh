#!/usr/bin/env bash
# Writes the benchmark transaction logs under bench/data/ (git-ignored), unless they exist:
#   bench/data/bench_30m_customer.csv  about 30.4 million rows, 10 million customers, 1.1 GB,
#                                      rows grouped by customer
#   bench/data/bench_30m_time.csv      the same rows in time order, customers interleaved
# Both are drawn from BG/NBD customers with CDNOW-like parameters and Gamma-Gamma spend over
# 680 days from 2023-01-01 (first purchases in the first 84 days), seed 20240101, with
# timestamps YYYY-MM-DDTHH:MM:SS and ids C000000001.. .
#
# Usage: tools/make_bench_logs.sh [path/to/clv]     (default: build/clv)
#   FORCE=1 rewrites existing files; CLV_BENCH_DATA=dir writes elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

clv=${1:-build/clv}
out=${CLV_BENCH_DATA:-bench/data}
if [ ! -x "$clv" ]; then
  echo "make_bench_logs.sh: no clv binary at '$clv'; build it or pass its path" >&2
  exit 2
fi
mkdir -p "$out"

common=(--model bgnbd --customers 10000000 --start 2023-01-01 --days 680 --acquisition-days 84
        --seed 20240101 --timestamps datetime)
for order in customer time; do
  file="$out/bench_30m_$order.csv"
  if [ -s "$file" ] && [ "${FORCE:-0}" != "1" ]; then
    echo "make_bench_logs.sh: keeping $file" >&2
    continue
  fi
  "$clv" generate "${common[@]}" --order "$order" -o "$file"
done
