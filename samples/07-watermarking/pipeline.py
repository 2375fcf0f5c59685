# Tutorial example 7 in PySpark, as the tutorial writes it, with one line added: .remote(...).
# Runs on a Spark Connect server: `sluice serve` or Spark's own. The readings (some late) come from
#   bun scripts/sample_data.ts sensors DIR/readings --files 4
# Run: SLUICE_SAMPLE_DIR=DIR SPARK_REMOTE=sc://localhost:15002 python3 samples/07-watermarking/pipeline.py
import os

from pyspark.sql import SparkSession, functions as F

work = os.path.abspath(os.environ.get("SLUICE_SAMPLE_DIR", ".tmp/samples/07-watermarking"))  # the server resolves paths
spark = (SparkSession.builder.appName("Watermarking").remote(os.environ.get("SPARK_REMOTE", "sc://localhost:15002"))
         .config("spark.sql.session.timeZone", "UTC").getOrCreate())

readings = (spark.readStream.format("json")
            .schema("sensor_id STRING, temperature DOUBLE, humidity DOUBLE, timestamp TIMESTAMP")
            .option("maxFilesPerTrigger", 1)
            .load(os.path.join(work, "readings")))

averages = (readings.withWatermark("timestamp", "10 minutes")
            .groupBy(F.window("timestamp", "5 minutes"), "sensor_id")
            .agg(F.count("*").alias("readings"), F.round(F.avg("temperature"), 2).alias("avg_temp"))
            .select(F.col("window.start").alias("window_start"), F.col("window.end").alias("window_end"),
                    "sensor_id", "readings", "avg_temp"))

query = (averages.writeStream.queryName("sensor_averages").outputMode("append").format("console")
         .option("truncate", False).option("numRows", 50)
         .option("checkpointLocation", os.path.join(work, "checkpoint"))
         .trigger(availableNow=True).start())
query.awaitTermination()

print("batch | input rows | watermark                | late rows dropped")
dropped = 0
for p in query.recentProgress:
    late = p.stateOperators[0].numRowsDroppedByWatermark if p.stateOperators else 0
    watermark = p.eventTime.get("watermark", "")
    dropped += late
    print(f"{p.batchId:5d} | {p.numInputRows:10d} | {watermark:24s} | {late}")
print(f"Late rows dropped in total: {dropped}")
