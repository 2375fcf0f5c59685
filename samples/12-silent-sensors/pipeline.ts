// A sensor that stops reporting, with flatMapGroupsWithState: each sensor's last reading is kept
// in GroupState with an event-time timeout two minutes after it. New readings move the timeout;
// when the watermark (the newest reading of any sensor, minus 30 seconds) passes it, the sensor
// has been silent for two minutes of event time and an alert is emitted (append mode). A sensor
// that reports again after an alert starts over. Readings arrive in five files of three minutes
// each (one file per micro-batch); trigger availableNow.
// Run: sluice run samples/12-silent-sensors/pipeline.ts   (or: bun samples/12-silent-sensors/pipeline.ts)
import { mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type FlatMapGroupsWithStateFunction, GroupStateTimeout, SparkSession } from "sluice";

const SILENCE_MS = 2 * 60_000;
const work = resolve(process.env.SLUICE_SAMPLE_DIR ?? ".tmp/samples/12-silent-sensors");
const input = join(work, "readings");
rmSync(work, { recursive: true, force: true });
mkdirSync(input, { recursive: true });
// Every sensor reports each minute from 08:00; sensor-2 stops after 08:02, sensor-3 after 08:04
// and comes back at 08:12; sensor-1 keeps going until 08:14.
const reading = (sensor: string, minute: number) => ({ sensor, ts: `2024-03-01 08:${String(minute).padStart(2, "0")}:00`, temperature: 20 + minute / 10 });
const reports = (sensor: string, minute: number) =>
  sensor === "sensor-1" || (sensor === "sensor-2" && minute <= 2) || (sensor === "sensor-3" && (minute <= 4 || minute >= 12));
[[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11], [12, 13, 14]].forEach((minutes, i) => {
  const rows = minutes.flatMap((m) => ["sensor-1", "sensor-2", "sensor-3"].filter((s) => reports(s, m)).map((s) => reading(s, m)));
  const file = join(input, `readings-${i}.json`);
  writeFileSync(file, rows.map((r) => JSON.stringify(r) + "\n").join(""));
  const mtime = new Date(Date.now() - 60_000 + i * 1000);
  utimesSync(file, mtime, mtime);
});

const spark = SparkSession.builder.appName("SilentSensors").config("spark.sql.session.timeZone", "UTC").getOrCreate();
const readings = spark.readStream.format("json").schema("sensor STRING, ts TIMESTAMP, temperature DOUBLE")
  .option("maxFilesPerTrigger", 1).load(input);

const silence: FlatMapGroupsWithStateFunction = (key, rows, state) => {
  if (state.hasTimedOut) {
    const last = state.get.last as number;
    state.remove();
    return [[key[0], new Date(last), new Date(state.getCurrentWatermarkMs())]];
  }
  const last = Math.max(state.exists ? (state.get.last as number) : 0, ...rows.map((r) => (r.ts as Date).getTime()));
  state.update({ last });
  state.setTimeoutTimestamp(Math.max(last + SILENCE_MS, state.getCurrentWatermarkMs()));
  return [];
};

const alerts = readings.withWatermark("ts", "30 seconds").groupBy("sensor").flatMapGroupsWithState(silence,
  "sensor STRING, last_reading TIMESTAMP, noticed_at_watermark TIMESTAMP", "last LONG", "append", GroupStateTimeout.EventTimeTimeout);

const query = alerts.writeStream.queryName("silent_sensors").outputMode("append").format("console").option("truncate", false)
  .option("checkpointLocation", join(work, "checkpoint")).trigger({ availableNow: true }).start();
await query.awaitTermination();
