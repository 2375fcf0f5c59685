// Batches stream through the physical plan in chunks: a source's chunks reach a chunked sink
// before the source has finished, stateful operators fold chunk by chunk, and plugins written
// against the whole-array contract (getBatch, addBatch) keep working.
import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "sluice";
import { defineSink, defineSource, type Row } from "../plugin/contract.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import { CHUNK_MAX_ROWS } from "./chunks.ts";

const schema = parseSchemaDDL("k STRING, v BIGINT");
const rowsOf = (n: number, from = 0): Row[] => Array.from({ length: n }, (_, i) => [`k${(from + i) % 7}`, from + i]);

const dirs: string[] = [];
const sessions: SparkSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Setup {
  spark: SparkSession;
  events: string[];
  batches: Row[][];
}

/** A session with sources "chunked" (readBatch, one chunk per `chunks` entry) and "whole" (getBatch), and sinks "chunks" (beginBatch) and "arrays" (addBatch). */
function setup(chunks: Row[][], failWrite = false): Setup {
  const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "3").create();
  sessions.push(spark);
  const events: string[] = [];
  const batches: Row[][] = [];
  const all = chunks.flat();
  spark.plugins.registry.register(defineSource<Record<string, never>>({
    name: "chunked", summary: "One batch, read in the given chunks (tests only).", options: { type: "object", properties: {} },
    schema: () => schema,
    create: () => ({
      schema, description: "chunked",
      latestOffset: (start) => (start === null ? 1 : start),
      getBatch: () => {
        throw new Error("readBatch is preferred");
      },
      async *readBatch() {
        for (let i = 0; i < chunks.length; i++) {
          events.push(`source chunk ${i}`);
          yield chunks[i]!;
        }
        events.push("source done");
      },
    }),
  }), "test");
  spark.plugins.registry.register(defineSource<Record<string, never>>({
    name: "whole", summary: "One batch, as one array (tests only).", options: { type: "object", properties: {} },
    schema: () => schema,
    create: () => ({ schema, description: "whole", latestOffset: (start) => (start === null ? 1 : start), getBatch: () => all }),
  }), "test");
  spark.plugins.registry.register(defineSink({
    name: "chunks", summary: "Records chunked writes (tests only).", options: { type: "object", properties: {} }, outputModes: ["append", "update", "complete"],
    create: () => ({
      description: "chunks",
      addBatch: () => {
        throw new Error("beginBatch is preferred");
      },
      beginBatch: (id) => {
        const rows: Row[] = [];
        return {
          write: (chunk: Row[]) => {
            if (failWrite) throw new Error("the sink is full");
            events.push(`sink write ${chunk.length}`);
            rows.push(...chunk);
          },
          commit: () => {
            events.push(`sink commit ${id}`);
            batches[id] = rows;
          },
          abort: () => void events.push(`sink abort ${id}`),
        };
      },
    }),
  }), "test");
  spark.plugins.registry.register(defineSink({
    name: "arrays", summary: "Records whole batches (tests only).", options: { type: "object", properties: {} }, outputModes: ["append", "update", "complete"],
    create: () => ({ description: "arrays", addBatch: (id, rows) => void (events.push(`addBatch ${rows.length}`), (batches[id] = rows)) }),
  }), "test");
  return { spark, events, batches };
}

const byKey = (rows: Row[]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe("chunks", () => {
  test("a source's chunks reach a chunked sink as they are read, then the batch commits", async () => {
    const { spark, events, batches } = setup([rowsOf(3), rowsOf(4, 3), rowsOf(2, 7)]);
    const q = spark.readStream.format("chunked").load().filter(F.col("v").mod(2).equalTo(0)).writeStream.format("chunks").start();
    await q.processAllAvailable();
    expect(events).toEqual([
      "source chunk 0", "sink write 2", "source chunk 1", "sink write 2", "source chunk 2", "sink write 1", "source done", "sink commit 0",
    ]);
    expect(batches[0]!.map((r) => r[1])).toEqual([0, 2, 4, 6, 8]);
    expect(q.lastProgress!.numInputRows).toBe(9);
    expect((q.lastProgress!.sink as { numOutputRows: number }).numOutputRows).toBe(5);
  });

  test("a whole-array source is cut into chunks of at most CHUNK_MAX_ROWS; a whole-array sink gets the batch once", async () => {
    const n = 2 * CHUNK_MAX_ROWS + 5;
    const { spark, events, batches } = setup([rowsOf(n)]);
    const q1 = spark.readStream.format("whole").load().writeStream.format("chunks").start();
    await q1.processAllAvailable();
    await q1.stop();
    expect(events.filter((e) => e.startsWith("sink write"))).toEqual([`sink write ${CHUNK_MAX_ROWS}`, `sink write ${CHUNK_MAX_ROWS}`, "sink write 5"]);
    events.length = 0;
    const q2 = spark.readStream.format("whole").load().writeStream.format("arrays").start();
    await q2.processAllAvailable();
    expect(events).toEqual([`addBatch ${n}`]);
    expect(batches[0]!.length).toBe(n);
  });

  test("an aggregation folds chunk by chunk and gives what the whole batch gives", async () => {
    const chunks = [rowsOf(1000), rowsOf(1, 1000), rowsOf(5000, 1001)];
    const results: Row[][] = [];
    for (const format of ["chunked", "whole"]) {
      const { spark, batches } = setup(chunks);
      const q = spark.readStream.format(format).load().groupBy("k").agg(F.sum("v").alias("s"), F.count("*").alias("n"))
        .writeStream.outputMode("update").format("arrays").start();
      await q.processAllAvailable();
      results.push(byKey(batches[0]!));
    }
    expect(results[0]).toEqual(results[1]!);
    expect(results[0]!.length).toBe(7);
    expect(results[0]!.reduce((a, r) => a + (r[2] as number), 0)).toBe(6001);
  });

  test("a stream joined with a static table is probed chunk by chunk", async () => {
    const { spark, events, batches } = setup([rowsOf(2), rowsOf(2, 2)]);
    const dim = spark.createDataFrame([["k0", "zero"], ["k3", "three"]], "k STRING, name STRING");
    const q = spark.readStream.format("chunked").load().join(dim, "k").writeStream.format("chunks").start();
    await q.processAllAvailable();
    expect(events).toEqual(["source chunk 0", "sink write 1", "source chunk 1", "sink write 1", "source done", "sink commit 0"]);
    expect(batches[0]).toEqual([["k0", 0, "zero"], ["k3", 3, "three"]]);
  });
});

describe("failures", () => {
  test("a sink that fails mid-batch is aborted; the batch is neither committed nor its state kept", async () => {
    const checkpoint = mkdtempSync(join(tmpdir(), "sluice-exec-"));
    dirs.push(checkpoint);
    const { spark, events } = setup([rowsOf(3)], true);
    const q = spark.readStream.format("chunked").load().groupBy("k").count()
      .writeStream.outputMode("update").format("chunks").option("checkpointLocation", checkpoint).start();
    const err = await q.awaitTermination().then(() => undefined, (e) => e as Error);
    expect(err?.message).toContain("the sink is full");
    expect(events).toContain("sink abort 0");
    expect(events.some((e) => e.startsWith("sink commit"))).toBe(false);
    expect(readdirSync(join(checkpoint, "offsets"))).toEqual(["0"]);
    expect(readdirSync(checkpoint)).not.toContain("commits");
  });
});
