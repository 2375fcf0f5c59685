// readStream.format("delta"): the table's files at start, then each new commit's files, as batches
// (maxFilesPerTrigger bounds them); startingVersion; a restart resumes after the last batch;
// commits that delete or rewrite data fail the stream unless ignoreDeletes / skipChangeCommits.
// And read.format("delta") with versionAsOf / timestampAsOf.
import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SparkSession } from "sluice";
import type { Row } from "sluice/plugin-sdk";
import type { Metadata } from "./actions.ts";
import { commitFile } from "./log_store.ts";
import { commitActions, openDeltaSink, scratch } from "./test_table.ts";

const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");
const dirs: string[] = [];
const tmp = (name: string) => {
  const d = scratch(name);
  dirs.push(d);
  return d;
};
afterEach(async () => {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

let app = 0;
/** Writes `batches` to `table`, each one commit of an application of its own. */
async function commits(table: string, batches: Row[][], mode: "append" | "complete" = "append"): Promise<void> {
  const w = await openDeltaSink({ path: table }, "id BIGINT", { queryId: `00000000-0000-4000-8000-${String(++app).padStart(12, "0")}` });
  for (let i = 0; i < batches.length; i++) await w.addBatch(i, batches[i]!, mode);
}

/** Runs a stream over the table to the end of what is there; returns the ids per batch. */
async function stream(table: string, checkpoint: string, options: Record<string, string> = {}): Promise<number[][]> {
  const batches: number[][] = [];
  const q = spark.readStream.format("delta").options(options).load(table).writeStream
    .option("checkpointLocation", checkpoint)
    .foreachBatch((df) => {
      batches.push((df.collectRaw().rows as number[][]).map((r) => r[0]!).sort((a, b) => a - b));
    }).start();
  await q.processAllAvailable();
  await q.stop();
  return batches;
}

describe("delta source", () => {
  test("the table's files first, then each new commit; a restart goes on after the last batch", async () => {
    const dir = tmp("stream");
    const t = join(dir, "t");
    await commits(t, [[[1], [2]], [[3]]]);
    const cp = join(dir, "cp");
    expect(await stream(t, cp)).toEqual([[1, 2, 3]]);
    await commits(t, [[[4]], [[5], [6]]]);
    expect(await stream(t, cp)).toEqual([[4, 5, 6]]);
    expect(await stream(t, cp)).toEqual([]);
  });

  test("maxFilesPerTrigger and maxBytesPerTrigger split batches by files; startingVersion skips what came before", async () => {
    const dir = tmp("limits");
    const t = join(dir, "t");
    await commits(t, [[[1]], [[2]], [[3]], [[4]], [[5]]]);
    // The table's files at the start come in delta-spark's order, by modification time then path:
    // files of one millisecond in any order. Batch sizes and contents are what is fixed.
    const shape = (batches: number[][]) => ({ sizes: batches.map((b) => b.length), ids: batches.flat().sort() });
    expect(shape(await stream(t, join(dir, "cp1"), { maxFilesPerTrigger: "2" }))).toEqual({ sizes: [2, 2, 1], ids: [1, 2, 3, 4, 5] });
    expect(await stream(t, join(dir, "cp2"), { startingVersion: "3" })).toEqual([[4, 5]]);
    expect(await stream(t, join(dir, "cp3"), { startingVersion: "latest" })).toEqual([]);
    // About this many bytes a batch, but at least one file: each file is far over one byte.
    expect(shape(await stream(t, join(dir, "cp4"), { maxBytesPerTrigger: "1b" }))).toEqual({ sizes: [1, 1, 1, 1, 1], ids: [1, 2, 3, 4, 5] });
    expect(await stream(t, join(dir, "cp5"), { maxBytesPerTrigger: "1g" })).toEqual([[1, 2, 3, 4, 5]]);
  });

  test("a commit that rewrites data fails the stream with Delta's error; skipChangeCommits skips it", async () => {
    const dir = tmp("changes");
    const t = join(dir, "t");
    await commits(t, [[[1]]]);
    const cp = join(dir, "cp");
    expect(await stream(t, cp)).toEqual([[1]]);
    await commits(t, [[[7]]], "complete");
    await expect(stream(t, cp)).rejects.toThrow("DELTA_SOURCE_TABLE_IGNORE_CHANGES");
    await commits(t, [[[8]]]);
    expect(await stream(t, join(dir, "cp-skip"), { startingVersion: "1", skipChangeCommits: "true" })).toEqual([[8]]);
  });

  test("a commit that only deletes fails the stream unless ignoreDeletes", async () => {
    const dir = tmp("deletes");
    const t = join(dir, "t");
    await commits(t, [[[1]]]);
    const cp = join(dir, "cp");
    expect(await stream(t, cp)).toEqual([[1]]);
    // An empty complete-mode batch: removes only.
    await commits(t, [[]], "complete");
    await expect(stream(t, cp)).rejects.toThrow("DELTA_SOURCE_IGNORE_DELETE");
    await commits(t, [[[2]]]);
    expect(await stream(t, join(dir, "cp2"), { startingVersion: "1", ignoreDeletes: "true" })).toEqual([[2]]);
  });

  test("tables using features Sluice does not read are refused, naming them", async () => {
    const dir = tmp("features");
    const dv = join(dir, "dv");
    await commits(dv, [[[1]]]);
    const log = join(dv, "_delta_log", "00000000000000000001.json");
    writeFileSync(log, `${JSON.stringify({ protocol: { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["deletionVectors"], writerFeatures: ["deletionVectors"] } })}\n`);
    expect(() => spark.read.format("delta").load(dv).collectRaw()).toThrow(/DELTA_UNSUPPORTED_FEATURES_FOR_READ.*deletionVectors/s);
    const cm = join(dir, "cm");
    await commits(cm, [[[1]]]);
    const md = (commitActions(cm, 0).find((a) => "metaData" in a) as { metaData: Metadata }).metaData;
    writeFileSync(join(cm, "_delta_log", "00000000000000000001.json"), [
      JSON.stringify({ protocol: { minReaderVersion: 2, minWriterVersion: 5 } }),
      JSON.stringify({ metaData: { ...md, configuration: { "delta.columnMapping.mode": "name" } } }),
    ].join("\n") + "\n");
    expect(() => spark.read.format("delta").load(cm).collectRaw()).toThrow(/columnMapping/);
  });

  test("read: versionAsOf and timestampAsOf; readStream: startingTimestamp", async () => {
    const dir = tmp("travel");
    const t = join(dir, "t");
    await commits(t, [[[1]], [[2]], [[3]]]);
    // Commit times (the files' modification times) 2024-01-01 00:00, 01:00, 02:00 UTC.
    for (let v = 0; v < 3; v++) utimesSync(commitFile(t, v), new Date(Date.UTC(2024, 0, 1, v)), new Date(Date.UTC(2024, 0, 1, v)));
    const ids = (o: Record<string, string>) => (spark.read.format("delta").options(o).load(t).collectRaw().rows as number[][]).map((r) => r[0]).sort();
    expect(ids({})).toEqual([1, 2, 3]);
    expect(ids({ versionAsOf: "1" })).toEqual([1, 2]);
    expect(ids({ timestampAsOf: "2024-01-01 01:30:00" })).toEqual([1, 2]);
    expect(ids({ timestampAsOf: "2024-01-01 00:00:00" })).toEqual([1]);
    expect(() => ids({ versionAsOf: "9" })).toThrow("DELTA_VERSION_NOT_FOUND");
    expect(() => ids({ timestampAsOf: "2023-12-31 00:00:00" })).toThrow("2023-12-31 00:00:00");
    expect(() => spark.read.format("delta").load(join(dir, "nothing")).collectRaw()).toThrow("DELTA_MISSING_DELTA_TABLE");
    // A stream from startingTimestamp: the commits at or after it.
    expect(await stream(t, join(dir, "cp-ts"), { startingTimestamp: "2024-01-01 00:30:00" })).toEqual([[2, 3]]);
    await expect(stream(t, join(dir, "cp-both"), { startingTimestamp: "2024-01-01", startingVersion: "1" })).rejects.toThrow("DELTA_STARTING_VERSION_AND_TIMESTAMP_BOTH_SET");
  });
});
