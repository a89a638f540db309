#!/bin/bash
# The pre-commit hook (.pre-commit-hooks.yaml) run by the real `pre-commit` tool: a scratch git
# repository holding the bundled example's compose file and nftables.conf uses this repository's
# committed HEAD as its hook repository; `pre-commit run --all-files` must fail with DW001 on the
# published PostgreSQL port, and pass once the port is bound to 127.0.0.1.
# Prints `N passed, N failed`. Without `pre-commit` it says so and exits 0 (with CI=true: a failure).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
passed=0 failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
bad() { echo "FAIL: $1"; failed=$((failed + 1)); }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

if ! command -v pre-commit >/dev/null; then
  echo "pre-commit is not installed (Debian package pre-commit)"
  [ "${CI:-}" = true ] && failed=1
  finish
fi
rev=$(git -C "$root" rev-parse HEAD 2>/dev/null) || { echo "not a git checkout: $root"; failed=1; finish; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache" HOME="$work/home"
mkdir -p "$HOME" "$work/repo"
cd "$work/repo" || exit 1
git init -q . && git config user.email t@example.invalid && git config user.name t
cp "$root/examples/webstack/compose.yaml" "$root/examples/webstack/nftables.conf" "$root/examples/webstack/host.json" .
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: dockwall
        args: [--docker-version, '29']
YAML
git add -A && git commit -qm init

out=$(timeout 900 pre-commit run --all-files 2>&1); rc=$?
if [ $rc -ne 0 ] && grep -q 'warning\[DW001\]' <<<"$out" && grep -q 'compose.yaml:25:9' <<<"$out"; then ok "the hook fails on the published PostgreSQL port (DW001 at compose.yaml:25:9)"
else bad "expected a failing hook with DW001 at compose.yaml:25:9 (exit $rc):"$'\n'"$out"; fi

sed -i 's/- "5432:5432"/- "127.0.0.1:5432:5432"/' compose.yaml
git commit -qam fix
out=$(timeout 600 pre-commit run --all-files 2>&1); rc=$?
if ! grep -q 'DW001' <<<"$out"; then ok "after binding the port to 127.0.0.1 the hook reports no DW001 (exit $rc)"
else bad "DW001 still reported after the fix:"$'\n'"$out"; fi
finish
