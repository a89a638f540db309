#!/bin/bash
# Usage: unshare -n bash scripts/iptables-required-options.sh /tmp/ext.json > /tmp/req.json
# For each extension option of the JSON scripts/iptables-extensions.sh printed, asks the installed
# iptables-legacy-restore --test whether getopt requires a value for it: the option is given last on
# a rule, without one, and the tool answers `option "--X" requires an argument`. Such an option
# takes the next word of the rule as its value even when that word is an option (`-i -j ACCEPT`).
# Prints the options that do not require one (no value or an optional one) as JSON:
# {"ip":{"match:tcp":["--syn"],...},"ip6":{...}}. Run it in a
# scratch network namespace: nothing is committed (--test), but the tool talks to the kernel.
set -u
ext=$1
node -e '
const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
for (const f of ["ip", "ip6"]) for (const [k, v] of Object.entries(j[f])) for (const o of v) console.log(f, k, o);
' "$ext" | {
  declare -A req
  while read -r fam key opt; do
    kind=${key%%:*}; name=${key#*:}
    tool=iptables-legacy-restore; [ "$fam" = ip6 ] && tool=ip6tables-legacy-restore
    flag=-m; [ "$kind" = target ] && flag=-j
    out=$(printf '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT %s %s %s\nCOMMIT\n' "$flag" "$name" "$opt" | $tool --test 2>&1)
    case $out in *"requires an argument"*) ;; *) req["$fam $key"]+="${req["$fam $key"]:+,}\"$opt\"" ;; esac
  done
  echo '{'
  for fam in ip ip6; do
    [ "$fam" = ip6 ] && echo ','
    printf '"%s": {' "$fam"
    first=1
    for k in "${!req[@]}"; do
      [ "${k%% *}" = "$fam" ] || continue
      [ $first = 1 ] || printf ','; first=0
      printf '"%s": [%s]' "${k#* }" "${req[$k]}"
    done
    echo '}'
  done
  echo '}'
}
