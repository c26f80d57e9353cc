#!/usr/bin/env bash
# The pre-commit round trip with the real `pre-commit` package from PyPI: in a
# throwaway git repository, a commit with a broken page fails, and after the page
# is fixed the commit passes. The hook is installed from this repository at its
# committed HEAD, as a user's .pre-commit-config.yaml would name it.
#
#   scripts/precommit-roundtrip.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet pre-commit==4.7.0
export PATH="$work/venv/bin:$PATH"
# pre-commit builds the hook with `cargo install`; sharing the project's target
# folder lets it reuse what the tests already compiled.
export CARGO_TARGET_DIR="$root/target/precommit"
export PRE_COMMIT_HOME="$work/cache"

rev=$(git -C "$root" rev-parse HEAD)
repo="$work/docs"
mkdir -p "$repo/api"
cd "$repo"
git init -q
git config user.name "Round Trip"
git config user.email "roundtrip@example.com"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: apiproof
YAML
cat > api/widget-update.md <<'PAGE'
# Update widget

<!-- { "blockType": "request", "name": "update_widget" } -->
```http
PATCH https://api.contoso.com/v1/widgets/1
Content-Type: application/json

{ "displayName": "Lamp", }
```

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 204 No Content
```
PAGE
pre-commit install --install-hooks >/dev/null
git add .
if git commit -q -m "broken page" >"$work/first.log" 2>&1; then
  cat "$work/first.log"
  echo "precommit-roundtrip: the commit with a trailing comma passed" >&2
  exit 1
fi
grep -q "trailing comma" "$work/first.log" || {
  cat "$work/first.log"
  echo "precommit-roundtrip: the hook failed without naming the trailing comma" >&2
  exit 1
}
sed -i 's/"Lamp", }/"Lamp" }/' api/widget-update.md
git add .
if ! git commit -q -m "fixed page" >"$work/second.log" 2>&1; then
  cat "$work/second.log"
  echo "precommit-roundtrip: the commit of the fixed page failed" >&2
  exit 1
fi
echo "precommit-roundtrip: broken page refused, fixed page committed"
