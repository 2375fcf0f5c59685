// Delta tables written by Sluice's streaming sink, read by delta-rs (the `deltalake` Python
// package, pip-installed when missing): same rows, same schema, after appends, complete-mode
// rewrites, a restart from the checkpoint and a Parquet log checkpoint. And the other way: a
// table delta-rs writes (with its own checkpoint) read by Sluice.
import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeltaTable, SparkSession } from "sluice";
import { ManualClock, MemoryStream } from "sluice/testing";
import { listLog } from "./log_store.ts";

function pythonHas(module: string): boolean {
  return spawnSync("python3", ["-c", `import ${module}`]).status === 0;
}

/** delta-rs from PyPI when it is not installed yet, so CI on a fresh machine runs these tests. */
function ensureDeltalake(): boolean {
  if (pythonHas("deltalake")) return true;
  const r = spawnSync("python3", ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "deltalake"], { encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) throw new Error(`pip install deltalake failed:\n${r.stderr}`);
  return pythonHas("deltalake");
}

// The test fails, not skips, when delta-rs cannot be had: it is the proof the issue asks for.
if (spawnSync("python3", ["--version"]).status !== 0) throw new Error("python3 is required for the delta-rs interoperability test");
ensureDeltalake();

const root = mkdtempSync(join(tmpdir(), "sluice-delta-rs-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");
afterEach(async () => {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
});

/** delta-rs's view of a table: version, schema, rows as JSON-friendly values sorted, and whether it found a checkpoint. */
const READ = `
import json, os, sys, decimal, datetime
from deltalake import DeltaTable
t = DeltaTable(sys.argv[1])
def conv(x):
    if isinstance(x, datetime.datetime):
        return int((x - datetime.datetime(1970, 1, 1, tzinfo=x.tzinfo)).total_seconds()) * 1000000 + x.microsecond if x.tzinfo else x.isoformat()
    if isinstance(x, datetime.date): return x.isoformat()
    if isinstance(x, decimal.Decimal): return str(x)
    if isinstance(x, bytes): return list(x)
    if isinstance(x, dict): return {k: conv(v) for k, v in x.items()}
    if isinstance(x, list): return [conv(v) for v in x]
    if isinstance(x, float) and x != x: return "NaN"
    return x
rows = [[conv(r[f.name]) for f in t.schema().fields] for r in t.to_pyarrow_table().to_pylist()]
rows.sort(key=lambda r: json.dumps(r))
print(json.dumps({
  "version": t.version(),
  "schema": [[f.name, str(f.type), f.nullable] for f in t.schema().fields],
  "partitions": t.metadata().partition_columns,
  "rows": rows,
}))
# delta-rs's runtime threads sometimes abort the interpreter's shutdown ("terminate called without
# an active exception"); the answer is out, so leave without it.
sys.stdout.flush()
os._exit(0)
`;
const readPy = join(root, "read.py");
writeFileSync(readPy, READ);

function deltaRs(table: string): { version: number; schema: [string, string, boolean][]; partitions: string[]; rows: unknown[][] } {
  const r = spawnSync("python3", [readPy, table], { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`delta-rs could not read ${table}:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const sortRows = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort().map((s) => JSON.parse(s) as unknown[]);

describe("delta-rs reads what the Delta sink writes", () => {
  test("appends over 12 batches (a checkpoint at 10), a restart in between, partitions and types", async () => {
    const dir = join(root, "append");
    const table = join(dir, "t");
    const schema = "id BIGINT, name STRING, ts TIMESTAMP, d DATE, price DECIMAL(10,2), ok BOOLEAN, f DOUBLE, st STRUCT<a: INT, b: STRING>, tags ARRAY<STRING>";
    const input = new MemoryStream(spark, schema);
    const start = () => input.toDF().writeStream.format("delta").option("checkpointLocation", join(dir, "cp")).partitionBy("d").start(table);
    let q = start();
    const expected: unknown[][] = [];
    for (let b = 0; b < 12; b++) {
      const rows = [
        [b * 2, `n${b}`, 1_704_103_200_123_456 + b, 19723 + (b % 2), BigInt(b * 100 + 5), b % 2 === 0, b + 0.5, [b, "s"], ["x", null]],
        [b * 2 + 1, null, null, null, null, null, null, null, null],
      ];
      input.addData(rows);
      await q.processAllAvailable();
      if (b === 5) {
        // Restart from the checkpoint: the query id (txn appId) stays, batches go on.
        await q.stop();
        q = start();
      }
      for (const r of rows) {
        expected.push([r[0], r[1], r[2], r[3] === null ? null : new Date(Number(r[3]) * 86_400_000).toISOString().slice(0, 10),
          r[4] === null ? null : (Number(r[4]) / 100).toFixed(2), r[5], r[6], r[7] === null ? null : { a: (r[7] as unknown[])[0], b: "s" }, r[8]]);
      }
    }
    await q.stop();
    expect(listLog(table).checkpoints.map((c) => c.version)).toEqual([10]);
    const got = deltaRs(table);
    expect(got.version).toBe(11);
    expect(got.partitions).toEqual(["d"]);
    expect(got.schema.map(([n, t]) => `${n} ${t}`)).toEqual([
      'id PrimitiveType("long")', 'name PrimitiveType("string")', 'ts PrimitiveType("timestamp")', 'd PrimitiveType("date")',
      'price PrimitiveType("decimal(10,2)")', 'ok PrimitiveType("boolean")', 'f PrimitiveType("double")',
      'st StructType([Field(a, PrimitiveType("integer"), nullable=True), Field(b, PrimitiveType("string"), nullable=True)])',
      'tags ArrayType(PrimitiveType("string"), contains_null=True)',
    ]);
    expect(got.rows).toEqual(sortRows(expected));
    // Sluice reads the same rows back.
    const mine = spark.read.format("delta").load(table).collectRaw().rows.length;
    expect(mine).toBe(24);
  }, 120_000);

  test("complete mode: delta-rs sees only the last batch's result", async () => {
    const dir = join(root, "complete");
    const table = join(dir, "t");
    const input = new MemoryStream(spark, "k STRING");
    const q = input.toDF().groupBy("k").count().writeStream.format("delta").outputMode("complete")
      .option("checkpointLocation", join(dir, "cp")).start(table);
    input.addData([["a"], ["b"], ["a"]]);
    await q.processAllAvailable();
    input.addData([["a"], ["c"]]);
    await q.processAllAvailable();
    await q.stop();
    const got = deltaRs(table);
    expect(got.version).toBe(1);
    expect(got.rows).toEqual([["a", 3], ["b", 1], ["c", 1]]);
  }, 120_000);
});

describe("delta-rs reads what df.write.format(\"delta\") writes", () => {
  test("a partitioned table, appended to, then overwritten", async () => {
    const table = join(root, "batch");
    const df = (rows: unknown[][]) => spark.createDataFrame(rows, "id BIGINT, day DATE, amount DECIMAL(12,3)");
    await df([[1, 19723, 1500n], [2, 19724, null]]).write.format("delta").partitionBy("day").save(table);
    await df([[3, null, -1n]]).write.format("delta").mode("append").save(table);
    expect(deltaRs(table).rows).toEqual([[1, "2024-01-01", "1.500"], [2, "2024-01-02", null], [3, null, "-0.001"]]);
    await df([[4, 19725, 0n]]).write.format("delta").mode("overwrite").save(table);
    const got = deltaRs(table);
    expect(got.version).toBe(2);
    expect(got.partitions).toEqual(["day"]);
    expect(got.rows).toEqual([[4, "2024-01-03", "0.000"]]);
  }, 120_000);
});

describe("delta-rs reads a table after Sluice's OPTIMIZE and VACUUM", () => {
  test("same rows after compaction; the compacted files gone after vacuum", async () => {
    const table = join(root, "maintained");
    const session = SparkSession.builder.getOrCreate().newSession();
    const clock = new ManualClock(Date.now());
    session.clock = clock;
    for (let i = 0; i < 4; i++) {
      await session.createDataFrame([[i, i % 2 === 0 ? "a" : "b"]], "id BIGINT, p STRING").write.format("delta").mode("append").partitionBy("p").save(table);
    }
    const before = deltaRs(table).rows;
    DeltaTable.forPath(session, table).optimize().executeCompaction();
    expect(deltaRs(table)).toMatchObject({ version: 4, rows: before });
    clock.advance(8 * 86_400_000);
    DeltaTable.forPath(session, table).vacuum();
    const after = deltaRs(table);
    expect(after.rows).toEqual(before);
    expect(after.version).toBe(6);
  }, 120_000);
});

describe("Sluice reads what delta-rs writes", () => {
  test("appends, partitions, time travel and a delta-rs checkpoint", () => {
    const table = join(root, "from-delta-rs");
    const py = `
import os, sys, pyarrow as pa, datetime
from deltalake import write_deltalake, DeltaTable
p = sys.argv[1]
def batch(i):
    return pa.table({"id": pa.array([i, i + 1], pa.int64()), "s": pa.array([f"v{i}", None]),
                     "ts": pa.array([datetime.datetime(2024, 1, 1, 10, 0, 0, i, tzinfo=datetime.timezone.utc), None], pa.timestamp("us", "UTC")),
                     "p": pa.array(["x", "y"])})
write_deltalake(p, batch(0), partition_by=["p"])
for i in range(1, 4): write_deltalake(p, batch(i * 10), mode="append")
DeltaTable(p).create_checkpoint()
write_deltalake(p, batch(100), mode="append")
print(DeltaTable(p).version())
sys.stdout.flush()
os._exit(0)
`;
    const r = spawnSync("python3", ["-c", py, table], { encoding: "utf8", timeout: 120_000 });
    if (r.status !== 0) throw new Error(r.stderr);
    expect(r.stdout.trim()).toBe("4");
    expect(listLog(table).checkpoints.map((c) => c.version)).toEqual([3]);
    const df = spark.read.format("delta").load(table);
    expect(df.schema.simpleString()).toBe("struct<id:bigint,s:string,ts:timestamp,p:string>");
    const rows = df.collectRaw().rows as unknown[][];
    const expected = [0, 10, 20, 30, 100].flatMap((i) => [[i, `v${i}`, 1_704_103_200_000_000 + i, "x"], [i + 1, null, null, "y"]]);
    expect(sortRows(rows)).toEqual(sortRows(expected));
    // Time travel to version 0.
    const v0 = spark.read.format("delta").option("versionAsOf", 0).load(table).collectRaw().rows as unknown[][];
    expect(sortRows(v0)).toEqual(sortRows(expected.slice(0, 2)));
  }, 120_000);
});
