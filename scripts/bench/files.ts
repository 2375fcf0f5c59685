// File source throughput: N e-commerce events as NDJSON, CSV and Parquet files. Sides, each in its
// own process, alternating: "loop" (a hand-written read + JSON.parse loop over the NDJSON files),
// "json", "csv", "parquet" (each file source reads everything, as the scheduler drives it: create →
// latestOffset → the batch's chunks), and "e2e" (readStream json → stateless select/filter →
// Parquet sink, Trigger.AvailableNow).
// Usage: bun scripts/bench/files.ts [events=2000000] [files=20] [runs=3] [sides=loop,json,csv,parquet,e2e]
// Last line: one JSON object with the medians and each side's peak RSS.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { sourceChunks } from "../../runtime/plugin/source_input.ts";
import { validateOptions } from "../../runtime/plugin/validate_options.ts";
import { ManualClock } from "../../runtime/testing/manual_clock.ts";
import { ECOMMERCE_DDL, ECOMMERCE_SCHEMA, writeEcommerceFiles } from "../generate_ecommerce.ts";
import { alternate, cpuSecondsSince, medianOf, positional, reportSide, sideArg } from "./harness.ts";

const SIDES = ["loop", "json", "csv", "parquet", "e2e"];
const side = sideArg();
const quiet = { info() {}, warn() {} };
const conf = (k: string) => (k === "spark.sql.session.timeZone" ? "UTC" : undefined);

/** One full read through a file source as the scheduler drives it. */
async function sourceSide(format: string, dir: string, events: number): Promise<never> {
  const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").getOrCreate();
  const def = spark.plugins.registry.source(format);
  const options = { path: join(dir, format), ...(format === "csv" ? { header: "true" } : {}) };
  const start = performance.now(), cpu = process.cpuUsage();
  const reader = await def.create(validateOptions(def, options, { engineOptions: ["path"] }), {
    userSchema: ECOMMERCE_SCHEMA, streaming: true, clock: new ManualClock(0), log: quiet, conf,
  });
  const end = await reader.latestOffset(null, {});
  let rows = 0;
  for await (const chunk of await sourceChunks(reader, null, end)) rows += chunk.length;
  const secs = (performance.now() - start) / 1000;
  if (rows !== events) throw new Error(`${format}: read ${rows} rows, expected ${events}`);
  return reportSide({ eps: Math.round(events / secs), cpuSeconds: cpuSecondsSince(cpu) });
}

/** The hand-written loop: read each NDJSON file, JSON.parse each line, build the row. */
function loopSide(dir: string, events: number): never {
  const start = performance.now(), cpu = process.cpuUsage();
  let n = 0;
  const jsonDir = join(dir, "json");
  for (const name of readdirSync(jsonDir).sort()) {
    const text = readFileSync(join(jsonDir, name), "utf8");
    let i = 0;
    while (i < text.length) {
      let j = text.indexOf("\n", i);
      if (j < 0) j = text.length;
      if (j > i) {
        const o = JSON.parse(text.slice(i, j));
        const row = [Date.parse(o.event_time) * 1000, o.user_id, o.product_id, o.category, o.price, o.quantity, o.event_type];
        if (row.length === 7) n++;
      }
      i = j + 1;
    }
  }
  const secs = (performance.now() - start) / 1000;
  if (n !== events) throw new Error(`the loop read ${n} rows`);
  return reportSide({ eps: Math.round(events / secs), cpuSeconds: cpuSecondsSince(cpu) });
}

/** readStream json → revenue of purchases → Parquet sink, AvailableNow, through the engine. */
async function endToEndSide(dir: string, events: number): Promise<never> {
  const spark = SparkSession.builder.appName("bench-files").config("spark.sql.session.timeZone", "UTC").getOrCreate();
  spark.stdout = () => {};
  const out = mkdtempSync(join(tmpdir(), "sluice-bench-files-out-"));
  let figures: Record<string, number> = {};
  try {
    const start = performance.now(), cpu = process.cpuUsage();
    const q = spark.readStream.format("json").schema(ECOMMERCE_DDL).load(join(dir, "json"))
      .filter(F.col("event_type").equalTo("purchase"))
      .withColumn("revenue", F.col("price").multiply(F.col("quantity")))
      .select("event_time", "user_id", "product_id", "category", "revenue")
      .writeStream.format("parquet").option("checkpointLocation", join(out, "checkpoint"))
      .trigger({ availableNow: true }).start(join(out, "data"));
    await q.awaitTermination();
    const secs = (performance.now() - start) / 1000;
    figures = { eps: Math.round(events / secs), cpuSeconds: cpuSecondsSince(cpu) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  // Reported after the cleanup: reportSide exits the process.
  return reportSide(figures);
}

if (side !== undefined) {
  const [dir, eventsArg] = positional();
  const events = Number(eventsArg);
  if (side === "loop") loopSide(dir!, events);
  else if (side === "e2e") await endToEndSide(dir!, events);
  else await sourceSide(side, dir!, events);
}

const [eventsArg = "2000000", filesArg = "20", runsArg = "3", sidesArg = SIDES.join(",")] = positional();
const sides = sidesArg.split(",");
if (sides.some((s) => !SIDES.includes(s)) || !sides.includes("loop")) throw new Error(`sides: some of ${SIDES.join(",")}, with loop`);
const events = Number(eventsArg);
// The loop and e2e sides read the NDJSON files.
const formats = (["json", "csv", "parquet"] as const).filter((f) => f === "json" || sides.includes(f));
const dir = mkdtempSync(join(tmpdir(), "sluice-bench-files-"));
try {
  const t0 = performance.now();
  writeEcommerceFiles(dir, events, Number(filesArg), formats);
  console.log(`generated ${events} events as ${formats.join(", ")} in ${((performance.now() - t0) / 1000).toFixed(1)} s under ${dir}`);
  const r = alternate(import.meta.path, sides, Number(runsArg), [dir, String(events)]);
  // A side left out of this run has no figures (null).
  const eps = (s: string) => (r[s] ? medianOf(r[s]!, "eps") : null);
  const rss = (s: string) => (r[s] ? medianOf(r[s]!, "peakRssMb") : null);
  // Events per CPU second (user + system): steadier than wall time on a shared machine.
  const cpuEps = (s: string) => (r[s] ? Math.round(events / medianOf(r[s]!, "cpuSeconds")) : null);
  const ratio = (a: number | null, b: number | null) => (a !== null && b !== null ? Number((a / b).toFixed(3)) : null);
  console.log(JSON.stringify({
    bench: "files", events, runs: Number(runsArg),
    loop_eps: eps("loop"), ndjson_eps: eps("json"), csv_eps: eps("csv"), parquet_eps: eps("parquet"), e2e_json_to_parquet_eps: eps("e2e"),
    ratio: ratio(eps("json"), eps("loop")),
    loop_cpu_eps: cpuEps("loop"), ndjson_cpu_eps: cpuEps("json"), csv_cpu_eps: cpuEps("csv"), parquet_cpu_eps: cpuEps("parquet"),
    e2e_cpu_eps: cpuEps("e2e"), cpu_ratio: ratio(cpuEps("json"), cpuEps("loop")),
    loop_peak_rss_mb: rss("loop"), ndjson_peak_rss_mb: rss("json"), csv_peak_rss_mb: rss("csv"), parquet_peak_rss_mb: rss("parquet"),
    e2e_peak_rss_mb: rss("e2e"),
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
