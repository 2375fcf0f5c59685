"""Which state partition Spark puts a key in: streaming queries with spark.sql.shuffle.partitions=5
run to completion, then Spark's state data source reads every key back with its partition_id.

Writes runtime/state/partitioner_golden.json: per query, the key schema (simpleString types) and
[key values (golden encoding), partition_id] for every key. runtime/state/partitioner.test.ts checks
that Sluice hashes each key into the same partition.
"""

import json
import os
import shutil
import tempfile

from common import REPO, make_session, collect_encoded

PARTITIONS = 5
OUT = os.path.join(REPO, "runtime", "state", "partitioner_golden.json")

ROWS = [
    {"ts": f"2024-01-01T00:{m:02d}:{s:02d}Z", "k": f"key-{i % 13}", "n": i * 7919 % 1000 - 500, "d": (i % 9) * 1.25 - 3,
     "u": "é☃" * (i % 3) + str(i % 5)}
    for i, (m, s) in enumerate((m, s) for m in range(4) for s in range(0, 60, 7))
]

QUERIES = {
    "window_and_string": lambda df, F: df.withWatermark("ts", "1 hour").groupBy(F.window("ts", "1 minute"), "k").count(),
    "long": lambda df, F: df.groupBy("n").count(),
    "double_and_unicode": lambda df, F: df.groupBy("d", "u").count(),
    "dedup_string_timestamp": lambda df, F: df.dropDuplicates(["k", "ts"]),
}


def main():
    from pyspark.sql import functions as F

    spark = make_session("golden-state-partitions")
    spark.conf.set("spark.sql.shuffle.partitions", str(PARTITIONS))
    work = tempfile.mkdtemp(prefix="sluice-golden-partitions-")
    try:
        src = os.path.join(work, "in")
        os.makedirs(src)
        with open(os.path.join(src, "rows.json"), "w") as f:
            for r in ROWS:
                f.write(json.dumps(r) + "\n")
        golden = {"numPartitions": PARTITIONS, "queries": {}}
        for name, make in QUERIES.items():
            checkpoint = os.path.join(work, name)
            df = spark.readStream.schema("ts TIMESTAMP, k STRING, n BIGINT, d DOUBLE, u STRING").json(src)
            q = (make(df, F).writeStream.format("noop").outputMode("update" if name != "dedup_string_timestamp" else "append")
                 .option("checkpointLocation", checkpoint).trigger(availableNow=True).start())
            q.awaitTermination()
            state = spark.read.format("statestore").load(checkpoint)
            keys = state.select("key.*", "partition_id")
            fields = keys.schema.fields[:-1]
            schema = [{"name": f.name, "type": f.dataType.simpleString()} for f in fields]
            _, rows = collect_encoded(keys)
            golden["queries"][name] = {
                "keySchema": schema,
                "keys": sorted(([r[:-1], r[-1]] for r in rows), key=lambda x: json.dumps(x)),
            }
        with open(OUT, "w", encoding="utf-8") as f:
            json.dump(golden, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"wrote {OUT}")
    finally:
        spark.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
