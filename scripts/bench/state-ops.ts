// State operations per second of arbitrary stateful processing: N events over K keys (default
// 2 M events, 1 M keys, 250 k events per batch) through groupBy("k").flatMapGroupsWithState, whose
// function reads the key's state, changes it and writes it back each batch, in three state shapes:
//   value: a running count (n LONG)
//   list:  the last 8 values seen (ARRAY<LONG>)
//   map:   a count per value bucket (MAP<STRING, LONG>)
// against a hand-written loop doing the same per-key work on a JS Map (no engine, no state store).
// State is file-backed under a temporary checkpoint, as a real query keeps it.
// Each side runs in its own process, alternating; medians and peak RSS.
// Usage: bun scripts/bench/state-ops.ts [events=2000000] [keys=1000000] [runs=3]
// Last line: one JSON object with the figures.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FlatMapGroupsWithStateFunction, SparkSession } from "../../runtime/mod.ts";
import { defineSink, defineSource, type Offset } from "../../runtime/plugin/contract.ts";
import { parseSchemaDDL } from "../../runtime/types/ddl.ts";
import { alternate, cpuSecondsSince, medianOf, positional, reportSide, sideArg } from "./harness.ts";

const [eventsArg, keysArg, runsArg] = positional();
const EVENTS = Number(eventsArg ?? 2_000_000), KEYS = Number(keysArg ?? 1_000_000), RUNS = Number(runsArg ?? 3);
const PER_BATCH = 250_000;
const BATCHES = Math.ceil(EVENTS / PER_BATCH);
const LIST_MAX = 8;
const SIDES = ["loop", "value", "list", "map"] as const;
type Shape = Exclude<(typeof SIDES)[number], "loop">;

const keyOf = (n: number) => `k${(n * 7919) % KEYS}`;

/** The events of batches (start, end], in chunks of at most maxRows: [key, value]. */
function* events(start: Offset, end: Offset, maxRows: number): Generator<unknown[][]> {
  let rows: unknown[][] = [];
  for (let b = start === null ? 0 : (start as number) + 1; b <= (end as number); b++) {
    for (let i = 0; i < PER_BATCH && b * PER_BATCH + i < EVENTS; i++) {
      const n = b * PER_BATCH + i;
      rows.push([keyOf(n), n % 1000]);
      if (rows.length === maxRows) {
        yield rows;
        rows = [];
      }
    }
  }
  if (rows.length > 0) yield rows;
}

const FUNCTIONS: Record<Shape, { state: string; output: string; fn: FlatMapGroupsWithStateFunction }> = {
  value: {
    state: "n LONG", output: "k STRING, n LONG",
    fn: (key, rows, state) => {
      const n = (state.exists ? (state.get.n as number) : 0) + rows.length;
      state.update([n]);
      return [[key[0], n]];
    },
  },
  list: {
    state: "last ARRAY<LONG>", output: "k STRING, n LONG",
    fn: (key, rows, state) => {
      const last = state.exists ? (state.get.last as number[]) : [];
      for (const r of rows) last.push(r.v as number);
      const kept = last.slice(-LIST_MAX);
      state.update([kept]);
      return [[key[0], kept.length]];
    },
  },
  map: {
    state: "counts MAP<STRING, LONG>", output: "k STRING, n LONG",
    fn: (key, rows, state) => {
      const counts = state.exists ? (state.get.counts as Map<string, number>) : new Map<string, number>();
      for (const r of rows) {
        const bucket = String((r.v as number) % 10);
        counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      }
      state.update([counts]);
      return [[key[0], counts.size]];
    },
  },
};

async function sluiceSide(shape: Shape): Promise<never> {
  const checkpoint = mkdtempSync(join(tmpdir(), "sluice-bench-state-ops-"));
  const schema = parseSchemaDDL("k STRING, v LONG");
  const spark = SparkSession.builder.appName("bench-state-ops").config("spark.sql.shuffle.partitions", "8").getOrCreate();
  spark.stdout = () => {};
  spark.plugins.registry.register(defineSource<Record<string, never>>({
    name: "synthetic-keys", summary: "Deterministic keyed events (benchmark only).", options: { type: "object", properties: {} },
    schema: () => schema,
    create: () => ({
      schema, description: "synthetic-keys",
      latestOffset: (start: Offset) => {
        const next = start === null ? 0 : (start as number) + 1;
        return next < BATCHES ? next : start;
      },
      getBatch: (start: Offset, end: Offset) => [...events(start, end, Infinity)].flat(),
      readBatch: (start: Offset, end: Offset, limit: { maxRows: number }) => events(start, end, limit.maxRows),
    }),
  }), "bench");
  let outputRows = 0;
  spark.plugins.registry.register(defineSink({
    name: "count-only", summary: "Counts rows (benchmark only).", outputModes: ["append", "update"], options: { type: "object", properties: {} },
    create: () => ({ description: "count-only", addBatch: (_id, rows) => void (outputRows += rows.length) }),
  }), "bench");
  const f = FUNCTIONS[shape];
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const q = spark.readStream.format("synthetic-keys").load().groupBy("k").flatMapGroupsWithState(f.fn, f.output, f.state, "update")
    .writeStream.outputMode("update").format("count-only").option("checkpointLocation", checkpoint).trigger({ availableNow: true }).start();
  await q.awaitTermination();
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  await spark.stop();
  rmSync(checkpoint, { recursive: true, force: true });
  reportSide({ seconds, cpuSeconds, eventsPerSecond: Math.round(EVENTS / seconds), outputRows });
}

/** The same per-key work on a JS Map, batch by batch, emitting one row per key with data. */
function loopSide(): never {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const state = new Map<string, number>();
  let outputRows = 0;
  for (let b = 0; b < BATCHES; b++) {
    const groups = new Map<string, unknown[][]>();
    for (const chunk of events(b - 1 < 0 ? null : b - 1, b, 10_000)) {
      for (const row of chunk) {
        const k = row[0] as string;
        const g = groups.get(k);
        if (g === undefined) groups.set(k, [row]);
        else g.push(row);
      }
    }
    const out: unknown[][] = [];
    for (const [k, rows] of groups) {
      const n = (state.get(k) ?? 0) + rows.length;
      state.set(k, n);
      out.push([k, n]);
    }
    outputRows += out.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  reportSide({ seconds, cpuSeconds: cpuSecondsSince(cpu), eventsPerSecond: Math.round(EVENTS / seconds), outputRows });
}

const side = sideArg();
if (side === "loop") loopSide();
else if (side !== undefined) await sluiceSide(side as Shape);
else {
  const results = alternate(import.meta.path, SIDES, RUNS, [String(EVENTS), String(KEYS), String(RUNS)]);
  const loopRate = medianOf(results.loop!, "eventsPerSecond");
  const figures: Record<string, number> = { events: EVENTS, keys: KEYS, runs: RUNS, loopEventsPerSecond: loopRate, loopPeakRssMb: medianOf(results.loop!, "peakRssMb") };
  for (const s of ["value", "list", "map"] as const) {
    const rate = medianOf(results[s]!, "eventsPerSecond");
    figures[`${s}EventsPerSecond`] = rate;
    figures[`${s}RatioToLoop`] = Number((rate / loopRate).toFixed(3));
    figures[`${s}PeakRssMb`] = medianOf(results[s]!, "peakRssMb");
  }
  console.log(JSON.stringify({ bench: "state-ops", ...figures }));
}
