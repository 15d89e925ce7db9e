#!/usr/bin/env bash
# The main job on the bundled CDNOW purchase log (23,570 customers, 1997-01 .. 1998-06): installs
# what is missing, builds clv, and runs `clv analyze` with the standard 39-week calibration
# period, writing predictions, models, segments, metrics and report.html to out/cdnow/ (or the
# folder given as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-out/cdnow}
data=${CLV_SHARED_DATA_DIR:-../shared/data}

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target clv_cli

build/clv analyze "$data/CDNOW_master.txt" --customer customer_id --date date \
  --amount dollar_value --unit week --calibration-end 1997-09-30 -o "$out"
