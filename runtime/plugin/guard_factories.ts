// Wraps a plugin's own code (create, and a source's schema) so that a plain exception thrown there
// reaches the user as a SluiceError naming the plugin and the file it came from, not as a bare
// "TypeError: x is undefined" from somewhere in the engine. SluiceErrors pass through unchanged:
// a plugin that throws one (Spark's error classes, for example) means exactly that error.
import { externalError, SluiceError } from "../errors.ts";
import type { PluginDefinition, SinkDefinition, SourceDefinition } from "./contract.ts";

/** `def` with its factories guarded; every other field is the same. */
export function guardFactories(def: PluginDefinition, origin: string): PluginDefinition {
  const create = def.create as (options: unknown, ctx: unknown) => unknown;
  const guarded: Record<string, unknown> = {
    ...def,
    create: (options: unknown, ctx: unknown) => call(def, origin, "create", () => create.call(def, options, ctx)),
  };
  if (def.kind === "source") {
    const schema = def.schema;
    guarded.schema = (options: unknown, userSchema: unknown) =>
      call(def, origin, "schema", () => schema.call(def, options, userSchema as never));
  }
  return Object.freeze(guarded) as unknown as SourceDefinition | SinkDefinition;
}

function call<T>(def: PluginDefinition, origin: string, method: string, body: () => T): T {
  let result: T;
  try {
    result = body();
  } catch (e) {
    throw wrap(def, origin, method, e);
  }
  if (result instanceof Promise) return result.catch((e: unknown) => Promise.reject(wrap(def, origin, method, e))) as T;
  return result;
}

function wrap(def: PluginDefinition, origin: string, method: string, error: unknown): unknown {
  if (error instanceof SluiceError) return error;
  const who = origin === "builtin" ? `The built-in ${def.kind} '${def.name}'` : `The ${def.kind} '${def.name}' (${origin})`;
  const message = error instanceof Error ? error.message : String(error);
  return externalError("PLUGIN_FAILED", `${who} failed in ${method}(): ${message}`, {
    cause: error,
    hint: origin === "builtin"
      ? "The cause below says what went wrong."
      : `The error was thrown by the plugin's own code in ${origin}; the cause below has its stack.`,
  });
}
