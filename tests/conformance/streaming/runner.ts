// Runs the streaming conformance cases (cases/<name>/, see scripts/goldens/streaming.py) in Sluice
// the way the generator runs them in PySpark: each input directory read by the json file source
// with maxFilesPerTrigger 1, Trigger.AvailableNow, foreachBatch recording every batch by id.
// Besides that straight run, a case runs
//   restarted: the query is stopped and started again from its checkpoint after every batch (one
//     new file per input and Trigger.Once each time, so every run is exactly the next batch; a
//     last Trigger.AvailableNow run adds the final no-data batch where there is one);
//   crashed:   every batch fails in foreachBatch on its first attempt (offsets/N written,
//     commits/N not), the query dies, and is started again from its checkpoint, which must run
//     the same batch again under the same id.
// The batches delivered last under each id must equal the golden: Spark's straight run, or
// Spark's own run of the same kind where that differs (golden "restarted" / "crashed").
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession, type DataFrame } from "sluice";
import type { TriggerSpec } from "../../../runtime/scheduler/trigger.ts";
import { toEncodedRow, type Encoded } from "../golden_values.ts";

export const CASES_DIR = join(import.meta.dir, "cases");

export type Stage = "build" | "start" | "run";
export type OutputMode = "append" | "update" | "complete";

export interface Field {
  name: string;
  type: string;
}

export interface CaseSpec {
  description: string;
  schema: string;
  outputMode: OutputMode;
  conf?: Record<string, string>;
  inputs?: string[];
  unorderedArrays?: string[];
  /** Rows are compared in order (sorted results); otherwise order inside a batch is ignored. */
  orderedRows?: boolean;
}

export interface GoldenBatch {
  batchId: number;
  rows: Encoded[][];
}

export type Variant = "straight" | "restarted" | "crashed";

export interface Golden {
  case: string;
  schema?: Field[];
  batches?: GoldenBatch[];
  /** Spark's own output when restarted after every batch, where it differs from `batches`. */
  restarted?: GoldenBatch[];
  /** Spark's own output when crashed in every batch, where it differs from `batches`. */
  crashed?: GoldenBatch[];
  error?: { class: string; sqlState: string | null; message: string; stage: Stage };
}

type QueryFn = (df: DataFrame, f: typeof F, ...more: DataFrame[]) => DataFrame;

export interface StreamingCase {
  name: string;
  spec: CaseSpec;
  golden: Golden;
  /** Each input's directory of batch files, in the order query() takes them. */
  inputDirs: string[];
  /** The number of batch files of the longest input. */
  fileCount: number;
  query: QueryFn;
}

export interface Outcome {
  schema?: Field[];
  batches: Map<number, Encoded[][]>;
  error?: { code: string; stage: Stage; message: string };
  /** Batch ids handed to the sink again although an earlier delivery had succeeded. */
  redelivered: number[];
}

export async function loadCases(): Promise<StreamingCase[]> {
  const names = readdirSync(CASES_DIR).filter((n) => statSync(join(CASES_DIR, n)).isDirectory()).sort();
  const cases: StreamingCase[] = [];
  for (const name of names) {
    const dir = join(CASES_DIR, name);
    const spec = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as CaseSpec;
    const golden = JSON.parse(readFileSync(join(dir, "golden.json"), "utf8")) as Golden;
    const inputDirs = (spec.inputs ?? ["."]).map((sub) => join(dir, sub));
    const fileCount = Math.max(...inputDirs.map((d) => batchFiles(d).length));
    const query = ((await import(join(dir, "query.ts"))) as { default: QueryFn }).default;
    cases.push({ name, spec, golden, inputDirs, fileCount, query });
  }
  return cases;
}

function batchFiles(dir: string): string[] {
  return readdirSync(dir).filter((n) => /^batch-\d{3}\.json$/.test(n)).sort();
}

/** Copies batch file `n` of every input that has one into its staging directory. */
function stageFile(c: StreamingCase, staged: string[], n: number): void {
  // The file source takes files in modification-time order: make it the batch order.
  const mtime = new Date(Date.now() - 3_600_000 + n * 1000);
  c.inputDirs.forEach((src, i) => {
    const name = batchFiles(src)[n];
    if (name === undefined) return;
    copyFileSync(join(src, name), join(staged[i]!, name));
    utimesSync(join(staged[i]!, name), mtime, mtime);
  });
}

function newWorkDir(c: StreamingCase): { root: string; staged: string[]; checkpoint: string } {
  const root = mkdtempSync(join(tmpdir(), `sluice-streaming-${c.name}-`));
  const staged = c.inputDirs.map((_, i) => join(root, `input-${i}`));
  for (const d of staged) mkdirSync(d);
  return { root, staged, checkpoint: join(root, "checkpoint") };
}

interface RunResult {
  schema?: Field[];
  error?: { code: string; stage: Stage; message: string; cause: unknown };
}

/**
 * How many executor worker threads the query uses (the suite's parameter): 1 runs everything on
 * the query's thread; with more, every batch file is cut into `workers` byte ranges read and run by
 * the workers (sluice.executor.minParallelBytes 1, so no batch is too small for them).
 */
export interface RunOptions {
  workers?: number;
}

function workerConf(workers: number): [string, string][] {
  if (workers <= 1) return [["sluice.executor.workers", "1"]];
  return [
    ["sluice.executor.workers", String(workers)], ["sluice.executor.minParallelBytes", "1"],
    ["spark.sql.files.openCostInBytes", "1"], ["spark.sql.files.minPartitionNum", String(workers)],
  ];
}

/** One start of the query, until it ends; `deliver` gets each batch (and may throw). */
async function runOnce(c: StreamingCase, staged: string[], checkpoint: string, trigger: TriggerSpec,
  deliver: (batchId: number, rows: Encoded[][]) => void, o: RunOptions): Promise<RunResult> {
  let builder = SparkSession.builder
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.sql.shuffle.partitions", "1");
  for (const [k, v] of workerConf(o.workers ?? 1)) builder = builder.config(k, v);
  const spark = builder.create();
  for (const [k, v] of Object.entries(c.spec.conf ?? {})) spark.conf.set(k, v);
  let stage: Stage = "build";
  let schema: Field[] | undefined;
  try {
    const inputs = staged.map((d) => spark.readStream.format("json").schema(c.spec.schema).option("maxFilesPerTrigger", 1).load(d));
    const result = c.query(inputs[0]!, F, ...inputs.slice(1));
    schema = result.schema.fields.map((f) => ({ name: f.name, type: f.dataType.simpleString() }));
    stage = "start";
    const query = result.writeStream
      .outputMode(c.spec.outputMode)
      .option("checkpointLocation", checkpoint)
      .trigger(trigger)
      .foreachBatch((df, batchId) => {
        const { schema: s, rows } = df.collectRaw();
        deliver(batchId, rows.map((r) => toEncodedRow(r, s)));
      })
      .start();
    stage = "run";
    await query.awaitTermination();
    return { schema };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { schema, error: { code: err.code ?? "(no code)", stage, message: err.message ?? String(e), cause: e } };
  }
}

function outcomeOf(result: RunResult, batches: Map<number, Encoded[][]>, redelivered: number[]): Outcome {
  const { schema, error } = result;
  return { schema, batches, redelivered, error: error && { code: error.code, stage: error.stage, message: error.message } };
}

/** All files present, one AvailableNow run. */
export async function runStraight(c: StreamingCase, o: RunOptions = {}): Promise<Outcome> {
  const work = newWorkDir(c);
  try {
    for (let n = 0; n < c.fileCount; n++) stageFile(c, work.staged, n);
    const batches = new Map<number, Encoded[][]>();
    const redelivered: number[] = [];
    const result = await runOnce(c, work.staged, work.checkpoint, { availableNow: true }, (id, rows) => {
      if (batches.has(id)) redelivered.push(id);
      batches.set(id, rows);
    }, o);
    return outcomeOf(result, batches, redelivered);
  } finally {
    rmSync(work.root, { recursive: true, force: true });
  }
}

/** One file per input added before each run; the query stops after every batch. */
export async function runRestarted(c: StreamingCase, o: RunOptions = {}): Promise<Outcome> {
  const work = newWorkDir(c);
  try {
    const batches = new Map<number, Encoded[][]>();
    const redelivered: number[] = [];
    const deliver = (id: number, rows: Encoded[][]) => {
      if (batches.has(id)) redelivered.push(id);
      batches.set(id, rows);
    };
    for (let n = 0; n < c.fileCount; n++) {
      stageFile(c, work.staged, n);
      const result = await runOnce(c, work.staged, work.checkpoint, { once: true }, deliver, o);
      if (result.error) return outcomeOf(result, batches, redelivered);
    }
    return outcomeOf(await runOnce(c, work.staged, work.checkpoint, { availableNow: true }, deliver, o), batches, redelivered);
  } finally {
    rmSync(work.root, { recursive: true, force: true });
  }
}

/** Every batch id fails on its first delivery; the query is started again until it completes. */
export async function runCrashed(c: StreamingCase, o: RunOptions = {}): Promise<Outcome> {
  const work = newWorkDir(c);
  try {
    for (let n = 0; n < c.fileCount; n++) stageFile(c, work.staged, n);
    const batches = new Map<number, Encoded[][]>();
    const attempted = new Set<number>();
    for (let run = 0; run < c.fileCount + 5; run++) {
      let crashed = false;
      const result = await runOnce(c, work.staged, work.checkpoint, { availableNow: true }, (id, rows) => {
        if (!attempted.has(id)) {
          attempted.add(id);
          crashed = true;
          throw new Error(`simulated crash in batch ${id}`);
        }
        batches.set(id, rows);
      }, o);
      if (!result.error || !crashed) return outcomeOf(result, batches, []);
    }
    throw new Error(`${c.name}: still crashing after ${c.fileCount + 5} restarts`);
  } finally {
    rmSync(work.root, { recursive: true, force: true });
  }
}

/** The batches Spark gave for this kind of run. */
export function expectedBatches(c: StreamingCase, variant: Variant): GoldenBatch[] {
  const g = c.golden;
  return (variant === "straight" ? undefined : g[variant]) ?? g.batches ?? [];
}

/** What differs between the golden and an outcome, one line per difference; empty if nothing. */
/**
 * `digits`: compare fractional numbers to that many significant digits — for runs on worker
 * threads, whose aggregates are merged split by split, so a double's sum or variance may differ
 * from Spark's single-partition run in the last bits (as Spark's own do between partitionings).
 */
export function differences(c: StreamingCase, variant: Variant, got: Outcome, digits?: number): string[] {
  const g = c.golden;
  if (g.error) {
    const want = `${g.error.class} at ${g.error.stage}`;
    if (!got.error) return [`expected error ${want} ("${g.error.message}"), but the query ran (${got.batches.size} batches)`];
    const have = `${got.error.code} at ${got.error.stage}`;
    return have === want ? [] : [`expected error ${want} ("${g.error.message}"), got ${have}: ${got.error.message}`];
  }
  if (got.error) return [`expected output, got error ${got.error.code} at ${got.error.stage}: ${got.error.message}`];
  const out: string[] = [];
  const show = (s: Field[] | undefined) => (s ?? []).map((f) => `${f.name}: ${f.type}`).join(", ");
  if (show(got.schema) !== show(g.schema)) out.push(`schema: expected [${show(g.schema)}], got [${show(got.schema)}]`);
  if (got.redelivered.length) out.push(`batches delivered again after a successful delivery: ${got.redelivered.join(", ")}`);
  const unordered = (c.spec.unorderedArrays ?? []).map((n) => (g.schema ?? []).findIndex((f) => f.name === n));
  const round = (v: unknown): unknown =>
    digits !== undefined && typeof v === "number" && Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(digits))
      : Array.isArray(v) ? v.map(round) : v;
  const key = (row: Encoded[]) => JSON.stringify(row.map((v, i) => round(unordered.includes(i) && Array.isArray(v) ? [...v].sort(byJson) : v)));
  const want = new Map(expectedBatches(c, variant).map((b) => [b.batchId, b.rows]));
  const ordered = c.spec.orderedRows === true;
  const ids = [...new Set([...want.keys(), ...got.batches.keys()])].sort((a, b) => a - b);
  for (const id of ids) {
    const w = want.get(id), h = got.batches.get(id);
    if (w === undefined) {
      out.push(`batch ${id}: not in Spark's output, Sluice ran it with ${h!.length} rows ${JSON.stringify(h)}`);
      continue;
    }
    if (h === undefined) {
      out.push(`batch ${id}: Spark ran it with ${w.length} rows ${JSON.stringify(w)}, Sluice did not run it`);
      continue;
    }
    if (ordered) {
      if (w.map(key).join() !== h.map(key).join()) out.push(`batch ${id}: expected rows in this order [${w.map(key).join(", ")}], got [${h.map(key).join(", ")}]`);
      continue;
    }
    const missing = multisetMinus(w.map(key), h.map(key)), extra = multisetMinus(h.map(key), w.map(key));
    if (missing.length || extra.length) {
      out.push(`batch ${id}: expected [${w.map(key).sort().join(", ")}], got [${h.map(key).sort().join(", ")}]`);
    }
  }
  return out;
}

function byJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a), y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function multisetMinus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const k of b) left.set(k, (left.get(k) ?? 0) + 1);
  return a.filter((k) => {
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    return n === 0;
  });
}
