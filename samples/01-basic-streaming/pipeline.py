# Tutorial example 1 in PySpark, as the tutorial writes it, with one line added: .remote(...).
# Runs on a Spark Connect server: `sluice serve` or Spark's own; the console sink prints there.
# Run: SPARK_REMOTE=sc://localhost:15002 SLUICE_SAMPLE_SECONDS=10 python3 samples/01-basic-streaming/pipeline.py
import os

from pyspark.sql import SparkSession, functions as F

spark = SparkSession.builder.appName("BasicStreaming").remote(os.environ.get("SPARK_REMOTE", "sc://localhost:15002")).getOrCreate()

df = spark.readStream.format("rate").option("rowsPerSecond", 10).load()

transformed = (df.withColumn("doubled", F.col("value") * 2)
               .withColumn("is_even", F.col("value") % 2 == 0)
               .withColumn("second", F.second("timestamp")))

query = (transformed.writeStream.outputMode("append").format("console").option("truncate", False)
         .trigger(processingTime="1 second").start())

query.awaitTermination(int(os.environ.get("SLUICE_SAMPLE_SECONDS", "30")))
query.stop()
