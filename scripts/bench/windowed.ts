// Windowed throughput: N e-commerce events as NDJSON files (scripts/generate_ecommerce.ts), then
// revenue by category in 5-minute tumbling windows with a 10-minute watermark (update mode), read by Sluice's
// json file source (availableNow) and by a hand-written single-loop Bun program over the same
// files, in the same run. Both compute the same totals (checked).
// Usage: bun scripts/bench/windowed.ts [events=2000000] [files=20] [runs=3]
// Last line: one JSON object with the figures (medians of the runs).
import { mkdtempSync, openSync, readdirSync, readSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { defineSink } from "../../runtime/plugin/contract.ts";
import { ECOMMERCE_DDL, writeEcommerceFiles } from "../generate_ecommerce.ts";

const events = Number(process.argv[2] ?? 2_000_000);
const files = Number(process.argv[3] ?? 20);
const runs = Number(process.argv[4] ?? 3);
const WINDOW_US = 5 * 60 * 1_000_000;

const dir = mkdtempSync(join(tmpdir(), "sluice-windowed-"));
writeEcommerceFiles(dir, events, files, ["json"]);
const input = join(dir, "json");

const spark = SparkSession.builder.appName("bench-windowed").config("spark.sql.session.timeZone", "UTC").getOrCreate();
spark.stdout = () => {};
spark.log.info = () => {};
// Keeps the latest revenue per (window, category), as a table updated in update mode would.
const latest = new Map<string, number>();
spark.plugins.registry.register(defineSink({
  name: "revenue-table",
  summary: "Keeps the latest revenue per window and category (benchmark only).",
  outputModes: ["update"],
  options: { type: "object", properties: {} },
  create: () => ({
    description: "revenue-table",
    addBatch: (_id, rows) => { for (const r of rows) latest.set(`${(r[0] as number[])[0]}|${r[1]}`, r[2] as number); },
  }),
}), "bench");
const sluiceTotal = () => [...latest.values()].reduce((a, b) => a + b, 0);

async function sluiceRun(run: number): Promise<number> {
  latest.clear();
  const start = performance.now();
  const q = spark.readStream.format("json").schema(ECOMMERCE_DDL).load(input)
    .withWatermark("event_time", "10 minutes")
    .groupBy(F.window("event_time", "5 minutes"), "category")
    .agg(F.sum(F.col("price").multiply(F.col("quantity"))).alias("revenue"))
    .select("window", "category", "revenue")
    .writeStream.outputMode("update").format("revenue-table")
    .option("checkpointLocation", join(dir, `checkpoint-${run}`))
    .trigger({ availableNow: true }).start();
  await q.awaitTermination();
  return events / ((performance.now() - start) / 1000);
}

/** The hand-written loop: read 1 MB chunks, split lines, JSON.parse, window, aggregate in a Map. */
function baselineRun(): { eps: number; total: number } {
  const start = performance.now();
  const sums = new Map<string, number>();
  const decoder = new TextDecoder();
  const buf = Buffer.allocUnsafe(1 << 20);
  for (const name of readdirSync(input).sort()) {
    const fd = openSync(join(input, name), "r");
    let rest = "";
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = rest + decoder.decode(buf.subarray(0, n), { stream: true });
      const lines = text.split("\n");
      rest = lines.pop()!;
      for (const line of lines) {
        if (line === "") continue;
        const e = JSON.parse(line);
        const t = Date.parse(e.event_time) * 1000;
        const w = t - (t % WINDOW_US);
        const k = w + "|" + e.category;
        sums.set(k, (sums.get(k) ?? 0) + e.price * e.quantity);
      }
    }
    closeSync(fd);
  }
  let total = 0;
  for (const v of sums.values()) total += v;
  return { eps: events / ((performance.now() - start) / 1000), total };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sluice: number[] = [], baseline: number[] = [];
for (let i = 0; i < runs; i++) {
  const b = baselineRun();
  baseline.push(b.eps);
  sluice.push(await sluiceRun(i));
  // Same answer: update mode has emitted the final revenue of every window and category.
  if (Math.abs(b.total - sluiceTotal()) > 1e-6 * b.total) throw new Error(`totals differ: baseline ${b.total}, sluice ${sluiceTotal()}`);
  console.log(`run ${i + 1}: sluice ${Math.round(sluice[i]!)} events/s, baseline ${Math.round(baseline[i]!)} events/s`);
}
rmSync(dir, { recursive: true, force: true });
const s = median(sluice), b = median(baseline);
console.log(JSON.stringify({ bench: "windowed", events, files, runs, sluice_eps: Math.round(s), baseline_eps: Math.round(b), ratio: Number((s / b).toFixed(3)) }));
process.exit(0);
