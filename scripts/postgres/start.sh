#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a free 127.0.0.1 port and prints its connection URL.
#
#   scripts/postgres/start.sh [DIR]   DIR (default: a new temporary directory) holds the cluster,
#                                     its log and a `url` file. Given a DIR from an earlier run, the
#                                     same cluster starts again on the same port.
#   scripts/postgres/stop.sh DIR      stops it and removes DIR.
#
# Installs Debian's postgresql package when no server is found. PostgreSQL refuses to run as root,
# so as root the cluster belongs to the `postgres` user the package creates.
set -euo pipefail
startTimeoutSeconds="${SLUICE_POSTGRES_START_TIMEOUT:-60}"

findBin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; fi
  done | sort -V | tail -1
}
bin="$(findBin)"
if [[ -z "$bin" ]]; then
  echo "installing Debian's postgresql package (once)" >&2
  sudo=""
  if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
  bin="$(findBin)"
  [[ -n "$bin" ]] || { echo "postgresql installed but initdb not found" >&2; exit 1; }
fi

# Runs a command as the cluster's owner.
asOwner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

dir="${1:-}"
if [[ -z "$dir" ]]; then dir="$(mktemp -d "${TMPDIR:-/tmp}/sluice-postgres-XXXXXX")"; fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
if [[ "$(id -u)" == 0 ]]; then chown postgres: "$dir"; chmod 700 "$dir"; fi

if [[ ! -f "$dir/url" ]]; then
  port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  asOwner "$bin/initdb" -D "$dir/data" -U sluice --auth=trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # A test cluster: no fsync (the tests stop PostgreSQL, never the machine; commits still reach the WAL).
  cat >> "$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
full_page_writes = off
max_connections = 50
shared_buffers = 64MB
CONF
  echo "postgres://sluice@127.0.0.1:$port/postgres" > "$dir/url"
fi

asOwner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t "$startTimeoutSeconds" start > /dev/null \
  || { tail -20 "$dir/postgres.log" >&2; exit 1; }
cat "$dir/url"
