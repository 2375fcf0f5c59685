// Wraps a plugin's own code so that what it does reaches the engine only through the contract's
// checks (see plugin_call.ts, guard_reader.ts, guard_writer.ts): a plain exception from create(),
// schema() or any reader/writer method becomes a SluiceError naming the plugin and the file it came
// from, a schema must be a StructType, the reader's offsets and rows are checked, and every call of
// a reader or writer is bounded by the plugin call timeout. SluiceErrors pass through unchanged: a
// plugin that throws one (Spark's error classes, for example) means exactly that error.
import { mkdirSync } from "node:fs";
import { StructType } from "../types/data_type.ts";
import type { PluginDefinition, SaveContext, SinkContext, SinkDefinition, SourceContext, SourceDefinition } from "./contract.ts";
import { guardReader } from "./guard_reader.ts";
import { guardSaveWriter, guardWriter } from "./guard_writer.ts";
import { andThen } from "./guard_reader.ts";
import { callPlugin, contractViolation, pluginCallTimeoutMs, type PluginRef } from "./plugin_call.ts";

/** `def` with its factories guarded; every other field is the same. */
export function guardFactories(def: PluginDefinition, origin: string): PluginDefinition {
  const ref: PluginRef = { kind: def.kind, name: def.name, origin };
  const create = def.create as (options: unknown, ctx: unknown) => unknown;
  const guarded: Record<string, unknown> = {
    ...def,
    create: (options: unknown, ctx: SourceContext | SinkContext) => {
      // create() itself is bounded too: a connection that never opens must not hang the query.
      const timeoutMs = pluginCallTimeoutMs((k) => ctx?.conf?.(k));
      // A sink's metadataDir exists before its code runs, so it can write there at once.
      if (def.kind === "sink" && ctx?.metadataDir) mkdirSync(ctx.metadataDir, { recursive: true });
      return andThen(callPlugin(ref, "create", timeoutMs, () => create.call(def, options, ctx)), (made: unknown) =>
        def.kind === "source" ? guardReader(made, ref, timeoutMs) : guardWriter(made, ref, timeoutMs));
    },
  };
  if (def.kind === "sink" && typeof def.save === "function") {
    const save = def.save as (options: unknown, ctx: SaveContext) => unknown;
    guarded.save = (options: unknown, ctx: SaveContext) => {
      const timeoutMs = pluginCallTimeoutMs((k) => ctx?.conf?.(k));
      return andThen(callPlugin(ref, "save", timeoutMs, () => save.call(def, options, ctx)), (made: unknown) =>
        made === null ? null : guardSaveWriter(made, ref, timeoutMs));
    };
  }
  if (def.kind === "source") {
    const schema = def.schema;
    guarded.schema = (options: unknown, userSchema: unknown, info: unknown) => {
      const s = callPlugin(ref, "schema", Infinity, () => schema.call(def, options, userSchema as never, info as never));
      if (!(s instanceof StructType)) {
        throw contractViolation(ref, "schema", `it returned ${s instanceof Promise ? "a promise" : s === null ? "null" : typeof s === "object" ? `a ${(s as object).constructor?.name ?? "object"}` : typeof s}, not a StructType`);
      }
      return s;
    };
  }
  return Object.freeze(guarded) as unknown as SourceDefinition | SinkDefinition;
}
