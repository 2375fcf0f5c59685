# PySpark 4.1.1 with delta-spark (io.delta:delta-spark_2.13:4.1.0, fetched by Spark's
# spark.jars.packages from Maven Central) on both sides of Sluice's Delta tables, for
# scripts/delta/delta_spark_interop.ts (full) and plugins/delta/delta_spark.test.ts (quick, in CI):
#   python3 scripts/delta/delta_spark_interop.py full|quick READ_A READ_B WRITE_C WRITE_D INPUT_D CHECKPOINT_D
# reads the tables Sluice wrote (READ_A, READ_B: batch; READ_A also as a stream), writes a table in
# batches (WRITE_C: 12 appends, so delta-spark writes its own checkpoint at version 10; quick: 3
# appends with checkpointInterval 2, its checkpoint at version 2) and one with a streaming query
# (WRITE_D from the JSON files in INPUT_D), and prints one JSON object. quick also runs delta-spark's
# OPTIMIZE on READ_B and reports executeCompaction()'s result.
import datetime
import decimal
import json
import os
import sys
import time

started = time.time()


def mark(what):
    print(f"{time.time() - started:6.1f} s  {what}", file=sys.stderr, flush=True)

from pyspark.sql import SparkSession

DELTA = "io.delta:delta-spark_2.13:4.1.0"
mode, read_a, read_b, write_c, write_d, input_d, checkpoint_d = sys.argv[1:8]
quick = mode == "quick"

spark = (
    SparkSession.builder.master("local[1]").appName("sluice-delta-interop")
    .config("spark.jars.packages", DELTA)
    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.sql.shuffle.partitions", "1")
    .config("spark.databricks.delta.properties.defaults.checkpointInterval", "2" if quick else "10")
    # The log's state in one task instead of delta-spark's 50 (tiny tables, one core).
    .config("spark.databricks.delta.snapshotPartitions", "1")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
mark("session")


def conv(x):
    if isinstance(x, datetime.datetime):
        return x.replace(tzinfo=datetime.timezone.utc).isoformat() if x.tzinfo is None else x.isoformat()
    if isinstance(x, datetime.date):
        return x.isoformat()
    if isinstance(x, decimal.Decimal):
        return str(x)
    if isinstance(x, list):
        return [conv(v) for v in x]
    if hasattr(x, "asDict"):
        return conv(x.asDict())
    if isinstance(x, dict):
        return {k: conv(v) for k, v in x.items()}
    return x


def rows_of(df):
    out = [[conv(v) for v in r] for r in df.collect()]
    out.sort(key=lambda r: json.dumps(r))
    return out


def table_info(path):
    from delta.tables import DeltaTable

    df = spark.read.format("delta").load(path)
    last = DeltaTable.forPath(spark, path).history(1).collect()[0]
    return {"schema": df.schema.simpleString(), "rows": rows_of(df), "version": last["version"], "operation": last["operation"]}


def stream_count(path, name):
    q = spark.readStream.format("delta").load(path).writeStream.format("memory").queryName(name).trigger(availableNow=True).start()
    q.awaitTermination()
    return spark.table(name).count()


result = {"a": table_info(read_a), "b": table_info(read_b), "a_stream_rows": stream_count(read_a, "a_stream")}
mark("read A, B; A as a stream")

if quick:
    # delta-spark's OPTIMIZE of a table Sluice wrote (B: nothing to compact), and its metrics.
    from delta.tables import DeltaTable

    optimized = DeltaTable.forPath(spark, read_b).optimize().executeCompaction()
    result["optimize_schema"] = optimized.schema.simpleString()
    result["optimize_b_metrics"] = conv(optimized.collect()[0]["metrics"])
    result["b_after_optimize"] = table_info(read_b)
    mark("OPTIMIZE B")

# C: batch appends of delta-spark, partitioned; its checkpoint at version 10 (quick: 2).
for i in range(3 if quick else 12):
    spark.createDataFrame(
        [(i, f"v{i}", datetime.datetime(2024, 1, 1, 0, 0, i, tzinfo=datetime.timezone.utc), "x" if i % 2 == 0 else "y")],
        "id BIGINT, s STRING, ts TIMESTAMP, p STRING",
    ).write.format("delta").mode("append").partitionBy("p").save(write_c)

# D: a streaming query of delta-spark writing the JSON files of INPUT_D.
q = (
    spark.readStream.format("json").schema("id BIGINT, name STRING").option("maxFilesPerTrigger", 1).load(input_d)
    .writeStream.format("delta").option("checkpointLocation", checkpoint_d).trigger(availableNow=True).start(write_d)
)
q.awaitTermination()
mark("wrote C and D")

spark.stop()
print(json.dumps(result))
sys.stdout.flush()
os._exit(0)
