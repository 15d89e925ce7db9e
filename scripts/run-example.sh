#!/usr/bin/env bash
# The main job on the bundled CDNOW purchase log (23,570 customers, 1997-01 .. 1998-06): installs
# what is missing, builds clv, and writes per-customer predictions, segments and business metrics
# to out/cdnow/ (or the folder given as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-out/cdnow}
data=${CLV_SHARED_DATA_DIR:-../shared/data}
log="$data/CDNOW_master.txt"

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
mkdir -p "$out"

ingest=(--customer customer_id --date date --amount dollar_value)
clv=build/clv

"$clv" summary "$log" "${ingest[@]}" --unit week --durations continuous -o "$out/summary.csv"
"$clv" fit "$out/summary.csv" --unit week --model bgnbd -o "$out/model.json"
"$clv" fit "$out/summary.csv" --unit week --model gg -o "$out/spend_model.json"
"$clv" predict "$out/summary.csv" --model "$out/model.json" --spend-model "$out/spend_model.json" \
  --horizon 52 --months 12 --discount-rate 0.01 -o "$out/predictions.csv"
"$clv" segment "$out/predictions.csv" -o "$out/segments.csv" --summary "$out/segments.json"
"$clv" metrics "$log" "${ingest[@]}" --period month -o "$out/metrics.json"

echo "clv: wrote $out/{summary.csv,model.json,spend_model.json,predictions.csv,segments.csv,segments.json,metrics.json}"
