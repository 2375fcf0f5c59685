// A sink writer as the engine uses it: each call goes through callPlugin, so an exception names the
// sink and its file and a call that never settles fails the query after the plugin call timeout
// (a batch that did not commit must never look finished).
import type { OutputMode, Row, SinkWriter } from "./contract.ts";
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
  if (typeof writer.metrics === "function") {
    guarded.metrics = () => callPlugin(p, "metrics", timeoutMs, () => writer.metrics!()) as Record<string, string>;
  }
  if (typeof writer.stop === "function") {
    guarded.stop = () => callPlugin(p, "stop", timeoutMs, () => writer.stop!());
  }
  return guarded;
}
