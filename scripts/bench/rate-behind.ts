// A source that outruns its query: the rate source at rowsPerSecond rows/s (2 M by default, more
// than the query below, an MD5 per row, processes on a 2-core machine). Batches grow, since each
// covers the time the previous one took; the query must warn that it is falling behind and keep its memory bounded,
// since rows flow through in chunks. One side (Sluice), in a process of its own.
// Usage: bun scripts/bench/rate-behind.ts [rowsPerSecond=2000000] [seconds=60]
// Runs until the query warns that it is falling behind, or for at most `seconds`.
// Last line: one JSON object: batches, the largest batch, rows processed, warnings, peak RSS.
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { defineSink } from "../../runtime/plugin/contract.ts";
import { alternate, positional, reportSide, sideArg } from "./harness.ts";

async function sluiceSide(rowsPerSecond: number, seconds: number): Promise<never> {
  const spark = SparkSession.builder.appName("bench-rate-behind").config("spark.sql.session.timeZone", "UTC").getOrCreate();
  spark.stdout = () => {};
  const warnings: string[] = [];
  spark.log.warn = (m) => void warnings.push(m);
  spark.log.info = () => {};
  let kept = 0;
  // A sink that takes the rows chunk by chunk and drops them, so only the engine holds memory.
  spark.plugins.registry.register(defineSink({
    name: "discard", summary: "Counts rows and drops them (benchmark only).", outputModes: ["append"], options: { type: "object", properties: {} },
    create: () => ({
      description: "discard",
      addBatch: (_id, rows) => void (kept += rows.length),
      beginBatch: () => ({ write: (rows) => void (kept += rows.length), commit: () => {} }),
    }),
  }), "bench");
  let batches = 0, maxBatchRows = 0, rows = 0;
  spark.streams.addListener({
    onQueryProgress: (e) => {
      batches++;
      const n = e.progress.numInputRows as number;
      rows += n;
      maxBatchRows = Math.max(maxBatchRows, n);
    },
  });
  // An MD5 per row: more work than the source's rate allows on a small machine.
  const q = spark.readStream.format("rate").option("rowsPerSecond", rowsPerSecond).load()
    .withColumn("bucket", F.col("value").mod(10))
    .withColumn("digest", F.md5(F.concat(F.lit("v-"), F.col("value").cast("string"))))
    .filter(F.col("bucket").lt(2))
    .writeStream.format("discard").start();
  // Until the query says it is falling behind (or the time is up).
  const start = performance.now();
  while (performance.now() - start < seconds * 1000 && !warnings.some((w) => w.includes("is falling behind"))) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const elapsed = (performance.now() - start) / 1000;
  await q.stop();
  const behind = warnings.filter((w) => w.includes("is falling behind"));
  return reportSide({
    batches, maxBatchRows, rows, kept, fallingBehindWarnings: behind.length, secondsToWarning: behind.length > 0 ? Number(elapsed.toFixed(1)) : -1,
    firstWarning: behind[0] ?? "",
  });
}

if (sideArg() !== undefined) {
  const [rps, secs] = positional().map(Number);
  await sluiceSide(rps!, secs!);
}

const [rpsArg = "2000000", secondsArg = "60"] = positional();
const r = alternate(import.meta.path, ["sluice"], 1, [rpsArg, secondsArg]).sluice![0]!;
console.log(JSON.stringify({
  bench: "rate-behind", rowsPerSecond: Number(rpsArg), seconds: Number(secondsArg),
  batches: r.batches, max_batch_rows: r.maxBatchRows, rows: r.rows, falling_behind_warnings: r.fallingBehindWarnings,
  seconds_to_warning: r.secondsToWarning,
  peak_rss_mb: r.peakRssMb,
}));
process.exit(0);
