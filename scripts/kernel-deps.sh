#!/bin/sh
# Installs what `npm run test:kernel` needs (Debian): nft, iptables (nft and legacy), conntrack, ip, ipset.
# python3 must be present too (it runs the probe agents inside the namespaces).
set -eu
if [ "$(id -u)" -ne 0 ]; then
  echo "kernel-deps: must run as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends nftables iptables conntrack iproute2 ipset
command -v python3 >/dev/null || apt-get install -y --no-install-recommends python3
