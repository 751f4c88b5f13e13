#!/usr/bin/env bash
# Kea DHCPv6 2.2 for mip6-conform, on loopback or inside netns m6srv.
#
#   kea.sh run   [--netns] [--config FILE] [--state DIR] [-- KEA-ARGS]   foreground (exec)
#   kea.sh start [same]        background; waits until it listens on UDP 547; prints the PID
#   kea.sh stop  [--netns] [--state DIR]                               stop by PID file
#   kea.sh check [--netns] [--config FILE] [--state DIR]               kea-dhcp6 -t
#
# Defaults: loopback mode, config kea6.json, state /tmp/mip6-peers/kea;
# --netns: config kea6-netns.json, state /tmp/mip6-peers/kea-netns, and the relay
# topology must be up (bash netns-relay.sh up; `start` brings it up when absent).
# KEA-ARGS pass through, e.g. `-- -p 10547` to move the server port.
# The config's @STATE@ is replaced by the state dir (data, pid and lock files live there).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

cmd=${1:-}; shift || true
netns=0 config= state= extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --netns) netns=1;;
    --config) config=$2; shift;;
    --state) state=$2; shift;;
    --) shift; extra=("$@"); break;;
    *) echo "kea.sh: unknown argument $1" >&2; exit 2;;
  esac
  shift
done
if [ $netns = 1 ]; then
  config=${config:-$HERE/kea6-netns.json}; state=${state:-/tmp/mip6-peers/kea-netns}
else
  config=${config:-$HERE/kea6.json}; state=${state:-/tmp/mip6-peers/kea}
fi
port=547
for ((i = 0; i < ${#extra[@]}; i++)); do [ "${extra[$i]}" = -p ] && port=${extra[$((i + 1))]:-547}; done

render() {
  mkdir -p "$state"
  sed -e "s|@STATE@|$state|g" "$config" > "$state/kea-dhcp6.json"
}
# kea_cmd -c|-t: sets CMD to the kea-dhcp6 command line
kea_cmd() {
  CMD=(env "KEA_PIDFILE_DIR=$state" "KEA_LOCKFILE_DIR=$state" kea-dhcp6 "$1" "$state/kea-dhcp6.json" "${extra[@]}")
  if [ $netns = 1 ]; then CMD=(ip netns exec m6srv "${CMD[@]}"); fi
}

case $cmd in
  run)
    render
    echo $$ > "$state/kea.pid"   # exec keeps this PID
    kea_cmd -c; exec "${CMD[@]}";;
  start)
    if [ $netns = 1 ] && ! ns_exists m6srv; then bash "$HERE/netns-relay.sh" up >/dev/null; fi
    render
    if [ -s "$state/kea.pid" ] && pid_alive "$(cat "$state/kea.pid")"; then
      echo "kea.sh: already running, PID $(cat "$state/kea.pid")" >&2; exit 1
    fi
    args=(run --config "$config" --state "$state"); [ $netns = 1 ] && args+=(--netns)
    bash "$0" "${args[@]}" -- "${extra[@]}" > "$state/kea.log" 2>&1 &
    pid=$!
    ns=-; [ $netns = 1 ] && ns=m6srv
    if ! wait_listen "$ns" u "$port" "$pid" 15; then
      echo "kea.sh: kea-dhcp6 did not come up; see $state/kea.log" >&2; tail -5 "$state/kea.log" >&2
      echo "$pid" > "$state/kea.pid"; stop_pid "$state/kea.pid"; exit 1
    fi
    echo "$pid";;
  stop) stop_pid "$state/kea.pid";;
  check)
    render
    kea_cmd -t; "${CMD[@]}";;
  *) echo "usage: kea.sh run|start|stop|check [--netns] [--config FILE] [--state DIR] [-- KEA-ARGS]" >&2; exit 2;;
esac
