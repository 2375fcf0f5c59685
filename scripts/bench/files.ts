// File source throughput: 2 M e-commerce events as NDJSON, CSV and Parquet files; each file
// source reads everything (create -> latestOffset -> getBatch, as the scheduler drives it), a
// hand-written read + JSON.parse loop reads the NDJSON files in the same run, and an end-to-end
// query (readStream json -> stateless select/filter -> Parquet sink, Trigger.AvailableNow) runs
// through the engine.
// Usage: bun scripts/bench/files.ts [events=2000000] [files=20] [runs=2]
// Last line: one JSON object with the figures (best of the runs).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import type { Row, SourceDefinition } from "../../runtime/plugin/contract.ts";
import { validateOptions } from "../../runtime/plugin/validate_options.ts";
import { ManualClock } from "../../runtime/testing/manual_clock.ts";
import csv from "../../plugins/sources/csv/mod.ts";
import json from "../../plugins/sources/json/mod.ts";
import parquet from "../../plugins/sources/parquet/mod.ts";
import { ECOMMERCE_DDL, ECOMMERCE_SCHEMA, writeEcommerceFiles } from "../generate_ecommerce.ts";

const events = Number(process.argv[2] ?? 2_000_000);
const files = Number(process.argv[3] ?? 20);
const runs = Number(process.argv[4] ?? 2);

const dir = mkdtempSync(join(tmpdir(), "sluice-bench-files-"));
const t0 = performance.now();
writeEcommerceFiles(dir, events, files, ["json", "csv", "parquet"]);
console.log(`generated ${events} events x 3 formats in ${((performance.now() - t0) / 1000).toFixed(1)} s under ${dir}`);

const quiet = { info() {}, warn() {} };
const conf = (k: string) => (k === "spark.sql.session.timeZone" ? "UTC" : undefined);

/** One full read through the source as the scheduler drives it; returns events per second. */
async function sourceRun(def: SourceDefinition<any>, options: Record<string, unknown>): Promise<number> {
  const start = performance.now();
  const reader = await def.create(validateOptions(def, options), {
    userSchema: ECOMMERCE_SCHEMA, streaming: true, clock: new ManualClock(0), log: quiet, conf,
  });
  const end = await reader.latestOffset(null, {});
  const rows = await reader.getBatch(null, end);
  const secs = (performance.now() - start) / 1000;
  if (rows.length !== events) throw new Error(`${def.name}: read ${rows.length} rows, expected ${events}`);
  return events / secs;
}

/** The hand-written loop: read each NDJSON file, JSON.parse each line, build the row. */
function baselineRun(): number {
  const start = performance.now();
  const out: Row[] = [];
  const jsonDir = join(dir, "json");
  for (const name of readdirSync(jsonDir).sort()) {
    const text = readFileSync(join(jsonDir, name), "utf8");
    let i = 0;
    while (i < text.length) {
      let j = text.indexOf("\n", i);
      if (j < 0) j = text.length;
      if (j > i) {
        const o = JSON.parse(text.slice(i, j));
        out.push([Date.parse(o.event_time) * 1000, o.user_id, o.product_id, o.category, o.price, o.quantity, o.event_type]);
      }
      i = j + 1;
    }
  }
  const secs = (performance.now() - start) / 1000;
  if (out.length !== events) throw new Error(`baseline read ${out.length} rows`);
  return events / secs;
}

/** readStream json -> revenue of purchases -> Parquet sink, AvailableNow, through the engine. */
async function endToEndRun(): Promise<number> {
  const spark = SparkSession.builder.appName("bench-files").config("spark.sql.session.timeZone", "UTC").getOrCreate();
  spark.stdout = () => {};
  const out = mkdtempSync(join(tmpdir(), "sluice-bench-files-out-"));
  try {
    const start = performance.now();
    const q = spark.readStream.format("json").schema(ECOMMERCE_DDL).load(join(dir, "json"))
      .filter(F.col("event_type").equalTo("purchase"))
      .withColumn("revenue", F.col("price").multiply(F.col("quantity")))
      .select("event_time", "user_id", "product_id", "category", "revenue")
      .writeStream.format("parquet").option("checkpointLocation", join(out, "checkpoint"))
      .trigger({ availableNow: true }).start(join(out, "data"));
    await q.awaitTermination();
    const secs = (performance.now() - start) / 1000;
    return events / secs;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const best = async (f: () => number | Promise<number>) => {
  let b = 0;
  for (let i = 0; i < runs; i++) b = Math.max(b, await f());
  return b;
};

try {
  const baseline = await best(baselineRun);
  const ndjson = await best(() => sourceRun(json, { path: join(dir, "json") }));
  const csvEps = await best(() => sourceRun(csv, { path: join(dir, "csv"), header: true }));
  const parquetEps = await best(() => sourceRun(parquet, { path: join(dir, "parquet") }));
  let e2e: number | null = null;
  try {
    e2e = await best(endToEndRun);
  } catch (e) {
    console.log(`end-to-end query failed: ${(e as Error).message}`);
  }
  const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
  console.log(`baseline (read + JSON.parse loop): ${fmt(baseline)} events/s`);
  console.log(`json source:    ${fmt(ndjson)} events/s`);
  console.log(`csv source:     ${fmt(csvEps)} events/s`);
  console.log(`parquet source: ${fmt(parquetEps)} events/s`);
  if (e2e !== null) console.log(`end to end (json -> filter/select -> parquet sink): ${fmt(e2e)} events/s`);
  console.log(`NDJSON ratio (json source / baseline): ${(ndjson / baseline).toFixed(2)}`);
  console.log(JSON.stringify({
    bench: "files",
    events,
    ndjson_eps: Math.round(ndjson),
    csv_eps: Math.round(csvEps),
    parquet_eps: Math.round(parquetEps),
    baseline_eps: Math.round(baseline),
    ratio: Number((ndjson / baseline).toFixed(3)),
    e2e_json_to_parquet_eps: e2e === null ? null : Math.round(e2e),
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
