#!/usr/bin/env bash
# Shared by the benchmarks that start processes (PostgreSQL, control plane, edges, nginx, wrk): runs one
# benchmark's main class (through run.sh) with a fresh work directory as its first argument. On exit,
# Ctrl-C and SIGTERM included, it stops whatever is still running of what the benchmark started, by the
# pids the benchmark recorded in <work>/pids, then removes the directory (kept, with its logs, when the benchmark failed).
# usage: ops/bench/run-with-processes.sh <main class> [arguments]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
MAIN="$1"
shift
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tasman-bench-XXXXXX")"
BENCH_PID=""

stop_pid() {   # pid: SIGTERM, up to 30 s to exit, then SIGKILL
  local pid="$1" waited=0
  kill -TERM "$pid" 2> /dev/null || return 0
  while kill -0 "$pid" 2> /dev/null && [ "$waited" -lt 300 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -KILL "$pid" 2> /dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # The benchmark's JVM stops its children itself on SIGTERM; the pid files cover a JVM that could not.
  [ -n "$BENCH_PID" ] && stop_pid "$BENCH_PID"
  local pidfile
  for pidfile in "$WORK"/pids/*.pid; do
    [ -e "$pidfile" ] && stop_pid "$(cat "$pidfile")"
  done
  case "$status" in
    0 | 130 | 143) rm -rf "$WORK" ;;
    *) echo "The benchmark failed (exit $status); its logs are in $WORK/logs" >&2 ;;
  esac
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# In the background so that a signal reaches the trap at once instead of after the JVM exits.
"$HERE/run.sh" "$MAIN" "$WORK" "$@" &
BENCH_PID=$!
wait "$BENCH_PID"
