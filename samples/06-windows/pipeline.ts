// Tutorial example 6: time windows over event data. Temperature readings from three sensors (one a
// minute each, 10:00-10:45, in three JSON files) are grouped by event time:
//   1. tumbling windows: 10 minutes, back to back, per sensor;
//   2. sliding windows: 10 minutes long, starting every 5 minutes, over all sensors (each reading
//      falls into two windows).
// The `window` column is a struct; its `start` and `end` fields become columns. Complete mode, so
// each query prints its whole result; the sample data is written fresh on every run and each query
// stops once it is processed (trigger availableNow).
// Run: sluice run samples/06-windows/pipeline.ts   (or: bun samples/06-windows/pipeline.ts)
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { functions as F, SparkSession } from "sluice";
import { SENSOR_SCHEMA, writeSensorFiles } from "../../scripts/sample_data.ts";

const work = resolve(process.env.SLUICE_SAMPLE_DIR ?? ".tmp/samples/06-windows");
const input = join(work, "readings");
rmSync(work, { recursive: true, force: true });
writeSensorFiles(input, { files: 3, late: false });

const spark = SparkSession.builder.appName("Windows").config("spark.sql.session.timeZone", "UTC").getOrCreate();

const readings = spark.readStream.format("json").schema(SENSOR_SCHEMA).load(input);

// 1. Tumbling: window(timeColumn, duration) — every reading lands in exactly one window.
const tumbling = readings
  .groupBy(F.window("timestamp", "10 minutes"), "sensor_id")
  .agg(
    F.count("*").alias("readings"),
    F.round(F.avg("temperature"), 2).alias("avg_temp"),
    F.min("temperature").alias("min_temp"),
    F.max("temperature").alias("max_temp"),
  )
  .select(F.col("window.start").alias("window_start"), F.col("window.end").alias("window_end"), "sensor_id", "readings", "avg_temp", "min_temp", "max_temp")
  .orderBy("window_start", "sensor_id");

console.log("Tumbling windows (10 minutes, per sensor):");
const tumblingQuery = tumbling.writeStream.queryName("tumbling_windows").outputMode("complete")
  .format("console").option("truncate", false).option("numRows", 100)
  .trigger({ availableNow: true }).start();
await tumblingQuery.awaitTermination();

// 2. Sliding: window(timeColumn, duration, slide) — windows overlap when the slide is shorter.
const sliding = readings
  .groupBy(F.window("timestamp", "10 minutes", "5 minutes"))
  .agg(F.count("*").alias("readings"), F.round(F.avg("temperature"), 2).alias("avg_temp"))
  .select("window.start", "window.end", "readings", "avg_temp")
  .orderBy("start");

console.log("Sliding windows (10 minutes, every 5 minutes, all sensors):");
const slidingQuery = sliding.writeStream.queryName("sliding_windows").outputMode("complete")
  .format("console").option("truncate", false).option("numRows", 100)
  .trigger({ availableNow: true }).start();
await slidingQuery.awaitTermination();
