#!/usr/bin/env bash
# Stops the broker started by scripts/kafka/start.sh DIR and removes DIR.
#   scripts/kafka/stop.sh DIR [--keep]    --keep: stop the broker but keep its data (to restart it)
set -euo pipefail
dir="${1:?usage: scripts/kafka/stop.sh DIR [--keep]}"
keep="${2:-}"
if [[ -f "$dir/pid" ]]; then
  pid="$(cat "$dir/pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    # A clean shutdown takes a few seconds; after 20 s, kill it.
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/pid"
fi
if [[ "$keep" != "--keep" ]]; then rm -rf "$dir"; fi
