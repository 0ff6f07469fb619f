# Sourced by the scripts that start JVMs and servers of their own (demo.sh, cluster-demo.sh, bench-cluster.sh).

# Stops each process given: SIGTERM to all, then each gets up to 10 s to end before SIGKILL; all are reaped.
stop_pids() {
  local pid
  for pid in "$@"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "$@"; do
    for _ in $(seq 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
