// Stateless throughput: rate-micro-batch → five computed columns → filter → a sink that discards,
// against a hand-written loop doing the same work on the same rows. Each side in its own process,
// alternating.
// Usage: bun scripts/bench/stateless.ts [rows=10000000] [rowsPerBatch=100000] [runs=5]
// Last line: one JSON object with the medians (throughput and CPU seconds, each with its ratio)
// and each side's peak RSS.
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { defineSink } from "../../runtime/plugin/contract.ts";
import { alternate, cpuSecondsSince, medianOf, positional, reportSide, sideArg } from "./harness.ts";

const side = sideArg();

async function sluiceSide(batches: number, rowsPerBatch: number): Promise<never> {
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
  const df = spark.readStream.format("rate-micro-batch")
    .option("rowsPerBatch", rowsPerBatch).option("startTimestamp", 0).option("advanceMillisPerBatch", 1000)
    .load()
    .withColumn("doubled", F.col("value").multiply(2))
    .withColumn("bucket", F.col("value").mod(10))
    .withColumn("ratio", F.col("value").divide(7))
    .withColumn("label", F.when(F.col("value").mod(2).equalTo(0), "even").otherwise("odd"))
    .withColumn("shifted", F.col("timestamp").plus(F.expr("INTERVAL 5 SECONDS")))
    .filter(F.col("bucket").lt(5));
  const start = performance.now(), cpu = process.cpuUsage();
  const q = df.writeStream.format("discard").start();
  spark.streams.addListener({
    onQueryProgress: (e) => {
      if ((e.progress.batchId as number) >= batches - 1) void q.stop();
    },
  });
  await q.awaitTermination();
  const secs = (performance.now() - start) / 1000;
  return reportSide({ rps: Math.round((batches * rowsPerBatch) / secs), cpuSeconds: cpuSecondsSince(cpu), kept });
}

// The same work by hand: generate the batch's rows as the source does, compute, filter, count.
function loopSide(batches: number, rowsPerBatch: number): never {
  let count = 0;
  const start = performance.now(), cpu = process.cpuUsage();
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
  return reportSide({ rps: Math.round((batches * rowsPerBatch) / secs), cpuSeconds: cpuSecondsSince(cpu), kept: count });
}

if (side !== undefined) {
  const [batches, rowsPerBatch] = positional().map(Number);
  if (side === "sluice") await sluiceSide(batches!, rowsPerBatch!);
  else loopSide(batches!, rowsPerBatch!);
}

const [rowsArg = "10000000", perBatchArg = "100000", runsArg = "5"] = positional();
const rowsPerBatch = Number(perBatchArg);
const batches = Math.ceil(Number(rowsArg) / rowsPerBatch);
const r = alternate(import.meta.path, ["sluice", "loop"], Number(runsArg), [String(batches), String(rowsPerBatch)]);
if (r.sluice!.some((s) => s.kept !== r.loop![0]!.kept)) throw new Error("the sides kept different row counts");
const s = medianOf(r.sluice!, "rps"), l = medianOf(r.loop!, "rps");
console.log(JSON.stringify({
  bench: "stateless", rows: batches * rowsPerBatch, rowsPerBatch, runs: Number(runsArg),
  sluice_rps: s, loop_rps: l, ratio: Number((s / l).toFixed(3)),
  // CPU seconds (every thread counted), the figure other processes barely move.
  sluice_cpu_seconds: medianOf(r.sluice!, "cpuSeconds"), loop_cpu_seconds: medianOf(r.loop!, "cpuSeconds"),
  cpu_ratio: Number((medianOf(r.loop!, "cpuSeconds") / medianOf(r.sluice!, "cpuSeconds")).toFixed(3)),
  sluice_peak_rss_mb: medianOf(r.sluice!, "peakRssMb"), loop_peak_rss_mb: medianOf(r.loop!, "peakRssMb"),
}));
process.exit(0);
