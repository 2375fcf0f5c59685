// StreamingQuery and StreamingQueryManager as a PySpark user sees them: progress with Spark's
// field names, status, listeners, awaitTermination, awaitAnyTermination, several queries at once,
// triggers once/availableNow/processingTime on a manual clock.
import { afterEach, describe, expect, test } from "bun:test";
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { ManualClock } from "../../runtime/testing/manual_clock.ts";
import { MemoryStream } from "../../runtime/testing/memory_stream.ts";

const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");
const printed: string[] = [];
spark.stdout = (t) => void printed.push(t);
afterEach(async () => {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
  spark.streams.resetTerminated();
  printed.length = 0;
});

describe("streaming query lifecycle", () => {
  test("progress has Spark's fields; listeners see start, progress and termination", async () => {
    const events: string[] = [];
    const listener = {
      onQueryStarted: (e: { name: string | null }) => void events.push(`started ${e.name}`),
      onQueryProgress: (e: { progress: Record<string, unknown> }) => void events.push(`progress ${e.progress.batchId}`),
      onQueryTerminated: (e: { exception: string | null }) => void events.push(`terminated ${e.exception}`),
    };
    spark.streams.addListener(listener);
    const input = new MemoryStream(spark, "v INT");
    const q = input.toDF().selectExpr("v * 2 AS w").writeStream.format("memory").queryName("doubled").start();
    expect(events).toEqual(["started doubled"]);
    input.addData([[1], [2], [3]]);
    await q.processAllAvailable();
    const p = q.lastProgress!;
    // The first batch's input rate is 0, not NaN (Spark 4's ProgressReporter): it is in the JSON.
    expect(Object.keys(p)).toEqual([
      "id", "runId", "name", "timestamp", "batchId", "batchDuration", "numInputRows", "inputRowsPerSecond", "processedRowsPerSecond",
      "durationMs", "stateOperators", "sources", "sink", "observedMetrics",
    ]);
    expect(p.numInputRows).toBe(3);
    expect(Object.keys(p.durationMs as object).sort()).toEqual(["addBatch", "commitOffsets", "getBatch", "latestOffset", "queryPlanning", "triggerExecution", "walCommit"]);
    expect((p.sources as { numInputRows: number }[])[0]!.numInputRows).toBe(3);
    expect((p.sink as { numOutputRows: number }).numOutputRows).toBe(3);
    expect(spark.table("doubled").collect()).toEqual([{ w: 2 }, { w: 4 }, { w: 6 }]);
    expect(q.status.isTriggerActive === false || q.status.isTriggerActive === true).toBe(true);
    expect(spark.streams.get(q.id)).toBe(q);
    await q.stop();
    expect(q.isActive).toBe(false);
    expect(events).toEqual(["started doubled", "progress 0", "terminated null"]);
    spark.streams.removeListener(listener);
  });

  test("a failing batch ends the query with its error; awaitTermination rethrows it", async () => {
    const input = new MemoryStream(spark, "v INT");
    const q = input.toDF().selectExpr("1 / v AS x").writeStream.format("memory").queryName("div").start();
    input.addData([[0]]);
    let code = "";
    try {
      await q.awaitTermination();
    } catch (e) {
      code = (e as { code: string }).code;
    }
    expect(code).toBe("DIVIDE_BY_ZERO");
    expect(q.exception()).not.toBeNull();
    let any = "";
    try {
      await spark.streams.awaitAnyTermination(1);
    } catch (e) {
      any = (e as { code: string }).code;
    }
    expect(any).toBe("DIVIDE_BY_ZERO");
  });

  test("trigger once runs one batch and ends; availableNow runs until caught up and ends", async () => {
    const input = new MemoryStream(spark, "v INT");
    input.addData([[1]]);
    input.addData([[2]]);
    const once = input.toDF().writeStream.format("memory").queryName("once").trigger({ once: true }).start();
    expect(await once.awaitTermination(5)).toBe(true);
    expect(once.recentProgress.length).toBe(1);
    const now = input.toDF().writeStream.format("memory").queryName("now").trigger({ availableNow: true }).start();
    expect(await now.awaitTermination(5)).toBe(true);
    expect(spark.table("now").count()).toBe(2);
  });

  test("processingTime triggers follow the clock, aligned to the interval", async () => {
    const s = spark.newSession();
    const clock = new ManualClock(10_500);
    s.clock = clock;
    const input = new MemoryStream(s, "v INT");
    input.addData([[1]]);
    const q = input.toDF().writeStream.format("memory").queryName("timed").trigger({ processingTime: "1 second" }).start();
    await clock.whenSleeping(1);
    expect(q.recentProgress.length).toBe(1);
    expect(clock.nextWakeMs()).toBe(11_000);
    input.addData([[2]]);
    clock.setTime(11_000);
    await clock.whenSleeping(1);
    expect(q.recentProgress.length).toBe(2);
    expect(q.lastProgress!.timestamp).toBe(new Date(11_000).toISOString());
    await q.stop();
  });

  test("two queries run side by side without starving each other", async () => {
    const a = spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 10).load();
    const b = spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 10).load();
    const qa = a.writeStream.format("memory").queryName("qa").start();
    const qb = b.writeStream.format("memory").queryName("qb").start();
    const deadline = Date.now() + 5000;
    while ((qa.recentProgress.length < 3 || qb.recentProgress.length < 3) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(qa.recentProgress.length).toBeGreaterThanOrEqual(3);
    expect(qb.recentProgress.length).toBeGreaterThanOrEqual(3);
    expect(spark.streams.active.length).toBe(2);
  });

  test("the console sink prints Spark's banner and table", async () => {
    const input = new MemoryStream(spark, "word STRING");
    const q = input.toDF().groupBy("word").count().writeStream.outputMode("complete").format("console").start();
    input.addData([["a"], ["a"]]);
    await q.processAllAvailable();
    expect(printed.join("")).toBe("-------------------------------------------\nBatch: 0\n-------------------------------------------\n+----+-----+\n|word|count|\n+----+-----+\n|   a|    2|\n+----+-----+\n\n");
  });
});

describe("foreach and foreachBatch", () => {
  afterEach(async () => {
    await Promise.all(spark.streams.active.map((q) => q.stop()));
  });

  test("foreach calls open/process/close per batch with public rows", async () => {
    const calls: string[] = [];
    const input = new MemoryStream(spark, "v INT, ts TIMESTAMP");
    const q = input.toDF().writeStream.foreach({
      open: (partitionId, epochId) => (calls.push(`open ${partitionId} ${epochId}`), true),
      process: (row) => void calls.push(`process ${row.v} ${(row.ts as Date).toISOString()}`),
      close: (error) => void calls.push(`close ${error}`),
    }).start();
    input.addData([[1, 0]]);
    await q.processAllAvailable();
    expect(calls).toEqual(["open 0 0", "process 1 1970-01-01T00:00:00.000Z", "close null"]);
  });

  test("foreachBatch gets a batch DataFrame and the batch id; an async function is awaited", async () => {
    const seen: [number, number][] = [];
    const input = new MemoryStream(spark, "v INT");
    const q = input.toDF().writeStream.foreachBatch(async (df, id) => {
      await new Promise((r) => setTimeout(r, 5));
      seen.push([id, df.count()]);
    }).start();
    input.addData([[1], [2]]);
    await q.processAllAvailable();
    input.addData([[3]]);
    await q.processAllAvailable();
    expect(seen).toEqual([[0, 2], [1, 1]]);
  });
});
