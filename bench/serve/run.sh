#!/usr/bin/env bash
# `runner serve` at scale: generates a 10,000-run x 100-epoch folder (generate.py, from a real random
# search), starts serve over it, and measures in headless chromium (measure.js) the open and filter
# times, with the server's load time and memory. Targets (issue 23): open <= 2 s, filter <= 100 ms, the
# server's memory bounded (curves: a summary per run plus a 64 MB cache; see src/Runner/Serve/CurveStore.cs).
# The load average is printed with the numbers: on a busy machine they are not the product's.
# Usage: bench/serve/run.sh TEMPLATE_SWEEP_DIR [RUNS] [EPOCHS]   (template: a finished `random:` sweep's folder)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$here/../.."
template="$1"; runs="${2:-10000}"; epochs="${3:-100}"
work="$(mktemp -d /tmp/serve-bench.XXXXXX)"; trap 'kill $serve 2>/dev/null || true; rm -rf "$work"' EXIT
python3 "$here/generate.py" "$template" "$work/big" --runs "$runs" --epochs "$epochs"
"$repo/runner" --version >/dev/null   # builds first, so the times below are serve's own
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
"$repo/runner" serve "$work" --port 0 >"$work/serve.log" 2>&1 & serve=$!
until url=$(grep -o 'http://[^ ]*/' "$work/serve.log"); do sleep 0.05; done
until curl -s "${url}api/sweeps" | grep -q '"loading":false'; do sleep 0.05; done
echo "server: loaded $runs runs x $epochs epochs in $(echo "$(date +%s.%N) - $start" | bc) s (process start included)"
echo "server memory after loading: $(grep VmRSS /proc/$serve/status)"
playwright="$(ls -d ~/.nuget/packages/microsoft.playwright/*/.playwright | sort -V | tail -1)"
PLAYWRIGHT_CORE="$playwright/package" "$playwright/node/linux-x64/node" "$here/measure.js" "$url" big "$work/big"
echo "server memory after the views: $(grep VmRSS /proc/$serve/status), peak $(grep VmHWM /proc/$serve/status)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
