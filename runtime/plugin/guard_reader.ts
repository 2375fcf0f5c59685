// A source reader as the engine uses it: every call goes through callPlugin (errors name the
// plugin, a timeout bounds it) and what comes back is checked against the contract where it enters
// the engine — offsets must survive the trip through offsets/N, batches must be rows of the
// schema's width — so a misbehaving plugin fails its query with PLUGIN_CONTRACT_VIOLATION naming it,
// instead of ending early, looping forever or committing a batch of garbage.
import type { ChunkLimit, InputSplit, Offset, ReadLimit, RealTimeChunk, Row, SourceReader, SplitSizing } from "./contract.ts";
import { StructType } from "../types/data_type.ts";
import { offsetProblem } from "./check_offset.ts";
import { rowsProblem } from "./check_rows.ts";
import { callPlugin, contractViolation, pluginFailure, type PluginRef } from "./plugin_call.ts";

/** Applies `f` to a value or to what a promise resolves to, staying synchronous for plain values. */
export function andThen<T, U>(v: T | Promise<T>, f: (x: T) => U): U | Promise<U> {
  return v instanceof Promise ? v.then(f) : f(v);
}

/** The reader checked once (its shape) and wrapped so each call is checked. */
export function guardReader(r: unknown, p: PluginRef, timeoutMs: number): SourceReader {
  if (r === null || typeof r !== "object") throw contractViolation(p, "create", `it returned ${r === null ? "null" : typeof r}, not a reader object`);
  const reader = r as SourceReader;
  if (!(reader.schema instanceof StructType)) {
    throw contractViolation(p, "create", "the reader's `schema` is not a StructType (build it with new StructType([...]) or a DDL string through parseSchemaDDL)");
  }
  for (const m of ["latestOffset", "getBatch"] as const) {
    if (typeof reader[m] !== "function") throw contractViolation(p, "create", `the reader has no ${m}() method`);
  }
  const schema = reader.schema;
  const offset = (method: string) => (o: Offset): Offset => {
    const problem = offsetProblem(o);
    if (problem !== null) throw contractViolation(p, method, `the offset it returned is not a JSON value that survives a round trip: ${problem}`);
    return o;
  };
  const guarded: SourceReader = {
    schema,
    get description() {
      return typeof reader.description === "string" ? reader.description : p.name;
    },
    latestOffset: (start: Offset, limit: ReadLimit) =>
      andThen(callPlugin(p, "latestOffset", timeoutMs, () => reader.latestOffset(start, limit)), offset("latestOffset")),
    getBatch: (start: Offset, end: Offset) =>
      andThen(callPlugin(p, "getBatch", timeoutMs, () => reader.getBatch(start, end)), (rows: Row[]) => {
        const problem = rowsProblem(rows, schema);
        if (problem !== null) throw contractViolation(p, "getBatch", problem);
        return rows;
      }),
  };
  if (typeof reader.readBatch === "function") {
    guarded.readBatch = (start: Offset, end: Offset, limit: ChunkLimit) => guardChunks(p, timeoutMs, schema, () => reader.readBatch!(start, end, limit));
  }
  if (typeof reader.planSplits === "function" && typeof reader.readSplit === "function") {
    guarded.planSplits = (start: Offset, end: Offset, sizing: SplitSizing) =>
      andThen(callPlugin(p, "planSplits", timeoutMs, () => reader.planSplits!(start, end, sizing)), (splits: InputSplit[]) => {
        if (!Array.isArray(splits)) throw contractViolation(p, "planSplits", "it returned something that is not an array of splits");
        for (const split of splits) {
          const problem = offsetProblem(split as unknown as Offset);
          if (problem !== null || typeof split.bytes !== "number") {
            throw contractViolation(p, "planSplits", `a split is not JSON data with a numeric \`bytes\`: ${problem ?? JSON.stringify(split)}`);
          }
        }
        return splits;
      });
    guarded.readSplit = (split: InputSplit, limit: ChunkLimit) => guardChunks(p, timeoutMs, schema, () => reader.readSplit!(split, limit));
  }
  if (typeof reader.readRealTime === "function") {
    guarded.readRealTime = (start: Offset, stop: AbortSignal) => guardRealTime(p, schema, () => reader.readRealTime!(start, stop));
  }
  if (typeof reader.commit === "function") {
    guarded.commit = (end: Offset) => callPlugin(p, "commit", timeoutMs, () => reader.commit!(end));
  }
  if (typeof reader.prepareForTriggerAvailableNow === "function") {
    guarded.prepareForTriggerAvailableNow = (start: Offset) =>
      andThen(callPlugin(p, "prepareForTriggerAvailableNow", timeoutMs, () => reader.prepareForTriggerAvailableNow!(start)),
        offset("prepareForTriggerAvailableNow"));
  }
  if (typeof reader.metrics === "function") {
    guarded.metrics = (end: Offset) => callPlugin(p, "metrics", timeoutMs, () => reader.metrics!(end)) as Record<string, string>;
  }
  if (typeof reader.stop === "function") {
    guarded.stop = () => callPlugin(p, "stop", timeoutMs, () => reader.stop!());
  }
  return guarded;
}

/**
 * A readBatch's chunks as the engine takes them: starting the sequence and each step of it go
 * through callPlugin (a step that never settles fails after the timeout), and each chunk is
 * checked as getBatch's rows are.
 */
async function* guardChunks(p: PluginRef, timeoutMs: number, schema: StructType, start: () => Iterable<Row[]> | AsyncIterable<Row[]>): AsyncGenerator<Row[]> {
  const seq = callPlugin(p, "readBatch", timeoutMs, start) as Iterable<Row[]> | AsyncIterable<Row[]>;
  const it = seq !== null && typeof seq === "object" && Symbol.asyncIterator in seq ? (seq as AsyncIterable<Row[]>)[Symbol.asyncIterator]()
    : seq !== null && typeof seq === "object" && Symbol.iterator in seq ? (seq as Iterable<Row[]>)[Symbol.iterator]()
    : undefined;
  if (it === undefined) throw contractViolation(p, "readBatch", "it returned something that is neither an iterable nor an async iterable of row chunks");
  for (;;) {
    const step = await callPlugin(p, "readBatch", timeoutMs, () => it.next());
    if (step.done) return;
    const problem = rowsProblem(step.value, schema);
    if (problem !== null) throw contractViolation(p, "readBatch", problem.replace(/^it returned/, "a chunk was"));
    yield step.value;
  }
}

/**
 * A readRealTime's chunks as the engine takes them: each chunk's rows checked as getBatch's are and
 * its offset as latestOffset's. A step may wait as long as no record arrives, so it has no timeout
 * (the reader ends the sequence when the batch's stop signal fires).
 */
async function* guardRealTime(p: PluginRef, schema: StructType, start: () => AsyncIterable<RealTimeChunk>): AsyncGenerator<RealTimeChunk> {
  const seq = callPlugin(p, "readRealTime", Infinity, start) as AsyncIterable<RealTimeChunk>;
  if (seq === null || typeof seq !== "object" || !(Symbol.asyncIterator in seq)) {
    throw contractViolation(p, "readRealTime", "it returned something that is not an async iterable of { rows, end } chunks");
  }
  const it = seq[Symbol.asyncIterator]();
  try {
    for (;;) {
      let step: IteratorResult<RealTimeChunk>;
      try {
        step = await it.next();
      } catch (e) {
        throw pluginFailure(p, "readRealTime", e);
      }
      if (step.done) return;
      const chunk = step.value;
      if (chunk === null || typeof chunk !== "object" || !Array.isArray(chunk.rows)) {
        throw contractViolation(p, "readRealTime", "a chunk was not a { rows, end } object");
      }
      const problem = rowsProblem(chunk.rows, schema);
      if (problem !== null) throw contractViolation(p, "readRealTime", problem.replace(/^it returned/, "a chunk was"));
      const offset = offsetProblem(chunk.end);
      if (offset !== null) throw contractViolation(p, "readRealTime", `a chunk's offset is not a JSON value that survives a round trip: ${offset}`);
      yield chunk;
    }
  } finally {
    // The engine stopped reading (the batch failed or the query stops): let the reader clean up.
    await it.return?.().catch(() => {});
  }
}
