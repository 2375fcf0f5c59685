// Tutorial example 3: file streaming with a checkpoint. Transaction files (JSON, or CSV with
// SLUICE_SAMPLE_FORMAT=csv) are read with an explicit schema, two files per micro-batch; refunds are
// filtered out, each purchase gets an amount band, and running totals per category are printed
// (complete mode). The checkpoint remembers which files were processed and the totals so far:
// run it again after adding files and only the new files are read.
//
// Run: sluice run samples/03-file-streaming/pipeline.ts   (or: bun samples/03-file-streaming/pipeline.ts)
// It processes the files there and stops (trigger availableNow). With SLUICE_SAMPLE_SECONDS=N it
// keeps watching the directory for N seconds instead (see README: scripts/file_simulator.ts).
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { functions as F, SparkSession } from "sluice";
import { TRANSACTION_SCHEMA, writeTransactionFiles } from "../../scripts/sample_data.ts";

const work = resolve(process.env.SLUICE_SAMPLE_DIR ?? ".tmp/samples/03-file-streaming");
const format = process.env.SLUICE_SAMPLE_FORMAT === "csv" ? "csv" : "json";
const input = join(work, `input-${format}`);
const checkpoint = join(work, `checkpoint-${format}`);
// The first run writes three files of sample transactions; later runs keep what is there.
if (!existsSync(input)) writeTransactionFiles(input, { files: 3, format });

const spark = SparkSession.builder.appName("FileStreaming").config("spark.sql.session.timeZone", "UTC").getOrCreate();

// Streaming file sources need the schema up front (Spark does not infer it for a stream).
let reader = spark.readStream.format(format).schema(TRANSACTION_SCHEMA).option("maxFilesPerTrigger", 2);
if (format === "csv") reader = reader.option("header", true);
const transactions = reader.load(input);

const purchases = transactions
  .filter(F.col("amount").gt(0)) // negative amounts are refunds
  .withColumn("amount_band",
    F.when(F.col("amount").geq(200), "high").when(F.col("amount").geq(50), "medium").otherwise("low"))
  .withColumn("hour", F.hour("timestamp"));

const totals = purchases.groupBy("category").agg(
  F.count("*").alias("purchases"),
  F.sum("amount").alias("total_amount"),
  F.round(F.avg("amount"), 2).alias("avg_amount"),
  F.max("amount").alias("max_amount"),
  F.sum(F.when(F.col("amount_band").equalTo("high"), 1).otherwise(0)).alias("high_value"),
).orderBy("category");

const seconds = Number(process.env.SLUICE_SAMPLE_SECONDS ?? 0);
const query = totals.writeStream
  .queryName("category_totals")
  .outputMode("complete")
  .format("console")
  .option("checkpointLocation", checkpoint)
  .trigger(seconds > 0 ? { processingTime: "2 seconds" } : { availableNow: true })
  .start();

if (seconds > 0) {
  await query.awaitTermination(seconds);
  await query.stop();
} else {
  await query.awaitTermination();
}

// What this run did, from the query's progress reports.
const batches = query.recentProgress.filter((p) => (p.numInputRows as number) > 0);
const rows = batches.reduce((n, p) => n + (p.numInputRows as number), 0);
if (batches.length === 0) {
  console.log("This run found no new files: the checkpoint says they were all processed before.");
} else {
  const ids = batches.map((p) => p.batchId as number);
  console.log(`This run processed ${rows} input rows in ${batches.length} batch(es): ${ids.join(", ")}.`);
}
