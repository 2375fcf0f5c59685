// Tutorial example 8: e-commerce analytics. Three queries read one stream of shop events:
//   1. revenue per category in 5-minute windows (watermark 10 minutes) -> console, update mode
//   2. the conversion funnel (events per type) -> memory table `conversion_funnel`, then the
//      tutorial's SQL query (percentages with a window function) over it
//   3. top products per 5-minute window -> Parquet files (append; exactly-once with a checkpoint)
// The sample data is generated on first run (deterministic). Everything stops once the data is
// processed (trigger availableNow).
// Run: sluice run samples/08-ecommerce/pipeline.ts   (or: npm start)
import { join, resolve } from "node:path";
import { rmSync } from "node:fs";
import { functions as F, SparkSession } from "sluice";
import { EVENT_SCHEMA, generateEvents } from "./generate_events.ts";

const work = resolve(process.env.SLUICE_SAMPLE_DIR ?? ".tmp/samples/08-ecommerce");
const input = join(work, "input");
rmSync(work, { recursive: true, force: true });
generateEvents(input);

const spark = SparkSession.builder.appName("EcommerceAnalytics").config("spark.sql.session.timeZone", "UTC").getOrCreate();

const events = spark.readStream.format("json").schema(EVENT_SCHEMA)
  .option("maxFilesPerTrigger", 2)
  .load(input)
  .withWatermark("event_time", "10 minutes");

// 1. Revenue by category in 5-minute windows.
const revenue = events.filter(F.col("event_type").equalTo("purchase"))
  .groupBy(F.window("event_time", "5 minutes"), "category")
  .agg(F.round(F.sum(F.col("price").multiply(F.col("quantity"))), 2).alias("revenue"), F.count("*").alias("orders"))
  .select(F.col("window.start").alias("window_start"), "category", "revenue", "orders");
const revenueQuery = revenue.writeStream.queryName("revenue_by_category").outputMode("update")
  .format("console").option("truncate", false).option("numRows", 50)
  .trigger({ availableNow: true }).start();

// 2. Conversion funnel into a memory table.
const funnel = events.groupBy("event_type").agg(F.count("*").alias("event_count"));
const funnelQuery = funnel.writeStream.queryName("conversion_funnel").outputMode("complete")
  .format("memory").trigger({ availableNow: true }).start();

// 3. Top products per window, written as Parquet.
const topProducts = events.filter(F.col("event_type").equalTo("purchase"))
  .groupBy(F.window("event_time", "5 minutes"), "product_id")
  .agg(F.sum("quantity").alias("units"))
  .select(F.col("window.start").alias("window_start"), "product_id", "units");
const productsQuery = topProducts.writeStream.queryName("top_products").outputMode("append")
  .format("parquet").option("path", join(work, "top_products"))
  .option("checkpointLocation", join(work, "checkpoints", "top_products"))
  .trigger({ availableNow: true }).start();

for (const q of [revenueQuery, funnelQuery, productsQuery]) await q.awaitTermination();

console.log("Conversion funnel:");
spark.sql(`
  SELECT event_type,
         SUM(event_count) AS total_events,
         ROUND(SUM(event_count) * 100.0 / SUM(SUM(event_count)) OVER (), 2) AS percentage
  FROM conversion_funnel
  GROUP BY event_type
  ORDER BY CASE event_type WHEN 'view' THEN 1 WHEN 'cart' THEN 2 WHEN 'purchase' THEN 3 END
`).show();

console.log("Top products (from the Parquet output):");
spark.read.format("parquet").load(join(work, "top_products"))
  .groupBy("product_id").agg(F.sum("units").alias("units"))
  .orderBy(F.col("units").desc(), "product_id").show(5);
