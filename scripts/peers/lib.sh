# Shared helpers for the peer scripts (sourced, not run).
# Processes are only ever stopped by the PID their own script recorded: never by name.

# stop_pid PIDFILE [GRACE_SECONDS]: SIGTERM, wait, then SIGKILL; removes the PID file.
stop_pid() {
  local file=$1 grace=${2:-5} pid i
  [ -s "$file" ] || return 0
  pid=$(cat "$file")
  if pid_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do pid_alive "$pid" || break; sleep 0.1; done
    if pid_alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
    for ((i = 0; i < 20; i++)); do pid_alive "$pid" || break; sleep 0.1; done
  fi
  rm -f "$file"
}

# pid_alive PID: true while the process exists and is not a zombie.
pid_alive() {
  local st
  [ -n "$1" ] && [ -r "/proc/$1/stat" ] || return 1
  st=$(sed -e 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

# ns_exists NAME
ns_exists() { ip netns list | awk '{print $1}' | grep -qx "$1"; }

# ns_busy NAME: true when a process still lives in the namespace
ns_busy() { [ -n "$(ip netns pids "$1" 2>/dev/null)" ]; }

# wait_listen NS(or -) PROTO(u|t) PORT PID TIMEOUT_S: wait until PID listens on PORT
wait_listen() {
  local ns=$1 proto=$2 port=$3 pid=$4 t=${5:-10} i run=()
  [ "$ns" != - ] && run=(ip netns exec "$ns")
  for ((i = 0; i < t * 10; i++)); do
    if "${run[@]}" ss -Hln"${proto}"p "sport = :$port" 2>/dev/null | grep -q "pid=$pid,"; then return 0; fi
    pid_alive "$pid" || return 1
    sleep 0.1
  done
  return 1
}
