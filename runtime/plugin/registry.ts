// The plugins a session can use, by format name. Names are matched ignoring case, as Spark does
// with format("Rate"). Sources and sinks are separate namespaces: a "kafka" source and a "kafka"
// sink are two plugins. Built-in plugins are registered exactly like user plugins.
import { userError } from "../errors.ts";
import { closeNames } from "./close_names.ts";
import { definitionProblems } from "./check_definition.ts";
import type { PluginDefinition, SinkDefinition, SourceDefinition } from "./contract.ts";
import { guardFactories } from "./guard_factories.ts";

export interface RegisteredPlugin {
  readonly definition: PluginDefinition;
  /** The file the plugin came from, or "builtin". */
  readonly origin: string;
}

export const BUILTIN_ORIGIN = "builtin";

export class PluginRegistry {
  readonly #plugins = new Map<string, RegisteredPlugin>();
  /** What source()/sink() hand out: the definition with its factories guarded (see guard_factories.ts). */
  readonly #guarded = new Map<string, PluginDefinition>();

  /** Adds a plugin. Throws PLUGIN_INVALID for a malformed definition, PLUGIN_DUPLICATE_NAME for a taken name. */
  register(definition: PluginDefinition, origin: string): void {
    const problems = definitionProblems(definition, { shallow: origin === BUILTIN_ORIGIN });
    if (problems.length > 0) throw invalidPluginError(origin, problems);
    const key = keyOf(definition.kind, definition.name);
    const existing = this.#plugins.get(key);
    if (existing) {
      // The same module reached twice (e.g. listed twice on SLUICE_PLUGIN_PATH) is harmless.
      if (existing.definition === definition) return;
      throw userError(
        "PLUGIN_DUPLICATE_NAME",
        `Two plugins define the ${definition.kind} '${definition.name}': ${describeOrigin(existing.origin)} and ${
          describeOrigin(origin)
        }.`,
        { hint: "Rename one of them (format names are case-insensitive) or remove one from SLUICE_PLUGIN_PATH." },
      );
    }
    this.#plugins.set(key, Object.freeze({ definition, origin }));
    this.#guarded.set(key, guardFactories(definition, origin));
  }

  /**
   * The source registered as `name`, ready to use: an exception from its create() or schema() becomes
   * PLUGIN_FAILED naming the plugin's file. DATA_SOURCE_NOT_FOUND (with a did-you-mean) if there is none.
   */
  source(name: string): SourceDefinition {
    this.#require("source", name);
    return this.#guarded.get(keyOf("source", name)) as SourceDefinition;
  }

  /** The sink registered as `name`, ready to use (as source()); DATA_SOURCE_NOT_FOUND if there is none. */
  sink(name: string): SinkDefinition {
    this.#require("sink", name);
    return this.#guarded.get(keyOf("sink", name)) as SinkDefinition;
  }

  /** The plugin and where it came from, or undefined. */
  find(kind: PluginDefinition["kind"], name: string): RegisteredPlugin | undefined {
    return this.#plugins.get(keyOf(kind, name));
  }

  /** Every registered plugin, sources first, then by name. */
  list(): RegisteredPlugin[] {
    return [...this.#plugins.values()].sort((a, b) =>
      a.definition.kind === b.definition.kind
        ? a.definition.name.localeCompare(b.definition.name)
        : a.definition.kind === "source" ? -1 : 1
    );
  }

  #require(kind: PluginDefinition["kind"], name: string): RegisteredPlugin {
    const hit = this.find(kind, name);
    if (hit) return hit;
    const other = this.find(kind === "source" ? "sink" : "source", name);
    if (other) {
      // Spark's wording when a format exists but cannot be used in this direction.
      const operator = kind === "source" ? "reading" : "writing";
      throw userError(
        "_LEGACY_ERROR_TEMP_2049",
        `Data source ${name} does not support streamed ${operator}.`,
        { hint: `'${other.definition.name}' is a ${other.definition.kind}, not a ${kind}.` },
      );
    }
    const names = this.list().filter((p) => p.definition.kind === kind).map((p) => p.definition.name);
    const close = closeNames(name, names);
    const hint = close.length > 0
      ? `Did you mean ${close.map((n) => `'${n}'`).join(" or ")}?`
      : names.length > 0
      ? `Available ${kind}s: ${names.join(", ")}.`
      : `No ${kind}s are registered.`;
    throw userError(
      "DATA_SOURCE_NOT_FOUND",
      `Failed to find the data source: ${name}. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version.`,
      { sqlState: "42K02", hint },
    );
  }
}

export function invalidPluginError(origin: string, problems: readonly string[]) {
  return userError(
    "PLUGIN_INVALID",
    `${describeOrigin(origin)} is not a valid plugin:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    { hint: "A plugin module's default export must be the value returned by defineSource(...) or defineSink(...)." },
  );
}

function describeOrigin(origin: string): string {
  return origin === BUILTIN_ORIGIN ? "a built-in plugin" : origin;
}

function keyOf(kind: string, name: string): string {
  return `${kind}:${name.toLowerCase()}`;
}
