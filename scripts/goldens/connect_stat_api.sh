#!/usr/bin/env bash
# Regenerates tests/connect_server/stat_api_golden.json: tests/connect_server/stat_api.py (PySpark
# 4.1.1's Connect client) run against a real Spark 4.1.1 Connect server, one partition per local
# relation as the test server reads them (sampleBy draws rand per partition). It starts one
# (scripts/spark/start-connect.sh) unless SPARK_REMOTE names a running one started that way.
#   flock /tmp/sluice-heavy.lock bash scripts/goldens/connect_stat_api.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
url="${SPARK_REMOTE:-}"
if [[ -z "$url" ]]; then
  dir="$(mktemp -d "${TMPDIR:-/tmp}/sluice-stat-golden-XXXXXX")"
  trap 'bash "$root/scripts/spark/stop-connect.sh" "$dir" >/dev/null 2>&1 || true' EXIT
  url="$(bash "$root/scripts/spark/start-connect.sh" "$dir" --conf spark.default.parallelism=1 --conf spark.sql.shuffle.partitions=2 | tail -1)"
fi
SPARK_REMOTE="$url" python3 "$root/tests/connect_server/stat_api.py" \
  | python3 -c 'import json, sys; json.dump(json.load(sys.stdin), sys.stdout, indent=1); print()' > "$root/tests/connect_server/stat_api_golden.json"
echo "wrote tests/connect_server/stat_api_golden.json"
