// Tutorial example 2: output modes. One aggregation (counts per value bucket) written three ways:
// complete (the whole table every batch), update (only the buckets that changed), and append
// (a windowed count with a watermark: each window once, when it can no longer change).
// Run: sluice run samples/02-output-modes/pipeline.ts   (stops after SLUICE_SAMPLE_SECONDS, default 30)
import { functions as F, SparkSession } from "sluice";

const spark = SparkSession.builder.appName("OutputModes").getOrCreate();
spark.conf.set("spark.sql.shuffle.partitions", 1);

const events = spark.readStream.format("rate").option("rowsPerSecond", 5).load()
  .withColumn("bucket", F.col("value").mod(3));

const counts = events.groupBy("bucket").count();

const complete = counts.writeStream.queryName("complete_counts").outputMode("complete")
  .format("console").trigger({ processingTime: "2 seconds" }).start();

const update = counts.writeStream.queryName("update_counts").outputMode("update")
  .format("console").trigger({ processingTime: "2 seconds" }).start();

// Append needs a watermark: a 2-second window is final once the watermark passes its end.
const windowed = events.withWatermark("timestamp", "1 second")
  .groupBy(F.window("timestamp", "2 seconds"), "bucket").count();
const append = windowed.writeStream.queryName("append_windows").outputMode("append")
  .format("console").option("truncate", false).trigger({ processingTime: "2 seconds" }).start();

const seconds = Number(process.env.SLUICE_SAMPLE_SECONDS ?? 30);
await spark.streams.awaitAnyTermination(seconds);
for (const q of [complete, update, append]) await q.stop();
