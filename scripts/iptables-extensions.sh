#!/bin/bash
# Usage: bash scripts/iptables-extensions.sh > /tmp/ext.json &&
#   unshare -n bash scripts/iptables-required-options.sh /tmp/ext.json > /tmp/req.json &&
#   node scripts/iptables-extensions.js /tmp/ext.json /tmp/req.json
# Regenerates the option table of server/src/core/netfilter/iptables-extensions.ts from the installed
# iptables (run as root). Prints JSON: {"ip":{"matches":{name:[opts]},"targets":{...}},"ip6":{...}}
D=/usr/lib/x86_64-linux-gnu/xtables
echo '{'
first=1
for fam in ip ip6; do
  tool=iptables; pfx=libipt_; [ $fam = ip6 ] && tool=ip6tables && pfx=libip6t_
  [ $first = 1 ] || echo ','; first=0
  echo "\"$fam\": {"
  f2=1
  for lib in $D/libxt_*.so $D/$pfx*.so; do
    n=$(basename $lib .so); n=${n#libxt_}; n=${n#$pfx}
    # the extension's options: those its help adds to iptables' own
    if [[ $n =~ ^[A-Z] ]]; then kind=target; out=$($tool -j $n -h 2>&1)
    else kind=match; out=$($tool -m $n -h 2>&1); fi
    sec=$(printf '%s\n' "$out" | grep -vxFf <($tool -h 2>&1))
    rc=$?
    if printf '%s' "$out" | grep -q "Couldn't load"; then continue; fi
    opts=$(printf '%s\n' "$sec" | grep -oE -- '--[a-zA-Z0-9][a-zA-Z0-9-]*' | sort -u | sed 's/.*/"&"/' | paste -sd, -)
    [ $f2 = 1 ] || echo ','; f2=0
    printf '"%s:%s": [%s]' "$kind" "$n" "$opts"
  done
  echo '}'
done
echo '}'
