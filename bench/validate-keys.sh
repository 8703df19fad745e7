#!/usr/bin/env bash
# validate is linear in the file's size: a 4 MB experiment file of distinct keys (the size limit)
# must validate in under 2 s. Times `runner validate` on three shapes of such a file:
#   flat     - 4 MB of keys in one mapping (the old duplicate-key check was quadratic: 80k keys took 67 s)
#   dupes    - the same key repeated (one duplicate-key error per line)
#   nested   - keys spread over many small mappings
# Usage: bench/validate-keys.sh   (builds Release first through ./runner)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
limit=$((4 * 1024 * 1024 - 64))

python3 - "$work" "$limit" <<'PY'
import sys
work, limit = sys.argv[1], int(sys.argv[2])
def fill(name, line):
    out, size, i = [], 0, 0
    while True:
        text = line(i)
        if size + len(text) > limit: break
        out.append(text); size += len(text); i += 1
    open(f"{work}/{name}.yaml", "w").write("".join(out))
    print(f"{name}: {i} lines, {size} bytes")
fill("flat", lambda i: f"k{i:07d}: 1\n")
fill("dupes", lambda i: "same_key: 1\n")
fill("nested", lambda i: f"m{i // 100:05d}:\n" if i % 101 == 0 else f"  k{i:07d}: 1\n")
PY

./runner list > /dev/null   # build once, outside the timing
for name in flat dupes nested; do
  start=$(date +%s.%N)
  ./runner validate "$work/$name.yaml" > /dev/null 2>&1 || true
  end=$(date +%s.%N)
  printf '%-7s %.2f s\n' "$name" "$(echo "$end - $start" | bc)"
done
