// Tutorial example 1: the rate source -> a few transformations -> the console.
// Run: sluice run samples/01-basic-streaming/pipeline.ts   (or: bun samples/01-basic-streaming/pipeline.ts)
// It stops after SLUICE_SAMPLE_SECONDS (default 30) seconds.
import { functions as F, SparkSession } from "sluice";

const spark = SparkSession.builder.appName("BasicStreaming").getOrCreate();

// 10 rows per second: columns `timestamp` and `value`.
const df = spark.readStream.format("rate").option("rowsPerSecond", 10).load();

const transformed = df
  .withColumn("doubled", F.col("value").multiply(2))
  .withColumn("is_even", F.col("value").mod(2).equalTo(0))
  .withColumn("second", F.second("timestamp"));

const query = transformed.writeStream
  .outputMode("append")
  .format("console")
  .option("truncate", false)
  .trigger({ processingTime: "1 second" })
  .start();

await query.awaitTermination(Number(process.env.SLUICE_SAMPLE_SECONDS ?? 30));
await query.stop();
