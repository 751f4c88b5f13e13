#!/usr/bin/env bash
# Private netns for freeDiameterd (see freeDiameter.conf.in for why):
#   root ns: m6aaa fd00:3::1/64  <==>  netns m6aaa: m6aaa0 fd00:3::2/64 (+ lo 127.0.0.1, ::1)
# Usage: netns.sh up | down | status
# `down` refuses (exit 1) while a process still lives in the namespace.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib.sh"
NS=m6aaa
case "${1:-}" in
  up)
    ns_exists $NS || ip netns add $NS
    ip netns exec $NS ip link set lo up
    ip link show m6aaa >/dev/null 2>&1 || ip link add m6aaa type veth peer name m6aaa0 netns $NS
    sysctl -qw net.ipv6.conf.m6aaa.accept_dad=0 net.ipv6.conf.m6aaa.router_solicitations=0
    ip netns exec $NS sysctl -qw net.ipv6.conf.m6aaa0.accept_dad=0 net.ipv6.conf.m6aaa0.router_solicitations=0
    ip link set m6aaa up
    ip netns exec $NS ip link set m6aaa0 up
    ip -6 addr replace fd00:3::1/64 dev m6aaa nodad
    ip netns exec $NS ip -6 addr replace fd00:3::2/64 dev m6aaa0 nodad
    ip -br -6 addr show dev m6aaa; ip netns exec $NS ip -br addr;;
  down)
    if ns_exists $NS && ns_busy $NS; then
      echo "netns.sh: $NS still has processes: $(ip netns pids $NS | tr '\n' ' '); kept" >&2; exit 1
    fi
    ip link del m6aaa 2>/dev/null || true
    ns_exists $NS && ip netns del $NS
    echo "netns.sh: $NS removed";;
  status) ns_exists $NS && echo "$NS present" || echo "$NS absent"; ip -br addr show dev m6aaa 2>/dev/null || true;;
  *) echo "usage: $0 up|down|status" >&2; exit 2;;
esac
