#!/usr/bin/env bash
# End to end against a server no one here wrote: install json-server (pinned)
# from npm into a temporary folder, serve samples/json-server/db.json on a free
# loopback port, replay samples/json-server against it, and stop it.
# Exit status: replay's (0 all examples passed), or non-zero when a step fails.
# Extra arguments go to `apiproof replay` (for example --format junit).
set -euo pipefail

JSON_SERVER_VERSION="0.17.4"
root="$(cd "$(dirname "$0")/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
bin="${APIPROOF:-$target_dir/debug/apiproof}"
work="$(mktemp -d)"
server_pid=""

cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ ! -x "$bin" ]; then
    (cd "$root" && cargo build --quiet)
fi

echo "e2e: installing json-server@$JSON_SERVER_VERSION"
npm install --prefix "$work" --no-audit --no-fund --loglevel=error \
    "json-server@$JSON_SERVER_VERSION" >/dev/null

# json-server writes to its database; serve a copy.
cp "$root/samples/json-server/db.json" "$work/db.json"
port="$(node -e 'const s = require("net").createServer();
s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"

"$work/node_modules/.bin/json-server" --host 127.0.0.1 --port "$port" \
    "$work/db.json" >"$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "e2e: json-server exited:" >&2
        cat "$work/server.log" >&2
        exit 1
    fi
    sleep 0.2
done
echo "e2e: json-server on http://127.0.0.1:$port"

status=0
cd "$root"
"$bin" replay --base-url "http://127.0.0.1:$port" --allow-writes \
    --config samples/json-server/apiproof.toml samples/json-server "$@" || status=$?
if [ "$status" -ne 0 ]; then
    echo "e2e: replay failed with status $status; json-server log:" >&2
    tail -n 50 "$work/server.log" >&2
fi
exit "$status"
