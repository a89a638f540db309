#!/bin/sh
# Regenerate a tree-sitter grammar's committed artifacts.
#
#   scripts/grammar.sh NAME           regenerate grammars/tree-sitter-NAME/src, run its corpus tests,
#                                     build server/wasm/tree-sitter-NAME.wasm
#   scripts/grammar.sh --check NAME   do the same in a temporary copy and fail (exit 1) if the
#                                     committed src/ files or the .wasm differ from the rebuilt ones
#
# Tools: the tree-sitter CLI 0.22.6 (fetched into .tools/trixie by /work/shared's helper when
# missing; TREE_SITTER overrides the path) and clang-14 + lld-14 + wasi-libc headers
# (apt-get install -y --no-install-recommends clang-14 lld-14 wasi-libc).
# With --check, a missing tool is reported and the script exits 3 so CI can tell "skipped" from "stale".
set -eu

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
CHECK=0
if [ "${1:-}" = "--check" ]; then CHECK=1; shift; fi
NAME=${1:-}
case "$NAME" in
  ''|*[!a-z0-9_]*) echo "usage: scripts/grammar.sh [--check] NAME   (e.g. nftables)" >&2; exit 2 ;;
esac
GRAMMAR="$ROOT/grammars/tree-sitter-$NAME"
WASM="$ROOT/server/wasm/tree-sitter-$NAME.wasm"
[ -f "$GRAMMAR/grammar.js" ] || { echo "no grammar at $GRAMMAR" >&2; exit 2; }

missing() {
  echo "grammar.sh: $1 is not available; $2" >&2
  if [ "$CHECK" = 1 ]; then exit 3; fi
  exit 2
}

# --- tools ----------------------------------------------------------------------------------
TS=${TREE_SITTER:-$ROOT/.tools/trixie/tree-sitter}
if [ ! -x "$TS" ]; then
  FETCH="$ROOT/../shared/tools/get-trixie-tree-sitter.sh"
  [ -f "$FETCH" ] || missing "the tree-sitter CLI" "set TREE_SITTER or provide ../shared/tools/get-trixie-tree-sitter.sh"
  sh "$FETCH" "$ROOT/.tools/trixie" >/dev/null
fi
command -v clang-14 >/dev/null 2>&1 || missing clang-14 "apt-get install -y --no-install-recommends clang-14 lld-14 wasi-libc"
[ -d /usr/include/wasm32-wasi ] || missing "wasi-libc headers" "apt-get install -y --no-install-recommends wasi-libc"

# --- build ----------------------------------------------------------------------------------
# build_in DIR OUT: generate, test and compile the grammar found in DIR, writing the wasm to OUT.
build_in() {
  dir=$1; out=$2
  (
    cd "$dir"
    # tree-sitter test compiles into the cache dir; keep it out of $HOME.
    XDG_CACHE_HOME=${XDG_CACHE_HOME:-$ROOT/.tools/cache}
    export XDG_CACHE_HOME
    "$TS" generate --no-bindings --abi 14
    if [ -d test/corpus ]; then "$TS" test >/dev/null || { "$TS" test; exit 1; }; fi
  )
  srcs="$dir/src/parser.c"
  [ -f "$dir/src/scanner.c" ] && srcs="$srcs $dir/src/scanner.c"
  # wasm32 side module for web-tree-sitter: the emscripten triple keeps -fPIC (clang 14 drops it
  # for wasm32-wasi), -D__wasi__ admits the wasi-libc headers, the linker flags give the dylink section.
  # shellcheck disable=SC2086
  clang-14 --target=wasm32-unknown-emscripten -D__wasi__ -isystem /usr/include/wasm32-wasi \
    -fPIC -Os -nostdlib -fno-exceptions -fvisibility=hidden -fuse-ld=lld \
    -Wl,--shared -Wl,--experimental-pic -Wl,--export=tree_sitter_"$NAME" -Wl,--allow-undefined \
    -Wl,--no-entry -Wl,--strip-debug -I "$dir/src" -o "$out" $srcs
}

if [ "$CHECK" = 0 ]; then
  mkdir -p "$(dirname "$WASM")"
  build_in "$GRAMMAR" "$WASM"
  echo "grammar.sh: $NAME regenerated; $(wc -c < "$GRAMMAR/src/parser.c") bytes parser.c, $(wc -c < "$WASM") bytes wasm"
  exit 0
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/g"
# copy the grammar without build products
( cd "$GRAMMAR" && tar cf - --exclude=./build --exclude=./node_modules . ) | ( cd "$TMP/g" && tar xf - )
build_in "$TMP/g" "$TMP/out.wasm"
status=0
for f in parser.c grammar.json node-types.json tree_sitter/parser.h; do
  if ! cmp -s "$GRAMMAR/src/$f" "$TMP/g/src/$f"; then
    echo "grammar.sh --check: grammars/tree-sitter-$NAME/src/$f is stale (run scripts/grammar.sh $NAME)" >&2
    status=1
  fi
done
if ! cmp -s "$WASM" "$TMP/out.wasm"; then
  echo "grammar.sh --check: server/wasm/tree-sitter-$NAME.wasm is stale (run scripts/grammar.sh $NAME)" >&2
  status=1
fi
[ "$status" = 0 ] && echo "grammar.sh --check: $NAME artifacts are current"
exit $status
