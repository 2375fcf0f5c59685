import { describe, expect, test } from "bun:test";
import { SluiceError } from "../errors.ts";
import { defineSink, defineSource } from "./contract.ts";
import { checkOptions, validateOptions } from "./validate_options.ts";

const create = () => {
  throw new Error("not used");
};
const schema = () => {
  throw new Error("not used");
};

const demo = defineSource({
  name: "demo",
  summary: "A source for these tests.",
  options: {
    type: "object",
    additionalProperties: false,
    required: ["topic"],
    properties: {
      topic: { type: "string", minLength: 1 },
      rowsPerSecond: { type: "integer", exclusiveMinimum: 0, default: 1 },
      ratio: { type: "number", minimum: 0, maximum: 1 },
      failOnDataLoss: { type: "boolean", default: true },
      startingOffsets: { enum: ["earliest", "latest"], default: "latest" },
      maxTriggerDelay: { type: "string", format: "duration", default: "15m" },
      window: { type: "string", format: "interval" },
      port: { anyOf: [{ type: "integer", minimum: 1 }, { type: "string", pattern: "^\\$\\{.*\\}$" }] },
      servers: {
        type: "array",
        items: { type: "object", properties: { host: { type: "string" }, port: { type: "integer" } }, required: ["host"] },
      },
    },
    patternProperties: { "^kafka\\.": { type: "string" } },
  },
  schema,
  create,
});

function problems(raw: Record<string, unknown>) {
  return checkOptions(demo, raw).problems;
}

function errorOf(fn: () => unknown): SluiceError {
  try {
    fn();
  } catch (e) {
    return e as SluiceError;
  }
  throw new Error("expected an error");
}

describe("validateOptions", () => {
  test("coerces PySpark's strings and applies defaults", () => {
    expect(validateOptions(demo, { topic: "t", rowsPerSecond: "10", ratio: "0.5", failOnDataLoss: "false" })).toEqual({
      topic: "t",
      rowsPerSecond: 10,
      ratio: 0.5,
      failOnDataLoss: false,
      startingOffsets: "latest",
      maxTriggerDelay: "15m",
    });
  });

  test("booleans are read ignoring case, as Spark does", () => {
    expect(validateOptions(demo, { topic: "t", failOnDataLoss: "FALSE" }).failOnDataLoss).toBe(false);
    expect(validateOptions(demo, { topic: "t", failOnDataLoss: "True" }).failOnDataLoss).toBe(true);
  });

  test("option names are case-insensitive and come back under the schema's spelling", () => {
    expect(validateOptions(demo, { TOPIC: "t", rowspersecond: 3 })).toMatchObject({ topic: "t", rowsPerSecond: 3 });
  });

  test("the later of two spellings of one option wins, as in Spark's option map", () => {
    expect(validateOptions(demo, { topic: "a", Topic: "b" }).topic).toBe("b");
  });

  test("pattern properties pass through under their own names, matched ignoring case", () => {
    expect(validateOptions(demo, { topic: "t", "kafka.bootstrap.servers": "h:9092", "Kafka.acks": "all" })).toMatchObject({
      "kafka.bootstrap.servers": "h:9092",
      "Kafka.acks": "all",
    });
    expect(problems({ topic: "t", "kafka.retries": { n: 1 } })).toEqual([
      { option: "kafka.retries", expected: "a string", given: '{"n":1}' },
    ]);
  });

  test("durations and intervals stay strings", () => {
    const o = validateOptions(demo, { topic: "t", maxTriggerDelay: "30s", window: "10 seconds" });
    expect(o.maxTriggerDelay).toBe("30s");
    expect(o.window).toBe("10 seconds");
    expect(problems({ topic: "t", maxTriggerDelay: "30 seconds", window: "soon" }).map((p) => p.expected)).toEqual([
      'a duration such as "5s", "100ms" or "10m" (units us, ms, s, m, min, h, d)',
      'an interval such as "10 seconds" or "1 minute"',
    ]);
  });

  test("every problem is reported at once, in the order given, naming option, expectation and value", () => {
    const err = errorOf(() =>
      validateOptions(demo, {
        rowsPerSecond: "-1",
        rowPerSecnd: "5",
        ratio: 2,
        startingOffsets: "earlist",
        failOnDataLoss: "maybe",
      })
    );
    expect(err).toBeInstanceOf(SluiceError);
    expect(err.code).toBe("PLUGIN_OPTIONS_INVALID");
    expect(err.kind).toBe("user");
    expect(err.bareMessage).toBe(
      [
        "Invalid options for the source 'demo':",
        `  - option 'rowsPerSecond': expected a positive integer, given "-1"`,
        "  - option 'rowPerSecnd': unknown option; did you mean 'rowsPerSecond'?",
        "  - option 'ratio': expected a number <= 1, given 2",
        `  - option 'startingOffsets': expected one of "earliest", "latest", given "earlist"`,
        `  - option 'failOnDataLoss': expected a boolean (true or false), given "maybe"`,
        "  - option 'topic': expected a value (this option is required), given nothing",
      ].join("\n"),
    );
    expect(err.hint).toContain("sluice plugins describe demo");
  });

  test("an unknown option with no close match lists what is accepted", () => {
    const [p] = problems({ topic: "t", zzz: 1 });
    expect(p!.expected).toBe(
      "unknown option (known options: topic, rowsPerSecond, ratio, failOnDataLoss, startingOffsets, maxTriggerDelay, window, port, servers; names matching /^kafka\\./)",
    );
    expect(p!.didYouMean).toEqual([]);
  });

  test("alternatives are joined with 'or'", () => {
    expect(problems({ topic: "t", port: "http" })).toEqual([
      { option: "port", expected: "an integer or a string matching /^\\$\\{.*\\}$/", given: '"http"' },
    ]);
    expect(problems({ topic: "t", port: 0 })).toEqual([
      { option: "port", expected: "an integer >= 1 or a string matching /^\\$\\{.*\\}$/", given: "0" },
    ]);
  });

  test("nested values are reported by path", () => {
    expect(problems({ topic: "t", servers: [{ host: "a", port: "x" }, {}] })).toEqual([
      { option: "servers[0].port", expected: "an integer", given: '"x"' },
      { option: "servers[1].host", expected: "a value (this option is required)", given: "nothing" },
    ]);
  });

  test("engine options are dropped unless the plugin declares them", () => {
    expect(validateOptions(demo, { topic: "t", checkpointLocation: "/tmp/c" }, { engineOptions: ["checkpointLocation"] }))
      .not.toHaveProperty("checkpointLocation");
    expect(problems({ topic: "t", checkpointLocation: "/tmp/c" })[0]!.option).toBe("checkpointLocation");
  });

  test("undefined and null values count as not given", () => {
    expect(validateOptions(demo, { topic: "t", ratio: undefined })).not.toHaveProperty("ratio");
    expect(validateOptions(demo, { topic: "t", rowsPerSecond: null })).toMatchObject({ rowsPerSecond: 1 });
  });

  test("additionalProperties: true accepts anything; a schema checks the values", () => {
    const open = defineSink({
      name: "open",
      summary: "s",
      outputModes: ["append"],
      options: { type: "object", additionalProperties: true, properties: {} },
      create,
    });
    expect(validateOptions(open, { anything: 1 })).toEqual({ anything: 1 });
    const typed = defineSink({
      name: "typed",
      summary: "s",
      outputModes: ["append"],
      options: { type: "object", additionalProperties: { type: "integer" } },
      create,
    });
    expect(validateOptions(typed, { a: "3" })).toEqual({ a: 3 });
    expect(() => validateOptions(typed, { a: "x" })).toThrow("option 'a': expected an integer, given \"x\"");
  });

  test("a schema declaring a draft is accepted", () => {
    const drafted = defineSource({
      name: "drafted",
      summary: "s",
      options: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: { a: { type: "string" } } },
      schema,
      create,
    });
    expect(validateOptions(drafted, { a: 1 })).toEqual({ a: "1" });
  });
});
