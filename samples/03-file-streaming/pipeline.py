# Tutorial example 3 in PySpark, as the tutorial writes it, with one line added: .remote(...).
# Runs on a Spark Connect server: `sluice serve` or Spark's own; the console sink prints there.
# The transactions come from
#   bun scripts/sample_data.ts transactions DIR/input-json --files 3
# Run: SLUICE_SAMPLE_DIR=DIR SPARK_REMOTE=sc://localhost:15002 python3 samples/03-file-streaming/pipeline.py
# (run it again after adding files: the checkpoint makes it read only the new ones)
import os

from pyspark.sql import SparkSession, functions as F

work = os.path.abspath(os.environ.get("SLUICE_SAMPLE_DIR", ".tmp/samples/03-file-streaming"))  # the server resolves paths
spark = (SparkSession.builder.appName("FileStreaming").remote(os.environ.get("SPARK_REMOTE", "sc://localhost:15002"))
         .config("spark.sql.session.timeZone", "UTC").getOrCreate())

# Streaming file sources need the schema up front (Spark does not infer it for a stream).
transactions = (spark.readStream.format("json")
                .schema("transaction_id STRING, customer_id STRING, amount DECIMAL(10,2), category STRING, "
                        "payment_method STRING, timestamp TIMESTAMP")
                .option("maxFilesPerTrigger", 2)
                .load(os.path.join(work, "input-json")))

purchases = (transactions
             .filter(F.col("amount") > 0)  # negative amounts are refunds
             .withColumn("amount_band", F.when(F.col("amount") >= 200, "high")
                         .when(F.col("amount") >= 50, "medium").otherwise("low"))
             .withColumn("hour", F.hour("timestamp")))

totals = (purchases.groupBy("category").agg(
    F.count("*").alias("purchases"),
    F.sum("amount").alias("total_amount"),
    F.round(F.avg("amount"), 2).alias("avg_amount"),
    F.max("amount").alias("max_amount"),
    F.sum(F.when(F.col("amount_band") == "high", 1).otherwise(0)).alias("high_value"),
).orderBy("category"))

query = (totals.writeStream.queryName("category_totals").outputMode("complete").format("console")
         .option("checkpointLocation", os.path.join(work, "checkpoint-json"))
         .trigger(availableNow=True).start())
query.awaitTermination()

# What this run did, from the query's progress reports.
batches = [p for p in query.recentProgress if p.numInputRows > 0]
if not batches:
    print("This run found no new files: the checkpoint says they were all processed before.")
else:
    rows = sum(p.numInputRows for p in batches)
    ids = ", ".join(str(p.batchId) for p in batches)
    print(f"This run processed {rows} input rows in {len(batches)} batch(es): {ids}.")
