// Delta interoperability with Spark itself, PySpark 4.1.1 with delta-spark 4.1.0 (its jars from
// Maven Central through spark.jars.packages): Spark reads the tables Sluice writes (a streamed,
// partitioned, OPTIMIZEd table past a Sluice checkpoint, and a complete-mode table), batch and as a
// stream; Sluice reads the tables Spark writes (12 batch appends with Spark's own checkpoint, and a
// Spark streaming query's output), batch, with time travel, and as a stream. One Spark process
// (delta_spark_interop.py). The suite runs a shorter variant in one JVM
// (plugins/delta/delta_spark.test.ts); this longer one takes minutes on a 2-core machine, so it is
// a script (exit status 0 = every check held):
//
//   flock /tmp/sluice-heavy.lock npx bun scripts/delta/delta_spark_interop.ts
import { deepStrictEqual as eq, strictEqual as is } from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DeltaTable, SparkSession } from "sluice";
import { MemoryStream } from "../../runtime/testing/memory_stream.ts";

const SCRIPT = resolve(import.meta.dir, "delta_spark_interop.py");
const pyspark = spawnSync("python3", ["-c", "import pyspark; print(pyspark.__version__)"], { encoding: "utf8" });
if (pyspark.status !== 0) {
  const r = spawnSync("python3", ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "pyspark==4.1.1"], { encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) throw new Error(`pip install pyspark==4.1.1 failed:\n${r.stderr}`);
}

const root = mkdtempSync(join(tmpdir(), "sluice-delta-spark-"));
const spark = SparkSession.builder.getOrCreate();
spark.conf.set("spark.sql.session.timeZone", "UTC");

const sortRows = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort().map((s) => JSON.parse(s) as unknown[]);

try {
  // A: streamed by Sluice in 12 batches (a Sluice checkpoint at 10), partitioned, then OPTIMIZEd.
  const a = join(root, "a");
  const input = new MemoryStream(spark, "id BIGINT, name STRING, ts TIMESTAMP, amount DECIMAL(10,2), day DATE");
  const q = input.toDF().writeStream.format("delta").partitionBy("day").option("checkpointLocation", join(root, "cp-a")).start(a);
  const expectedA: unknown[][] = [];
  for (let b = 0; b < 12; b++) {
    input.addData([[b, `n${b}`, 1_704_067_200_000_000 + b * 1_000_000, BigInt(b * 100 + 1), 19723 + (b % 3)], [100 + b, null, null, null, null]]);
    await q.processAllAvailable();
    expectedA.push(
      [b, `n${b}`, `2024-01-01T00:00:${String(b).padStart(2, "0")}+00:00`, `${b}.01`, `2024-01-0${1 + (b % 3)}`],
      [100 + b, null, null, null, null],
    );
  }
  await q.stop();
  DeltaTable.forPath(spark, a).optimize().executeCompaction();
  const checkpoint10 = (t: string) => existsSync(join(t, "_delta_log", "00000000000000000010.checkpoint.parquet"));
  is(checkpoint10(a), true);
  // B: a complete-mode aggregation.
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
  for (let f = 0; f < 3; f++) writeFileSync(join(inputD, `f${f}.json`), `{"id":${f * 2},"name":"r${f}"}\n{"id":${f * 2 + 1},"name":null}\n`);
  const c = join(root, "c");
  const d = join(root, "d");
  const r = spawnSync("python3", [SCRIPT, "full", a, b, c, d, inputD, join(root, "cp-d")], { encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) throw new Error(`PySpark with delta-spark failed:\n${r.stderr.slice(-4000)}`);
  const got = JSON.parse(r.stdout.trim().split("\n").at(-1)!);

  // Spark's view of Sluice's tables.
  is(got.a.schema, "struct<id:bigint,name:string,ts:timestamp,amount:decimal(10,2),day:date>");
  eq(got.a.rows, sortRows(expectedA));
  is(got.a.operation, "OPTIMIZE");
  is(got.a_stream_rows, 24);
  eq(got.b.rows, [["x", 3], ["y", 1]]);

  // Sluice's view of Spark's tables: C with Spark's checkpoint at 10, time travel, D from a Spark stream.
  is(checkpoint10(c), true);
  const cRows = spark.read.format("delta").load(c).collectRaw().rows as unknown[][];
  eq(sortRows(cRows), sortRows(Array.from({ length: 12 }, (_, i) => [i, `v${i}`, 1_704_067_200_000_000 + i * 1_000_000, i % 2 === 0 ? "x" : "y"])));
  is(spark.read.format("delta").option("versionAsOf", 3).load(c).count(), 4);
  eq(sortRows(spark.read.format("delta").load(d).collectRaw().rows as unknown[][]), [[0, "r0"], [1, null], [2, "r1"], [3, null], [4, "r2"], [5, null]]);
  const seen: number[] = [];
  const qd = spark.readStream.format("delta").load(d).writeStream.option("checkpointLocation", join(root, "cp-sluice-d"))
    .foreachBatch((df) => {
      seen.push(df.count());
    }).start();
  await qd.processAllAvailable();
  await qd.stop();
  is(seen.reduce((s, x) => s + x, 0), 6);
  is(DeltaTable.forPath(spark, d).history().select("operation").collect().every((row) => row.operation === "STREAMING UPDATE"), true);
  console.log("delta-spark interop: every check held");
} finally {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
  rmSync(root, { recursive: true, force: true });
}
