// flatMapGroupsWithState / mapGroupsWithState beyond the PySpark goldens
// (tests/conformance/streaming/cases/*gws*): processing-time timeouts driven by a manual clock
// (PySpark cannot give deterministic goldens for them), GroupState misuse, a changed state
// schema on restart, batch DataFrames, explain.
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FlatMapGroupsWithStateFunction, GroupStateTimeout, SparkSession } from "sluice";
import { ManualClock } from "../../runtime/testing/manual_clock.ts";
import { MemoryStream } from "../../runtime/testing/memory_stream.ts";

const sessions: SparkSession[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function session(clock?: ManualClock): SparkSession {
  const spark = SparkSession.builder.config("spark.sql.shuffle.partitions", "2").create();
  if (clock) spark.clock = clock;
  sessions.push(spark);
  return spark;
}

/** A session per key: counts rows, times out 10 s (processing time) after its last data, then emits and ends. */
const sessionize: FlatMapGroupsWithStateFunction = (key, rows, state) => {
  if (state.hasTimedOut) {
    const n = state.get.count as number;
    state.remove();
    return [[key[0], n, "closed", state.getCurrentProcessingTimeMs()]];
  }
  const n = (state.getOption?.count as number | undefined ?? 0) + rows.length;
  state.update({ count: n });
  state.setTimeoutDuration("10 seconds");
  return [[key[0], n, "open", state.getCurrentProcessingTimeMs()]];
};

test("processing-time timeouts fire in the first batch after they pass, in a no-data batch when no data comes", async () => {
  const clock = new ManualClock(1_000_000);
  const spark = session(clock);
  const input = new MemoryStream(spark, "k STRING");
  const batches = new Map<number, unknown[][]>();
  const q = input.toDF().groupBy("k")
    .flatMapGroupsWithState(sessionize, "k STRING, count LONG, status STRING, at LONG", "count LONG", "update", GroupStateTimeout.ProcessingTimeTimeout)
    .writeStream.outputMode("update").foreachBatch((df, id) => void batches.set(id, df.collect().map((r) => Object.values(r)))).start();
  input.addData([["a"], ["b"], ["a"]]);
  await q.processAllAvailable();
  clock.advance(5_000);
  input.addData([["a"]]);
  await q.processAllAvailable();
  // b's timeout (1_010_000) passes; a's (1_015_000) does not: a no-data batch closes b alone.
  clock.advance(6_000);
  await q.processAllAvailable();
  clock.advance(4_000);
  await q.processAllAvailable();
  // Exactly at a's timeout nothing fires (Spark: timeout < batch time); the next trigger (one
  // polling delay later on the manual clock) fires it.
  clock.advance(10);
  await q.processAllAvailable();
  await q.stop();
  const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
  expect([...batches.keys()]).toEqual([0, 1, 2, 3]);
  expect(sorted(batches.get(0)!)).toEqual(sorted([["a", 2, "open", 1_000_000], ["b", 1, "open", 1_000_000]]));
  expect(sorted(batches.get(1)!)).toEqual(sorted([["a", 3, "open", 1_005_000]]));
  expect(sorted(batches.get(2)!)).toEqual(sorted([["b", 1, "closed", 1_011_000]]));
  expect(sorted(batches.get(3)!)).toEqual(sorted([["a", 3, "closed", 1_015_010]]));
});

test("a processing-time timeout survives a restart from the checkpoint", async () => {
  const checkpoint = mkdtempSync(join(tmpdir(), "sluice-gws-"));
  dirs.push(checkpoint);
  const clock = new ManualClock(1_000_000);
  const rows: unknown[][] = [];
  const start = (spark: SparkSession, input: MemoryStream) => input.toDF().groupBy("k")
    .flatMapGroupsWithState(sessionize, "k STRING, count LONG, status STRING, at LONG", "count LONG", "update", GroupStateTimeout.ProcessingTimeTimeout)
    .writeStream.outputMode("update").option("checkpointLocation", checkpoint)
    .foreachBatch((df) => void rows.push(...df.collect().map((r) => Object.values(r)))).start();
  const s1 = session(clock);
  const in1 = new MemoryStream(s1, "k STRING");
  in1.addData([["a"]]);
  const q1 = start(s1, in1);
  await q1.processAllAvailable();
  await q1.stop();
  clock.advance(20_000);
  const s2 = session(clock);
  const in2 = new MemoryStream(s2, "k STRING");
  in2.addData([["a"]]); // the same single batch, already committed
  const q2 = start(s2, in2);
  await q2.processAllAvailable();
  await q2.stop();
  expect(rows).toEqual([["a", 1, "open", 1_000_000], ["a", 1, "closed", 1_020_000]]);
});

test("GroupState refuses a timeout the query did not enable, with Spark's message", async () => {
  const spark = session();
  const input = new MemoryStream(spark, "k STRING");
  const q = input.toDF().groupBy("k")
    .flatMapGroupsWithState(sessionize, "k STRING, count LONG, status STRING, at LONG", "count LONG", "update", GroupStateTimeout.NoTimeout)
    .writeStream.outputMode("update").format("memory").queryName("misuse").start();
  input.addData([["a"]]);
  await expect(q.processAllAvailable()).rejects.toMatchObject({
    code: "GROUP_STATE_TIMEOUT_NOT_ENABLED",
    message: expect.stringContaining("Cannot set timeout duration without enabling processing time timeout in [map|flatMap]GroupsWithState"),
  });
});

test("a changed state schema is refused on restart", async () => {
  const checkpoint = mkdtempSync(join(tmpdir(), "sluice-gws-"));
  dirs.push(checkpoint);
  const run = async (stateSchema: string) => {
    const spark = session();
    const input = new MemoryStream(spark, "k STRING");
    input.addData([["a"]]);
    const q = input.toDF().groupBy("k")
      .flatMapGroupsWithState((key, rows, state) => {
        state.update([rows.length]);
        return [[key[0]]];
      }, "k STRING", stateSchema, "update")
      .writeStream.outputMode("update").option("checkpointLocation", checkpoint).foreachBatch(() => {}).start();
    await q.processAllAvailable();
    await q.stop();
  };
  await run("n LONG");
  await expect(run("n STRING")).rejects.toMatchObject({ code: "STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE" });
});

test("over a batch DataFrame every key is called once with an empty state", () => {
  const spark = session();
  const df = spark.createDataFrame([["a", 1], ["b", 2], ["a", 3]], "k STRING, v INT");
  const out = df.groupBy("k").mapGroupsWithState((key, rows, state) => {
    const seen = state.exists;
    state.update([1]);
    return { k: key[0], n: rows.length, seen };
  }, "k STRING, n LONG, seen BOOLEAN", "x LONG").collect();
  expect(out.sort((x, y) => String(x.k).localeCompare(String(y.k)))).toEqual([{ k: "a", n: 2, seen: false }, { k: "b", n: 1, seen: false }]);
});

test("explain names the operator, its keys, output mode and timeout", () => {
  const spark = session();
  const input = new MemoryStream(spark, "ts TIMESTAMP, k STRING");
  const df = input.toDF().withWatermark("ts", "10 seconds").groupBy("k")
    .flatMapGroupsWithState(() => [], "k STRING", "n LONG", "append", GroupStateTimeout.EventTimeTimeout);
  let text = "";
  spark.stdout = (t: string) => void (text += t);
  df.explain(true);
  expect(text).toContain("FlatMapGroupsWithState [k], Append, EventTimeTimeout");
});
