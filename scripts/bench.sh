#!/usr/bin/env bash
# Times apiproof on a docs corpus against the read-and-parse floor, and measures
# the peak memory of one full `apiproof check` run.
#
#   scripts/bench.sh [CORPUS]     (default ../shared/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
if [ ! -d "$corpus" ]; then
  echo "bench: no corpus at $corpus" >&2
  exit 2
fi
cargo build --release --quiet
cargo bench --quiet --bench corpus -- "$corpus"
python3 - "$corpus" <<'PY'
import resource, subprocess, sys
subprocess.run(["target/release/apiproof", "check", "--format", "json", sys.argv[1]],
               stdout=subprocess.DEVNULL, check=False)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"peak memory of one apiproof check run: {peak:.0f} MB")
PY
