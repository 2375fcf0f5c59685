// A sink writer as the engine uses it: each call goes through callPlugin, so an exception names the
// sink and its file and a call that never settles fails the query after the plugin call timeout
// (a batch that did not commit must never look finished).
import type { BatchWriter, OutputMode, Row, SaveWriter, SinkWriter } from "./contract.ts";
import { callPlugin, contractViolation, type PluginRef } from "./plugin_call.ts";

export function guardWriter(w: unknown, p: PluginRef, timeoutMs: number): SinkWriter {
  if (w === null || typeof w !== "object") throw contractViolation(p, "create", `it returned ${w === null ? "null" : typeof w}, not a writer object`);
  const writer = w as SinkWriter;
  if (typeof writer.addBatch !== "function") throw contractViolation(p, "create", "the writer has no addBatch() method");
  const guarded: SinkWriter = {
    get description() {
      return typeof writer.description === "string" ? writer.description : p.name;
    },
    addBatch: (batchId: number, rows: Row[], mode: OutputMode) => callPlugin(p, "addBatch", timeoutMs, () => writer.addBatch(batchId, rows, mode)),
  };
  if (typeof writer.beginBatch === "function") {
    guarded.beginBatch = async (batchId: number, mode: OutputMode) => {
      const b = await callPlugin(p, "beginBatch", timeoutMs, () => writer.beginBatch!(batchId, mode));
      return guardBatchWriter(b, p, timeoutMs);
    };
  }
  if (typeof writer.metrics === "function") {
    guarded.metrics = () => callPlugin(p, "metrics", timeoutMs, () => writer.metrics!()) as Record<string, string>;
  }
  if (typeof writer.stop === "function") {
    guarded.stop = () => callPlugin(p, "stop", timeoutMs, () => writer.stop!());
  }
  return guarded;
}

/** The batch writer beginBatch returned, checked once and each call wrapped. */
function guardBatchWriter(b: unknown, p: PluginRef, timeoutMs: number): BatchWriter {
  if (b === null || typeof b !== "object") throw contractViolation(p, "beginBatch", `it returned ${b === null ? "null" : typeof b}, not a batch writer`);
  const w = b as BatchWriter;
  for (const m of ["write", "commit"] as const) {
    if (typeof w[m] !== "function") throw contractViolation(p, "beginBatch", `the batch writer it returned has no ${m}() method`);
  }
  return {
    write: (rows: Row[]) => callPlugin(p, "write", timeoutMs, () => w.write(rows)),
    commit: () => callPlugin(p, "commit", timeoutMs, () => w.commit()),
    abort: typeof w.abort === "function" ? () => callPlugin(p, "abort", timeoutMs, () => w.abort!()) : undefined,
  };
}

/** The writer a sink's save() returned (df.write), checked once and each call wrapped. */
export function guardSaveWriter(b: unknown, p: PluginRef, timeoutMs: number): SaveWriter {
  if (b === null || typeof b !== "object") throw contractViolation(p, "save", `it returned ${typeof b}, not a writer object or null`);
  const w = b as SaveWriter;
  for (const m of ["write", "commit", "abort"] as const) {
    if (typeof w[m] !== "function") throw contractViolation(p, "save", `the writer it returned has no ${m}() method`);
  }
  return {
    write: (rows: Row[]) => callPlugin(p, "write", timeoutMs, () => w.write(rows)),
    commit: () => callPlugin(p, "commit", timeoutMs, () => w.commit()),
    abort: () => callPlugin(p, "abort", timeoutMs, () => w.abort()),
  };
}
