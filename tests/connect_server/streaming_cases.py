"""Runs the streaming conformance cases' query.py files through PySpark's own Spark Connect client
against `sluice serve` (SPARK_REMOTE), one line of JSON per case on stdout:
{"case", "schema", "batches": [[batchId, numOutputRows], ...], "rows": [...], "error": {"class", "stage"}}.

Each case runs straight, Trigger.AvailableNow, into the memory sink (Python foreachBatch does not run
on Sluice): the query's progress gives each batch's id and output row count, the memory table its
rows (in the goldens' encoding, scripts/goldens/common.py).
    SPARK_REMOTE=sc://127.0.0.1:15002 python3 tests/connect_server/streaming_cases.py [CASE ...]
"""

import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(REPO, "scripts", "goldens"))

from common import collect_encoded  # noqa: E402
from pyspark.errors.exceptions.base import PySparkException  # noqa: E402
from pyspark.sql import SparkSession, functions as F  # noqa: E402

CASES = os.path.join(REPO, "tests", "conformance", "streaming", "cases")


# Every session this script creates stays referenced until it exits. PySpark's Connect client
# shares one thread pool for ReleaseExecute calls among all sessions; a stopped session that is
# garbage-collected on one of that pool's threads runs SparkSession.__del__ -> client.close() ->
# shutdown of the pool it runs on, and the next call of any session waits forever (seen with
# PySpark 4.1.1).
KEPT_SESSIONS = []


def load_query(case_dir):
    spec = importlib.util.spec_from_file_location("case_" + os.path.basename(case_dir), os.path.join(case_dir, "query.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.query


def run_case(url, name):
    case_dir = os.path.join(CASES, name)
    spec = json.load(open(os.path.join(case_dir, "case.json")))
    sources = [os.path.join(case_dir, sub) for sub in spec.get("inputs", ["."])]
    root = tempfile.mkdtemp(prefix=f"sluice-connect-{name}-")
    dirs = []
    base = time.time() - 3600
    for i, src in enumerate(sources):
        d = os.path.join(root, f"input-{i}")
        os.makedirs(d)
        dirs.append(d)
        for n, f in enumerate(sorted(x for x in os.listdir(src) if x.startswith("batch-"))):
            shutil.copyfile(os.path.join(src, f), os.path.join(d, f))
            os.utime(os.path.join(d, f), (base + n, base + n))
    spark = SparkSession.builder.remote(url).create()
    KEPT_SESSIONS.append(spark)
    out = {"case": name}
    stage = "build"
    try:
        spark.conf.set("spark.sql.session.timeZone", "UTC")
        spark.conf.set("spark.sql.shuffle.partitions", "1")
        for k, v in spec.get("conf", {}).items():
            spark.conf.set(k, v)
        inputs = [spark.readStream.format("json").schema(spec["schema"]).option("maxFilesPerTrigger", 1).load(d) for d in dirs]
        result = load_query(case_dir)(inputs[0], F, *inputs[1:])
        out["schema"] = [{"name": f.name, "type": f.dataType.simpleString()} for f in result.schema.fields]
        stage = "start"
        table = "conformance_" + name
        q = (result.writeStream.outputMode(spec["outputMode"]).format("memory").queryName(table)
             .option("checkpointLocation", os.path.join(root, "checkpoint")).trigger(availableNow=True).start())
        stage = "run"
        q.awaitTermination()
        out["batches"] = [[p["batchId"], p["sink"].get("numOutputRows", 0)] for p in q.recentProgress]
        out["rows"] = collect_encoded(spark.table(table))[1]
    except PySparkException as e:
        out["error"] = {"class": e.getCondition(), "stage": stage, "message": str(e)[:300]}
    finally:
        spark.stop()
        shutil.rmtree(root, ignore_errors=True)
    return out


def main():
    url = os.environ["SPARK_REMOTE"]
    names = sys.argv[1:] or sorted(n for n in os.listdir(CASES) if os.path.isdir(os.path.join(CASES, n)))
    for name in names:
        print(json.dumps(run_case(url, name)), flush=True)


if __name__ == "__main__":
    main()
