// Stream-stream join: two streams of N events each (ad impressions and clicks, 10 000 ads, one
// impression every 10 ms, each impression clicked with probability 2/3 within 15 minutes), as
// NDJSON files read one file per side per batch; clicks attributed to an impression of the same
// ad shown at most 10 minutes before (an inner join with a range condition, 1-minute watermarks),
// Trigger.AvailableNow. Sluice against PySpark 4.1.1 (local[2], 8 shuffle partitions) on the same
// files in the same run: each side in its own process, alternating; both must find the same
// number of joined rows and the same largest state.
// Usage: bun scripts/bench/stream-join.ts [eventsPerSide=1000000] [filesPerSide=10] [runs=3]
// Needs python3 with pyspark 4.1.1 and Java 17. Last line: one JSON object with the medians
// (events/s over both streams, seconds, largest state row count, peak RSS of each side).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { alternate, cpuSecondsSince, medianOf, positional, reportSide, sideArg } from "./harness.ts";

const side = sideArg();
const BASE = Date.UTC(2024, 0, 1);

/** A small deterministic generator (mulberry32), so both sides read the same files every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");

/** Writes N impressions and N clicks (clicks on 2/3 of the impressions, the rest on random ads) in `files` files per side. */
function writeEvents(dir: string, events: number, files: number): { impressions: string; clicks: string } {
  const impressions = join(dir, "impressions"), clicks = join(dir, "clicks");
  mkdirSync(impressions);
  mkdirSync(clicks);
  const rnd = random(12345);
  const per = Math.ceil(events / files);
  const clickRows: { t: number; line: string }[] = [];
  for (let f = 0; f < files; f++) {
    const lines: string[] = [];
    for (let i = f * per; i < Math.min(events, (f + 1) * per); i++) {
      const ad = Math.floor(rnd() * 10_000);
      const shown = BASE + i * 10;
      lines.push(`{"adId":${ad},"impressionTime":"${iso(shown)}"}`);
      // Two clicks in three fall on this impression within 15 minutes; the others on any ad.
      const clickAd = rnd() < 2 / 3 ? ad : Math.floor(rnd() * 10_000);
      const t = shown + Math.floor(rnd() * 15 * 60_000);
      clickRows.push({ t, line: `{"clickAdId":${clickAd},"clickTime":"${iso(t)}"}` });
    }
    writeFileSync(join(impressions, `part-${String(f).padStart(4, "0")}.json`), lines.join("\n") + "\n");
  }
  // Clicks arrive in click-time order, as a stream would deliver them.
  clickRows.sort((a, b) => a.t - b.t);
  for (let f = 0; f < files; f++) {
    writeFileSync(join(clicks, `part-${String(f).padStart(4, "0")}.json`), clickRows.slice(f * per, (f + 1) * per).map((r) => r.line).join("\n") + "\n");
  }
  return { impressions, clicks };
}

async function sluiceSide(impressionsDir: string, clicksDir: string, events: number, checkpoint: string): Promise<never> {
  const spark = SparkSession.builder.appName("bench-stream-join").config("spark.sql.session.timeZone", "UTC").getOrCreate();
  spark.stdout = () => {};
  spark.log.info = () => {};
  const impressions = spark.readStream.schema("adId INT, impressionTime TIMESTAMP").option("maxFilesPerTrigger", 1)
    .json(impressionsDir).withWatermark("impressionTime", "1 minute");
  const clicks = spark.readStream.schema("clickAdId INT, clickTime TIMESTAMP").option("maxFilesPerTrigger", 1)
    .json(clicksDir).withWatermark("clickTime", "1 minute");
  let outputRows = 0;
  const start = performance.now(), cpu = process.cpuUsage();
  const q = impressions.join(clicks, F.expr("adId = clickAdId AND clickTime >= impressionTime AND clickTime <= impressionTime + interval 10 minutes"))
    .writeStream.outputMode("append").foreachBatch((df) => { outputRows += df.collectRaw().rows.length; })
    .option("checkpointLocation", checkpoint).trigger({ availableNow: true }).start();
  await q.awaitTermination();
  const seconds = (performance.now() - start) / 1000;
  const read = q.recentProgress.reduce((n, p) => n + (p.numInputRows as number), 0);
  if (read !== 2 * events) throw new Error(`expected ${2 * events} input rows, the query read ${read}`);
  const stateRows = Math.max(0, ...q.recentProgress.map((p) => (p.stateOperators as { numRowsTotal: number }[])[0]?.numRowsTotal ?? 0));
  return reportSide({ eps: Math.round((2 * events) / seconds), seconds: Number(seconds.toFixed(3)), cpuSeconds: cpuSecondsSince(cpu), outputRows, stateRows });
}

function pysparkSide(impressionsDir: string, clicksDir: string, events: number): never {
  const r = spawnSync("python3", [join(import.meta.dir, "stream_join.py"), impressionsDir, clicksDir, String(events)], {
    encoding: "utf8", maxBuffer: 64 << 20, timeout: 60 * 60_000,
  });
  const last = (r.stdout ?? "").trim().split("\n").at(-1) ?? "";
  if (r.status !== 0 || !last.startsWith("{")) throw new Error(`PySpark failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  const f = JSON.parse(last) as Record<string, number>;
  // The JVM does the work: its peak RSS is PySpark's figure (Python's is reported beside it).
  console.log(`BENCH-SIDE ${JSON.stringify({ ...f, peakRssMb: f.jvmPeakRssMb })}`);
  process.exit(0);
}

if (side !== undefined) {
  const [impressionsDir, clicksDir, eventsArg, checkpoint] = positional();
  if (side === "sluice") await sluiceSide(impressionsDir!, clicksDir!, Number(eventsArg), checkpoint!);
  else pysparkSide(impressionsDir!, clicksDir!, Number(eventsArg));
}

const [eventsArg = "1000000", filesArg = "10", runsArg = "3"] = positional();
const events = Number(eventsArg), files = Number(filesArg), runs = Number(runsArg);
const dir = mkdtempSync(join(tmpdir(), "sluice-stream-join-"));
try {
  const t0 = performance.now();
  const input = writeEvents(dir, events, files);
  console.log(`wrote ${events} impressions and ${events} clicks in ${files} files each (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const results = alternate(import.meta.path, ["sluice", "pyspark"], runs, (run) => [input.impressions, input.clicks, String(events), join(dir, `checkpoint-${run}`)]);
  const sl = results.sluice!, py = results.pyspark!;
  for (const s of sl) {
    if (s.outputRows !== py[0]!.outputRows || s.stateRows !== py[0]!.stateRows) {
      throw new Error(`the sides disagree: sluice ${JSON.stringify(s)}, pyspark ${JSON.stringify(py[0])}`);
    }
  }
  const s = medianOf(sl, "eps"), p = medianOf(py, "eps");
  console.log(JSON.stringify({
    bench: "stream-join", eventsPerSide: events, filesPerSide: files, runs,
    sluice_eps: s, pyspark_eps: p, ratio: Number((s / p).toFixed(3)),
    sluice_seconds: medianOf(sl, "seconds"), pyspark_seconds: medianOf(py, "seconds"),
    output_rows: sl[0]!.outputRows, state_rows_max: sl[0]!.stateRows,
    sluice_peak_rss_mb: medianOf(sl, "peakRssMb"), pyspark_jvm_peak_rss_mb: medianOf(py, "peakRssMb"),
    pyspark_python_peak_rss_mb: medianOf(py, "pythonPeakRssMb"),
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
