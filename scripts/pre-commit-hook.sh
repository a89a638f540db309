#!/bin/sh
# The pre-commit hook's entry (see .pre-commit-hooks.yaml): builds this checkout once (pre-commit
# keeps its clone), then runs `dockwall check` in the repository being committed to. Its exit
# status is check's: 1 when a finding of severity warning or worse or an input error is found.
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$here/dist/cli.js" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm run --silent build >/dev/null) || {
    echo "dockwall pre-commit hook: could not build dockwall in $here (npm ci && npm run build)" >&2
    exit 2
  }
fi
exec node "$here/dist/cli.js" -- check "$@"
