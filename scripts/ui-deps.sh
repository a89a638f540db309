#!/usr/bin/env bash
# Debian packages the real-editor tests need:
#   chromium                 the browser that drives code-server in `npm run test:ui`
#   fonts-noto-color-emoji   so the hover's ✅/❌ marks render in the screenshots
#   libkrb5-dev, pkg-config  headers code-server's native `kerberos` module compiles against
#   neovim                   the headless Neovim client in test/lsp/nvim.test.ts
# Idempotent: installs only what is missing. Exits 0 when everything is present, 1 otherwise
# (not root, no apt-get, or the install failed); the callers then skip with a message.
set -uo pipefail

PACKAGES=(chromium fonts-noto-color-emoji libkrb5-dev pkg-config neovim)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "ui-deps: missing Debian packages: ${missing[*]} (run as root on Debian to install them)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "ui-deps: installing ${missing[*]}" >&2
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    echo "ui-deps: apt-get could not install: ${missing[*]}" >&2
    exit 1
  }
fi
exit 0
