import { describe, expect, test } from "bun:test";
import { SluiceError } from "../errors.ts";
import { defineSink, defineSource, type PluginDefinition } from "./contract.ts";
import { PluginRegistry } from "./registry.ts";

const create = () => {
  throw new Error("not used");
};
const schema = () => {
  throw new Error("not used");
};
const options = { type: "object", properties: {} };
const source = (name: string) => defineSource({ name, summary: `${name} source`, options, schema, create });
const sink = (name: string) => defineSink({ name, summary: `${name} sink`, options, outputModes: ["append"], create });

function errorOf(fn: () => unknown): SluiceError {
  try {
    fn();
  } catch (e) {
    return e as SluiceError;
  }
  throw new Error("expected an error");
}

function registry(...defs: PluginDefinition[]): PluginRegistry {
  const r = new PluginRegistry();
  for (const d of defs) r.register(d, "builtin");
  return r;
}

describe("PluginRegistry", () => {
  test("looks names up ignoring case, sources and sinks apart", () => {
    const rate = source("rate");
    const kafkaIn = source("kafka");
    const kafkaOut = sink("kafka");
    const r = registry(rate, kafkaIn, kafkaOut);
    expect(r.find("source", "Rate")?.definition).toBe(rate);
    expect(r.find("source", "KAFKA")?.definition).toBe(kafkaIn);
    expect(r.find("sink", "kafka")?.definition).toBe(kafkaOut);
    expect(r.source("Rate").name).toBe("rate");
    expect(r.sink("kafka").outputModes).toEqual(["append"]);
    expect(r.find("sink", "Kafka")?.origin).toBe("builtin");
    expect(r.find("sink", "rate")).toBeUndefined();
  });

  test("lists sources first, then sinks, each by name", () => {
    const r = registry(sink("memory"), source("rate"), sink("console"), source("kafka"));
    expect(r.list().map((p) => `${p.definition.kind}:${p.definition.name}`)).toEqual([
      "source:kafka",
      "source:rate",
      "sink:console",
      "sink:memory",
    ]);
  });

  test("an unknown name is Spark's DATA_SOURCE_NOT_FOUND, with a did-you-mean", () => {
    const r = registry(source("rate"), source("rate-micro-batch"), source("kafka"));
    const err = errorOf(() => r.source("kafak"));
    expect(err.code).toBe("DATA_SOURCE_NOT_FOUND");
    expect(err.sqlState).toBe("42K02");
    expect(err.bareMessage).toBe(
      "Failed to find the data source: kafak. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version.",
    );
    expect(err.message.startsWith("[DATA_SOURCE_NOT_FOUND] Failed to find the data source: kafak.")).toBe(true);
    expect(err.hint).toBe("Did you mean 'kafka'?");
    expect(errorOf(() => r.source("rat")).hint).toBe("Did you mean 'rate' or 'rate-micro-batch'?");
    expect(errorOf(() => r.source("parquet")).hint).toBe("Available sources: kafka, rate, rate-micro-batch.");
    expect(errorOf(() => new PluginRegistry().sink("x")).hint).toBe("No sinks are registered.");
  });

  test("a sink asked for as a source gets Spark's 'does not support streamed reading'", () => {
    const r = registry(sink("console"), source("rate"));
    const read = errorOf(() => r.source("console"));
    expect(read.code).toBe("_LEGACY_ERROR_TEMP_2049");
    expect(read.message.startsWith("Data source console does not support streamed reading.")).toBe(true);
    expect(errorOf(() => r.sink("rate")).bareMessage).toBe("Data source rate does not support streamed writing.");
  });

  test("two plugins with one name is an error naming both files", () => {
    const r = new PluginRegistry();
    r.register(source("rate"), "builtin");
    const err = errorOf(() => r.register(source("RATE"), "/plugins/my_rate.ts"));
    expect(err.code).toBe("PLUGIN_DUPLICATE_NAME");
    expect(err.bareMessage).toBe("Two plugins define the source 'RATE': a built-in plugin and /plugins/my_rate.ts.");
    r.register(source("x"), "/a/x.ts");
    expect(errorOf(() => r.register(source("x"), "/b/x.ts")).bareMessage).toContain("/a/x.ts and /b/x.ts");
  });

  test("registering the same definition again is harmless", () => {
    const def = source("once");
    const r = new PluginRegistry();
    r.register(def, "/p/once.ts");
    r.register(def, "/p/once.ts");
    expect(r.list()).toHaveLength(1);
  });

  test("a malformed definition is refused with PLUGIN_INVALID", () => {
    const bad = { kind: "source", name: "bad", summary: "", options, schema, create } as unknown as PluginDefinition;
    const err = errorOf(() => new PluginRegistry().register(bad, "/p/bad.ts"));
    expect(err.code).toBe("PLUGIN_INVALID");
    expect(err.bareMessage).toBe("/p/bad.ts is not a valid plugin:\n  - `summary` must be a non-empty string");
  });
  test("an exception from a plugin's create() or schema() is PLUGIN_FAILED naming the plugin and its file", async () => {
    const boom = (message: string) => () => {
      throw new TypeError(message);
    };
    const r = new PluginRegistry();
    r.register(defineSource({ name: "flaky", summary: "s", options, schema: boom("no schema"), create: boom("no reader") }), "/p/flaky.ts");
    r.register(defineSink({ name: "later", summary: "s", options, outputModes: ["append"], create: async () => {
      await Promise.resolve();
      throw new Error("refused");
    } }), "builtin");
    const created = errorOf(() => r.source("flaky").create({}, {} as never));
    expect(created.code).toBe("PLUGIN_FAILED");
    expect(created.kind).toBe("external");
    expect(created.bareMessage).toBe("The source 'flaky' (/p/flaky.ts) failed in create(): no reader");
    expect(created.cause).toBeInstanceOf(TypeError);
    expect(created.hint).toContain("/p/flaky.ts");
    expect(errorOf(() => r.source("FLAKY").schema({}, undefined)).bareMessage).toBe(
      "The source 'flaky' (/p/flaky.ts) failed in schema(): no schema",
    );
    let rejected: SluiceError | undefined;
    await Promise.resolve(r.sink("later").create({}, {} as never)).catch((e) => (rejected = e));
    expect(rejected?.bareMessage).toBe("The built-in sink 'later' failed in create(): refused");
  });

  test("a SluiceError from a plugin passes through unchanged", () => {
    const own = new SluiceError("_LEGACY_ERROR_TEMP_1227", "queryName must be specified for memory sink");
    const r = new PluginRegistry();
    r.register(defineSink({ name: "strict", summary: "s", options, outputModes: ["append"], create: () => {
      throw own;
    } }), "/p/strict.ts");
    expect(errorOf(() => r.sink("strict").create({}, {} as never))).toBe(own);
  });
});
