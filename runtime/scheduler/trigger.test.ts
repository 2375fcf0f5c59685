import { describe, expect, test } from "bun:test";
import { nextBatchTime, parseTrigger } from "./trigger.ts";
import { parseDurationMs } from "../plan/duration.ts";

describe("triggers", () => {
  test("PySpark spellings", () => {
    expect(parseTrigger({ processingTime: "10 seconds" })).toEqual({ kind: "processingTime", intervalMs: 10_000 });
    expect(parseTrigger({ processingTime: "500 milliseconds" })).toEqual({ kind: "processingTime", intervalMs: 500 });
    expect(parseTrigger({ once: true })).toEqual({ kind: "once" });
    expect(parseTrigger({ availableNow: true })).toEqual({ kind: "availableNow" });
  });
  test("bad triggers fail with a code", () => {
    const code = (f: () => unknown) => { try { f(); } catch (e) { return (e as { code: string }).code; } return "none"; };
    expect(code(() => parseTrigger({}))).toBe("ONLY_ALLOW_SINGLE_TRIGGER");
    expect(code(() => parseTrigger({ once: true, availableNow: true }))).toBe("ONLY_ALLOW_SINGLE_TRIGGER");
    expect(code(() => parseTrigger({ processingTime: -5 }))).toBe("VALUE_NOT_NON_EMPTY_STR");
    expect(code(() => parseTrigger({ processingTime: "  " }))).toBe("VALUE_NOT_NON_EMPTY_STR");
    expect(code(() => parseTrigger({ availableNow: false }))).toBe("VALUE_NOT_TRUE");
    expect(code(() => parseTrigger("10 seconds"))).toBe("NOT_DICT");
    expect(code(() => parseTrigger({ processingTime: "ten seconds" }))).toBe("INVALID_INTERVAL_FORMAT.INVALID_UNIT");
  });
  test("real-time mode and continuous processing: an interval string without months, not negative", () => {
    expect(parseTrigger({ realTime: "5 minutes" })).toEqual({ kind: "realTime", batchDurationMs: 300_000 });
    expect(parseTrigger({ realTime: "10 seconds" })).toEqual({ kind: "realTime", batchDurationMs: 10_000 });
    expect(parseTrigger({ continuous: "1 second" })).toEqual({ kind: "continuous", intervalMs: 1000 });
    const error = (f: () => unknown) => { try { f(); } catch (e) { return [(e as { code: string }).code, (e as Error).message.split("\n")[0]]; } return []; };
    expect(error(() => parseTrigger({ realTime: 5000 }))).toEqual(["VALUE_NOT_NON_EMPTY_STR", "[VALUE_NOT_NON_EMPTY_STR] Value for `realTime` must be a non-empty string, got '5000'."]);
    expect(error(() => parseTrigger({ realTime: "1 month" }))).toEqual(["_LEGACY_ERROR_TEMP_3262", "Doesn't support month or year interval: 1 month"]);
    expect(error(() => parseTrigger({ continuous: "-1 second" }))[0]).toBe("INVALID_TRIGGER");
    expect(error(() => parseTrigger({ realTime: "5 minutes", once: true }))[0]).toBe("ONLY_ALLOW_SINGLE_TRIGGER");
  });
  test("processing time is aligned to multiples of the interval (Spark's nextBatchTime)", () => {
    expect(nextBatchTime(0, 1000)).toBe(1000);
    expect(nextBatchTime(999, 1000)).toBe(1000);
    expect(nextBatchTime(1000, 1000)).toBe(2000);
    expect(nextBatchTime(1234, 0)).toBe(1234);
  });
  test("durations", () => {
    expect(parseDurationMs("1 minute 30 seconds", "x")).toBe(90_000);
    expect(parseDurationMs("interval 2 hours", "x")).toBe(7_200_000);
    expect(parseDurationMs("5s", "x")).toBe(5000);
    expect(parseDurationMs("100 milliseconds", "x")).toBe(100);
  });
});
