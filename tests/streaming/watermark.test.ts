// Spark's EventTimeWatermarkSuite cases (spark-semantics.md §9): 5-second tumbling windows over
// event times in seconds, a 10-second watermark, output (window start in seconds, count).
import { afterEach, describe, expect, test } from "bun:test";
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { MemoryStream } from "../../runtime/testing/memory_stream.ts";
import { record, sec, sorted } from "./harness.ts";

const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");

afterEach(async () => {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
});

function windowedCounts(input: MemoryStream, watermark = true) {
  let df = input.toDF();
  if (watermark) df = df.withWatermark("ts", "10 seconds");
  return df.groupBy(F.window("ts", "5 seconds")).count().select(F.col("window.start").cast("long").alias("start"), "count");
}

const rows = (...secs: number[]) => secs.map((s) => [sec(s)]);

describe("event-time watermark", () => {
  test("append: a window is emitted once the watermark passes its end, by a no-data batch; late data is dropped", async () => {
    const input = new MemoryStream(spark, "ts TIMESTAMP");
    const r = record(windowedCounts(input), "append");
    input.addData(rows(10, 11, 12, 13, 14, 15));
    await r.query.processAllAvailable();
    expect(r.drain().flat()).toEqual([]);
    input.addData(rows(25));
    await r.query.processAllAvailable();
    // batch 1 (data) emits nothing; batch 2 (no data, watermark 15) closes [10, 15)
    expect(r.drain()).toEqual([[], [[10, 5]]]);
    input.addData(rows(10));
    await r.query.processAllAvailable();
    expect(r.drain().flat()).toEqual([]);
    const ops = r.query.lastProgress!.stateOperators as { numRowsDroppedByWatermark: number }[];
    expect(ops[0]!.numRowsDroppedByWatermark).toBe(1);
    // Spark filters late rows after the partial aggregation: three late rows of one window count once.
    input.addData(rows(10, 11, 12, 20));
    await r.query.processAllAvailable();
    const dropped = r.query.recentProgress.map((p) => (p.stateOperators as { numRowsDroppedByWatermark: number }[])[0]!.numRowsDroppedByWatermark);
    expect(dropped[dropped.length - 1]).toBe(1);
  });

  test("update: changed windows each batch, late rows dropped", async () => {
    const input = new MemoryStream(spark, "ts TIMESTAMP");
    const r = record(windowedCounts(input), "update");
    input.addData(rows(10, 11, 12, 13, 14, 15));
    await r.query.processAllAvailable();
    expect(sorted(r.drain().flat())).toEqual([[10, 5], [15, 1]]);
    input.addData(rows(25));
    await r.query.processAllAvailable();
    expect(r.drain().flat()).toEqual([[25, 1]]);
    input.addData(rows(10, 25));
    await r.query.processAllAvailable();
    expect(r.drain().flat()).toEqual([[25, 2]]);
    input.addData(rows(10));
    await r.query.processAllAvailable();
    expect(r.drain().flat()).toEqual([]);
  });

  test("complete: everything every batch, nothing evicted or dropped", async () => {
    const input = new MemoryStream(spark, "ts TIMESTAMP");
    const r = record(windowedCounts(input), "complete");
    input.addData(rows(10, 11, 12));
    await r.query.processAllAvailable();
    expect(r.drain().map(sorted)).toEqual([[[10, 3]]]);
    input.addData(rows(25));
    await r.query.processAllAvailable();
    expect(r.drain().map(sorted)).toEqual([[[10, 3], [25, 1]]]);
    input.addData(rows(25));
    await r.query.processAllAvailable();
    expect(r.drain().map(sorted)).toEqual([[[10, 3], [25, 2]]]);
    input.addData(rows(10));
    await r.query.processAllAvailable();
    expect(r.drain().map(sorted)).toEqual([[[10, 4], [25, 2]]]);
  });

  test("without no-data batches a closed window waits for the next data", async () => {
    const s = spark.newSession();
    s.conf.set("spark.sql.streaming.noDataMicroBatches.enabled", "false");
    const input = new MemoryStream(s, "ts TIMESTAMP");
    const r = record(windowedCounts(input), "append");
    input.addData(rows(10, 11, 12, 13, 14, 15));
    input.addData(rows(25));
    await r.query.processAllAvailable();
    expect(r.drain().flat()).toEqual([]);
    input.addData(rows(26));
    await r.query.processAllAvailable();
    expect(r.drain().flat()).toEqual([[10, 5]]);
    await r.query.stop();
  });

  test("global count over an empty batch in complete mode is 0", async () => {
    const input = new MemoryStream(spark, "ts TIMESTAMP");
    const r = record(input.toDF().groupBy().count(), "complete");
    input.addData([]);
    await r.query.processAllAvailable();
    expect(r.drain()).toEqual([[[0]]]);
  });

  test("append without a watermark is refused at start() with Spark's error", () => {
    const input = new MemoryStream(spark, "ts TIMESTAMP");
    let code = "";
    try {
      windowedCounts(input, false).writeStream.outputMode("append").format("console").start();
    } catch (e) {
      code = (e as { code: string }).code;
    }
    expect(code).toBe("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION");
  });
});
