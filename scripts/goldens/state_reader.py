"""What Spark's state data sources read from a flatMapGroupsWithState-style checkpoint: PySpark's
applyInPandasWithState (a count per key, an event-time timeout one minute after the key's newest
row) runs to completion with spark.sql.shuffle.partitions=3, then spark.read.format("statestore")
and format("state-metadata") read the checkpoint back.

Writes tests/conformance/state_reader_golden.json: the statestore schema (simpleString), its rows
(golden encoding, sorted) and the state-metadata rows without the batch ids (Spark and Sluice may
run a different number of no-data batches). tests/conformance/state_reader.test.ts runs the
same query in Sluice and compares.

    TZ=UTC python3 scripts/goldens/state_reader.py
"""

import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))

from streaming import ensure_pandas_environment  # noqa: E402  (pins pyarrow 21 for applyInPandasWithState)

ensure_pandas_environment()

import pandas as pd  # noqa: E402
from common import REPO, collect_encoded, make_session  # noqa: E402
from pyspark.sql.streaming.state import GroupStateTimeout  # noqa: E402

OUT = os.path.join(REPO, "tests", "conformance", "state_reader_golden.json")
ROWS = [{"ts": f"2024-01-01 00:00:{s:02d}", "k": f"key-{s % 7}"} for s in range(0, 40, 3)]


def count(key, pdfs, state):
    n = state.get[0] if state.exists else 0
    newest = 0
    for pdf in pdfs:
        n += len(pdf)
        newest = max(newest, int(pd.Timestamp(pdf["ts"].max()).value // 1_000_000))
    state.update((n,))
    state.setTimeoutTimestamp(newest + 60000)
    yield pd.DataFrame({"k": [key[0]], "n": [n]})


def main():
    spark = make_session("golden-state-reader")
    spark.conf.set("spark.sql.shuffle.partitions", "3")
    work = tempfile.mkdtemp(prefix="sluice-golden-state-reader-")
    try:
        src = os.path.join(work, "in")
        os.makedirs(src)
        with open(os.path.join(src, "rows.json"), "w") as f:
            for r in ROWS:
                f.write(json.dumps(r) + "\n")
        checkpoint = os.path.join(work, "checkpoint")
        df = spark.readStream.schema("ts TIMESTAMP, k STRING").json(src)
        q = (df.withWatermark("ts", "10 seconds").groupBy("k")
             .applyInPandasWithState(count, "k STRING, n LONG", "n LONG", "update", GroupStateTimeout.EventTimeTimeout)
             .writeStream.format("noop").outputMode("update").option("checkpointLocation", checkpoint)
             .trigger(availableNow=True).start())
        q.awaitTermination()
        state = spark.read.format("statestore").load(checkpoint)
        _, rows = collect_encoded(state)
        meta = spark.read.format("state-metadata").load(checkpoint).drop("minBatchId", "maxBatchId")
        _, meta_rows = collect_encoded(meta)
        golden = {
            "rows": ROWS,
            "schema": state.schema.simpleString(),
            "state": sorted(rows, key=lambda r: json.dumps(r, separators=(",", ":"))),
            "metadataSchema": meta.schema.simpleString(),
            "metadata": meta_rows,
        }
        with open(OUT, "w", encoding="utf-8") as f:
            json.dump(golden, f, indent=1)
            f.write("\n")
        print(f"state reader: {len(rows)} keys -> {OUT}")
    finally:
        spark.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
