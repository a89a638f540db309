#!/bin/sh
# Judges ruleset files with the real tools inside one scratch network namespace (run it as
# `unshare -n sh judge.sh LIST JOBS`; nothing touches the machine's own rules).
# LIST holds one `KIND PATH` line per file, KIND one of ip, ip6, ipnf, ip6nf (nf_tables restore
# only: ufw's --noflush fragments), nft. Prints one line per file:
# `PATH<TAB>RC<TAB>MESSAGE` where RC is 0 when every tool accepted it and MESSAGE is the first
# error lines (tabs and newlines flattened); for nft every `Error:` line, joined by ` || `.
# ip/ip6 files go to both iptables-legacy-restore --test (which refuses unknown targets at once)
# and the nf_tables iptables-restore --test; a file is refused when either refuses it.
set -u
list=$1
jobs=${2:-4}
ip link set lo up 2>/dev/null
# Interfaces the files name (`iif "eth0"`, `meta iif { eth0, eth1 }`, `fwd to eth1`) exist on the
# hosts they were written for: tap devices here (no dummy driver needed), so that nft evaluates the
# rest of those rules instead of stopping at `Interface does not exist`.
for n in $(cut -d' ' -f2- "$list" | xargs cat 2>/dev/null | grep -oE '\b(eth|eno|ens|enp|enx|wlan|wlp)[0-9][0-9a-z]*\b' | sort -u | head -n 200); do
  [ ${#n} -le 15 ] && ip tuntap add "$n" mode tap 2>/dev/null
done
# Sets the iptables files name (`--match-set`, `-j SET --add-set`) exist on the hosts they were
# written for: empty hash:net sets here (IPv4 from iptables files and ufw's fragments, IPv6 from
# ip6tables ones; a name both use stays IPv4), so that iptables-restore reads the rest of those
# files instead of stopping at the missing set.
sets() {
  grep -l . $(awk -v a="$1" -v b="$1nf" '$1 == a || $1 == b { print $2 }' "$list") 2>/dev/null | xargs cat 2>/dev/null \
    | grep -oE -- '--(match-set|add-set|del-set|map-set) [A-Za-z0-9_.:-]+' | cut -d' ' -f2 | sort -u | head -n 200
}
for n in $(sets ip); do ipset create "$n" hash:net family inet 2>/dev/null; done
for n in $(sets ip6); do ipset create "$n" hash:net family inet6 2>/dev/null; done
judge() {
  kind=$1 file=$2
  case $kind in
    ip) out=$(iptables-legacy-restore --test < "$file" 2>&1) && out=$(iptables-nft-restore --test < "$file" 2>&1) ;;
    ip6) out=$(ip6tables-legacy-restore --test < "$file" 2>&1) && out=$(ip6tables-nft-restore --test < "$file" 2>&1) ;;
    ipnf) out=$(iptables-nft-restore --test < "$file" 2>&1) ;;
    ip6nf) out=$(ip6tables-nft-restore --test < "$file" 2>&1) ;;
    nft) out=$(cd "$(dirname "$file")" && nft -c -f "$file" 2>&1) ;;
  esac
  rc=$?
  if [ "$kind" = nft ] && [ "$rc" != 0 ]; then
    # every error nft reports, joined by ` || `: one the machine causes may come before the text's own
    msg=$(printf '%s\n' "$out" | grep 'Error: ' | tr '\t' ' ' | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n/ || /g')
  else
    msg=$(printf '%s' "$out" | grep -v '^Try `' | head -n 3 | tr '\t\n' '  ')
  fi
  printf '%s\t%s\t%s\n' "$file" "$rc" "$msg"
}
export -f judge 2>/dev/null
if [ -n "${BASH_VERSION:-}" ]; then
  xargs -P "$jobs" -L 1 bash -c 'judge "$0" "$1"' < "$list"
else
  while read -r kind file; do judge "$kind" "$file"; done < "$list"
fi
