"""PySpark's side of scripts/bench/kafka-throughput.ts: the same query on the same topic with
spark-sql-kafka (fetched from Maven Central through spark.jars.packages), local[2] with 8 shuffle
partitions. Prints one
JSON line: seconds (query start to end), records, peak RSS (MB) of the driver JVM and of Python.

  python3 scripts/bench/kafka_throughput.py query BOOTSTRAP TOPIC RECORDS MAX_OFFSETS_PER_TRIGGER
  python3 scripts/bench/kafka_throughput.py sink BOOTSTRAP TOPIC RECORDS OUT_TOPIC
"""
import json
import shutil
import sys
import tempfile
import time

from pyspark.sql import SparkSession, functions as F

KAFKA_PACKAGE = "org.apache.spark:spark-sql-kafka-0-10_2.13:4.1.1"


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return 0


def main():
    mode, bootstrap, topic, records, extra = sys.argv[1:6]
    records = int(records)
    spark = (SparkSession.builder.master("local[2]").appName("bench-kafka")
             .config("spark.jars.packages", KAFKA_PACKAGE)
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.ui.enabled", "false")
             # Spark's default of 200 shuffle partitions makes every trigger commit 200 state
             # stores; local[2] users lower it (Sluice's state is partitioned in 8).
             .config("spark.sql.shuffle.partitions", "8")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    checkpoint = tempfile.mkdtemp(prefix="pyspark-bench-kafka-")
    source = (spark.readStream.format("kafka").option("kafka.bootstrap.servers", bootstrap)
              .option("subscribe", topic).option("startingOffsets", "earliest"))
    start = time.time()
    if mode == "query":
        q = (source.option("maxOffsetsPerTrigger", int(extra)).load()
             .select(F.from_json(F.col("value").cast("string"),
                                 "order_id BIGINT, category STRING, amount DECIMAL(10,2), ts TIMESTAMP").alias("o"))
             .select("o.*")
             .filter(F.col("amount").isNotNull())
             .withWatermark("ts", "1 minute")
             .groupBy(F.window("ts", "5 minutes"), "category")
             .agg(F.sum("amount").alias("revenue"), F.count("*").alias("orders"))
             .select(F.col("window.start").alias("window_start"), "category", "revenue", "orders")
             .writeStream.outputMode("update").format("memory").queryName("revenue")
             .option("checkpointLocation", checkpoint)
             .trigger(availableNow=True).start())
    else:
        q = (source.option("maxOffsetsPerTrigger", 250000).load().selectExpr("key", "value")
             .writeStream.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("topic", extra)
             .option("checkpointLocation", checkpoint)
             .trigger(availableNow=True).start())
    q.awaitTermination()
    seconds = time.time() - start
    read = sum(p["numInputRows"] for p in q.recentProgress)
    output = spark.sql("SELECT * FROM revenue").count() if mode == "query" else read
    jvm_pid = spark._jvm.java.lang.ProcessHandle.current().pid()
    shutil.rmtree(checkpoint, ignore_errors=True)
    if read != records:
        print(f"expected {records} input rows, the query read {read}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps({
        "seconds": round(seconds, 3),
        "records": records,
        "recordsPerSecond": round(records / seconds),
        "peakRssMb": peak_rss_mb(jvm_pid),
        "pythonPeakRssMb": peak_rss_mb("self"),
        "outputRows": output,
    }))
    spark.stop()


if __name__ == "__main__":
    main()
