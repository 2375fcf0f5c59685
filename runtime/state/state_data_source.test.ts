// The state readers over checkpoints Sluice wrote: what statestore and state-metadata give, and
// Spark's errors for a wrong batch, operator or an empty checkpoint; `sluice state show`.
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkSession } from "sluice";
import { MemoryStream } from "../testing/memory_stream.ts";

const dirs: string[] = [];
const sessions: SparkSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function countingCheckpoint(batches: string[][]): Promise<{ spark: SparkSession; checkpoint: string }> {
  const checkpoint = mkdtempSync(join(tmpdir(), "sluice-state-reader-"));
  dirs.push(checkpoint);
  const spark = SparkSession.builder.config("spark.sql.shuffle.partitions", "3").create();
  sessions.push(spark);
  const input = new MemoryStream(spark, "k STRING");
  const q = input.toDF().groupBy("k").flatMapGroupsWithState((key, rows, state) => {
    const n = (state.getOption?.n as number | undefined ?? 0) + rows.length;
    state.update([n]);
    return [[key[0], n]];
  }, "k STRING, n LONG", "n LONG", "update").writeStream.outputMode("update").option("checkpointLocation", checkpoint).foreachBatch(() => {}).start();
  for (const b of batches) {
    input.addData(b.map((k) => [k]));
    await q.processAllAvailable();
  }
  await q.stop();
  return { spark, checkpoint };
}

const byKey = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

test("statestore gives each key's state at the last committed batch, or at batchId", async () => {
  const { spark, checkpoint } = await countingCheckpoint([["a", "b", "a"], ["a", "c"]]);
  const df = spark.read.format("statestore").load(checkpoint);
  expect(df.schema.simpleString()).toBe("struct<key:struct<k:string>,value:struct<groupState:struct<n:bigint>,timeoutTimestamp:bigint>,partition_id:int>");
  const rows = df.collect().map((r) => ({ k: (r.key as { k: string }).k, n: ((r.value as { groupState: { n: number } }).groupState).n }));
  expect(byKey(rows)).toEqual(byKey([{ k: "a", n: 3 }, { k: "b", n: 1 }, { k: "c", n: 1 }]));
  const first = spark.read.format("statestore").option("batchId", 0).load(checkpoint).collect()
    .map((r) => ({ k: (r.key as { k: string }).k, n: ((r.value as { groupState: { n: number } }).groupState).n }));
  expect(byKey(first)).toEqual(byKey([{ k: "a", n: 2 }, { k: "b", n: 1 }]));
  // Every row is in the partition Spark's hash partitioning gives its key.
  const partitions = new Set(df.collect().map((r) => r.partition_id));
  for (const p of partitions) expect([0, 1, 2]).toContain(p as number);
});

test("state-metadata lists each operator and store", async () => {
  const { spark, checkpoint } = await countingCheckpoint([["a"], ["b"]]);
  expect(spark.read.format("state-metadata").load(checkpoint).collect()).toEqual([{
    operatorId: 0, operatorName: "flatMapGroupsWithState", stateStoreName: "default", numPartitions: 3, minBatchId: 0, maxBatchId: 1,
    operatorProperties: null,
  }]);
});

test("Spark's errors: a batch not in the offset log, a missing operator, an empty checkpoint, a negative option", async () => {
  const { spark, checkpoint } = await countingCheckpoint([["a"]]);
  expect(() => spark.read.format("statestore").option("batchId", 7).load(checkpoint)).toThrow(expect.objectContaining({ code: "STDS_OFFSET_LOG_UNAVAILABLE" }));
  expect(() => spark.read.format("statestore").option("operatorId", 3).load(checkpoint)).toThrow(expect.objectContaining({ code: "STDS_FAILED_TO_READ_STATE_SCHEMA" }));
  expect(() => spark.read.format("statestore").option("batchId", -1).load(checkpoint)).toThrow(expect.objectContaining({ code: "STDS_INVALID_OPTION_VALUE.IS_NEGATIVE" }));
  const empty = mkdtempSync(join(tmpdir(), "sluice-state-reader-"));
  dirs.push(empty);
  expect(() => spark.read.format("statestore").load(empty)).toThrow(expect.objectContaining({ code: "STDS_COMMITTED_BATCH_UNAVAILABLE" }));
  expect(() => spark.readStream.format("statestore").load(checkpoint)).toThrow(expect.objectContaining({ code: "UNSUPPORTED_STREAMING_READ" }));
});

test("sluice state show prints the operators, then each operator's keys", async () => {
  const { parseArgs } = await import("../cli/args.ts");
  const { stateText } = await import("../cli/state.ts");
  const { checkpoint } = await countingCheckpoint([["a", "a"], ["b"]]);
  const args = parseArgs(["state", "show", checkpoint, "--operator", "0"]);
  expect(args).toEqual({ command: "state", action: "show", checkpoint, operatorId: 0 });
  const text = stateText(args as Parameters<typeof stateText>[0]);
  expect(text).toContain("|operatorId|operatorName          |stateStoreName|numPartitions|minBatchId|maxBatchId|operatorProperties|");
  expect(text).toContain("|0         |flatMapGroupsWithState|default       |3            |0         |1         |NULL              |");
  expect(text).toContain("Operator 0 (flatMapGroupsWithState), store default, after batch 1: 2 keys");
  expect(text).toContain("|{a}|{{2}, -1}|");
  expect(text).toContain("|{b}|{{1}, -1}|");
  const first = stateText({ command: "state", action: "show", checkpoint, batchId: 0 });
  expect(first).toContain("after batch 0: 1 key\n");
  expect(parseArgs(["state", "show"])).toMatchObject({ command: "usage-error", message: "missing the checkpoint directory" });
  expect(parseArgs(["state", "show", checkpoint, "--batch", "x"])).toMatchObject({ command: "usage-error" });
  expect(parseArgs(["state", "--help"])).toEqual({ command: "help", topic: "state" });
});
