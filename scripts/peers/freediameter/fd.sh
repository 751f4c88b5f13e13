#!/usr/bin/env bash
# freeDiameterd 1.2.1 for mip6-conform, TCP port 3868 inside netns m6aaa (netns.sh):
# 127.0.0.1:3868 inside the netns, [fd00:3::2]:3868 from the root namespace.
#
#   fd.sh run   [--state DIR] [--norelay] [--no-nasmipv6] [--no-dumps]   foreground (exec)
#   fd.sh start [same]     background; waits until it listens on TCP 3868; prints the PID
#   fd.sh stop  [--state DIR] [--keep-netns]   stop by PID file, then netns.sh down
#
# State dir (default /tmp/mip6-peers/freediameter): certificates, rendered config, PID, log.
# NEVER run the rendered config outside the netns: freeDiameter 1.2.1 then listens on
# 0.0.0.0 / [::] of the host (ListenOn cannot name loopback).
# Env: FD_EXT (default /usr/lib/freeDiameter). The tester's Origin-Host must be *.test.realm.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib.sh"
EXT=${FD_EXT:-/usr/lib/freeDiameter}

cmd=${1:-}; shift || true
state=/tmp/mip6-peers/freediameter keep=0 pass=()
NORELAY="# NoRelay; (off: default relay/agent mode)"
NASMIPV6="LoadExtension = \"$EXT/dict_nas_mipv6.fdx\";"
DUMPS="LoadExtension = \"$EXT/dbg_msg_dumps.fdx\" : \"0x8888\";"
while [ $# -gt 0 ]; do
  case $1 in
    --state) state=$2; shift;;
    --keep-netns) keep=1;;
    --norelay) NORELAY="NoRelay;"; pass+=("$1");;
    --no-nasmipv6) NASMIPV6="# dict_nas_mipv6 not loaded"; pass+=("$1");;
    --no-dumps) DUMPS="# dbg_msg_dumps not loaded"; pass+=("$1");;
    *) echo "fd.sh: unknown argument $1" >&2; exit 2;;
  esac
  shift
done
mkdir -p "$state"

case $cmd in
  run)
    "$HERE/gen-cert.sh" "$state" aaa.test.realm >/dev/null
    cp "$HERE/acl_wl.conf" "$state/acl_wl.conf"
    sed -e "s|@RUN@|$state|g" -e "s|@EXT@|$EXT|g" -e "s|@NORELAY@|$NORELAY|" \
        -e "s|@NASMIPV6@|$NASMIPV6|" -e "s|@DUMPS@|$DUMPS|" \
        "$HERE/freeDiameter.conf.in" > "$state/freeDiameter.conf"
    ns_exists m6aaa || bash "$HERE/netns.sh" up >/dev/null
    echo $$ > "$state/freediameter.pid"   # exec keeps this PID
    exec ip netns exec m6aaa freeDiameterd -c "$state/freeDiameter.conf";;
  start)
    if [ -s "$state/freediameter.pid" ] && pid_alive "$(cat "$state/freediameter.pid")"; then
      echo "fd.sh: already running, PID $(cat "$state/freediameter.pid")" >&2; exit 1
    fi
    bash "$0" run --state "$state" "${pass[@]}" > "$state/freediameter.log" 2>&1 &
    pid=$!
    if ! wait_listen m6aaa t 3868 "$pid" 20; then
      echo "fd.sh: freeDiameterd did not come up; see $state/freediameter.log" >&2
      tail -5 "$state/freediameter.log" >&2
      echo "$pid" > "$state/freediameter.pid"; stop_pid "$state/freediameter.pid"; exit 1
    fi
    echo "$pid";;
  stop)
    stop_pid "$state/freediameter.pid"
    [ $keep = 1 ] || bash "$HERE/netns.sh" down >/dev/null;;
  *) echo "usage: fd.sh run|start|stop [--state DIR] [--norelay] [--no-nasmipv6] [--no-dumps] [--keep-netns]" >&2; exit 2;;
esac
