#!/usr/bin/env bash
# The Runner benchmark in one command (issue 6): runner vs a hand-written TorchSharp loop vs PyTorch on
# three MNIST workloads, interleaved, median of N repetitions; writes bench/results/latest.{md,csv}.
#
#   bench/run.sh                      # about 5 minutes on 2 cores
#   bench/run.sh --reps 5 --sweeps    # more repetitions, plus the sweep-level numbers (slow)
#   bench/run.sh --load               # quiet vs 1 and 2 busy cores, runner vs hand loop (bench/load.py)
#   bench/run.sh --cnn-variants       # the CNN investigation: variants side by side (bench/cnn_variants.py)
#   bench/run.sh --sweep-speed        # the main sweep end to end in each mode, with its multiply floor (bench/sweep_speed.py)
#   bench/run.sh --help               # every option (see bench/driver.py)
#
# Installs what it needs when missing (as root): Debian's python3-torch with libopenblas0-pthread
# (the PyTorch contender runs under /usr/bin/python3, not a pyenv python3 first on PATH).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"

apt_install() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "bench: missing Debian packages: $*; install them with: sudo apt-get install -y $*" >&2
    exit 1
  fi
  echo "bench: installing $* with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine has empty package lists until the first update.
  apt-get install -y -qq "$@" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$@" >/dev/null; }
}

missing=()
/usr/bin/python3 -c 'import torch, numpy' 2>/dev/null || missing+=(python3-torch)
[[ -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ]] || missing+=(libopenblas0-pthread)
((${#missing[@]} == 0)) || apt_install "${missing[@]}"

echo "bench: building bench/HandLoop (Release)" >&2
dotnet build "$bench/HandLoop/HandLoop.csproj" -c Release -nologo -v quiet --disable-build-servers >/tmp/bench-handloop-build.log 2>&1 \
  || { cat /tmp/bench-handloop-build.log >&2; echo "bench: HandLoop build failed" >&2; exit 1; }

cd "$root"
if [[ "${1:-}" == "--load" ]]; then
  exec /usr/bin/python3 "$bench/load.py" "$@"
fi
if [[ "${1:-}" == "--sweep-speed" ]]; then
  shift
  exec /usr/bin/python3 "$bench/sweep_speed.py" "$@"
fi
if [[ "${1:-}" == "--cnn-variants" ]]; then
  shift
  exec /usr/bin/python3 "$bench/cnn_variants.py" "$@"
fi
exec /usr/bin/python3 "$bench/driver.py" "$@"
