import { describe, expect, test } from "bun:test";
import { DATE, DecimalType, DOUBLE, INT, LONG, STRING, TIMESTAMP } from "../../types/data_type.ts";
import { stringToTimestamp } from "../datetime/string_to_timestamp.ts";
import { getTimeZone } from "../datetime/time_zone.ts";
import { bindContext, call, compile, errorOf } from "./datetime_test_kit.ts";
import { fn as current_date } from "./current_date.ts";
import { fn as current_timestamp } from "./current_timestamp.ts";
import { fn as date_from_unix_date } from "./date_from_unix_date.ts";
import { fn as now } from "./now.ts";
import { fn as timestamp_micros } from "./timestamp_micros.ts";
import { fn as timestamp_millis } from "./timestamp_millis.ts";
import { fn as timestamp_seconds } from "./timestamp_seconds.ts";
import { fn as unix_date } from "./unix_date.ts";
import { fn as unix_micros } from "./unix_micros.ts";
import { fn as unix_millis } from "./unix_millis.ts";
import { fn as unix_seconds } from "./unix_seconds.ts";

const S = 1_000_000;
const la = getTimeZone("America/Los_Angeles");

describe("current_timestamp / now / current_date", () => {
  test("constant within a batch, follows the batch timestamp, not foldable", () => {
    const batch = { scratch: new Map(), batchTimestampMicros: 1_704_096_000 * S - 1, partitionIndex: 0 };
    const f = compile(current_timestamp, [], { batch });
    expect(f([])).toBe(batch.batchTimestampMicros);
    expect(f([])).toBe(batch.batchTimestampMicros);
    batch.batchTimestampMicros += 5 * S;
    expect(f([])).toBe(1_704_096_005 * S - 1);
    expect(current_timestamp.bind([], bindContext(current_timestamp, [])).deterministic).toBe(false);
    expect(now.name).toBe("now");
    expect(compile(now, [], { batch })([])).toBe(batch.batchTimestampMicros);
  });

  test("current_date is the batch timestamp's date in the session zone", () => {
    const batch = { scratch: new Map(), batchTimestampMicros: 1_704_096_000 * S - 1, partitionIndex: 0 }; // 2024-01-01 07:59:59.999999 UTC
    expect(call(current_date, [], { batch })).toBe(19723);
    expect(call(current_date, [], { batch, timeZone: "America/Los_Angeles" })).toBe(19722);
    expect(call(current_date, [], { batch, timeZone: "+09:00" })).toBe(19723);
    expect(current_date.aliases).toContain("curdate");
  });
});

// Expected values are PySpark 4.1.1 results.
describe("epoch conversions", () => {
  test("timestamp_seconds / millis / micros", () => {
    expect(call(timestamp_seconds, [[1.5, DOUBLE]])).toBe(1.5 * S);
    expect(call(timestamp_seconds, [[100, INT]])).toBe(100 * S);
    expect(call(timestamp_seconds, [[-150n, new DecimalType(5, 2)]])).toBe(-1.5 * S);
    expect(call(timestamp_seconds, [[NaN, DOUBLE]])).toBeNull();
    expect(call(timestamp_seconds, [[null, LONG]])).toBeNull();
    expect(call(timestamp_millis, [[1500, LONG]])).toBe(1.5 * S);
    expect(call(timestamp_micros, [[-1, LONG]])).toBe(-1);
    expect(errorOf(() => call(timestamp_millis, [[1.5, DOUBLE]])).bareMessage).toContain(`requires the "INTEGRAL" type`);
    expect(errorOf(() => call(timestamp_seconds, [[19723, DATE]])).bareMessage).toContain(`requires the "NUMERIC" type`);
  });

  test("unix_seconds / millis / micros round down", () => {
    const t = stringToTimestamp("2024-01-01 00:00:00.123456", la)!;
    expect(call(unix_millis, [[t, TIMESTAMP]])).toBe(1704096000123);
    expect(call(unix_micros, [[t, TIMESTAMP]])).toBe(1704096000123456);
    expect(call(unix_seconds, [[stringToTimestamp("1969-12-31 23:59:59.5", la)!, TIMESTAMP]])).toBe(28799);
    expect(call(unix_seconds, [[-1, TIMESTAMP]])).toBe(-1);
    expect(errorOf(() => call(unix_millis, [["1970-01-01 00:00:01", STRING]])).bareMessage).toContain(`requires the "TIMESTAMP" type`);
    expect(call(unix_seconds, [[null, TIMESTAMP]])).toBeNull();
  });

  test("unix_date / date_from_unix_date", () => {
    expect(call(unix_date, [[19723, DATE]])).toBe(19723);
    expect(call(unix_date, [["1969-12-31", STRING]])).toBe(-1);
    expect(call(date_from_unix_date, [[-1, INT]])).toBe(-1);
  });
});
