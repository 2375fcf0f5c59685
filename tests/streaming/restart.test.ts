// Checkpoints: a query stopped and restarted after every batch gives the same answers as one run
// straight through; a batch planned but not committed (a crash) is re-run with the same offsets;
// the query id survives restarts; a checkpoint from another query is refused.
import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { MemoryStream } from "../../runtime/testing/memory_stream.ts";
import { sec, sorted } from "./harness.ts";

const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "sluice-restart-"));
  dirs.push(d);
  return d;
};

const windowed = (input: MemoryStream) =>
  input.toDF().withWatermark("ts", "10 seconds").groupBy(F.window("ts", "5 seconds")).count()
    .select(F.col("window.start").cast("long").alias("start"), "count");

const BATCHES = [[10, 11, 12, 13, 14, 15], [25], [10, 25, 26], [40], [41]];

/** Runs the batches, restarting from the checkpoint between batches if `restart`; returns output per batch id. */
async function run(restart: boolean, mode: "append" | "update", failOnce?: number): Promise<Map<number, unknown[][]>> {
  const checkpoint = tempDir();
  const input = new MemoryStream(spark, "ts TIMESTAMP");
  const out = new Map<number, unknown[][]>();
  let failed = false;
  const start = () => windowed(input).writeStream.outputMode(mode).option("checkpointLocation", checkpoint)
    .foreachBatch((df, id) => {
      if (id === failOnce && !failed) {
        failed = true;
        throw new Error("crash before commit");
      }
      out.set(id, sorted(df.collectRaw().rows));
    }).start();
  let q = start();
  for (const b of BATCHES) {
    input.addData(b.map((s) => [sec(s)]));
    try {
      await q.processAllAvailable();
    } catch {
      // The injected crash: the batch's offsets are logged but its commit is not; restart.
      expect(readdirSync(join(checkpoint, "offsets")).length).toBeGreaterThan(readdirSync(join(checkpoint, "commits")).length);
      q = start();
      await q.processAllAvailable();
    }
    if (restart) {
      await q.stop();
      q = start();
    }
  }
  await q.processAllAvailable();
  await q.stop();
  return out;
}

describe("checkpoint recovery", () => {
  for (const mode of ["append", "update"] as const) {
    test(`${mode}: stopping and restarting after every batch changes nothing`, async () => {
      const straight = await run(false, mode);
      const restarted = await run(true, mode);
      expect(restarted).toEqual(straight);
      expect([...straight.values()].flat().length).toBeGreaterThan(0);
    });

    test(`${mode}: a batch that failed before its commit is re-run with the same id and offsets`, async () => {
      const straight = await run(false, mode);
      const crashed = await run(false, mode, 2);
      expect(crashed).toEqual(straight);
    });
  }

  test("the query id is kept in the checkpoint; the run id is new each start", async () => {
    const checkpoint = tempDir();
    const input = new MemoryStream(spark, "v INT");
    const q1 = input.toDF().writeStream.format("memory").queryName("ids1").option("checkpointLocation", checkpoint).start();
    await q1.stop();
    const q2 = input.toDF().writeStream.format("memory").queryName("ids2").option("checkpointLocation", checkpoint).start();
    await q2.stop();
    expect(q2.id).toBe(q1.id);
    expect(q2.runId).not.toBe(q1.runId);
  });

  test("a checkpoint written by a query with other state is refused", async () => {
    const checkpoint = tempDir();
    const input = new MemoryStream(spark, "k STRING, v INT");
    input.addData([["a", 1]]);
    const q1 = input.toDF().groupBy("k").count().writeStream.outputMode("complete").format("memory").queryName("state1").option("checkpointLocation", checkpoint).start();
    await q1.processAllAvailable();
    await q1.stop();
    const q2 = input.toDF().groupBy("v").agg(F.collect_list("k")).writeStream.outputMode("complete").format("memory").queryName("state2").option("checkpointLocation", checkpoint).start();
    let error: unknown;
    try {
      await q2.awaitTermination(5);
    } catch (e) {
      error = e;
    }
    expect((error as { code?: string })?.code).toBe("STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE");
  });

  test("a changed aggregate is refused, and the message prints each value schema as Spark types", async () => {
    const checkpoint = tempDir();
    const input = new MemoryStream(spark, "k STRING, v DOUBLE");
    input.addData([["a", 1]]);
    const q1 = input.toDF().groupBy("k").agg(F.sum("v")).writeStream.outputMode("complete").format("memory").queryName("value1").option("checkpointLocation", checkpoint).start();
    await q1.processAllAvailable();
    await q1.stop();
    const q2 = input.toDF().groupBy("k").count().writeStream.outputMode("complete").format("memory").queryName("value2").option("checkpointLocation", checkpoint).start();
    const error = await q2.awaitTermination(5).then(() => undefined, (e: unknown) => e as { code?: string; message: string });
    expect(error?.code).toBe("STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE");
    expect(error?.message).toContain("Existing value_schema=struct<sum:double> and new value_schema=struct<count:bigint>.");
  });
});
