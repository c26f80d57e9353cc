#!/usr/bin/env bash
# The HTML conformance report in a real browser: install Debian's chromium if it
# is missing and playwright-core (pinned; it never downloads a browser), write a
# report of samples/ with a replay fixture, open it from file:// and check that
# the totals shown equal `apiproof check samples --format json`, that the
# severity, rule and text filters show exactly the matching findings, that no
# request leaves the machine and that a page holding scripts runs none of them;
# save screenshots to target/report-test/report.png (top) and report-full.png.
# Exit status: 0 when every check passes, non-zero otherwise.
set -euo pipefail

PLAYWRIGHT_VERSION="1.49.1"
CHROMIUM="/usr/bin/chromium"
root="$(cd "$(dirname "$0")/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
bin="$target_dir/debug/apiproof"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ! -x "$CHROMIUM" ]; then
    echo "report-browser: installing chromium"
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi

echo "report-browser: installing playwright-core@$PLAYWRIGHT_VERSION"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save --prefix "$work" --no-audit \
    --no-fund --loglevel=error "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null

(cd "$root" && cargo build --quiet)

cd "$root"
"$bin" check samples --format json >"$work/check.json" || true
"$bin" report --out "$work/site" --replay tests/fixtures/report/samples-replay.json samples

# A page whose text tries to run scripts: the report must show it, inert.
mkdir -p "$work/hostile"
cat >"$work/hostile/page.md" <<'PAGE'
# <script>window.pwned = 1; alert(1)</script>

<!-- { "blockType": "request", "name": "<img src=x onerror=alert(2)>" } -->
```http
POST https://api.example.com/a?<script>alert(3)</script>
Content-Type: application/json

{ "note": "<script>window.pwned = 2</script>" "x": "<svg onload=alert(4)>" }
```
PAGE
"$bin" report --out "$work/hostile-site" "$work/hostile"
mkdir -p "$target_dir/report-test"

NODE_PATH="$work/node_modules" node "$root/scripts/report-browser-test.js" \
    "$work/site/index.html" "$work/check.json" \
    "$root/tests/fixtures/report/samples-replay.json" \
    "$target_dir/report-test/report.png" "$work/profile" "$CHROMIUM" \
    "$work/hostile-site/index.html"
