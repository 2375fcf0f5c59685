#!/usr/bin/env bash
# Starts a Spark Connect server (Spark 4.1.1, from the pip PySpark package: its jars include
# spark-connect_2.13-4.1.1.jar) on a free 127.0.0.1 port and prints its address, sc://127.0.0.1:PORT.
#
#   scripts/spark/start-connect.sh [DIR] [--conf K=V]…   DIR (default: a new temporary directory)
#                                   holds the server's log, pid, warehouse and `address` files.
#   scripts/spark/stop-connect.sh DIR                   stops it and removes DIR.
#
# PySpark 4.1.1 is installed with pip when python3 lacks it. Needs Java 17.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# How long to wait for the server to accept connections, in seconds.
startTimeoutSeconds="${SLUICE_SPARK_START_TIMEOUT:-180}"

dir=""
confs=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --conf) confs+=(--conf "$2"); shift 2 ;;
    *) dir="$1"; shift ;;
  esac
done

if ! python3 -c 'import pyspark, sys; sys.exit(pyspark.__version__ != "4.1.1")' 2>/dev/null; then
  echo "installing pyspark[connect]==4.1.1 with pip (once)" >&2
  python3 -m pip install --quiet --disable-pip-version-check "pyspark[connect]==4.1.1" >&2
fi
spark_home="$(python3 -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"

if [[ -z "$dir" ]]; then dir="$(mktemp -d "${TMPDIR:-/tmp}/sluice-spark-connect-XXXXXX")"; fi
mkdir -p "$dir/tmp"
dir="$(cd "$dir" && pwd)"

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

# The server outlives this script: it must not inherit the caller's file descriptors (a
# `flock /tmp/sluice-heavy.lock …` around this script would otherwise stay locked while it runs).
closeInheritedFds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd="${fd##*/}"
    if [[ "$fd" -gt 2 ]]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

# One local JVM with two threads (the machine has two cores), no UI, everything under DIR.
# SPARK_HOME points at the pip package (spark-submit finds its jars there).
(closeInheritedFds; exec env SPARK_HOME="$spark_home" nohup "$spark_home/bin/spark-submit" \
  --class org.apache.spark.sql.connect.service.SparkConnectServer \
  --name sluice-test-connect \
  --master 'local[2]' \
  --driver-memory 1g \
  --conf spark.connect.grpc.binding.address=127.0.0.1 \
  --conf spark.connect.grpc.binding.port="$port" \
  --conf spark.ui.enabled=false \
  --conf spark.sql.warehouse.dir="$dir/warehouse" \
  --conf spark.driver.extraJavaOptions="-Djava.io.tmpdir=$dir/tmp -Dderby.system.home=$dir" \
  --conf spark.local.dir="$dir/tmp" \
  "${confs[@]}" \
  spark-internal > "$dir/server.log" 2>&1 < /dev/null) &
echo $! > "$dir/pid"

deadline=$((SECONDS + startTimeoutSeconds))
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
  if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "the Spark Connect server exited during start-up; its log:" >&2
    tail -40 "$dir/server.log" >&2
    exit 1
  fi
  if (( SECONDS > deadline )); then
    echo "the Spark Connect server did not listen on 127.0.0.1:$port within ${startTimeoutSeconds}s" >&2
    bash "$here/stop-connect.sh" "$dir" --keep
    exit 1
  fi
  sleep 0.2
done
echo "sc://127.0.0.1:$port" > "$dir/address"
cat "$dir/address"
