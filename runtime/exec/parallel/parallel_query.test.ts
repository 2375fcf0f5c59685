// Queries run with worker threads give the answers they give on one thread: a windowed
// aggregation (partial aggregates cross threads) and a stateless pipeline (rows cross), with
// 1, 2 and 4 workers, and a checkpoint written with N workers resumed with M.
import { afterAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "../../mod.ts";
import { ECOMMERCE_DDL, writeEcommerceFiles } from "../../../scripts/generate_ecommerce.ts";

const dir = mkdtempSync(join(tmpdir(), "sluice-parallel-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// 6 files of about 70 KB: with 64 KB splits each file is a split of its own.
writeEcommerceFiles(join(dir, "all"), 3000, 6, ["json"]);

function session(workers: number): SparkSession {
  const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC")
    .config("sluice.executor.workers", workers)
    .config("sluice.executor.minParallelBytes", "1")
    .config("spark.sql.files.maxPartitionBytes", "64k")
    .config("spark.sql.files.openCostInBytes", "1")
    .create();
  spark.stdout = () => {};
  return spark;
}

interface Run {
  batches: number[];
  rows: unknown[][];
  progress: { numInputRows: number; watermark?: string }[];
  workers?: number;
  busy?: number[];
}

/** Revenue per 5-minute window and category, update mode, foreachBatch collecting every batch. */
async function windowed(workers: number, input: string, checkpoint: string, into?: Run): Promise<Run> {
  const spark = session(workers);
  const run: Run = into ?? { batches: [], rows: [], progress: [] };
  const q = spark.readStream.format("json").schema(ECOMMERCE_DDL).option("maxFilesPerTrigger", 3).load(input)
    .withWatermark("event_time", "10 minutes")
    .filter(F.col("event_type").equalTo("purchase").or(F.col("event_type").equalTo("cart")))
    .groupBy(F.window("event_time", "5 minutes"), "category")
    .agg(F.sum(F.col("price").multiply(F.col("quantity"))).alias("revenue"), F.count("*").alias("n"), F.max("user_id").alias("top"))
    .writeStream.outputMode("update").option("checkpointLocation", checkpoint)
    .foreachBatch((df, id) => {
      run.batches.push(id);
      for (const r of df.collectRaw().rows) run.rows.push([id, ...r]);
    })
    .trigger({ availableNow: true }).start();
  await q.awaitTermination();
  const w = q.executorWorkers();
  run.workers = w.workers;
  run.busy = w.utilisation;
  for (const p of q.recentProgress) run.progress.push({ numInputRows: p.numInputRows as number, watermark: (p.eventTime as Record<string, string>).watermark });
  return run;
}

const sorted = (rows: unknown[][]) => [...rows].sort((a, b) => JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

describe("worker threads", () => {
  test("a windowed aggregation gives the same batches with 1, 2 and 4 workers", async () => {
    const one = await windowed(1, join(dir, "all", "json"), join(dir, "cp1"));
    const two = await windowed(2, join(dir, "all", "json"), join(dir, "cp2"));
    const four = await windowed(4, join(dir, "all", "json"), join(dir, "cp4"));
    expect(one.batches).toEqual([0, 1, 2]);
    // The batches did run on the workers: each was busy for a while.
    expect([one.workers, two.workers, four.workers]).toEqual([0, 2, 4]);
    expect(two.busy!.every((u) => u > 0)).toBe(true);
    expect(two.batches).toEqual(one.batches);
    expect(four.batches).toEqual(one.batches);
    // The same splits whatever the workers: identical to the last bit.
    expect(four.rows).toEqual(two.rows);
    expect(two.progress).toEqual(one.progress);
    // Inline, a batch is one partial aggregate: sums may differ from the split-wise ones in the last bits.
    const a = sorted(one.rows), b = sorted(two.rows);
    expect(b.length).toBe(a.length);
    b.forEach((r, i) => {
      expect(r.map((v, j) => (j === 3 ? 0 : v))).toEqual(a[i]!.map((v, j) => (j === 3 ? 0 : v)));
      expect(r[3] as number).toBeCloseTo(a[i]![3] as number, 6);
    });
  }, 60_000);

  test("a checkpoint written with 4 workers resumes with 2 and gives the same results", async () => {
    const whole = await windowed(1, join(dir, "all", "json"), join(dir, "cp-whole"));
    // The first 3 files with 4 workers, then the other 3 with 2 workers, on one checkpoint.
    const input = join(dir, "grow");
    mkdirSync(input);
    const names = readdirSync(join(dir, "all", "json")).sort();
    expect(names.length).toBe(6);
    const cp = join(dir, "cp-resume");
    const resumed: Run = { batches: [], rows: [], progress: [] };
    for (const n of names.slice(0, 3)) copyFileSync(join(dir, "all", "json", n), join(input, n));
    await windowed(4, input, cp, resumed);
    for (const n of names.slice(3)) copyFileSync(join(dir, "all", "json", n), join(input, n));
    await windowed(2, input, cp, resumed);
    expect(resumed.batches.length).toBeGreaterThan(1);
    expect(resumed.batches).toEqual(resumed.batches.map((_, i) => i));
    // Update mode: the last row emitted per window and category is its final revenue.
    const latest = (r: Run) => {
      const m = new Map<string, unknown[]>();
      for (const row of r.rows) m.set(JSON.stringify(row.slice(1, 3)), row.slice(3));
      return m;
    };
    const a = latest(whole), b = latest(resumed);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [k, v] of a) {
      const w = b.get(k)!;
      expect(w[0] as number).toBeCloseTo(v[0] as number, 6);
      expect(w.slice(1)).toEqual(v.slice(1));
    }
  }, 60_000);

  test("a stateless pipeline's rows reach foreachBatch in batch order, as on one thread", async () => {
    const run = async (workers: number) => {
      const spark = session(workers);
      const seen: [number, number][] = [];
      const q = spark.readStream.format("json").schema(ECOMMERCE_DDL).option("maxFilesPerTrigger", 3).load(join(dir, "all", "json"))
        .filter(F.col("quantity").gt(1))
        .select(F.col("user_id"), F.upper(F.col("category")).alias("c"), F.col("price").multiply(2).alias("p"))
        .writeStream.option("checkpointLocation", join(dir, `cp-stateless-${workers}`))
        .foreachBatch((df, id) => {
          for (const r of df.collectRaw().rows) seen.push([id, r[0] as number]);
        })
        .trigger({ availableNow: true }).start();
      await q.awaitTermination();
      return seen;
    };
    const one = await run(1), two = await run(2);
    expect(one.length).toBeGreaterThan(100);
    expect(sorted(two)).toEqual(sorted(one));
    // Batches arrive in order.
    expect(two.map(([id]) => id)).toEqual([...two.map(([id]) => id)].sort((a, b) => a - b));
  }, 60_000);
});
