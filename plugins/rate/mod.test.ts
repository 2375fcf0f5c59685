import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SluiceError, validateOptions, StructType, type SourceContext, type SourceReader } from "sluice/plugin-sdk";
import { ManualClock, sourceConformance } from "sluice/testing";
import rate, { RATE_SCHEMA, valueAtSecond } from "./mod.ts";

sourceConformance(rate, { options: { rowsPerSecond: "10", numPartitions: "3" } });
sourceConformance(rate, { options: { rowsPerSecond: 7, rampUpTime: "2s" }, batches: 5 });

function context(clock: ManualClock, extra: Partial<SourceContext> = {}): SourceContext {
  return { streaming: true, clock, log: { info() {}, warn() {} }, conf: () => undefined, ...extra };
}

async function open(options: Record<string, unknown>, clock = new ManualClock(0), extra: Partial<SourceContext> = {}) {
  return await rate.create(validateOptions(rate, options) as never, context(clock, extra));
}

/** [epoch ms, value] pairs, the way Spark's RateStreamProviderSuite states its expectations. */
async function batch(reader: SourceReader, start: number | null, end: number): Promise<[number, number][]> {
  return ((await reader.getBatch(start, end)) as [number, number][]).map(([micros, v]) => [micros / 1000, v]);
}

describe("rate", () => {
  test("valueAtSecond matches Spark's", () => {
    expect([0, 1].map((s) => valueAtSecond(s, 5, 0))).toEqual([0, 5]);
    expect([0, 1, 2, 3].map((s) => valueAtSecond(s, 5, 2))).toEqual([0, 1, 3, 8]);
    expect([0, 1, 2, 3, 4, 5].map((s) => valueAtSecond(s, 10, 4))).toEqual([0, 2, 6, 12, 20, 30]);
  });

  test("schema is timestamp, value", () => {
    expect(rate.kind).toBe("source");
    return open({}).then((r) => {
      expect(r.schema.treeString()).toBe(
        "root\n |-- timestamp: timestamp (nullable = true)\n |-- value: long (nullable = true)\n",
      );
    });
  });

  test("microbatch - basic: ten rows in the first second, 100 ms apart", async () => {
    const clock = new ManualClock(0);
    const reader = await open({ rowsPerSecond: "10" }, clock);
    expect(await reader.latestOffset(null, {})).toBe(0);
    clock.advance(1000);
    const end = await reader.latestOffset(null, {});
    expect(end).toBe(1);
    expect(await batch(reader, null, 1)).toEqual(Array.from({ length: 10 }, (_, v) => [v * 100, v]));
  });

  test("rampUpTime: speed grows by rowsPerSecond / (rampUp + 1) each second", async () => {
    const clock = new ManualClock(0);
    const reader = await open({ rowsPerSecond: 10, rampUpTime: "4s" }, clock);
    const expected: [number, number][][] = [
      [0, 1].map((v) => [v * 500, v]),
      [2, 3, 4, 5].map((v) => [1000 + (v - 2) * 250, v]),
      [[2000, 6], [2167, 7], [2333, 8], [2500, 9], [2667, 10], [2833, 11]],
      Array.from({ length: 8 }, (_, i) => [3000 + i * 125, 12 + i]),
      Array.from({ length: 10 }, (_, i) => [4000 + i * 100, 20 + i]),
      Array.from({ length: 10 }, (_, i) => [5000 + i * 100, 30 + i]),
      Array.from({ length: 10 }, (_, i) => [6000 + i * 100, 40 + i]),
    ];
    let start = 0;
    for (const rows of expected) {
      clock.advance(1000);
      const end = (await reader.latestOffset(start, {})) as number;
      expect(await batch(reader, start, end)).toEqual(rows);
      start = end;
    }
  });

  test("uniform distribution of event timestamps", async () => {
    const clock = new ManualClock(0);
    const reader = await open({ rowsPerSecond: 1500 }, clock);
    clock.advance(1000);
    expect(await batch(reader, null, 1)).toEqual(Array.from({ length: 1500 }, (_, v) => [Math.round(v * (1000 / 1500)), v]));
  });

  test("rows come out partition by partition", async () => {
    const reader = await open({ rowsPerSecond: 10, numPartitions: 3 }, new ManualClock(0));
    expect((await batch(reader, 0, 1)).map(([, v]) => v)).toEqual([0, 3, 6, 9, 1, 4, 7, 2, 5, 8]);
    const spread = await open({ rowsPerSecond: 33, numPartitions: 11 }, new ManualClock(0));
    expect((await batch(spread, 0, 1)).map(([, v]) => v).sort((a, b) => a - b)).toEqual(Array.from({ length: 33 }, (_, i) => i));
  });

  test("readBatch generates the same rows a chunk at a time", async () => {
    const reader = await open({ rowsPerSecond: 10, numPartitions: 3 }, new ManualClock(0));
    const chunks = [...(reader.readBatch!(0, 1, { maxRows: 3 }) as Iterable<unknown[][]>)];
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 3, 1]);
    expect(chunks.flat()).toEqual(await reader.getBatch(0, 1));
  });

  test("a second without new whole seconds gives no rows, and offsets never go back", async () => {
    const clock = new ManualClock(5_000);
    const reader = await open({ rowsPerSecond: 2 }, clock);
    clock.advance(999);
    expect(await reader.latestOffset(null, {})).toBe(0);
    expect(await reader.getBatch(0, 0)).toEqual([]);
    expect(await reader.latestOffset(7, {})).toBe(7);
  });

  test("timestamps start at the query's start time", async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const reader = await open({ rowsPerSecond: 2 }, clock);
    clock.advance(2000);
    expect(await reader.getBatch(1, 2)).toEqual([
      [(1_700_000_001_000) * 1000, 2],
      [(1_700_000_001_500) * 1000, 3],
    ]);
  });

  test("the start time is kept in the metadata directory in Spark's format", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-rate-"));
    try {
      const clock = new ManualClock(42_000);
      await open({}, clock, { metadataDir: dir });
      expect(readFileSync(join(dir, "0"), "utf8")).toBe("v1\n42000");
      clock.advance(10_000);
      const restarted = await open({}, clock, { metadataDir: dir });
      expect(await restarted.latestOffset(null, {})).toBe(10);
      expect(await restarted.getBatch(0, 1)).toEqual([[42_000_000, 0]]);
      writeFileSync(join(dir, "0"), "garbage");
      await expect(open({}, clock, { metadataDir: dir })).rejects.toThrow("Log file was malformed");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("description is Spark's", async () => {
    expect((await open({})).description).toBe("RateStreamV2[rowsPerSecond=1, rampUpTimeSeconds=0, numPartitions=default");
    expect((await open({ rowsPerSecond: 5, rampUpTime: "1m", numPartitions: 2 })).description).toBe(
      "RateStreamV2[rowsPerSecond=5, rampUpTimeSeconds=60, numPartitions=2",
    );
  });

  test("the schema is known before a reader exists", () => {
    expect(rate.schema(validateOptions(rate, {}) as never, undefined)).toBe(RATE_SCHEMA);
    expect(() => rate.schema(validateOptions(rate, {}) as never, new StructType([]))).toThrow(
      "RateStreamProvider source does not support user-specified schema.",
    );
  });

  test("a user-specified schema is rejected with Spark's error", async () => {
    const err = await open({}, new ManualClock(0), { userSchema: new StructType([]) }).catch((e) => e);
    expect(err).toBeInstanceOf(SluiceError);
    expect(err.code).toBe("_LEGACY_ERROR_TEMP_2242");
    expect(err.message).toBe("RateStreamProvider source does not support user-specified schema.");
  });

  test("bad option values are refused before the source is created", () => {
    const cases: [string, string][] = [["rowsPerSecond", "-1"], ["numPartitions", "-1"], ["rowsPerSecond", "0"]];
    for (const [option, value] of cases) {
      let err: unknown;
      try {
        validateOptions(rate, { [option]: value });
      } catch (e) {
        err = e;
      }
      expect((err as SluiceError).code).toBe("PLUGIN_OPTIONS_INVALID");
      expect((err as SluiceError).message).toContain(`option '${option}': expected a positive integer, given "${value}"`);
    }
    expect(() => validateOptions(rate, { rampUpTime: "5 seconds" })).toThrow("option 'rampUpTime': expected a duration");
    expect(() => validateOptions(rate, { rowPerSecond: 5 })).toThrow("did you mean 'rowsPerSecond'?");
  });

  test("a negative rampUpTime is refused", async () => {
    const err = await open({ rampUpTime: "-5s" }).catch((e) => e);
    expect(err.code).toBe("PLUGIN_OPTIONS_INVALID");
    expect(err.message).toContain("option 'rampUpTime': expected a duration that is not negative, given \"-5s\"");
  });

  test("rampUpTime finer than seconds is truncated", async () => {
    expect((await open({ rampUpTime: "1500ms" })).description).toContain("rampUpTimeSeconds=1,");
  });

  test("overflow is reported instead of producing wrong values", async () => {
    const err = await open({ rowsPerSecond: Number.MAX_SAFE_INTEGER, rampUpTime: "2s" }).catch((e) => e);
    expect(err.code).toBe("INCORRECT_RAMP_UP_RATE");
    expect(err.message).toContain("Max offset with 9007199254740991 rowsPerSecond is 1, but 'rampUpTimeSeconds' is 2.");
    const reader = await open({ rowsPerSecond: Number.MAX_SAFE_INTEGER });
    expect(() => reader.getBatch(0, 2)).toThrow("Max offset with 9007199254740991 rowsPerSecond is 1, but it's 2 now.");
  });

  test("cannot be read as a batch, as in Spark", async () => {
    const err = await open({}, new ManualClock(0), { streaming: false }).catch((e) => e);
    expect(err.code).toBe("_LEGACY_ERROR_TEMP_1135");
    expect(err.message).toBe("rate is not a valid Spark SQL Data Source.");
  });

  test("does not pretend to support Trigger.AvailableNow", async () => {
    expect((await open({})).prepareForTriggerAvailableNow).toBeUndefined();
  });
});
