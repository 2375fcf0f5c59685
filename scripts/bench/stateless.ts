// Stateless throughput: rate-micro-batch -> five computed columns -> filter -> a sink that
// discards, against a hand-written loop doing the same work on the same rows in this process.
// Usage: bun scripts/bench/stateless.ts [rows=10000000] [rowsPerBatch=100000] [runs=3]
// Last line: one JSON object with the figures (medians of the runs).
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { defineSink } from "../../runtime/plugin/contract.ts";

const totalRows = Number(process.argv[2] ?? 10_000_000);
const rowsPerBatch = Number(process.argv[3] ?? 100_000);
const runs = Number(process.argv[4] ?? 3);
const batches = Math.ceil(totalRows / rowsPerBatch);

const spark = SparkSession.builder.appName("bench-stateless").config("spark.sql.session.timeZone", "UTC").getOrCreate();
spark.stdout = () => {};
let kept = 0;
spark.plugins.registry.register(defineSink({
  name: "discard",
  summary: "Counts rows and drops them (benchmark only).",
  outputModes: ["append"],
  options: { type: "object", properties: {} },
  create: () => ({ description: "discard", addBatch: (_id, rows) => void (kept += rows.length) }),
}), "bench");

async function sluiceRun(): Promise<number> {
  kept = 0;
  const df = spark.readStream.format("rate-micro-batch")
    .option("rowsPerBatch", rowsPerBatch).option("startTimestamp", 0).option("advanceMillisPerBatch", 1000)
    .load()
    .withColumn("doubled", F.col("value").multiply(2))
    .withColumn("bucket", F.col("value").mod(10))
    .withColumn("ratio", F.col("value").divide(7))
    .withColumn("label", F.when(F.col("value").mod(2).equalTo(0), "even").otherwise("odd"))
    .withColumn("shifted", F.col("timestamp").plus(F.expr("INTERVAL 5 SECONDS")))
    .filter(F.col("bucket").lt(5));
  const start = performance.now();
  const q = df.writeStream.format("discard").start();
  spark.streams.addListener({
    onQueryProgress: (e) => { if ((e.progress.batchId as number) >= batches - 1) void q.stop(); },
  });
  await q.awaitTermination();
  const secs = (performance.now() - start) / 1000;
  return (batches * rowsPerBatch) / secs;
}

// The same work by hand: generate the batch's rows as the source does, compute, filter, count.
function baselineRun(): number {
  let count = 0;
  const start = performance.now();
  for (let b = 0; b < batches; b++) {
    const rows: [number, number][] = new Array(rowsPerBatch);
    const ts = b * 1000 * 1000;
    for (let i = 0; i < rowsPerBatch; i++) rows[i] = [ts, b * rowsPerBatch + i];
    const out: unknown[][] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const value = r[1];
      // Filter first, as a careful hand-written loop would (and as Sluice's fused loop does).
      const bucket = value % 10;
      if (!(bucket < 5)) continue;
      const doubled = value * 2;
      const ratio = value / 7;
      const label = value % 2 === 0 ? "even" : "odd";
      const shifted = r[0] + 5_000_000;
      out.push([r[0], value, doubled, bucket, ratio, label, shifted]);
    }
    count += out.length;
  }
  const secs = (performance.now() - start) / 1000;
  if (count === 0) throw new Error("baseline kept nothing");
  return (batches * rowsPerBatch) / secs;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sluice: number[] = [], baseline: number[] = [];
for (let i = 0; i < runs; i++) {
  baseline.push(baselineRun());
  sluice.push(await sluiceRun());
  console.log(`run ${i + 1}: sluice ${Math.round(sluice[i]!)} rows/s, baseline ${Math.round(baseline[i]!)} rows/s, kept ${kept}`);
}
const s = median(sluice), b = median(baseline);
console.log(JSON.stringify({ bench: "stateless", rows: batches * rowsPerBatch, rowsPerBatch, runs, sluice_rps: Math.round(s), baseline_rps: Math.round(b), ratio: Number((s / b).toFixed(3)) }));
process.exit(0);
