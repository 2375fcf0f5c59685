import { describe, expect, test } from "bun:test";
import { validateOptions, StructType, type Offset, type SourceContext, type SourceReader } from "sluice/plugin-sdk";
import { ManualClock, sourceConformance } from "sluice/testing";
import rateMicroBatch, { RATE_MICRO_BATCH_SCHEMA } from "./mod.ts";

sourceConformance(rateMicroBatch, { options: { rowsPerBatch: "5", numPartitions: "2" } });
sourceConformance(rateMicroBatch, {
  options: { rowsPerBatch: 3, startTimestamp: "1000", advanceMillisPerBatch: "250" },
  batches: 4,
});

function open(options: Record<string, unknown>, extra: Partial<SourceContext> = {}): SourceReader {
  const ctx: SourceContext = {
    streaming: true,
    clock: new ManualClock(0),
    log: { info() {}, warn() {} },
    conf: () => undefined,
    ...extra,
  };
  return rateMicroBatch.create(validateOptions(rateMicroBatch, options) as never, ctx) as SourceReader;
}

describe("rate-micro-batch", () => {
  test("batch i holds values i*rowsPerBatch… at startTimestamp + i*advanceMillisPerBatch", async () => {
    const reader = open({ rowsPerBatch: 10, startTimestamp: 1000, advanceMillisPerBatch: 500 });
    let start: Offset = null;
    for (let i = 0; i < 3; i++) {
      const end = await reader.latestOffset(start, { maxRows: 1 });
      expect(end).toEqual({ offset: (i + 1) * 10, timestamp: 1000 + (i + 1) * 500 });
      const rows = await reader.getBatch(start, end);
      expect(rows).toEqual(Array.from({ length: 10 }, (_, k) => [(1000 + i * 500) * 1000, i * 10 + k]));
      start = end;
    }
  });

  test("offsets are Spark's JSON", async () => {
    const reader = open({ rowsPerBatch: 100 });
    expect(JSON.stringify(await reader.latestOffset(null, {}))).toBe('{"offset":100,"timestamp":1000}');
    // Spark's offsets/N text parses too.
    expect(await reader.getBatch('{"offset":0,"timestamp":0}', '{"offset":2,"timestamp":1000}')).toEqual([[0, 0], [0, 1]]);
  });

  test("rows come out partition by partition", () => {
    const reader = open({ rowsPerBatch: 7, numPartitions: 3 });
    const rows = reader.getBatch(null, { offset: 7, timestamp: 1000 }) as unknown[][];
    expect(rows.map((r) => r[1])).toEqual([0, 3, 6, 1, 4, 2, 5]);
  });

  test("the same range gives the same rows however the query runs", () => {
    const a = open({ rowsPerBatch: 4 });
    const b = open({ rowsPerBatch: 4 });
    const range = [{ offset: 8, timestamp: 2000 }, { offset: 12, timestamp: 3000 }] as const;
    expect(a.getBatch(range[0], range[1])).toEqual(b.getBatch(range[0], range[1]));
    expect(a.getBatch(range[0], range[0])).toEqual([]);
  });

  test("Trigger.AvailableNow reads one batch past the start, as Spark's does", async () => {
    const reader = open({ rowsPerBatch: 5 });
    const resumeFrom = { offset: 10, timestamp: 2000 };
    // The contract's prepareForTriggerAvailableNow() takes no start; this source accepts one.
    const prepare = reader.prepareForTriggerAvailableNow as unknown as (this: SourceReader, start: Offset) => Offset;
    const stopAt = prepare.call(reader, resumeFrom);
    expect(stopAt).toEqual({ offset: 15, timestamp: 3000 });
    expect(await reader.latestOffset(resumeFrom, {})).toEqual(stopAt);
    expect(await reader.latestOffset(stopAt, {})).toEqual(stopAt);
  });

  test("rowsPerBatch is required and positive; others are range-checked", () => {
    expect(() => validateOptions(rateMicroBatch, {})).toThrow("option 'rowsPerBatch': expected a value (this option is required), given nothing");
    expect(() => validateOptions(rateMicroBatch, { rowsPerBatch: "0" })).toThrow("option 'rowsPerBatch': expected a positive integer, given \"0\"");
    expect(() => validateOptions(rateMicroBatch, { rowsPerBatch: 1, startTimestamp: -1 })).toThrow(
      "option 'startTimestamp': expected a non-negative integer, given -1",
    );
    expect(() => validateOptions(rateMicroBatch, { rowsPerBatch: 1, advanceMillisPerBatch: "x" })).toThrow(
      "option 'advanceMillisPerBatch': expected an integer, given \"x\"",
    );
    expect(validateOptions(rateMicroBatch, { ROWSPERBATCH: "2" })).toEqual({
      rowsPerBatch: 2,
      startTimestamp: 0,
      advanceMillisPerBatch: 1000,
    });
  });

  test("description is Spark's", () => {
    expect(open({ rowsPerBatch: 10 }).description).toBe(
      "RatePerMicroBatchStream[rowsPerBatch=10, numPartitions=1, startTimestamp=0, advanceMsPerBatch=1000]",
    );
  });

  test("the schema is known before a reader exists", () => {
    const options = validateOptions(rateMicroBatch, { rowsPerBatch: 1 }) as never;
    expect(rateMicroBatch.schema(options, undefined)).toBe(RATE_MICRO_BATCH_SCHEMA);
    expect(() => rateMicroBatch.schema(options, new StructType([]))).toThrow("RatePerMicroBatchProvider source");
  });

  test("a user-specified schema is rejected with Spark's error", () => {
    expect(() => open({ rowsPerBatch: 1 }, { userSchema: new StructType([]) })).toThrow(
      "RatePerMicroBatchProvider source does not support user-specified schema.",
    );
  });

  test("cannot be read as a batch, as in Spark", () => {
    expect(() => open({ rowsPerBatch: 1 }, { streaming: false })).toThrow("rate-micro-batch is not a valid Spark SQL Data Source.");
  });

  test("a malformed offset is an internal error", () => {
    expect(() => open({ rowsPerBatch: 1 }).getBatch({ offset: "x" }, null)).toThrow("RatePerMicroBatchStreamOffset");
  });
});
