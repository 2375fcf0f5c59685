# The PySpark side of scripts/bench/vs-spark.ts: the windowed revenue query on the same NDJSON
# files, Spark local[N], availableNow, update mode into foreachBatch keeping the latest revenue per
# (window, category). Prints one JSON line: the query's seconds (from readStream to its end), the
# digest of the answer, and the peak RSS of this process and of Spark's JVM.
# Usage: python3 scripts/bench/vs_spark.py INPUT CHECKPOINT CORES SHUFFLE_PARTITIONS
import json
import re
import resource
import sys
import time

from pyspark.sql import SparkSession, functions as F

DDL = "event_time TIMESTAMP, user_id BIGINT, product_id BIGINT, category STRING, price DOUBLE, quantity INT, event_type STRING"


def vm_hwm_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            m = re.search(r"^VmHWM:\s+(\d+) kB$", f.read(), re.M)
            return int(m.group(1)) / 1024 if m else 0
    except OSError:
        return 0


def main():
    input_dir, checkpoint, cores, partitions = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    spark = (SparkSession.builder.master(f"local[{cores}]").appName("bench-vs-spark")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.shuffle.partitions", partitions)
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    latest = {}

    def keep(df, _batch_id):
        for r in df.collect():
            latest[(r["window"]["start"], r["category"])] = r["revenue"]

    start = time.perf_counter()
    q = (spark.readStream.format("json").schema(DDL).load(input_dir)
         .withWatermark("event_time", "10 minutes")
         .groupBy(F.window("event_time", "5 minutes"), "category")
         .agg(F.sum(F.col("price") * F.col("quantity")).alias("revenue"))
         .select("window", "category", "revenue")
         .writeStream.outputMode("update").foreachBatch(keep)
         .option("checkpointLocation", checkpoint)
         .trigger(availableNow=True).start())
    q.awaitTermination()
    seconds = time.perf_counter() - start
    jvm = spark.sparkContext._gateway.proc.pid
    jvm_mb = vm_hwm_mb(jvm)
    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"querySeconds": round(seconds, 3), "groups": len(latest), "total": sum(latest.values()),
                      "peakRssMb": round(own_mb + jvm_mb)}))
    spark.stop()


main()
