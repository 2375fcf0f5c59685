# Tutorial example 2 in PySpark, as the tutorial writes it, with one line added: .remote(...).
# Runs on a Spark Connect server: `sluice serve` or Spark's own; the console sink prints there.
# Run: SPARK_REMOTE=sc://localhost:15002 SLUICE_SAMPLE_SECONDS=10 python3 samples/02-output-modes/pipeline.py
import os

from pyspark.sql import SparkSession, functions as F

spark = SparkSession.builder.appName("OutputModes").remote(os.environ.get("SPARK_REMOTE", "sc://localhost:15002")).getOrCreate()
spark.conf.set("spark.sql.shuffle.partitions", 1)

events = spark.readStream.format("rate").option("rowsPerSecond", 5).load().withColumn("bucket", F.col("value") % 3)

counts = events.groupBy("bucket").count()

complete = (counts.writeStream.queryName("complete_counts").outputMode("complete")
            .format("console").trigger(processingTime="2 seconds").start())

update = (counts.writeStream.queryName("update_counts").outputMode("update")
          .format("console").trigger(processingTime="2 seconds").start())

# Append needs a watermark: a 2-second window is final once the watermark passes its end.
windowed = (events.withWatermark("timestamp", "1 second")
            .groupBy(F.window("timestamp", "2 seconds"), "bucket").count())
append = (windowed.writeStream.queryName("append_windows").outputMode("append")
          .format("console").option("truncate", False).trigger(processingTime="2 seconds").start())

spark.streams.awaitAnyTermination(int(os.environ.get("SLUICE_SAMPLE_SECONDS", "30")))
for q in (complete, update, append):
    q.stop()
