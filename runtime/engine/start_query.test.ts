// startQuery: a query from data (what a Spark Connect server or an admin restart will call), with
// every check Spark makes at start().
import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataFrame } from "../api/data_frame.ts";
import { DryRun } from "../api/dry_run.ts";
import { SparkSession } from "../api/session.ts";
import { queryInfo, restarterOf } from "../api/query_tracker.ts";
import { SharedState } from "../api/shared_state.ts";
import type { StreamingQuery } from "../api/streaming_query.ts";
import { MemoryStream } from "../testing/memory_stream.ts";
import { type QueryDefinition, startQuery } from "./start_query.ts";

const dir = mkdtempSync(join(tmpdir(), "sluice-start-query-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spark = new SparkSession(new SharedState());
spark.conf.set("spark.sql.session.timeZone", "UTC");
afterEach(async () => {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
});

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe("startQuery", () => {
  test("starts a query from a definition; the query keeps it, and it starts again from the checkpoint", async () => {
    const input = new MemoryStream(spark, "v INT");
    const definition: QueryDefinition = {
      session: spark,
      plan: input.toDF().selectExpr("v + 1 AS w").plan,
      sink: { kind: "format", format: "memory" },
      options: { checkpointLocation: join(dir, "restart") },
      outputMode: "Append",
      trigger: { kind: "processingTime", intervalMs: 0 },
      name: "plus_one",
    };
    const q = startQuery(definition);
    expect(q.definition).toEqual({ ...definition, checkpointLocation: join(dir, "restart") });
    expect(q.name).toBe("plus_one");
    expect(spark.streams.get(q.id)).toBe(q);
    input.addData([[1], [2]]);
    await q.processAllAvailable();
    await q.stop();

    // What an admin "restart" does: the same definition, the same checkpoint, the next batch.
    const again = startQuery(q.definition!);
    expect(again.id).toBe(q.id);
    expect(again.runId).not.toBe(q.runId);
    input.addData([[3]]);
    await again.processAllAvailable();
    expect(again.recentProgress.map((p) => p.batchId)).toEqual([1]);
    expect(spark.table("plus_one").collect()).toEqual([{ w: 4 }]);
  });

  test("a checkpoint chosen at start (under spark.sql.streaming.checkpointLocation) is the one a restart resumes from", async () => {
    const s = spark.newSession();
    s.conf.set("spark.sql.streaming.checkpointLocation", join(dir, "root"));
    const input = new MemoryStream(s, "v INT");
    const q = startQuery({ session: s, plan: input.toDF().plan, sink: { kind: "foreachBatch", fn: () => {} } });
    const chosen = q.definition!.checkpointLocation!;
    expect(chosen.startsWith(join(dir, "root") + "/")).toBe(true);
    expect(queryInfo(q)?.checkpointLocation).toBe(chosen);
    input.addData([[1]]);
    await q.processAllAvailable();
    await q.stop();
    // The admin API's restart: the same query (id), from the same checkpoint, in the same session.
    const again = restarterOf(q)!() as StreamingQuery;
    expect(again.id).toBe(q.id);
    expect(again.definition!.checkpointLocation).toBe(chosen);
    expect(s.streams.active).toEqual([again]);
    input.addData([[2]]);
    await again.processAllAvailable();
    expect(again.recentProgress.map((p) => p.batchId)).toEqual([1]);
    await again.stop();
  });

  test("defaults: append, the default trigger, no name, the format from spark.sql.sources.default", async () => {
    const s = spark.newSession();
    s.conf.set("spark.sql.sources.default", "console");
    const printed: string[] = [];
    s.stdout = (t) => void printed.push(t);
    const input = new MemoryStream(s, "v INT");
    const q = startQuery({ session: s, plan: input.toDF().plan, sink: { kind: "format" } });
    expect(q.name).toBeNull();
    input.addData([[7]]);
    await q.processAllAvailable();
    expect(q.lastProgress!.sink).toMatchObject({ description: expect.stringContaining("Console") });
    expect(printed.join("")).toContain("|  7|");
    await q.stop();
  });

  test("refuses what Spark refuses at start(), before reading anything", () => {
    const input = new MemoryStream(spark, "v INT");
    const plan = input.toDF().plan;
    const counts = input.toDF().groupBy("v").count().plan;
    const base = { session: spark, plan, sink: { kind: "format", format: "memory" } } as const;
    expect(codeOf(() => startQuery({ ...base, outputMode: "sideways", name: "a" }))).toBe("STREAMING_OUTPUT_MODE.INVALID");
    expect(codeOf(() => startQuery({ ...base, plan: counts, outputMode: "append", name: "a" }))).toBe("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION");
    expect(codeOf(() => startQuery({ ...base, sink: { kind: "format", format: "nope" } }))).toBe("DATA_SOURCE_NOT_FOUND");
    expect(codeOf(() => startQuery({ ...base, sink: { kind: "format", format: "json" }, options: { path: join(dir, "out") } }))).toBe("_LEGACY_ERROR_TEMP_1298");
    expect(codeOf(() => startQuery({ ...base, sink: { kind: "format", format: "console" }, options: { numRows: "many" } }))).toBe("PLUGIN_OPTIONS_INVALID");
    startQuery({ ...base, name: "taken" });
    expect(codeOf(() => startQuery({ ...base, name: "taken" }))).toBe("DUPLICATE_QUERY_NAME");
    expect(spark.streams.active.length).toBe(1);
  });

  test("the definition's checkpoint wins over the option; partitionBy reaches the sink", async () => {
    const input = new MemoryStream(spark, "k STRING, v INT");
    const out = join(dir, "parts");
    const checkpoint = join(dir, "given-cp");
    const q = startQuery({
      session: spark,
      plan: input.toDF().plan,
      sink: { kind: "format", format: "json" },
      options: { path: out, checkpointLocation: join(dir, "ignored-cp") },
      partitionBy: ["k"],
      checkpointLocation: checkpoint,
    });
    input.addData([["a", 1], ["b", 2]]);
    await q.processAllAvailable();
    await q.stop();
    expect(existsSync(join(checkpoint, "offsets", "0"))).toBe(true);
    expect(existsSync(join(dir, "ignored-cp"))).toBe(false);
    expect(readdirSync(out).filter((f) => f.startsWith("k=")).sort()).toEqual(["k=a", "k=b"]);
  });

  test("foreachBatch hands each batch to user code as a DataFrame; its checkpoint comes from the options too", async () => {
    const input = new MemoryStream(spark, "v INT");
    const seen: [number, unknown[]][] = [];
    const checkpoint = join(dir, "foreach-batch-cp");
    const q = startQuery({
      session: spark,
      plan: input.toDF().plan,
      sink: { kind: "foreachBatch", fn: (df: DataFrame, batchId: number) => void seen.push([batchId, df.collect()]) },
      options: { checkpointLocation: checkpoint },
    });
    input.addData([[1]]);
    await q.processAllAvailable();
    input.addData([[2], [3]]);
    await q.processAllAvailable();
    expect(seen).toEqual([[0, [{ v: 1 }]], [1, [{ v: 2 }, { v: 3 }]]]);
    expect(readdirSync(join(checkpoint, "commits"))).toEqual(["0", "1"]);
  });

  test("in a session with a dry run, the query is checked and planned, not started", async () => {
    const run = new DryRun();
    const s = new SparkSession(new SharedState({ dryRun: run }));
    const input = new MemoryStream(s, "v INT");
    const checkpoint = join(dir, "never");
    const q = startQuery({ session: s, plan: input.toDF().plan, sink: { kind: "format", format: "console" }, name: "planned", checkpointLocation: checkpoint });
    expect(run.planned.map((p) => [p.name, p.sink, p.outputMode, p.checkpointLocation])).toEqual([["planned", "console", "append", checkpoint]]);
    expect(s.streams.tracker.started()).toEqual([]);
    expect(existsSync(checkpoint)).toBe(false);
    expect(codeOf(() => startQuery({ session: s, plan: input.toDF().plan, sink: { kind: "format", format: "console" }, name: "planned" }))).toBe("DUPLICATE_QUERY_NAME");
    await q.stop();
    expect(q.isActive).toBe(false);
  });
});
