#!/usr/bin/env bash
# Wall time and peak memory of `clv metrics` and `clv segment` on the benchmark log of
# tools/make_bench_logs.sh (about 30 million rows, 10 million customers), next to `clv summary`
# on the same file, which is the yardstick: the metrics should take the same order of time.
#
#   bench/metrics_bench.sh [LOG]      (default: bench/data/bench_30m_time.csv)
#   CLV=path/to/clv THREADS=0 WORK=/tmp/clv_metrics_bench bench/metrics_bench.sh
#
# Runs, each once with a warm page cache:
#   summary   clv summary LOG                          -> WORK/summary.csv
#   metrics   clv metrics LOG --period month -o WORK/metrics.json
#   segment   clv segment WORK/summary.csv -o WORK/segments.csv --summary WORK/segments.json
#   grouped   clv segment WORK/summary.csv --transactions LOG --group-by acquisition_month
# (This is a shell script: keep it away from clang-format.)
set -euo pipefail
cd "$(dirname "$0")/.."

clv=${CLV:-build/clv}
threads=${THREADS:-0}
work=${WORK:-/tmp/clv_metrics_bench}
log=${1:-bench/data/bench_30m_time.csv}
mkdir -p "$work"

if [ ! -x "$clv" ]; then
  echo "no clv binary at $clv (build it: cmake --build build --target clv_cli)" >&2
  exit 1
fi
if [ ! -s "$log" ]; then
  echo "no benchmark log at $log (write it: tools/make_bench_logs.sh $clv)" >&2
  exit 1
fi
cat "$log" >/dev/null  # warm the page cache

# run NAME ARGS...: runs clv with ARGS under /usr/bin/time and prints seconds and peak memory.
run() {
  local name=$1
  shift
  /usr/bin/time -v "$clv" "$@" >/dev/null 2>"$work/time_$name.txt" || {
    cat "$work/time_$name.txt" >&2
    exit 1
  }
  local seconds cpu_seconds peak_kb
  seconds=$(grep "Elapsed (wall clock)" "$work/time_$name.txt" | awk -F': ' '{print $2}' |
    awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  # CPU time (user + system) is the steadier figure on a machine shared with other jobs.
  cpu_seconds=$(grep -E "(User|System) time" "$work/time_$name.txt" | awk '{s += $NF} END {print s}')
  peak_kb=$(grep "Maximum resident set size" "$work/time_$name.txt" | awk '{print $NF}')
  printf '%-8s %8.2f s wall  %8.2f s cpu  peak %6.0f MB\n' "$name" "$seconds" "$cpu_seconds" \
    "$(echo "$peak_kb / 1024" | bc -l)"
}

echo "log: $log ($(stat -c %s "$log") bytes), threads: $threads (0 = every core)"
run summary summary "$log" --threads "$threads" -o "$work/summary.csv"
run metrics metrics "$log" --threads "$threads" --period month -o "$work/metrics.json"
run segment segment "$work/summary.csv" --threads "$threads" -o "$work/segments.csv" \
  --summary "$work/segments.json"
run grouped segment "$work/summary.csv" --threads "$threads" --transactions "$log" \
  --group-by acquisition_month --summary "$work/grouped.json"
