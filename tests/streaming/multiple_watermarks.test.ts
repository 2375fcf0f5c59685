// Two inputs, each with its own watermark, unioned into one windowed count: the global watermark
// is the min (default) or max of the inputs' watermarks; an input without data counts as 0.
import { afterEach, describe, expect, test } from "bun:test";
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { MemoryStream } from "../../runtime/testing/memory_stream.ts";
import { record, sec } from "./harness.ts";

const base = SparkSession.builder.getOrCreate();
const sessions: SparkSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await Promise.all(s.streams.active.map((q) => q.stop()));
});

async function run(policy: "min" | "max") {
  const spark = base.newSession();
  sessions.push(spark);
  spark.conf.set("spark.sql.session.timeZone", "UTC");
  spark.conf.set("spark.sql.streaming.multipleWatermarkPolicy", policy);
  const a = new MemoryStream(spark, "ts TIMESTAMP");
  const b = new MemoryStream(spark, "ts TIMESTAMP");
  const df = a.toDF().withWatermark("ts", "10 seconds").union(b.toDF().withWatermark("ts", "20 seconds"))
    .groupBy(F.window("ts", "5 seconds")).count().select(F.col("window.start").cast("long").alias("start"), "count");
  const r = record(df, "append");
  a.addData([[sec(100)]]);
  await r.query.processAllAvailable();
  b.addData([[sec(100)]]);
  await r.query.processAllAvailable();
  a.addData([[sec(200)]]);
  await r.query.processAllAvailable();
  return { r, progress: r.query.recentProgress };
}

describe("multiple watermark policy", () => {
  test("min: the slowest input holds the watermark back (an input without data counts as 0)", async () => {
    const { r, progress } = await run("min");
    const wm = progress.map((p) => (p.eventTime as Record<string, string>).watermark);
    // after a@100: min(90, 0) = 0; after b@100: min(90, 80) = 80; after a@200: min(190, 80) = 80
    expect(wm[0]).toBe(new Date(0).toISOString());
    expect(wm[wm.length - 1]).toBe(new Date(80_000).toISOString());
    // the window [100, 105) stays open: 105 > 80
    expect([...r.batches.values()].flat()).toEqual([]);
  });

  test("max: the fastest input drives the watermark", async () => {
    const { r } = await run("max");
    // after a@200 the watermark is max(190, 80) = 190: the window [100, 105) is emitted.
    expect([...r.batches.values()].flat()).toContainEqual([100, 2]);
  });
});
