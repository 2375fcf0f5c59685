"""PySpark's side of scripts/bench/stream-join.ts: the same stream-stream join over the same files,
local[2] with 8 shuffle partitions (Sluice's default). Prints one JSON line: seconds (query start to
end), output rows, the largest state row count of any batch, peak RSS (MB) of the driver JVM and of
Python.

  python3 scripts/bench/stream_join.py IMPRESSIONS_DIR CLICKS_DIR EVENTS_PER_SIDE
"""
import json
import shutil
import sys
import tempfile
import time

from pyspark.sql import SparkSession, functions as F


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return 0


def main():
    impressions_dir, clicks_dir, events = sys.argv[1], sys.argv[2], int(sys.argv[3])
    spark = (SparkSession.builder.master("local[2]").appName("bench-stream-join")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", "8")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    checkpoint = tempfile.mkdtemp(prefix="pyspark-bench-join-")
    impressions = (spark.readStream.schema("adId INT, impressionTime TIMESTAMP").option("maxFilesPerTrigger", 1)
                   .json(impressions_dir).withWatermark("impressionTime", "1 minute"))
    clicks = (spark.readStream.schema("clickAdId INT, clickTime TIMESTAMP").option("maxFilesPerTrigger", 1)
              .json(clicks_dir).withWatermark("clickTime", "1 minute"))
    joined = impressions.join(clicks, F.expr(
        "adId = clickAdId AND clickTime >= impressionTime AND clickTime <= impressionTime + interval 10 minutes"))
    counted = [0]

    def count(df, _batch_id):
        counted[0] += df.count()

    start = time.time()
    q = (joined.writeStream.outputMode("append").foreachBatch(count)
         .option("checkpointLocation", checkpoint).trigger(availableNow=True).start())
    q.awaitTermination()
    seconds = time.time() - start
    read = sum(p["numInputRows"] for p in q.recentProgress)
    state_rows = max((p["stateOperators"][0]["numRowsTotal"] for p in q.recentProgress if p["stateOperators"]), default=0)
    jvm_pid = spark._jvm.java.lang.ProcessHandle.current().pid()
    shutil.rmtree(checkpoint, ignore_errors=True)
    if read != 2 * events:
        print(f"expected {2 * events} input rows, the query read {read}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps({
        "seconds": round(seconds, 3),
        "eps": round(2 * events / seconds),
        "outputRows": counted[0],
        "stateRows": state_rows,
        "jvmPeakRssMb": peak_rss_mb(jvm_pid),
        "pythonPeakRssMb": peak_rss_mb("self"),
    }))
    spark.stop()


if __name__ == "__main__":
    main()
