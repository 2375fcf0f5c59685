# Tutorial example 6 in PySpark, as the tutorial writes it, with one line added: .remote(...).
# Runs on a Spark Connect server: `sluice serve` or Spark's own. The readings come from
#   bun scripts/sample_data.ts sensors DIR/readings --files 3 --no-late
# Run: SLUICE_SAMPLE_DIR=DIR SPARK_REMOTE=sc://localhost:15002 python3 samples/06-windows/pipeline.py
import os

from pyspark.sql import SparkSession, functions as F

work = os.path.abspath(os.environ.get("SLUICE_SAMPLE_DIR", ".tmp/samples/06-windows"))  # the server resolves paths
spark = (SparkSession.builder.appName("Windows").remote(os.environ.get("SPARK_REMOTE", "sc://localhost:15002"))
         .config("spark.sql.session.timeZone", "UTC").getOrCreate())

readings = (spark.readStream.format("json")
            .schema("sensor_id STRING, temperature DOUBLE, humidity DOUBLE, timestamp TIMESTAMP")
            .load(os.path.join(work, "readings")))

tumbling = (readings.groupBy(F.window("timestamp", "10 minutes"), "sensor_id")
            .agg(F.count("*").alias("readings"), F.round(F.avg("temperature"), 2).alias("avg_temp"),
                 F.min("temperature").alias("min_temp"), F.max("temperature").alias("max_temp"))
            .select(F.col("window.start").alias("window_start"), F.col("window.end").alias("window_end"),
                    "sensor_id", "readings", "avg_temp", "min_temp", "max_temp")
            .orderBy("window_start", "sensor_id"))

print("Tumbling windows (10 minutes, per sensor):", flush=True)
(tumbling.writeStream.queryName("tumbling_windows").outputMode("complete").format("console")
 .option("truncate", False).option("numRows", 100).trigger(availableNow=True).start().awaitTermination())

sliding = (readings.groupBy(F.window("timestamp", "10 minutes", "5 minutes"))
           .agg(F.count("*").alias("readings"), F.round(F.avg("temperature"), 2).alias("avg_temp"))
           .select("window.start", "window.end", "readings", "avg_temp")
           .orderBy("start"))

print("Sliding windows (10 minutes, every 5 minutes, all sensors):", flush=True)
(sliding.writeStream.queryName("sliding_windows").outputMode("complete").format("console")
 .option("truncate", False).option("numRows", 100).trigger(availableNow=True).start().awaitTermination())
