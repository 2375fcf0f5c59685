#!/usr/bin/env bash
# Stops the cluster started by scripts/postgres/start.sh DIR and removes DIR.
#   scripts/postgres/stop.sh DIR [--keep]    --keep: stop the server but keep the cluster
set -euo pipefail
dir="${1:?usage: scripts/postgres/stop.sh DIR [--keep]}"
keep="${2:-}"
if [[ -f "$dir/data/postmaster.pid" ]]; then
  pid="$(head -1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -t 20 -w stop > /dev/null 2>&1 || true
  else
    "$bin/pg_ctl" -D "$dir/data" -m fast -t 20 -w stop > /dev/null 2>&1 || true
  fi
  # A server that did not stop is never left running without its directory: immediate shutdown, then kill.
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && grep -q postgres "/proc/$pid/cmdline" 2>/dev/null; then
    kill -QUIT "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
fi
if [[ "$keep" != "--keep" ]]; then rm -rf "$dir"; fi
