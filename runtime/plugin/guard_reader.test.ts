import { describe, expect, test } from "bun:test";
import { SluiceError } from "../errors.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import { StructType } from "../types/data_type.ts";
import { defineSink, defineSource, type SourceReader } from "./contract.ts";
import { guardFactories } from "./guard_factories.ts";
import { guardReader } from "./guard_reader.ts";
import { guardWriter } from "./guard_writer.ts";
import { offsetProblem } from "./check_offset.ts";

const ref = { kind: "source" as const, name: "flaky", origin: "/plugins/flaky.ts" };
const schema = parseSchemaDDL("id BIGINT, name STRING");

function reader(over: Partial<SourceReader>): SourceReader {
  return { schema, description: "flaky", latestOffset: () => 1, getBatch: () => [], ...over };
}

async function failure(fn: () => unknown): Promise<SluiceError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error("expected the call to be refused");
}

describe("offsets", () => {
  test("JSON values that survive a round trip pass", () => {
    for (const o of [null, 1, "a", true, [1, "b"], { topic: { "0": 534 } }, { a: [null, { b: 2.5 }] }]) expect(offsetProblem(o)).toBe(null);
  });

  test("anything JSON would change is refused with where it is", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(offsetProblem(NaN)).toContain("$ is NaN");
    expect(offsetProblem(undefined)).toContain("$ is undefined");
    expect(offsetProblem({ topic: { "0": Infinity } })).toContain('$.topic["0"] is Infinity');
    expect(offsetProblem({ a: undefined })).toContain("$.a is undefined");
    expect(offsetProblem(cyclic)).toContain("$.self refers back");
    expect(offsetProblem(5n)).toContain("use a number for integers up to 2^53");
    expect(offsetProblem(2n ** 64n)).toContain("beyond 64 bits");
    // A long beyond 2^53 is written exact to offsets/N and read back as the same bigint.
    expect(offsetProblem({ t: { "0": 9007199254740993n } })).toBeNull();
    expect(offsetProblem(new Date(0))).toContain("Date");
    expect(offsetProblem(new Map())).toContain("Map");
    // eslint-disable-next-line no-sparse-arrays
    expect(offsetProblem([1, , 3])).toContain("$[1] is a hole");
  });
});

describe("a guarded reader", () => {
  test("latestOffset returning NaN or undefined fails naming the plugin, its file and the call", async () => {
    for (const bad of [NaN, undefined]) {
      const r = guardReader(reader({ latestOffset: () => bad as never }), ref, 1000);
      const e = await failure(() => r.latestOffset(null, {}));
      expect(e.code).toBe("PLUGIN_CONTRACT_VIOLATION");
      expect(e.bareMessage).toContain("The source 'flaky' (/plugins/flaky.ts) broke the plugin contract in latestOffset()");
    }
  });

  test("getBatch must return rows of the schema's width", async () => {
    const cases: [unknown, string][] = [
      [{ rows: [] }, "it returned an object, not an array of rows"],
      [[[1, "a"], [2]], "row 1 has 1 values; the schema (struct<id:bigint,name:string>) has 2 fields"],
      [[{ id: 1, name: "a" }], "row 0 is an object, not an array of 2 values"],
      [[["1", "a"]], 'row 0, field id (bigint): the string "1" is not a long'],
      [[[2 ** 60, "a"]], "is not a long"],
      [[[1, undefined]], "row 0, field name: undefined (use null for a missing value)"],
    ];
    for (const [rows, message] of cases) {
      const r = guardReader(reader({ getBatch: async () => rows as never }), ref, 1000);
      const e = await failure(() => r.getBatch(null, 1));
      expect(e.code).toBe("PLUGIN_CONTRACT_VIOLATION");
      expect(e.bareMessage).toContain("getBatch()");
      expect(e.bareMessage).toContain(message);
    }
    const ok = guardReader(reader({ getBatch: () => [[9007199254740993n, "a"], [null, null]] }), ref, 1000);
    expect(ok.getBatch(null, 1)).toEqual([[9007199254740993n, "a"], [null, null]]);
  });

  test("a call that never settles fails after the timeout", async () => {
    const r = guardReader(reader({ getBatch: () => new Promise(() => {}) }), ref, 50);
    const e = await failure(() => r.getBatch(null, 1));
    expect(e.code).toBe("PLUGIN_CALL_TIMEOUT");
    expect(e.bareMessage).toBe("The source 'flaky' (/plugins/flaky.ts) did not finish getBatch() within 50 ms (sluice.plugin.callTimeoutMs).");
  });

  test("a plain exception becomes PLUGIN_FAILED naming the call; SluiceErrors pass through", async () => {
    const r = guardReader(reader({ latestOffset: () => { throw new TypeError("x is undefined"); } }), ref, 1000);
    const e = await failure(() => r.latestOffset(null, {}));
    expect(e.code).toBe("PLUGIN_FAILED");
    expect(e.bareMessage).toBe("The source 'flaky' (/plugins/flaky.ts) failed in latestOffset(): x is undefined");
    const own = new SluiceError("KAFKA_FAILED", "broker gone");
    const r2 = guardReader(reader({ getBatch: async () => { throw own; } }), ref, 1000);
    expect(await failure(() => r2.getBatch(null, 1))).toBe(own);
  });

  test("a reader without a StructType schema or its methods is refused at create", async () => {
    expect((await failure(() => guardReader({ ...reader({}), schema: "id BIGINT" }, ref, 1000))).bareMessage).toContain("`schema` is not a StructType");
    expect((await failure(() => guardReader({ schema, latestOffset: () => 1 }, ref, 1000))).bareMessage).toContain("no getBatch()");
    expect((await failure(() => guardReader(undefined, ref, 1000))).bareMessage).toContain("not a reader object");
  });
});

describe("guarded plugin definitions", () => {
  test("schema() must return a StructType", async () => {
    const def = guardFactories(defineSource({
      name: "badschema", summary: "s", options: { type: "object" }, schema: () => "id INT" as never, create: () => reader({}),
    }), "/plugins/bad.ts") as ReturnType<typeof defineSource>;
    const e = await failure(() => def.schema({}, undefined));
    expect(e.code).toBe("PLUGIN_CONTRACT_VIOLATION");
    expect(e.bareMessage).toBe("The source 'badschema' (/plugins/bad.ts) broke the plugin contract in schema(): it returned string, not a StructType.");
  });

  test("create() hands out a guarded reader bounded by sluice.plugin.callTimeoutMs", async () => {
    const def = guardFactories(defineSource({
      name: "hang", summary: "s", options: { type: "object" }, schema: () => schema,
      create: () => reader({ latestOffset: () => new Promise(() => {}) }),
    }), "/plugins/hang.ts") as ReturnType<typeof defineSource>;
    const r = await def.create({}, { streaming: true, clock: undefined as never, log: undefined as never, conf: (k) => (k === "sluice.plugin.callTimeoutMs" ? "30" : undefined) });
    expect(r.schema).toBeInstanceOf(StructType);
    expect((await failure(() => r.latestOffset(null, {}))).code).toBe("PLUGIN_CALL_TIMEOUT");
  });

  test("sink writers: addBatch is bounded and named", async () => {
    const w = guardWriter({ description: "w", addBatch: () => new Promise(() => {}) }, { kind: "sink", name: "slow", origin: "builtin" }, 30);
    const e = await failure(() => w.addBatch(0, [], "append"));
    expect(e.bareMessage).toBe("The built-in sink 'slow' did not finish addBatch() within 30 ms (sluice.plugin.callTimeoutMs).");
    const def = guardFactories(defineSink({ name: "nowriter", summary: "s", options: { type: "object" }, outputModes: ["append"], create: () => ({}) as never }), "/p.ts");
    expect((await failure(() => (def as ReturnType<typeof defineSink>).create({}, { conf: () => undefined } as never))).bareMessage).toContain("no addBatch()");
  });
});

describe("chunks", () => {
  const drain = async (it: Iterable<unknown> | AsyncIterable<unknown>) => {
    const out: unknown[] = [];
    for await (const c of it) out.push(c);
    return out;
  };

  test("readBatch's chunks pass through, sync or async, each checked as getBatch's rows", async () => {
    const sync = guardReader(reader({ readBatch: () => [[[1, "a"]], [[2, "b"]]] }), ref, 1000);
    expect(await drain(sync.readBatch!(null, 1, { maxRows: 10 }))).toEqual([[[1, "a"]], [[2, "b"]]]);
    const bad = guardReader(reader({ async *readBatch() { yield [[1, "a"]]; yield [[2]]; } }), ref, 1000);
    const e = await failure(() => drain(bad.readBatch!(null, 1, { maxRows: 10 })));
    expect(e.code).toBe("PLUGIN_CONTRACT_VIOLATION");
    expect(e.bareMessage).toContain("broke the plugin contract in readBatch(): row 0 has 1 values");
  });

  test("readBatch returning something other than a sequence of chunks, or a step that never settles", async () => {
    const notIterable = guardReader(reader({ readBatch: () => 5 as never }), ref, 1000);
    expect((await failure(() => drain(notIterable.readBatch!(null, 1, { maxRows: 10 })))).bareMessage)
      .toContain("neither an iterable nor an async iterable of row chunks");
    const stuck = guardReader(reader({ readBatch: () => ({ [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => {}) }) }) }), ref, 20);
    expect((await failure(() => drain(stuck.readBatch!(null, 1, { maxRows: 10 })))).code).toBe("PLUGIN_CALL_TIMEOUT");
  });

  test("beginBatch's writer must have write and commit; its calls name the sink", async () => {
    const sink = { kind: "sink" as const, name: "lossy", origin: "/plugins/lossy.ts" };
    const noCommit = guardWriter({ description: "x", addBatch() {}, beginBatch: () => ({ write() {} }) }, sink, 1000);
    expect((await failure(() => noCommit.beginBatch!(0, "append"))).bareMessage).toContain("the batch writer it returned has no commit() method");
    const throwing = guardWriter({ description: "x", addBatch() {}, beginBatch: () => ({ write() { throw new Error("disk full"); }, commit() {} }) }, sink, 1000);
    const w = await throwing.beginBatch!(0, "append");
    const e = await failure(() => w.write([[1]]));
    expect(e.code).toBe("PLUGIN_FAILED");
    expect(e.bareMessage).toContain("The sink 'lossy' (/plugins/lossy.ts) failed in write(): disk full");
  });
});
