#!/usr/bin/env bash
# Kill soak (docs/long-runs.md): trains one run uninterrupted, then the same run (same seed)
# killed with SIGKILL at random moments (training, evaluation, checkpoint and report writes,
# the kNN floor) and resumed each time until it ends by itself; checks that the final
# checkpoint state, metrics.jsonl, report and floor equal the uninterrupted run's bit for bit,
# and prints kills survived and training time lost per kill.
#   tools/kill_soak.sh [KILLS [MAX_SECONDS_BETWEEN_KILLS [DIR]]]
set -euo pipefail
kills=${1:-20}
max_wait=${2:-20}
dir=${3:-$(mktemp -d /tmp/cmsf-soak.XXXXXX)}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
export CMSF_CACHE_DIR=off # measure the floor every time: kills land in it too
args=(--method cmsf-2q --dataset fashion-mnist --epochs 3 --limit 1024 --quiet
  --set width=0.125 --set batch_size=64 --set bank_size=512 --set knn_train_limit=2000
  --set knn_test_limit=500 --set knn_every=1 --set log_every=1 --set keep_checkpoints=2
  --set checkpoint_minutes=0.1)

last_step() { grep -o '"step":[0-9]*' "$1/metrics.jsonl" 2>/dev/null | tail -1 | cut -d: -f2 || true; }

echo "uninterrupted run: $dir/whole"
start=$(date +%s)
./cmsf train --out "$dir/whole" "${args[@]}" >"$dir/whole.log" 2>&1
whole_seconds=$(( $(date +%s) - start ))
steps=$(last_step "$dir/whole")
echo "  $whole_seconds s wall, $steps steps"

run="$dir/killed"
survived=0 lost_steps=0
while :; do
  # killed before config.yaml was written, there is no run to resume yet: start it again
  if [ -f "$run/config.yaml" ]; then
    command=(./cmsf resume "$run" --quiet)
  else
    command=(./cmsf train --out "$run" --overwrite "${args[@]}")
  fi
  "${command[@]}" >>"$dir/killed.log" 2>&1 &
  pid=$!
  sleep "$(awk -v m="$max_wait" 'BEGIN { srand(); printf "%.2f", 0.5 + rand() * m }')"
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" && break # ended by itself: the run is complete
    echo "run failed, see $dir/killed.log" >&2; exit 1
  fi
  kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
  before=$(last_step "$run")
  echo "${before:-0}" >>"$dir/killed-at-steps"
  survived=$((survived + 1))
  # the step the next attempt continues from: the newest checkpoint's name, else 0
  newest=$(ls "$run/checkpoints" 2>/dev/null | grep -E '^epoch-[0-9]+(-step-[0-9]+)?\.ckpt$' \
    | sort | tail -1 || true)
  echo "kill $survived at step ${before:-0}, newest checkpoint ${newest:-none}"
  if [ "$survived" -ge "$kills" ]; then
    ./cmsf resume "$run" --quiet >>"$dir/killed.log" 2>&1
    break
  fi
done
# training lost per kill: the last step logged before it minus the step resumed from
grep -o 'loaded [^ ]* (step [0-9]*)' "$dir/killed.log" | grep -o '[0-9]*)$' | tr -d ')' \
  >"$dir/resumed-from-steps" || true
step_seconds=$(grep -o '"train_seconds" : [0-9.]*' "$dir/whole/report.json" | awk -v n="$steps" '{ print $3 / n }')
paste "$dir/killed-at-steps" "$dir/resumed-from-steps" | awk -v s="$step_seconds" -v k="$survived" '
  { lost = $1 - $2; total += lost; if (lost > max) max = lost }
  END { printf "kills survived: %d; steps lost per kill: mean %.1f, max %d (%.1f s, max %.1f s of training at %.2f s a step)\n", k, total / NR, max, s * total / NR, s * max, s }'
java_cp="target/classes:target/test-classes:target/lib/*"
if java -cp "$java_cp" dev.cmsf.train.RunComparison "$dir/whole" "$run"; then
  echo "PASS: the killed run ends bit for bit as the uninterrupted one"
else
  echo "FAIL: see $dir" >&2; exit 1
fi
