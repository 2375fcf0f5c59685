// DeltaTable: history newest first, optimize().executeCompaction() bin-packing small files in one
// OPTIMIZE commit with dataChange=false (a stream reading the table sees nothing new), vacuum
// keeping what time travel within the retention needs and deleting the rest.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DeltaTable, SparkSession } from "sluice";
import { ManualClock } from "sluice/testing";
import type { AddFile, RemoveFile } from "./actions.ts";
import { listLog } from "./log_store.ts";
import { commitActions, readTable, scratch } from "./test_table.ts";

const DAY = 86_400_000;
const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");
const clock = new ManualClock(Date.now());
spark.clock = clock;
const root = scratch("maintenance");
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `t${++n}`);

const parquetFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() && e.name !== "_delta_log" ? parquetFiles(join(dir, e.name)) : e.name.endsWith(".parquet") ? [join(dir, e.name)] : []);

async function smallAppends(t: string, count: number, partitioned = false): Promise<void> {
  for (let i = 0; i < count; i++) {
    const df = spark.createDataFrame([[i, i % 2 === 0 ? "even" : "odd"], [i + 100, "even"]], "id BIGINT, kind STRING");
    const w = df.write.format("delta").mode("append");
    await (partitioned ? w.partitionBy("kind") : w).save(t);
  }
}

describe("DeltaTable", () => {
  test("forPath refuses a directory without a table; history lists commits newest first", async () => {
    expect(() => DeltaTable.forPath(spark, join(root, "none"))).toThrow("DELTA_MISSING_DELTA_TABLE");
    const t = fresh();
    await smallAppends(t, 3);
    expect(DeltaTable.isDeltaTable(spark, t)).toBe(true);
    const h = DeltaTable.forPath(spark, t).history();
    expect(h.columns.slice(0, 6)).toEqual(["version", "timestamp", "userId", "userName", "operation", "operationParameters"]);
    const rows = h.select("version", "operation", "readVersion", "isBlindAppend").collect().map((r) => Object.values(r));
    expect(rows).toEqual([[2, "WRITE", 1, true], [1, "WRITE", 0, true], [0, "WRITE", null, true]]);
    expect(DeltaTable.forPath(spark, t).history(1).count()).toBe(1);
    expect(DeltaTable.forPath(spark, t).toDF().count()).toBe(6);
  });

  test("optimize().where(partition predicate) compacts only the matching partitions; another column is refused", async () => {
    const t = fresh();
    await smallAppends(t, 4, true);
    const before = readTable(t);
    const result = DeltaTable.forPath(spark, t).optimize().where("kind = 'even'").executeCompaction().collect()[0] as any;
    // Only "even"'s 4 files are considered and compacted; "odd"'s 2 stay.
    expect([result.metrics.numFilesRemoved, result.metrics.numFilesAdded, result.metrics.totalConsideredFiles, result.metrics.partitionsOptimized]).toEqual([4, 1, 4, 1]);
    expect(parquetFiles(t).length).toBe(6 + 1);
    const info = commitActions(t, 4).find((a) => "commitInfo" in a) as any;
    expect(info.commitInfo.operationParameters.predicate).toBe(JSON.stringify(["kind = 'even'"]));
    expect(readTable(t)).toEqual(before);
    // A predicate that selects nothing compacts nothing (no commit).
    expect((DeltaTable.forPath(spark, t).optimize().where("kind = 'none'").executeCompaction().collect()[0] as any).metrics.numFilesRemoved).toBe(0);
    expect(listLog(t).commits.at(-1)).toBe(4);
    expect(() => DeltaTable.forPath(spark, t).optimize().where("id > 3").executeCompaction())
      .toThrow("Predicate references non-partition column 'id'. Only the partition columns may be referenced: [kind]");
  });

  test("optimize compacts each partition's small files in one commit with dataChange=false", async () => {
    const t = fresh();
    await smallAppends(t, 4, true);
    const before = readTable(t);
    // Each append writes one file per partition it has rows for: 6 files, 4 of them "even".
    expect(parquetFiles(t).length).toBe(6);
    const result = DeltaTable.forPath(spark, t).optimize().executeCompaction().collect()[0] as any;
    expect(result.metrics.numFilesRemoved).toBe(6);
    expect(result.metrics.numFilesAdded).toBe(2);
    expect(result.metrics.partitionsOptimized).toBe(2);
    expect(listLog(t).commits).toEqual([0, 1, 2, 3, 4]);
    const actions = commitActions(t, 4);
    const adds = actions.flatMap((a) => ("add" in a ? [a.add as AddFile] : []));
    const removes = actions.flatMap((a) => ("remove" in a ? [a.remove as RemoveFile] : []));
    expect(adds.length).toBe(2);
    expect(removes.length).toBe(6);
    expect([...adds, ...removes].every((a) => a.dataChange === false)).toBe(true);
    expect((actions[0] as any).commitInfo.operation).toBe("OPTIMIZE");
    expect(readTable(t)).toEqual(before);
    // Nothing left to compact: no commit.
    DeltaTable.forPath(spark, t).optimize().executeCompaction();
    expect(listLog(t).commits.length).toBe(5);
  });

  test("a stream reading the table sees no new rows from OPTIMIZE", async () => {
    const t = fresh();
    await smallAppends(t, 3);
    const seen: number[] = [];
    // Its own session: the stream's triggers run on the real clock.
    const streams = SparkSession.builder.getOrCreate().newSession();
    const q = streams.readStream.format("delta").load(t).writeStream.option("checkpointLocation", fresh())
      .foreachBatch((df) => {
        seen.push(df.count());
      }).start();
    await q.processAllAvailable();
    DeltaTable.forPath(spark, t).optimize().executeCompaction();
    await smallAppends(t, 1);
    await q.processAllAvailable();
    await q.stop();
    expect(seen).toEqual([6, 2]);
  });

  test("vacuum keeps files time travel within the retention needs, then deletes them", async () => {
    const t = fresh();
    await smallAppends(t, 3);
    DeltaTable.forPath(spark, t).optimize().executeCompaction();
    expect(parquetFiles(t).length).toBe(4);
    // Below the table's retention (7 days) without turning the check off: refused, as delta-spark does.
    expect(() => DeltaTable.forPath(spark, t).vacuum(1)).toThrow("DELTA_VACUUM_RETENTION_PERIOD_TOO_SHORT");
    DeltaTable.forPath(spark, t).vacuum();
    expect(parquetFiles(t).length).toBe(4);
    expect(readTable(t, 1).length).toBe(4);
    clock.advance(8 * DAY);
    const out = DeltaTable.forPath(spark, t).vacuum().collect();
    expect(out.map((r) => r.path)).toEqual([t]);
    expect(parquetFiles(t).length).toBe(1);
    expect(readTable(t).length).toBe(6);
    const ops = DeltaTable.forPath(spark, t).history().select("operation").collect().map((r) => r.operation);
    expect(ops.slice(0, 5)).toEqual(["VACUUM END", "VACUUM START", "VACUUM END", "VACUUM START", "OPTIMIZE"]);
    // Version 1's files are gone: reading it fails naming a missing file.
    expect(() => readTable(t, 1)).toThrow();
    expect(existsSync(join(t, "_delta_log"))).toBe(true);
  });
});
