#!/usr/bin/env bash
# Stops the server started by scripts/spark/start-connect.sh DIR and removes DIR.
#   scripts/spark/stop-connect.sh DIR [--keep]    --keep: keep DIR (its log)
set -euo pipefail
dir="${1:?usage: scripts/spark/stop-connect.sh DIR [--keep]}"
keep="${2:-}"
if [[ -f "$dir/pid" ]]; then
  pid="$(cat "$dir/pid")"
  # spark-submit execs java through a shell script: stop the process group's java too.
  pkids="$(pgrep -P "$pid" 2>/dev/null || true)"
  for p in $pid $pkids; do kill "$p" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    alive=""
    for p in $pid $pkids; do kill -0 "$p" 2>/dev/null && alive=1; done
    [[ -z "$alive" ]] && break
    sleep 0.2
  done
  for p in $pid $pkids; do kill -9 "$p" 2>/dev/null || true; done
  rm -f "$dir/pid"
fi
if [[ "$keep" != "--keep" ]]; then rm -rf "$dir"; fi
