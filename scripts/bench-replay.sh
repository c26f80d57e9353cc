#!/usr/bin/env bash
# Benchmark (not a test): replay 2,000 documented GETs against `apiproof mock`,
# and measure what a dedicated load tool (oha) reaches on the same mock with the
# same concurrency, in the same run. Prints both rates, absolute.
#
#   scripts/bench-replay.sh [CONCURRENCY] [ROUNDS]
#
# oha is installed with `cargo install --locked oha` into $OHA_ROOT (default
# .bench-tools/ under the repository) only when it is not already there.
# Everything runs on 127.0.0.1.
set -euo pipefail

concurrency="${1:-8}"
rounds="${2:-3}"
examples=2000
per_page=20
root="$(cd "$(dirname "$0")/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
oha_root="${OHA_ROOT:-$root/.bench-tools}"
oha="$oha_root/bin/oha"
work="$(mktemp -d)"
mock_pid=""

cleanup() {
    if [ -n "$mock_pid" ]; then
        kill "$mock_pid" 2>/dev/null || true
        wait "$mock_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ ! -x "$oha" ]; then
    if command -v oha >/dev/null; then
        oha="$(command -v oha)"
    else
        echo "bench: installing oha into $oha_root" >&2
        cargo install --locked oha --root "$oha_root" >&2
    fi
fi
(cd "$root" && cargo build --release --quiet)
bin="$target_dir/release/apiproof"

# 2,000 examples on 100 pages, each its own route with a small JSON body.
mkdir -p "$work/docs"
for ((page = 0; page < examples / per_page; page++)); do
    file="$work/docs/page-$page.md"
    {
        echo "# Bench page $page"
        for ((n = 0; n < per_page; n++)); do
            printf '\n<!-- { "blockType": "request", "name": "get_p%d_e%d" } -->\n' "$page" "$n"
            printf '```http\nGET https://bench.example/v1/pages/p%d/items/e%d\n```\n\n' "$page" "$n"
            printf '<!-- { "blockType": "response", "name": "get_p%d_e%d" } -->\n' "$page" "$n"
            printf '```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n'
            printf '{\n  "id": "p%d-e%d",\n  "name": "Item %d",\n' "$page" "$n" "$n"
            printf '  "price": 12.5,\n'
            printf '  "tags": ["a", "b"],\n  "owner": { "id": "u1", "active": true }\n}\n```\n'
        done
    } >"$file"
done

"$bin" mock "$work/docs" --port 0 --docs-base https://bench.example/v1 \
    >"$work/mock.out" 2>"$work/mock.log" &
mock_pid=$!
for _ in $(seq 1 100); do
    grep -q '^listening on' "$work/mock.out" 2>/dev/null && break
    sleep 0.1
done
base="$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$work/mock.out")"
echo "bench: mock at $base, $examples examples, concurrency $concurrency, $rounds rounds"

rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", n / (ms / 1000) }'; }

for ((round = 1; round <= rounds; round++)); do
    start=$(date +%s%N)
    "$bin" replay "$work/docs" --base-url "$base" --docs-base https://bench.example/v1 \
        -j "$concurrency" --format json >"$work/report.json"
    end=$(date +%s%N)
    wall_ms=$(((end - start) / 1000000))
    replay_ms=$(sed -n 's/^  "duration_ms": \([0-9]*\).*/\1/p' "$work/report.json" | tail -n 1)
    passed=$(grep -c '"outcome": "pass"' "$work/report.json" || true)
    "$oha" -n "$examples" -c "$concurrency" --no-tui --output-format json \
        "$base/pages/p1/items/e1" >"$work/oha.json"
    oha_rps=$(sed -n 's/.*"requestsPerSec": *\([0-9.]*\).*/\1/p' "$work/oha.json" | head -n 1)
    oha_rps=$(printf '%.0f' "$oha_rps")
    printf 'round %d: apiproof replay %s req/s (requests phase %d ms; ' "$round" \
        "$(rate "$examples" "$replay_ms")" "$replay_ms"
    printf '%s req/s counting reading the docs, %d ms wall; %d passed)   oha %s req/s\n' \
        "$(rate "$examples" "$wall_ms")" "$wall_ms" "$passed" "$oha_rps"
done
