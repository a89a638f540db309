#!/bin/bash
# Runs Debian's real firewalld for one configuration, isolated: a scratch network namespace NS
# (veth interfaces eth0..eth3 with addresses, their peers peer0..peer3 beside them) and a private mount namespace with its own /run,
# so dbus-daemon --system and firewalld are private to it. DIR/etc is the configuration
# (firewalld.conf, zones/, policies/, services/, ipsets/, direct.xml) given with --system-config;
# /usr/lib/firewalld is the package's. Optional DIR/commands: firewall-cmd arguments, one call a
# line, run after start (then `--reload` is not implied). Writes DIR/out/nft (`nft list table inet
# firewalld`), DIR/out/ruleset (`nft list ruleset`), DIR/out/iptables and DIR/out/ip6tables
# (`iptables-save`, `ip6tables-save`: where direct.xml's rules go), DIR/out/log (firewalld's log and the
# commands' output). The machine's own namespace and /etc are never touched.
set -euo pipefail
NS=$1
DIR=$(readlink -f "$2")
ip netns add "$NS"
trap 'ip netns del "$NS" 2>/dev/null || true' EXIT
for i in 0 1 2 3; do
  ip -n "$NS" link add eth$i type veth peer name peer$i
  ip -n "$NS" link set peer$i up
  ip -n "$NS" addr add 192.0.2.$((i * 16 + 1))/28 dev eth$i
  ip -n "$NS" link set eth$i up
done
ip -n "$NS" link set lo up
mkdir -p "$DIR/out"
ip netns exec "$NS" unshare -m bash -s "$DIR" <<'INNER'
set -euo pipefail
DIR=$1
mount --make-rprivate /
mount -t tmpfs tmpfs /run
mkdir -p /run/dbus
DPID=$(dbus-daemon --system --fork --nopidfile --print-pid)
for _ in $(seq 1 50); do [ -S /run/dbus/system_bus_socket ] && break; sleep 0.1; done
firewalld --nofork --nopid --system-config "$DIR/etc" --log-target file --log-file "$DIR/out/firewalld.log" >"$DIR/out/firewalld.out" 2>&1 </dev/null &
FPID=$!
ok=""
# at most 30 s; firewalld that refuses the configuration says so in its log and falls back
for _ in $(seq 1 150); do
  if [ "$(timeout 2 firewall-cmd --state 2>/dev/null)" = running ]; then ok=1; break; fi
  kill -0 $FPID 2>/dev/null || break
  grep -q 'ERROR:' "$DIR/out/firewalld.log" 2>/dev/null && { sleep 0.5; break; }
  sleep 0.2
done
if grep -q 'Failed to load user configuration' "$DIR/out/firewalld.log" 2>/dev/null; then ok=""; echo refused > "$DIR/out/refused"; fi
{
  if [ -z "$ok" ]; then echo "firewalld did not start"; cat "$DIR/out/firewalld.out" "$DIR/out/firewalld.log" 2>/dev/null; fi
  if [ -n "$ok" ] && [ -f "$DIR/commands" ]; then
    while IFS= read -r line; do
      [ -n "$line" ] || continue
      echo "\$ firewall-cmd $line"
      # shellcheck disable=SC2086
      timeout 20 firewall-cmd $line 2>&1 || echo "(exit $?)"
    done < "$DIR/commands"
  fi
  [ -n "$ok" ] && timeout 5 firewall-cmd --get-active-zones 2>&1 || true
} > "$DIR/out/log"
timeout 10 nft list table inet firewalld > "$DIR/out/nft" 2>>"$DIR/out/log" || true
timeout 10 nft list ruleset > "$DIR/out/ruleset" 2>>"$DIR/out/log" || true
# direct.xml's rules live in the iptables-nft tables
timeout 10 iptables-save > "$DIR/out/iptables" 2>>"$DIR/out/log" || true
timeout 10 ip6tables-save > "$DIR/out/ip6tables" 2>>"$DIR/out/log" || true
kill $FPID 2>/dev/null || true
for _ in $(seq 1 20); do kill -0 $FPID 2>/dev/null || break; sleep 0.1; done
kill -9 $FPID 2>/dev/null || true
wait $FPID 2>/dev/null || true
kill "$DPID" 2>/dev/null || true
[ -n "$ok" ]
INNER
