# Tutorial example 4 in PySpark, as the tutorial writes it, with one line added: .remote(...).
# Runs on a Spark Connect server: `sluice serve` or Spark's own; the console sink prints there.
# The transactions come from
#   bun scripts/sample_data.ts transactions DIR/input --files 4
# Run: SLUICE_SAMPLE_DIR=DIR SPARK_REMOTE=sc://localhost:15002 python3 samples/04-multiple-sinks/pipeline.py
import os

from pyspark.sql import SparkSession, functions as F

work = os.path.abspath(os.environ.get("SLUICE_SAMPLE_DIR", ".tmp/samples/04-multiple-sinks"))  # the server resolves paths
parquet_path = os.path.join(work, "purchases")
spark = (SparkSession.builder.appName("MultipleSinks").remote(os.environ.get("SPARK_REMOTE", "sc://localhost:15002"))
         .config("spark.sql.session.timeZone", "UTC").getOrCreate())

purchases = (spark.readStream.format("json")
             .schema("transaction_id STRING, customer_id STRING, amount DECIMAL(10,2), category STRING, "
                     "payment_method STRING, timestamp TIMESTAMP")
             .option("maxFilesPerTrigger", 2)
             .load(os.path.join(work, "input"))
             .filter(F.col("amount") > 0)
             .withColumn("amount_band", F.when(F.col("amount") >= 200, "high")
                         .when(F.col("amount") >= 50, "medium").otherwise("low"))
             .withColumn("date", F.to_date("timestamp")))

# 1. Console: each batch's purchases as they arrive.
console_query = (purchases.select("transaction_id", "customer_id", "category", "amount", "amount_band")
                 .writeStream.queryName("purchases_console").outputMode("append")
                 .format("console").option("numRows", 5).option("truncate", False)
                 .trigger(availableNow=True).start())

# 2. Memory: running totals per category, in a table named after the query.
memory_query = (purchases.groupBy("category")
                .agg(F.count("*").alias("purchases"), F.sum("amount").alias("total_amount"))
                .writeStream.queryName("category_totals").outputMode("complete")
                .format("memory").trigger(availableNow=True).start())

# 3. Parquet: every purchase, with a checkpoint (file sinks require one).
parquet_query = (purchases.writeStream.queryName("purchases_parquet").outputMode("append")
                 .format("parquet").option("path", parquet_path)
                 .option("checkpointLocation", os.path.join(work, "checkpoints", "purchases_parquet"))
                 .trigger(availableNow=True).start())

for q in (console_query, memory_query, parquet_query):
    q.awaitTermination()

print("Totals per category (SQL over the memory table):")
spark.sql("""
  SELECT category, purchases, total_amount, round(total_amount / purchases, 2) AS avg_amount
  FROM category_totals
  ORDER BY total_amount DESC""").show()

print("Purchases by amount band (SQL over the Parquet files, read back as a batch DataFrame):")
stored = spark.read.parquet(parquet_path)
stored.createOrReplaceTempView("purchases")
spark.sql("""
  SELECT amount_band, count(*) AS purchases, sum(amount) AS total_amount, min(date) AS first_day
  FROM purchases
  GROUP BY amount_band
  ORDER BY total_amount DESC""").show()
print(f"Parquet rows: {stored.count()}")
