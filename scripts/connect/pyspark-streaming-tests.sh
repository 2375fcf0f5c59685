#!/usr/bin/env bash
# Runs PySpark's own Spark Connect streaming tests against `sluice serve`. They are not in PySpark's
# wheel nor in its sdist, so they come from a checkout of Apache Spark at the v4.1.1 tag:
#
#   git clone --depth 1 --branch v4.1.1 https://github.com/apache/spark /path/to/spark
#   bash scripts/connect/pyspark-streaming-tests.sh /path/to/spark [MODULE…]
#
# MODULE defaults to pyspark.sql.tests.connect.streaming.test_parity_streaming. The server runs in
# the checkout (the tests read python/test_support/… relative to the server's directory); the
# tests' Connect session goes to it through SPARK_CONNECT_TESTING_REMOTE (ReusedConnectTestCase),
# with SPARK_SKIP_CONNECT_COMPAT_TESTS so that no local JVM is started beside it. The README
# section "PySpark programs on Sluice" lists what passes and why the rest does not.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
spark="${1:?usage: pyspark-streaming-tests.sh SPARK_CHECKOUT [MODULE…]}"
shift
modules=("$@")
[[ ${#modules[@]} -gt 0 ]] || modules=(pyspark.sql.tests.connect.streaming.test_parity_streaming)
spark="$(cd "$spark" && pwd)"
[[ -d "$spark/python/pyspark/sql/tests/connect/streaming" ]] || { echo "$spark is not a checkout of Apache Spark (python/pyspark/sql/tests/connect/streaming is missing)" >&2; exit 2; }
python3 -c 'import pyspark, grpc, pyarrow, pandas; assert pyspark.__version__ == "4.1.1"' 2>/dev/null \
  || python3 -m pip install --quiet --disable-pip-version-check "pyspark[connect]==4.1.1"

log="$(mktemp "${TMPDIR:-/tmp}/sluice-serve-XXXXXX.log")"
(cd "$spark" && exec "$root/node_modules/.bin/bun" "$root/runtime/main.ts" serve --connect-port 0) 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'sc://[0-9.]*:[0-9]*' "$log" | head -1 || true)"
  [[ -n "$url" ]] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$url" ]] || { echo "sluice serve did not start" >&2; exit 1; }
cd "$spark"
PYTHONPATH="$spark/python" SPARK_SKIP_CONNECT_COMPAT_TESTS=1 SPARK_CONNECT_TESTING_REMOTE="$url" \
  python3 -m unittest -v "${modules[@]}"
