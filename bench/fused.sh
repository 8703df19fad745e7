#!/usr/bin/env bash
# Fused vs separate training of the same sweep at equal parallelism, alternated in one invocation so the
# ratio holds on a busy machine (absolute times don't). Usage:
#   bench/fused.sh [--rounds N] [--epochs E] [--jobs J] [--experiment FILE] [--set key=value ...]
# Prints one line per sweep and the median wall-time ratio separate / fused per parallelism.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=3 epochs=1 jobs_list="1 2" experiment="$here/experiments/optimizers.yaml" extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --jobs) jobs_list="$2"; shift 2 ;;
    --experiment) experiment="$(realpath "$2")"; shift 2 ;;
    --set) extra+=(--set "$2"); shift 2 ;;
    -h|--help) sed -n 2,5p "$0"; exit 0 ;;
    *) echo "bench/fused.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
runner="$here/runner"
"$runner" validate "$experiment" >/dev/null   # builds once, before any timing
work="$(mktemp -d /tmp/runner-fused-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

declare -A times
for jobs in $jobs_list; do
  for round in $(seq 1 "$rounds"); do
    for fuse in off auto; do
      results="$work/$fuse-$jobs-$round"
      start=$(date +%s.%N)
      "$runner" run "$experiment" --results "$results" --no-report --jobs "$jobs" \
        --set train.epochs="$epochs" --set train.threads=1 --set train.fuse="$fuse" "${extra[@]}" >"$results.log" 2>&1 \
        || { echo "sweep failed, see $results.log" >&2; cat "$results.log" >&2; exit 1; }
      end=$(date +%s.%N)
      wall=$(echo "$end - $start" | bc)
      failed=$(grep -c '"Status": "failed"\|"Status": "diverged"' "$results"/*/runs/*/result.json || true)
      printf 'jobs %s round %s fuse %-4s wall %6.1f s  failed/diverged runs: %s\n' "$jobs" "$round" "$fuse" "$wall" "$failed"
      times["$jobs,$fuse"]+="$wall "
    done
  done
done

echo
echo "| --jobs | separate (median s) | fused (median s) | speed-up |"
echo "|--:|--:|--:|--:|"
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for jobs in $jobs_list; do
  off=$(echo "${times["$jobs,off"]}" | median)
  on=$(echo "${times["$jobs,auto"]}" | median)
  printf '| %s | %.1f | %.1f | %.2fx |\n' "$jobs" "$off" "$on" "$(echo "$off / $on" | bc -l)"
done
echo
echo "Wall time includes start-up, data preparation, validation and test passes; train.threads=1, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)."
