#!/usr/bin/env bash
# The `clv serve` benchmark of docs/benchmarks.md: a store of 10^6 customers, then ingest in
# batches of 1,000 events while GET /v1/customers/{id} is read at a fixed rate.
#   1. draws a log of 10^6 BG/NBD customers (seed 6, 2024, about 2.3 M rows) unless present;
#   2. imports it once into a base database (kept, with its first fitted model);
#   3. for each run, serves a fresh copy of the base database on 127.0.0.1, runs serve_load
#      against it and prints serve_load's JSON plus the server's CPU seconds during the load.
#
# Usage: tools/serve_bench.sh [BUILD_DIR] [serve_load options...]
#   BUILD_DIR (default build) holds clv and bench/serve_load (-DCLV_BUILD_BENCHMARKS=ON).
#   CLV_SERVE_BENCH_DIR=dir keeps the log and databases elsewhere (default bench/data/serve).
#   PORT=n listens on another loopback port (default 18077).
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
shift || true
clv=$build/clv
load=$build/bench/serve_load
dir=${CLV_SERVE_BENCH_DIR:-bench/data/serve}
port=${PORT:-18077}
for binary in "$clv" "$load"; do
  if [ ! -x "$binary" ]; then
    echo "serve_bench.sh: no $binary; build clv_cli and serve_load first" >&2
    exit 2
  fi
done
mkdir -p "$dir"

cpu_seconds() {  # user + system CPU of process $1, from /proc
  awk -v tick="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / tick }' "/proc/$1/stat"
}

wait_for_model() {  # polls until the server on $port has a fitted model (bounded: 10 minutes)
  for _ in $(seq 1 1200); do
    if curl -sf "http://127.0.0.1:$port/v1/model" > /dev/null; then return 0; fi
    sleep 0.5
  done
  echo "serve_bench.sh: no model after 10 minutes" >&2
  return 1
}

serve() {  # starts clv serve on database $1 with the remaining arguments; sets server_pid
  local db=$1
  shift
  "$clv" serve --db "$db" --listen "127.0.0.1:$port" --model bgnbd --http-threads 8 "$@" \
    2>> "$dir/serve.log" &
  server_pid=$!
}

stop() {
  kill -TERM "$server_pid"
  wait "$server_pid" || true
}

log=$dir/log_1m.csv
if [ ! -s "$log" ]; then
  "$clv" generate --customers 1000000 --seed 6 --timestamps datetime --transaction-ids \
    --start 2024-01-01 --days 365 -o "$log"
fi

base=$dir/base.db
if [ ! -s "$base" ]; then
  start=$(date +%s.%N)
  serve "$base" --import "$log" --transaction-id transaction_id
  wait_for_model
  echo "{\"import_and_first_fit_seconds\": $(echo "$(date +%s.%N) - $start" | bc)," \
    "\"server_cpu_seconds\": $(cpu_seconds "$server_pid")}"
  stop
fi

rm -f "$dir/run.db" "$dir/run.db-wal" "$dir/run.db-shm"
cp "$base" "$dir/run.db"
serve "$dir/run.db"
wait_for_model
cpu_before=$(cpu_seconds "$server_pid")
"$load" --port "$port" --customers 1000000 "$@"
cpu_after=$(cpu_seconds "$server_pid")
peak_kb=$(awk '/VmHWM/ { print $2 }' "/proc/$server_pid/status")
load_average=$(cut -d' ' -f1-3 /proc/loadavg)
echo "{\"server_cpu_seconds_during_load\": $(echo "$cpu_after - $cpu_before" | bc)," \
  "\"server_peak_memory_mb\": $((peak_kb / 1024)), \"load_average\": \"$load_average\"}"
stop
