# Tutorial example 5 in PySpark, as the tutorial writes it, with one line added: .remote(...).
# Runs on a Spark Connect server: `sluice serve` or Spark's own; the console sink prints there, and
# the server (not this program) connects to the socket.
# Start a text server first:  bun scripts/socket_server.ts   (or: nc -lk 9999)
# Run: SPARK_REMOTE=sc://localhost:15002 SLUICE_SAMPLE_SECONDS=60 python3 samples/05-socket-word-count/pipeline.py
import os

from pyspark.sql import SparkSession, functions as F

host = os.environ.get("SLUICE_SOCKET_HOST", "localhost")
port = int(os.environ.get("SLUICE_SOCKET_PORT", "9999"))

spark = SparkSession.builder.appName("SocketWordCount").remote(os.environ.get("SPARK_REMOTE", "sc://localhost:15002")).getOrCreate()

# One row per line received, in the column `value`.
lines = spark.readStream.format("socket").option("host", host).option("port", port).load()

words = lines.select(F.explode(F.split(F.col("value"), "\\s+")).alias("word")).filter(F.col("word") != "")

word_counts = words.groupBy("word").count().orderBy(F.col("count").desc(), "word")

query = word_counts.writeStream.outputMode("complete").format("console").start()

query.awaitTermination(int(os.environ.get("SLUICE_SAMPLE_SECONDS", "60")))
query.stop()
