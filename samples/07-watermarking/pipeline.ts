// Tutorial example 7: watermarks and late data. Sensor readings arrive in four files, one file per
// micro-batch; files 1 to 3 also carry readings that arrive long after their event time. The query
// averages each sensor's temperature in 5-minute windows with a 10-minute watermark, in append mode:
//   - the watermark is the latest event time seen so far minus 10 minutes (computed at the end of a
//     batch, used by the next);
//   - a window is written once, when the watermark passes its end, and never changes afterwards;
//   - a late reading whose window has already ended before the watermark is dropped, and counted in
//     the progress report (stateOperators[0].numRowsDroppedByWatermark); a late reading whose window
//     is still open is counted normally.
// The sample data is written fresh on every run; the query stops once it is processed (trigger
// availableNow), after one more batch without data that closes the windows the watermark passed.
// Run: sluice run samples/07-watermarking/pipeline.ts   (or: bun samples/07-watermarking/pipeline.ts)
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { functions as F, SparkSession } from "sluice";
import { SENSOR_SCHEMA, writeSensorFiles } from "../../scripts/sample_data.ts";

const work = resolve(process.env.SLUICE_SAMPLE_DIR ?? ".tmp/samples/07-watermarking");
const input = join(work, "readings");
rmSync(work, { recursive: true, force: true });
writeSensorFiles(input, { files: 4, late: true });

const spark = SparkSession.builder.appName("Watermarking").config("spark.sql.session.timeZone", "UTC").getOrCreate();

const readings = spark.readStream.format("json").schema(SENSOR_SCHEMA)
  .option("maxFilesPerTrigger", 1)
  .load(input);

const averages = readings
  .withWatermark("timestamp", "10 minutes")
  .groupBy(F.window("timestamp", "5 minutes"), "sensor_id")
  .agg(F.count("*").alias("readings"), F.round(F.avg("temperature"), 2).alias("avg_temp"))
  .select(F.col("window.start").alias("window_start"), F.col("window.end").alias("window_end"), "sensor_id", "readings", "avg_temp");

const query = averages.writeStream
  .queryName("sensor_averages")
  .outputMode("append")
  .format("console")
  .option("truncate", false)
  .option("numRows", 50)
  .option("checkpointLocation", join(work, "checkpoint"))
  .trigger({ availableNow: true })
  .start();

await query.awaitTermination();

// Each batch's watermark and the late rows it dropped, from the progress reports. A batch drops the
// rows whose window ended by the previous batch's watermark, and emits the windows that ended by its own.
console.log("batch | input rows | watermark                | late rows dropped");
let dropped = 0;
for (const p of query.recentProgress) {
  const late = (p.stateOperators as { numRowsDroppedByWatermark: number }[])[0]?.numRowsDroppedByWatermark ?? 0;
  const watermark = (p.eventTime as Record<string, string | undefined>).watermark ?? "";
  dropped += late;
  console.log(`${String(p.batchId).padStart(5)} | ${String(p.numInputRows).padStart(10)} | ${watermark.padEnd(24)} | ${late}`);
}
console.log(`Late rows dropped in total: ${dropped}`);
