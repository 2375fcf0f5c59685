// Windowed backfill: N e-commerce events as NDJSON files (scripts/generate_ecommerce.ts), revenue
// by category in 5-minute tumbling windows with a 10-minute watermark (update mode), one
// Trigger.AvailableNow run of Sluice's json file source, against a hand-written single-loop Bun
// program doing the same read/parse/aggregate over the same files. Each side runs in its own
// process, alternating; both must find the same revenue per window and category.
// Usage: bun scripts/bench/windowed.ts [events=2000000] [files=20] [runs=5]
// Last line: one JSON object with the medians (wall-clock throughput and its ratio; CPU seconds
// and their ratio, the steadier figure on a shared machine) and each side's peak RSS.
import { closeSync, mkdtempSync, openSync, readdirSync, readSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { defineSink } from "../../runtime/plugin/contract.ts";
import { ECOMMERCE_DDL, writeEcommerceFiles } from "../generate_ecommerce.ts";
import { alternate, cpuSecondsSince, medianOf, positional, reportSide, sideArg } from "./harness.ts";

const WINDOW_US = 5 * 60 * 1_000_000;
const side = sideArg();

/** Revenue per "windowStartMicros|category", and a digest of it to compare the sides. */
function digest(revenue: Map<string, number>): { groups: number; total: number } {
  let total = 0;
  for (const v of revenue.values()) total += v;
  return { groups: revenue.size, total };
}

async function sluiceSide(input: string, checkpoint: string, events: number): Promise<never> {
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
      addBatch: (_id, rows) => {
        for (const r of rows) latest.set(`${(r[0] as number[])[0]}|${r[1]}`, r[2] as number);
      },
    }),
  }), "bench");
  const start = performance.now(), cpu = process.cpuUsage();
  const q = spark.readStream.format("json").schema(ECOMMERCE_DDL).load(input)
    .withWatermark("event_time", "10 minutes")
    .groupBy(F.window("event_time", "5 minutes"), "category")
    .agg(F.sum(F.col("price").multiply(F.col("quantity"))).alias("revenue"))
    .select("window", "category", "revenue")
    .writeStream.outputMode("update").format("revenue-table")
    .option("checkpointLocation", checkpoint)
    .trigger({ availableNow: true }).start();
  await q.awaitTermination();
  const secs = (performance.now() - start) / 1000;
  return reportSide({ eps: Math.round(events / secs), seconds: Number(secs.toFixed(3)), cpuSeconds: cpuSecondsSince(cpu), ...digest(latest) });
}

/** The hand-written loop: read 1 MB chunks, split lines, JSON.parse, window, aggregate in a Map. */
function loopSide(input: string, events: number): never {
  const start = performance.now(), cpu = process.cpuUsage();
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
  const secs = (performance.now() - start) / 1000;
  return reportSide({ eps: Math.round(events / secs), seconds: Number(secs.toFixed(3)), cpuSeconds: cpuSecondsSince(cpu), ...digest(sums) });
}

if (side !== undefined) {
  const [input, eventsArg, checkpoint] = positional();
  const events = Number(eventsArg);
  if (side === "sluice") await sluiceSide(input!, checkpoint!, events);
  else loopSide(input!, events);
}

const [eventsArg = "2000000", filesArg = "20", runsArg = "5"] = positional();
const events = Number(eventsArg), files = Number(filesArg), runs = Number(runsArg);
const dir = mkdtempSync(join(tmpdir(), "sluice-windowed-"));
try {
  writeEcommerceFiles(dir, events, files, ["json"]);
  const input = join(dir, "json");
  // Each Sluice run starts from a fresh checkpoint (a backfill from scratch).
  const results = alternate(import.meta.path, ["sluice", "loop"], runs, (run) => [input, String(events), join(dir, `checkpoint-${run}`)]);
  // Same answer: update mode has emitted the final revenue of every window and category.
  for (const s of results.sluice!) {
    const l = results.loop![0]!;
    if (s.groups !== l.groups || Math.abs(s.total! - l.total!) > 1e-9 * l.total!) {
      throw new Error(`the sides disagree: sluice ${JSON.stringify(s)}, loop ${JSON.stringify(l)}`);
    }
  }
  const sl = results.sluice!, lo = results.loop!;
  const s = medianOf(sl, "eps"), l = medianOf(lo, "eps");
  console.log(JSON.stringify({
    bench: "windowed", events, files, runs,
    sluice_eps: s, loop_eps: l, ratio: Number((s / l).toFixed(3)),
    sluice_seconds: medianOf(sl, "seconds"), loop_seconds: medianOf(lo, "seconds"),
    // Events per CPU second (every thread counted), the figure other processes barely move.
    sluice_cpu_seconds: medianOf(sl, "cpuSeconds"), loop_cpu_seconds: medianOf(lo, "cpuSeconds"),
    cpu_ratio: Number((medianOf(lo, "cpuSeconds") / medianOf(sl, "cpuSeconds")).toFixed(3)),
    sluice_peak_rss_mb: medianOf(sl, "peakRssMb"), loop_peak_rss_mb: medianOf(lo, "peakRssMb"),
    sluice_peak_rss_mb_max: Math.max(...sl.map((r) => r.peakRssMb!)), groups: sl[0]!.groups,
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
