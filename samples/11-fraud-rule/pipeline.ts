// A fraud rule with flatMapGroupsWithState: three declined payments of one card within a minute
// raise an alert. Each card keeps the times of its recent declines in GroupState (approved payments
// do not count); a call drops declines older than a minute before the newest, and three left in
// the window give one alert (then the window starts over). An event-time timeout a minute after a
// card's last decline removes its state once the watermark passes it, so idle cards cost nothing.
// Payments arrive in three files (one per micro-batch); trigger availableNow.
// Run: sluice run samples/11-fraud-rule/pipeline.ts   (or: bun samples/11-fraud-rule/pipeline.ts)
import { mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type FlatMapGroupsWithStateFunction, GroupStateTimeout, SparkSession } from "sluice";

const WINDOW_MS = 60_000;
const work = resolve(process.env.SLUICE_SAMPLE_DIR ?? ".tmp/samples/11-fraud-rule");
const input = join(work, "payments");
rmSync(work, { recursive: true, force: true });
mkdirSync(input, { recursive: true });
// [card, time, status, amount]
const FILES = [
  [["4111", "12:00:05", "declined", 120], ["5500", "12:00:10", "approved", 35], ["4111", "12:00:20", "declined", 120], ["3782", "12:00:30", "declined", 900]],
  [["4111", "12:00:50", "declined", 99], ["3782", "12:01:40", "declined", 900], ["5500", "12:01:45", "declined", 35], ["5500", "12:01:50", "approved", 35]],
  [["3782", "12:02:10", "declined", 900], ["5500", "12:02:20", "declined", 35], ["5500", "12:02:30", "declined", 35], ["9999", "12:06:00", "approved", 5]],
];
FILES.forEach((payments, i) => {
  const file = join(input, `payments-${i}.json`);
  writeFileSync(file, payments.map(([card, t, status, amount]) => JSON.stringify({ card, ts: `2024-03-01 ${t}`, status, amount }) + "\n").join(""));
  const mtime = new Date(Date.now() - 60_000 + i * 1000);
  utimesSync(file, mtime, mtime);
});

const spark = SparkSession.builder.appName("FraudRule").config("spark.sql.session.timeZone", "UTC").getOrCreate();
const payments = spark.readStream.format("json").schema("card STRING, ts TIMESTAMP, status STRING, amount LONG")
  .option("maxFilesPerTrigger", 1).load(input);

const threeDeclines: FlatMapGroupsWithStateFunction = (key, rows, state) => {
  if (state.hasTimedOut) {
    state.remove();
    return [];
  }
  let declines = state.exists ? [...(state.get.declines as number[])] : [];
  declines.push(...rows.map((r) => (r.ts as Date).getTime()));
  declines.sort((a, b) => a - b);
  const alerts: unknown[][] = [];
  for (let i = 2; i < declines.length; i++) {
    if (declines[i]! - declines[i - 2]! <= WINDOW_MS) {
      alerts.push([key[0], new Date(declines[i - 2]!), new Date(declines[i]!), 3]);
      declines = declines.slice(i + 1);
      i = 1;
    }
  }
  const last = declines.at(-1);
  if (last === undefined) {
    state.remove();
    return alerts;
  }
  declines = declines.filter((t) => last - t <= WINDOW_MS);
  state.update({ declines });
  state.setTimeoutTimestamp(Math.max(last + WINDOW_MS, state.getCurrentWatermarkMs()));
  return alerts;
};

const alerts = payments.withWatermark("ts", "30 seconds").filter("status = 'declined'").groupBy("card")
  .flatMapGroupsWithState(threeDeclines, "card STRING, first_decline TIMESTAMP, third_decline TIMESTAMP, declines INT",
    "declines ARRAY<LONG>", "append", GroupStateTimeout.EventTimeTimeout);

const query = alerts.writeStream.queryName("fraud_alerts").outputMode("append").format("console").option("truncate", false)
  .option("checkpointLocation", join(work, "checkpoint")).trigger({ availableNow: true }).start();
await query.awaitTermination();
const cards = spark.read.format("statestore").load(join(work, "checkpoint")).collect().map((r) => (r.key as { card: string }).card).sort();
console.log(`Cards still watched (state after the last batch): ${cards.join(", ") || "none"}`);
