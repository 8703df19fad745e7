#!/usr/bin/env bash
# The parallel stress test of issue 21: N consecutive `runner run --jobs 2` sweeps of a small experiment
# (bench/experiments/parallel-stress.yaml: 24 runs of 2 short epochs), each into a fresh results folder;
# fails if any run failed. Before the fix (a Scalar freed under libtorch by another thread's garbage
# collection, see src/Models/Optimizers/KeptScalars.cs) about 1 sweep in 50 had a failed run; a busy
# machine makes collections during native calls likelier, so run it beside other work too.
#
#   bench/parallel-stress.sh          # 20 sweeps, about 5 minutes on 2 quiet cores
#   bench/parallel-stress.sh 100      # more sweeps
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"
sweeps="${1:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/runner" validate "$bench/experiments/parallel-stress.yaml" >/dev/null
failed_sweeps=0
failed_runs=0
for i in $(seq 1 "$sweeps"); do
  status=0
  "$root/runner" run "$bench/experiments/parallel-stress.yaml" --jobs 2 --no-report --quiet \
    --results "$work/results-$i" >"$work/log-$i" 2>&1 || status=$?
  runs="$(find "$work/results-$i" -name result.json | wc -l)"
  failures="$(grep -il '"status": *"failed"' $(find "$work/results-$i" -name result.json) 2>/dev/null | wc -l || true)"
  echo "sweep $i/$sweeps: exit $status, $runs runs ended, $failures failed"
  if [[ $status -ne 0 || $failures -ne 0 || $runs -ne 24 ]]; then
    failed_sweeps=$((failed_sweeps + 1))
    failed_runs=$((failed_runs + failures))
    grep -i "failed\|libtorch" "$work/log-$i" | head -5 || true
  fi
done
echo "parallel stress: $sweeps sweeps of 24 runs at --jobs 2, $failed_sweeps with a failure ($failed_runs failed runs)"
[[ $failed_sweeps -eq 0 ]]
