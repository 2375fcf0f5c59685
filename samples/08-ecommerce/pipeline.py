# Tutorial example 8 in PySpark, as the tutorial writes it, with one line added: .remote(...).
# Runs on a Spark Connect server: `sluice serve` or Spark's own; the console sink prints there.
# The events come from
#   bun samples/08-ecommerce/generate_events.ts DIR/input
# Run: SLUICE_SAMPLE_DIR=DIR SPARK_REMOTE=sc://localhost:15002 python3 samples/08-ecommerce/pipeline.py
import os

from pyspark.sql import SparkSession, functions as F

work = os.path.abspath(os.environ.get("SLUICE_SAMPLE_DIR", ".tmp/samples/08-ecommerce"))  # the server resolves paths
spark = (SparkSession.builder.appName("EcommerceAnalytics").remote(os.environ.get("SPARK_REMOTE", "sc://localhost:15002"))
         .config("spark.sql.session.timeZone", "UTC").getOrCreate())

events = (spark.readStream.format("json")
          .schema("event_id STRING, user_id STRING, product_id STRING, category STRING, event_type STRING, "
                  "price DOUBLE, quantity INT, event_time TIMESTAMP")
          .option("maxFilesPerTrigger", 2)
          .load(os.path.join(work, "input"))
          .withWatermark("event_time", "10 minutes"))

# 1. Revenue by category in 5-minute windows.
revenue = (events.filter(F.col("event_type") == "purchase")
           .groupBy(F.window("event_time", "5 minutes"), "category")
           .agg(F.round(F.sum(F.col("price") * F.col("quantity")), 2).alias("revenue"), F.count("*").alias("orders"))
           .select(F.col("window.start").alias("window_start"), "category", "revenue", "orders"))
revenue_query = (revenue.writeStream.queryName("revenue_by_category").outputMode("update")
                 .format("console").option("truncate", False).option("numRows", 50)
                 .trigger(availableNow=True).start())

# 2. Conversion funnel into a memory table.
funnel = events.groupBy("event_type").agg(F.count("*").alias("event_count"))
funnel_query = (funnel.writeStream.queryName("conversion_funnel").outputMode("complete")
                .format("memory").trigger(availableNow=True).start())

# 3. Top products per window, written as Parquet.
top_products = (events.filter(F.col("event_type") == "purchase")
                .groupBy(F.window("event_time", "5 minutes"), "product_id")
                .agg(F.sum("quantity").alias("units"))
                .select(F.col("window.start").alias("window_start"), "product_id", "units"))
products_query = (top_products.writeStream.queryName("top_products").outputMode("append")
                  .format("parquet").option("path", os.path.join(work, "top_products"))
                  .option("checkpointLocation", os.path.join(work, "checkpoints", "top_products"))
                  .trigger(availableNow=True).start())

for q in (revenue_query, funnel_query, products_query):
    q.awaitTermination()

print("Conversion funnel:")
spark.sql("""
  SELECT event_type,
         SUM(event_count) AS total_events,
         ROUND(SUM(event_count) * 100.0 / SUM(SUM(event_count)) OVER (), 2) AS percentage
  FROM conversion_funnel
  GROUP BY event_type
  ORDER BY CASE event_type WHEN 'view' THEN 1 WHEN 'cart' THEN 2 WHEN 'purchase' THEN 3 END
""").show()

print("Top products (from the Parquet output):")
(spark.read.format("parquet").load(os.path.join(work, "top_products"))
 .groupBy("product_id").agg(F.sum("units").alias("units"))
 .orderBy(F.col("units").desc(), "product_id").show(5))
