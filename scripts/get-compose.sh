#!/bin/sh
# get-compose.sh [DEST] — put the docker compose v2 reference binary at DEST/docker-compose
# (default .tools/compose, git-ignored) for the differential test. Uses the shared fetch script
# beside the checkout (../shared/tools/get-docker-compose.sh).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${1:-"$ROOT/.tools/compose"}
TOOL="$ROOT/../shared/tools/get-docker-compose.sh"
if [ ! -f "$TOOL" ]; then
  echo "get-compose.sh: $TOOL not found (the shared folder must sit beside the checkout)" >&2
  exit 2
fi
exec sh "$TOOL" "$DEST"
