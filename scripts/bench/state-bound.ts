// State stays bounded: 20 M e-commerce events spread over simulated days flow through a 5-minute
// windowed revenue aggregation with a 10-minute watermark (append mode). Every 1 M events it
// prints the rows in state and the process RSS; both must stay flat, whatever the event count.
// Usage: bun scripts/bench/state-bound.ts [events=20000000] [eventsPerBatch=250000]
// One side only (Sluice), in this process. Last line: one JSON object with the figures and the peak RSS.
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { defineSink, defineSource, type Offset } from "../../runtime/plugin/contract.ts";
import { parseSchemaDDL } from "../../runtime/types/ddl.ts";
import { peakRssMb } from "./harness.ts";

const totalEvents = Number(process.argv[2] ?? 20_000_000);
const perBatch = Number(process.argv[3] ?? 250_000);
const batches = Math.ceil(totalEvents / perBatch);
// Simulated time: 20 M events over 5 days, in event-time order with a little jitter.
const simulatedMs = 5 * 24 * 3600 * 1000;
const msPerEvent = simulatedMs / totalEvents;
const CATEGORIES = ["electronics", "books", "clothing", "home", "sports", "toys", "beauty", "garden"];
const schema = parseSchemaDDL("event_time TIMESTAMP, category STRING, price DOUBLE");

const spark = SparkSession.builder.appName("bench-state-bound").config("spark.sql.session.timeZone", "UTC").getOrCreate();
spark.stdout = () => {};

/** The events of batches (start, end], in chunks of at most `maxRows`. */
function* events(start: Offset, end: Offset, maxRows: number): Generator<unknown[][]> {
  let rows: unknown[][] = [];
  for (let b = start === null ? 0 : (start as number) + 1; b <= (end as number); b++) {
    for (let i = 0; i < perBatch; i++) {
      const n = b * perBatch + i;
      // Up to 30 s of disorder, well inside the watermark delay.
      const t = Math.floor(n * msPerEvent) - ((n * 7919) % 30_000);
      rows.push([t * 1000, CATEGORIES[n % CATEGORIES.length], 5 + (n % 100)]);
      if (rows.length === maxRows) {
        yield rows;
        rows = [];
      }
    }
  }
  if (rows.length > 0) yield rows;
}

spark.plugins.registry.register(defineSource<Record<string, never>>({
  name: "synthetic-ecommerce",
  summary: "Deterministic e-commerce events for the state benchmark.",
  options: { type: "object", properties: {} },
  schema: () => schema,
  create: () => ({
    schema,
    description: "synthetic-ecommerce",
    latestOffset: (start: Offset) => {
      const next = start === null ? 0 : (start as number) + 1;
      return next < batches ? next : start;
    },
    getBatch: (start: Offset, end: Offset) => [...events(start, end, Infinity)].flat(),
    // The same rows generated a chunk at a time, so a batch is never held whole.
    readBatch: (start: Offset, end: Offset, limit: { maxRows: number }) => events(start, end, limit.maxRows),
  }),
}), "bench");

let outputRows = 0;
spark.plugins.registry.register(defineSink({
  name: "count-only",
  summary: "Counts rows and drops them (benchmark only).",
  outputModes: ["append", "update"],
  options: { type: "object", properties: {} },
  create: () => ({ description: "count-only", addBatch: (_id, rows) => void (outputRows += rows.length) }),
}), "bench");

const revenue = spark.readStream.format("synthetic-ecommerce").load()
  .withWatermark("event_time", "10 minutes")
  .groupBy(F.window("event_time", "5 minutes"), "category")
  .agg(F.sum("price").alias("revenue"), F.count("*").alias("events"));

const samples: { events: number; stateRows: number; rssMb: number }[] = [];
let nextReport = 1_000_000;
const start = performance.now();
const q = revenue.writeStream.outputMode("append").format("count-only").start();
spark.streams.addListener({
  onQueryProgress(e) {
    const processed = ((e.progress.batchId as number) + 1) * perBatch;
    const ops = e.progress.stateOperators as { numRowsTotal: number }[];
    if (processed >= nextReport) {
      nextReport += 1_000_000;
      const s = { events: processed, stateRows: ops[0]?.numRowsTotal ?? 0, rssMb: Math.round(process.memoryUsage().rss / 1048576) };
      samples.push(s);
      console.log(`${s.events} events: ${s.stateRows} state rows, RSS ${s.rssMb} MB`);
    }
    if ((e.progress.batchId as number) >= batches - 1) void q.stop();
  },
});
await q.awaitTermination();
const secs = (performance.now() - start) / 1000;
// Flat means: the last samples are no larger than the early ones (after warm-up), within noise.
const warm = samples.slice(Math.min(2, samples.length - 1));
const maxState = Math.max(...warm.map((s) => s.stateRows));
const rssFirst = warm[0]?.rssMb ?? 0, rssLast = warm[warm.length - 1]?.rssMb ?? 0;
console.log(JSON.stringify({
  bench: "state-bound", events: batches * perBatch, eps: Math.round((batches * perBatch) / secs),
  max_state_rows: maxState, state_rows_last: warm[warm.length - 1]?.stateRows ?? 0,
  rss_mb_first: rssFirst, rss_mb_last: rssLast, rss_growth_mb: rssLast - rssFirst, peak_rss_mb: peakRssMb(), output_rows: outputRows,
}));
process.exit(0);
