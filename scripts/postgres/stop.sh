#!/usr/bin/env bash
# Stops the cluster started by scripts/postgres/start.sh DIR and removes DIR.
#   scripts/postgres/stop.sh DIR [--keep]    --keep: stop the server but keep the cluster
set -euo pipefail
dir="${1:?usage: scripts/postgres/stop.sh DIR [--keep]}"
keep="${2:-}"
if [[ -f "$dir/data/postmaster.pid" ]]; then
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null 2>&1 || true
  else
    "$bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null 2>&1 || true
  fi
fi
if [[ "$keep" != "--keep" ]]; then rm -rf "$dir"; fi
