#!/bin/sh
# Proves the committed generated parsers and .wasm files are current: regenerates each grammar in
# a temporary copy (scripts/grammar.sh --check). Ends with `N passed, N failed`; a grammar whose
# tools are missing is reported as skipped.
set -u
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
pass=0; fail=0; skip=0
for g in nftables iptables; do
  sh "$ROOT/scripts/grammar.sh" --check "$g"
  case $? in
    0) pass=$((pass + 1)); echo "grammar $g: committed files are current" ;;
    3) skip=$((skip + 1)); echo "grammar $g: skipped (tools missing)" ;;
    *) fail=$((fail + 1)); echo "grammar $g: committed files are stale or the check failed" ;;
  esac
done
echo "grammar-check: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
