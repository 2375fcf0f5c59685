// Ad impressions and clicks attributed within an hour: Spark's canonical stream-stream join.
// Two streams, impressions and clicks, each with its own watermark; a click is attributed to the
// impression of the same ad shown at most an hour before it. A left outer join: attributed
// impressions come out as their click arrives; an impression never clicked comes out once, with
// nulls, in the batch the watermark shows no click can still come (its state is then evicted).
// Run: sluice run samples/09-ad-attribution/pipeline.ts   (or: bun samples/09-ad-attribution/pipeline.ts)
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { functions as F, SparkSession } from "sluice";
import { CLICK_SCHEMA, IMPRESSION_SCHEMA, writeAdFiles } from "./ad_data.ts";

const work = resolve(process.env.SLUICE_SAMPLE_DIR ?? ".tmp/samples/09-ad-attribution");
rmSync(work, { recursive: true, force: true });
const dirs = writeAdFiles(work);

const spark = SparkSession.builder.appName("AdAttribution").config("spark.sql.session.timeZone", "UTC").getOrCreate();

const impressions = spark.readStream.schema(IMPRESSION_SCHEMA).option("maxFilesPerTrigger", 1).json(dirs.impressions)
  .withWatermark("impressionTime", "10 minutes");
const clicks = spark.readStream.schema(CLICK_SCHEMA).option("maxFilesPerTrigger", 1).json(dirs.clicks)
  .withWatermark("clickTime", "20 minutes");

// Each DataFrame's own adId: impressions.col("adId") is PySpark's impressions["adId"].
const attributed = impressions.join(
  clicks,
  impressions.col("adId").equalTo(clicks.col("adId"))
    .and(clicks.col("clickTime").geq(impressions.col("impressionTime")))
    .and(clicks.col("clickTime").leq(impressions.col("impressionTime").plus(F.expr("INTERVAL 1 HOUR")))),
  "leftOuter",
).select(impressions.col("adId"), "campaign", "impressionTime", "clickTime");

const query = attributed.writeStream
  .queryName("attribution")
  .outputMode("append")
  .format("console")
  .option("truncate", false)
  .option("numRows", 100)
  .option("checkpointLocation", join(work, "checkpoint"))
  .trigger({ availableNow: true })
  .start();

await query.awaitTermination();

console.log("batch | impressions+clicks | state rows | late rows dropped");
for (const p of query.recentProgress) {
  const op = (p.stateOperators as { numRowsTotal: number; numRowsDroppedByWatermark: number }[])[0]!;
  console.log(`${String(p.batchId).padStart(5)} | ${String(p.numInputRows).padStart(18)} | ${String(op.numRowsTotal).padStart(10)} | ${op.numRowsDroppedByWatermark}`);
}
