// Sluice against PySpark on the same work: N e-commerce events as NDJSON files
// (scripts/generate_ecommerce.ts), revenue by category in 5-minute tumbling windows with a
// 10-minute watermark, update mode, one Trigger.AvailableNow run. Sluice runs in a Bun process of
// its own with its default settings (sluice.executor.workers = the cores); PySpark runs
// local[cores] in a python3 process of its own (scripts/bench/vs_spark.py; spark.sql.shuffle.partitions
// set to Sluice's default, 8, so both keep the state in as many partitions). The sides alternate;
// both must find the same revenue per window and category.
//   wall:  the whole process, from its start to its end (Spark's includes starting its JVM);
//   query: from readStream to the query's end, as each side measures it.
// PySpark 4.1.1 is pip-installed into .tmp/pyspark when python3 cannot import it.
// Usage: bun scripts/bench/vs-spark.ts [events=2000000] [files=20] [runs=3]
// Last line: one JSON object with the medians, the ratios (Spark's time / Sluice's) and peak RSS.
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { defineSink } from "../../runtime/plugin/contract.ts";
import { ECOMMERCE_DDL, writeEcommerceFiles } from "../generate_ecommerce.ts";
import { alternate, medianOf, positional, reportSide, sideArg } from "./harness.ts";

const side = sideArg();
const here = import.meta.dirname;
const pysparkCache = resolve(here, "..", "..", ".tmp", "pyspark");
const cores = availableParallelism();

function pythonEnv(): Record<string, string> {
  return { ...process.env as Record<string, string>, PYTHONPATH: [pysparkCache, process.env.PYTHONPATH].filter(Boolean).join(":") };
}

/** PySpark 4.1.1 importable by python3: installed, or pip-installed into the cache. */
function ensurePySpark(): void {
  const probe = spawnSync("python3", ["-c", "import pyspark, sys; sys.exit(0 if pyspark.__version__ == '4.1.1' else 1)"], { env: pythonEnv() });
  if (probe.status === 0) return;
  mkdirSync(pysparkCache, { recursive: true });
  const pip = spawnSync("python3", ["-m", "pip", "install", "--quiet", "--target", pysparkCache, "pyspark==4.1.1"], { stdio: "inherit" });
  if (pip.status !== 0) throw new Error("could not pip-install pyspark==4.1.1 (needed for the Spark side)");
}

async function sluiceSide(input: string, checkpoint: string, events: number): Promise<never> {
  const spark = SparkSession.builder.appName("bench-vs-spark").config("spark.sql.session.timeZone", "UTC").getOrCreate();
  spark.stdout = () => {};
  spark.log.info = () => {};
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
  const start = performance.now();
  const q = spark.readStream.format("json").schema(ECOMMERCE_DDL).load(input)
    .withWatermark("event_time", "10 minutes")
    .groupBy(F.window("event_time", "5 minutes"), "category")
    .agg(F.sum(F.col("price").multiply(F.col("quantity"))).alias("revenue"))
    .select("window", "category", "revenue")
    .writeStream.outputMode("update").format("revenue-table")
    .option("checkpointLocation", checkpoint)
    .trigger({ availableNow: true }).start();
  await q.awaitTermination();
  const end = performance.now();
  let total = 0;
  for (const v of latest.values()) total += v;
  // performance.now() counts from the process's start: the wall time includes starting Bun and loading Sluice.
  return reportSide({
    querySeconds: Number(((end - start) / 1000).toFixed(3)), wallSeconds: Number((end / 1000).toFixed(3)),
    eps: Math.round(events / ((end - start) / 1000)), groups: latest.size, total,
  });
}

function sparkSide(input: string, checkpoint: string): never {
  const started = performance.now();
  const r = spawnSync("python3", [join(here, "vs_spark.py"), input, checkpoint, String(cores), "8"], {
    encoding: "utf8", env: pythonEnv(), maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - started) / 1000;
  const line = (r.stdout ?? "").trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{")) throw new Error(`the Spark side failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  const figures = JSON.parse(line) as { querySeconds: number; groups: number; total: number; peakRssMb: number };
  console.log("BENCH-SIDE " + JSON.stringify({ ...figures, wallSeconds: Number(wall.toFixed(3)) }));
  process.exit(0);
}

if (side !== undefined) {
  const [input, eventsArg, checkpointBase] = positional();
  // Each side and run starts from a checkpoint of its own (a backfill from scratch).
  const checkpoint = `${checkpointBase}-${side}`;
  if (side === "sluice") await sluiceSide(input!, checkpoint, Number(eventsArg));
  else sparkSide(input!, checkpoint);
}

const [eventsArg = "2000000", filesArg = "20", runsArg = "3"] = positional();
const events = Number(eventsArg), files = Number(filesArg), runs = Number(runsArg);
ensurePySpark();
const dir = mkdtempSync(join(tmpdir(), "sluice-vs-spark-"));
try {
  writeEcommerceFiles(dir, events, files, ["json"]);
  const input = join(dir, "json");
  const results = alternate(import.meta.path, ["sluice", "spark"], runs, (run) => [input, String(events), join(dir, `checkpoint-${run}`)], pythonEnv());
  const sl = results.sluice!, sp = results.spark!;
  for (const s of sl) {
    const p = sp[0]!;
    if (s.groups !== p.groups || Math.abs(s.total! - p.total!) > 1e-9 * Math.abs(p.total!)) {
      throw new Error(`the sides disagree: sluice ${JSON.stringify(s)}, spark ${JSON.stringify(p)}`);
    }
  }
  const ratio = (key: string) => Number((medianOf(sp, key) / medianOf(sl, key)).toFixed(2));
  console.log(JSON.stringify({
    bench: "vs-spark", events, files, runs, cores, spark_master: `local[${cores}]`,
    sluice_wall_seconds: medianOf(sl, "wallSeconds"), spark_wall_seconds: medianOf(sp, "wallSeconds"), wall_ratio: ratio("wallSeconds"),
    sluice_query_seconds: medianOf(sl, "querySeconds"), spark_query_seconds: medianOf(sp, "querySeconds"), query_ratio: ratio("querySeconds"),
    sluice_peak_rss_mb: medianOf(sl, "peakRssMb"), spark_peak_rss_mb: medianOf(sp, "peakRssMb"), groups: sl[0]!.groups,
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
