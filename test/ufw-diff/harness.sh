#!/bin/bash
# Runs Debian's real ufw for one generated configuration, isolated: a scratch network namespace
# NS and a private mount namespace in which /etc/ufw, /etc/default/ufw and /lib/ufw are bind-mounted
# copies. The configuration folder DIR holds `default` (for /etc/default/ufw), `ufw.conf`,
# optionally `after.add` and `after6.add` (appended to after.rules / after6.rules), and
# `commands` (ufw commands, one a line, run before `ufw --force enable`, as a host is set up and
# then booted). Writes DIR/out/{v4,v6} (iptables-save / ip6tables-save in NS), DIR/out/etc-ufw
# and DIR/out/default (the files as `ufw enable` read them: it rewrites user*.rules after loading
# them) and DIR/out/log. The machine's own namespace and /etc are never touched.
set -euo pipefail
NS=$1
DIR=$2
ip netns add "$NS"
trap 'ip netns del "$NS" 2>/dev/null || true' EXIT
mkdir -p "$DIR/out"
unshare -m bash -s "$NS" "$DIR" <<'INNER'
set -euo pipefail
NS=$1
DIR=$2
mount --make-rprivate /
T="$DIR/root"
mkdir -p "$T"
cp -a /etc/ufw "$T/etc-ufw"
cp -a /lib/ufw "$T/lib-ufw"
cp "$DIR/default" "$T/default-ufw"
cp "$DIR/ufw.conf" "$T/etc-ufw/ufw.conf"
# the package's own rule files, as a fresh install has them
for f in before before6 after after6 user user6; do cp /usr/share/ufw/$f.rules "$T/etc-ufw/$f.rules"; done
[ -f "$DIR/after.add" ] && cat "$DIR/after.add" >> "$T/etc-ufw/after.rules"
[ -f "$DIR/after6.add" ] && cat "$DIR/after6.add" >> "$T/etc-ufw/after6.rules"
mount --bind "$T/etc-ufw" /etc/ufw
mount --bind "$T/default-ufw" /etc/default/ufw
mount --bind "$T/lib-ufw" /lib/ufw
{
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    echo "\$ ufw $line"
    # shellcheck disable=SC2086
    ip netns exec "$NS" ufw $line 2>&1 || echo "(exit $?)"
  done < "$DIR/commands"
  # the files as `ufw enable` finds them (it rewrites user*.rules after loading them)
  cp -a /etc/ufw "$DIR/out/etc-ufw"
  cp /etc/default/ufw "$DIR/out/default"
  echo "\$ ufw --force enable"
  ip netns exec "$NS" ufw --force enable 2>&1
} > "$DIR/out/log"
ip netns exec "$NS" iptables-save > "$DIR/out/v4"
ip netns exec "$NS" ip6tables-save > "$DIR/out/v6"
INNER
