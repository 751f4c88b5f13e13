#!/usr/bin/env bash
# Private 3-namespace DHCPv6 topology for mip6-conform (nothing touches a real interface):
#
#   m6cli                    m6rly                          m6srv
#   m6c0 fd00:1::2/64 <====> m6r0 fd00:1::1/64
#                            m6r1 fd00:2::1/64 <====> m6s0 fd00:2::2/64
#
#   client side: the tester as DHCPv6 client (ip netns exec m6cli ...)
#   relay:       ISC dhcrelay -6 or WIDE dhcp6relay
#   server side: the tester as server on [fd00:2::2]:547, or Kea (kea.sh start --netns)
#
# Usage:  netns-relay.sh up | down | status                     [--state DIR]
#         netns-relay.sh relay-isc  run|start|stop [--state DIR] [-- DHCRELAY-ARGS]   (e.g. -- -I)
#         netns-relay.sh relay-wide run|start|stop [--state DIR] [-- DHCP6RELAY-ARGS]
# run = foreground (exec, the PID is the relay's); start = background, prints the PID.
# State dir (default /tmp/mip6-peers/netns-relay) holds PID files and logs.
# `down` stops the relays by PID file, then deletes the namespaces (and with them the
# veths) unless a process still lives in one: it then leaves them and exits 1.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

NS_C=m6cli NS_R=m6rly NS_S=m6srv
cmd=${1:-}; shift || true
sub=
case $cmd in relay-isc|relay-wide) sub=${1:-start}; shift || true;; esac
state=/tmp/mip6-peers/netns-relay extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --state) state=$2; shift;;
    --) shift; extra=("$@"); break;;
    *) echo "netns-relay.sh: unknown argument $1" >&2; exit 2;;
  esac
  shift
done
mkdir -p "$state"

nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

link_up() { # ns ifname
  nsx "$1" sysctl -qw "net.ipv6.conf.$2.accept_dad=0" "net.ipv6.conf.$2.router_solicitations=0"
  nsx "$1" ip link set "$2" up
}

up() {
  for ns in $NS_C $NS_R $NS_S; do
    ns_exists "$ns" || ip netns add "$ns"
    nsx "$ns" ip link set lo up
    nsx "$ns" sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0
  done
  nsx $NS_C ip link show m6c0 >/dev/null 2>&1 || ip link add m6c0 netns $NS_C type veth peer name m6r0 netns $NS_R
  nsx $NS_R ip link show m6r1 >/dev/null 2>&1 || ip link add m6r1 netns $NS_R type veth peer name m6s0 netns $NS_S
  link_up $NS_C m6c0; link_up $NS_R m6r0; link_up $NS_R m6r1; link_up $NS_S m6s0
  nsx $NS_C ip -6 addr replace fd00:1::2/64 dev m6c0 nodad
  nsx $NS_R ip -6 addr replace fd00:1::1/64 dev m6r0 nodad
  nsx $NS_R ip -6 addr replace fd00:2::1/64 dev m6r1 nodad
  nsx $NS_S ip -6 addr replace fd00:2::2/64 dev m6s0 nodad
  # client side and server side reach each other through the relay namespace
  nsx $NS_R sysctl -qw net.ipv6.conf.all.forwarding=1
  nsx $NS_C ip -6 route replace fd00:2::/64 via fd00:1::1 dev m6c0
  nsx $NS_S ip -6 route replace fd00:1::/64 via fd00:2::1 dev m6s0
  # wait for the kernel-made link-locals (the relays bind them)
  local i
  for ((i = 0; i < 50; i++)); do
    nsx $NS_R ip -6 addr show dev m6r0 scope link | grep -q inet6 &&
      nsx $NS_R ip -6 addr show dev m6r1 scope link | grep -q inet6 &&
      nsx $NS_C ip -6 addr show dev m6c0 scope link | grep -q inet6 &&
      nsx $NS_S ip -6 addr show dev m6s0 scope link | grep -q inet6 && break
    sleep 0.1
  done
  status
}

status() {
  for ns in $NS_C $NS_R $NS_S; do
    ns_exists "$ns" || { echo "$ns: absent"; continue; }
    echo "== $ns"; nsx "$ns" ip -br -6 addr | grep -v '^lo' || true
  done
}

# relay IMPL SUB: IMPL isc|wide
relay() {
  local impl=$1 sub=$2 name cmdline
  if [ "$impl" = isc ]; then
    name=dhcrelay6
    # -l lower (client-facing) iface, -u server-address%upper-iface; -d foreground
    cmdline=(dhcrelay -6 -d --no-pid "${extra[@]}" -l m6r0 -u fd00:2::2%m6r1)
  else
    name=dhcp6relay
    # -r upper (server-facing) iface, -s server address, positional = client-facing iface; -f foreground
    cmdline=(dhcp6relay -f -D -r m6r1 -s fd00:2::2 -p "$state/dhcp6relay.own.pid" "${extra[@]}" m6r0)
  fi
  case $sub in
    run)
      ns_exists $NS_R || { echo "netns-relay.sh: run '$0 up' first" >&2; exit 1; }
      echo $$ > "$state/$name.pid"   # exec keeps this PID
      exec ip netns exec $NS_R "${cmdline[@]}";;
    start)
      ns_exists $NS_R || up >/dev/null
      if [ -s "$state/$name.pid" ] && pid_alive "$(cat "$state/$name.pid")"; then
        echo "netns-relay.sh: $name already running, PID $(cat "$state/$name.pid")" >&2; exit 1
      fi
      bash "$0" "relay-$impl" run --state "$state" -- "${extra[@]}" > "$state/$name.log" 2>&1 &
      local pid=$!
      if ! wait_listen $NS_R u 547 "$pid" 10; then
        echo "netns-relay.sh: $name did not come up; see $state/$name.log" >&2; tail -5 "$state/$name.log" >&2
        echo "$pid" > "$state/$name.pid"; stop_pid "$state/$name.pid"; exit 1
      fi
      echo "$pid";;
    stop) stop_pid "$state/$name.pid";;
    *) echo "netns-relay.sh: relay-$impl run|start|stop" >&2; exit 2;;
  esac
}

down() {
  stop_pid "$state/dhcrelay6.pid"; stop_pid "$state/dhcp6relay.pid"
  local ns busy=0
  for ns in $NS_C $NS_R $NS_S; do
    if ns_exists "$ns" && ns_busy "$ns"; then
      echo "netns-relay.sh: $ns still has processes: $(ip netns pids "$ns" | tr '\n' ' ')" >&2; busy=1
    fi
  done
  [ $busy = 1 ] && { echo "netns-relay.sh: namespaces kept" >&2; exit 1; }
  for ns in $NS_C $NS_R $NS_S; do ns_exists "$ns" && ip netns del "$ns"; done
  echo "netns-relay.sh: namespaces removed"
}

case $cmd in
  up) up;; down) down;; status) status;;
  relay-isc) relay isc "$sub";; relay-wide) relay wide "$sub";;
  *) echo "usage: $0 up|down|status|relay-isc run|start|stop|relay-wide run|start|stop [--state DIR] [-- ARGS]" >&2; exit 2;;
esac
