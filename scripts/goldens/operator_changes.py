"""Goldens for restarting a streaming query whose stateful operators changed (Spark's
STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA): each case of
tests/conformance/operator_changes/cases.json runs its "before" query over batch-000.json with
Trigger.AvailableNow, then its "after" query from the same checkpoint over batch-001.json too.
The "after" run's outcome goes to golden.json: the error (the class Spark reports, the class and
message of the error inside STREAM_FAILED) or the batches it delivered. Never edit golden.json by
hand: rerun this.

    TZ=UTC python3 scripts/goldens/operator_changes.py

Both queries are Python expressions over `df` (the json file stream, schema SCHEMA) and `F`;
tests/conformance/operator_changes.test.ts evaluates the same text with Sluice's API.
"""

import json
import os
import re
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))

from common import REPO, collect_encoded, make_session, read_json, spark_error  # noqa: E402
from pyspark.errors.exceptions.base import PySparkException  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

DIR = os.path.join(REPO, "tests", "conformance", "operator_changes")
SCHEMA = "ts TIMESTAMP, k STRING, v BIGINT"


def run(root, code, mode, source, checkpoint, batches):
    spark = root.newSession()
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    spark.conf.set("spark.sql.shuffle.partitions", "1")
    df = spark.readStream.format("json").schema(SCHEMA).option("maxFilesPerTrigger", 1).load(source)
    result = eval(code, {"df": df, "F": F})  # noqa: S307 - the case's query text
    q = (result.writeStream.outputMode(mode).option("checkpointLocation", checkpoint)
         .trigger(availableNow=True)
         .foreachBatch(lambda d, batch_id: batches.__setitem__(batch_id, collect_encoded(d)[1]))
         .start())
    q.awaitTermination()


def stage(source, n, base):
    name = f"batch-{n:03d}.json"
    shutil.copyfile(os.path.join(DIR, name), os.path.join(source, name))
    os.utime(os.path.join(source, name), (base + n, base + n))


def inner(err):
    """The class and message of the error STREAM_FAILED wraps ("terminated with exception: [X] ...")."""
    text = err["full"]
    m = re.search(r"terminated with exception: \[([A-Z0-9_.]+)\] (.*?) SQLSTATE: (\w+)", text, re.S)
    if not m:
        return {}
    return {"causeClass": m.group(1), "causeMessage": m.group(2).strip(), "causeSqlState": m.group(3)}


def main():
    cases = read_json(os.path.join(DIR, "cases.json"))
    spark = make_session("sluice-goldens-operator-changes", log_level="OFF")
    out = []
    try:
        for case in cases:
            started = time.time()
            root = tempfile.mkdtemp(prefix=f"sluice-opchange-{case['name']}-")
            source, checkpoint = os.path.join(root, "input"), os.path.join(root, "checkpoint")
            os.makedirs(source)
            base = time.time() - 3600
            try:
                stage(source, 0, base)
                run(spark, case["before"], case["outputMode"], source, checkpoint, {})
                stage(source, 1, base)
                batches = {}
                try:
                    run(spark, case["after"], case["outputMode"], source, checkpoint, batches)
                    record = {"name": case["name"], "batches": [{"batchId": i, "rows": batches[i]} for i in sorted(batches)]}
                except PySparkException as e:
                    err = spark_error(e)
                    err["full"] = str(e)
                    record = {"name": case["name"], "error": {"class": err["class"], **inner(err)}}
            finally:
                shutil.rmtree(root, ignore_errors=True)
            out.append(record)
            print(f"  {case['name']}: {record['error']['class'] if 'error' in record else 'ran'} ({time.time() - started:.1f}s)", flush=True)
    finally:
        spark.stop()
    with open(os.path.join(DIR, "golden.json"), "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in out) + "\n]\n")


if __name__ == "__main__":
    main()
