// Tutorial example 4: one stream, three sinks. Transaction files are read once per query, enriched
// the same way, and written to:
//   1. the console: the purchases of each micro-batch (append);
//   2. a memory table `category_totals`: running totals per category (complete), queried with SQL
//      once the stream has been processed;
//   3. Parquet files: every purchase (append, exactly-once thanks to the checkpoint), read back at
//      the end as a batch DataFrame and queried with SQL through a temporary view.
// The sample data is written fresh on every run; everything stops once it is processed
// (trigger availableNow).
// Run: sluice run samples/04-multiple-sinks/pipeline.ts   (or: bun samples/04-multiple-sinks/pipeline.ts)
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { functions as F, SparkSession } from "sluice";
import { TRANSACTION_SCHEMA, writeTransactionFiles } from "../../scripts/sample_data.ts";

const work = resolve(process.env.SLUICE_SAMPLE_DIR ?? ".tmp/samples/04-multiple-sinks");
const input = join(work, "input");
const parquetPath = join(work, "purchases");
rmSync(work, { recursive: true, force: true });
writeTransactionFiles(input, { files: 4 });

const spark = SparkSession.builder.appName("MultipleSinks").config("spark.sql.session.timeZone", "UTC").getOrCreate();

const purchases = spark.readStream.format("json").schema(TRANSACTION_SCHEMA)
  .option("maxFilesPerTrigger", 2)
  .load(input)
  .filter(F.col("amount").gt(0))
  .withColumn("amount_band",
    F.when(F.col("amount").geq(200), "high").when(F.col("amount").geq(50), "medium").otherwise("low"))
  .withColumn("date", F.to_date("timestamp"));

// 1. Console: each batch's purchases as they arrive.
const consoleQuery = purchases.select("transaction_id", "customer_id", "category", "amount", "amount_band")
  .writeStream.queryName("purchases_console").outputMode("append")
  .format("console").option("numRows", 5).option("truncate", false)
  .trigger({ availableNow: true }).start();

// 2. Memory: running totals per category, in a table named after the query.
const memoryQuery = purchases.groupBy("category")
  .agg(F.count("*").alias("purchases"), F.sum("amount").alias("total_amount"))
  .writeStream.queryName("category_totals").outputMode("complete")
  .format("memory")
  .trigger({ availableNow: true }).start();

// 3. Parquet: every purchase, partitioned by nothing, with a checkpoint (file sinks require one).
const parquetQuery = purchases.writeStream.queryName("purchases_parquet").outputMode("append")
  .format("parquet").option("path", parquetPath)
  .option("checkpointLocation", join(work, "checkpoints", "purchases_parquet"))
  .trigger({ availableNow: true }).start();

for (const q of [consoleQuery, memoryQuery, parquetQuery]) await q.awaitTermination();

console.log("Totals per category (SQL over the memory table):");
spark.sql(`
  SELECT category, purchases, total_amount, round(total_amount / purchases, 2) AS avg_amount
  FROM category_totals
  ORDER BY total_amount DESC`).show();

console.log("Purchases by amount band (SQL over the Parquet files, read back as a batch DataFrame):");
const stored = spark.read.parquet(parquetPath);
stored.createOrReplaceTempView("purchases");
spark.sql(`
  SELECT amount_band, count(*) AS purchases, sum(amount) AS total_amount, min(date) AS first_day
  FROM purchases
  GROUP BY amount_band
  ORDER BY total_amount DESC`).show();
console.log(`Parquet rows: ${stored.count()}`);
