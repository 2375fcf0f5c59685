// Delta interoperability with Spark itself, in CI (one JVM, ~1 minute): PySpark 4.1.1 with
// delta-spark 4.1.0 (jars from Maven Central through spark.jars.packages) reads the tables Sluice
// writes (streamed and partitioned past a Sluice checkpoint, then OPTIMIZEd; complete mode), batch
// and as a stream, and OPTIMIZEs one of them; Sluice reads the tables Spark writes (batch appends
// past delta-spark's own checkpoint, with time travel; a Spark streaming query's output), batch and
// as a stream; and executeCompaction()'s result has delta-spark's schema. The longer variant is
// scripts/delta/delta_spark_interop.ts.
import { afterAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DeltaTable, SparkSession } from "sluice";
import type { DataType } from "sluice/plugin-sdk";
import { MemoryStream } from "sluice/testing";

const SCRIPT = resolve(import.meta.dir, "../../scripts/delta/delta_spark_interop.py");
const root = mkdtempSync(join(tmpdir(), "sluice-delta-spark-ci-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");
const sortRows = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort().map((s) => JSON.parse(s) as unknown[]);

/** A raw struct value as an object of its field names (as PySpark's Row.asDict(recursive=True)). */
function named(v: unknown, t: DataType): unknown {
  if (v === null || t.kind !== "struct") return typeof v === "bigint" ? Number(v) : v;
  return Object.fromEntries(t.fields.map((f, i) => [f.name, named((v as unknown[])[i], f.dataType)]));
}

function ensurePyspark(): void {
  const have = spawnSync("python3", ["-c", "import pyspark; print(pyspark.__version__)"], { encoding: "utf8" });
  if (have.status === 0) return;
  const r = spawnSync("python3", ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "pyspark==4.1.1"], { encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) throw new Error(`pip install pyspark==4.1.1 failed:\n${r.stderr}`);
}

test("Spark reads and OPTIMIZEs Sluice's tables, Sluice reads Spark's (checkpoint, time travel, stream)", async () => {
  ensurePyspark();
  // A: streamed by Sluice in 11 batches (a Sluice checkpoint at version 10), partitioned, then OPTIMIZEd.
  const a = join(root, "a");
  const input = new MemoryStream(spark, "id BIGINT, name STRING, ts TIMESTAMP, amount DECIMAL(10,2), day DATE");
  const q = input.toDF().writeStream.format("delta").partitionBy("day").option("checkpointLocation", join(root, "cp-a")).start(a);
  const expectedA: unknown[][] = [];
  for (let b = 0; b < 11; b++) {
    input.addData([[b, `n${b}`, 1_704_067_200_000_000 + b * 1_000_000, BigInt(b * 100 + 1), 19723 + (b % 3)], [100 + b, null, null, null, null]]);
    await q.processAllAvailable();
    expectedA.push(
      [b, `n${b}`, `2024-01-01T00:00:${String(b).padStart(2, "0")}+00:00`, `${b}.01`, `2024-01-0${1 + (b % 3)}`],
      [100 + b, null, null, null, null],
    );
  }
  await q.stop();
  DeltaTable.forPath(spark, a).optimize().executeCompaction();
  expect(existsSync(join(a, "_delta_log", "00000000000000000010.checkpoint.parquet"))).toBe(true);
  // B: a complete-mode aggregation, two commits.
  const b = join(root, "b");
  const words = new MemoryStream(spark, "w STRING");
  const qb = words.toDF().groupBy("w").count().writeStream.format("delta").outputMode("complete").option("checkpointLocation", join(root, "cp-b")).start(b);
  words.addData([["x"], ["y"], ["x"]]);
  await qb.processAllAvailable();
  words.addData([["x"]]);
  await qb.processAllAvailable();
  await qb.stop();
  const inputD = join(root, "in-d");
  mkdirSync(inputD);
  for (let f = 0; f < 2; f++) writeFileSync(join(inputD, `f${f}.json`), `{"id":${f * 2},"name":"r${f}"}\n{"id":${f * 2 + 1},"name":null}\n`);
  const c = join(root, "c"), d = join(root, "d");
  const r = spawnSync("python3", [SCRIPT, "quick", a, b, c, d, inputD, join(root, "cp-d")], { encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) throw new Error(`PySpark with delta-spark failed:\n${r.stderr.slice(-4000)}`);
  // Where Spark's time went (the script marks its steps on stderr).
  console.log(r.stderr.split("\n").filter((l) => / s {2}/.test(l)).join("\n"));
  const got = JSON.parse(r.stdout.trim().split("\n").at(-1)!);

  // Spark's view of Sluice's tables.
  expect(got.a.schema).toBe("struct<id:bigint,name:string,ts:timestamp,amount:decimal(10,2),day:date>");
  expect(got.a.rows).toEqual(sortRows(expectedA));
  expect(got.a.operation).toBe("OPTIMIZE");
  expect(got.a_stream_rows).toBe(22);
  expect(got.b.rows).toEqual([["x", 3], ["y", 1]]);
  expect(got.b_after_optimize.rows).toEqual([["x", 3], ["y", 1]]);
  // executeCompaction()'s DataFrame: delta-spark's schema, and its figures for the same table (the times aside).
  const optimized = DeltaTable.forPath(spark, b).optimize().executeCompaction();
  expect(optimized.schema.simpleString()).toBe(got.optimize_schema);
  const ours = named((optimized.collectRaw().rows[0] as unknown[])[1], optimized.schema.fields[1]!.dataType) as Record<string, unknown>;
  expect({ ...ours, startTimeMs: 0, endTimeMs: 0 }).toEqual({ ...got.optimize_b_metrics, startTimeMs: 0, endTimeMs: 0 });

  // Sluice's view of Spark's tables: C past delta-spark's checkpoint (version 2), time travel; D from a Spark stream.
  expect(existsSync(join(c, "_delta_log", "00000000000000000002.checkpoint.parquet"))).toBe(true);
  const cRows = spark.read.format("delta").load(c).collectRaw().rows as unknown[][];
  expect(sortRows(cRows)).toEqual(sortRows(Array.from({ length: 3 }, (_, i) => [i, `v${i}`, 1_704_067_200_000_000 + i * 1_000_000, i % 2 === 0 ? "x" : "y"])));
  expect(spark.read.format("delta").option("versionAsOf", 1).load(c).count()).toBe(2);
  expect(sortRows(spark.read.format("delta").load(d).collectRaw().rows as unknown[][])).toEqual([[0, "r0"], [1, null], [2, "r1"], [3, null]]);
  const seen: number[] = [];
  const qd = spark.readStream.format("delta").load(d).writeStream.option("checkpointLocation", join(root, "cp-sluice-d"))
    .foreachBatch((df) => {
      seen.push(df.count());
    }).start();
  await qd.processAllAvailable();
  await qd.stop();
  expect(seen.reduce((s, x) => s + x, 0)).toBe(4);
  expect(DeltaTable.forPath(spark, d).history().select("operation").collect().every((row) => row.operation === "STREAMING UPDATE")).toBe(true);
}, 240_000);
