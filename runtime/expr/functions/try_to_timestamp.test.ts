import { describe, expect, test } from "bun:test";
import { BOOLEAN, DATE, DOUBLE, INT, STRING } from "../../types/data_type.ts";
import { stringToTimestamp } from "../datetime/string_to_timestamp.ts";
import { getTimeZone } from "../datetime/time_zone.ts";
import { call, errorOf } from "./datetime_test_kit.ts";
import { fn as try_to_timestamp } from "./try_to_timestamp.ts";

const ts = (s: string) => stringToTimestamp(s, getTimeZone("UTC"));
const S = 1_000_000;

// Expected values are PySpark 4.1.1 results (UTC session, ANSI on).
describe("try_to_timestamp", () => {
  test("NULL for input that does not parse, with or without a pattern", () => {
    expect(call(try_to_timestamp, [["bad", STRING]])).toBeNull();
    expect(call(try_to_timestamp, [["2024-01-15 10:30:45", STRING], ["yyyy-MM-dd", STRING]])).toBeNull();
    expect(call(try_to_timestamp, [["2024-13-01 10:00:00", STRING], ["yyyy-MM-dd HH:mm:ss", STRING]])).toBeNull();
    expect(call(try_to_timestamp, [[true, BOOLEAN]])).toBeNull();
  });
  test("values that parse are to_timestamp's", () => {
    expect(call(try_to_timestamp, [["2024-01-15 10:30:45", STRING]])).toBe(ts("2024-01-15 10:30:45"));
    expect(call(try_to_timestamp, [["2024-01-01 10:00:00", STRING], ["yyyy-MM-dd HH:mm:ss", STRING]])).toBe(ts("2024-01-01 10:00:00"));
    expect(call(try_to_timestamp, [[1, INT]])).toBe(1 * S);
    expect(call(try_to_timestamp, [[1.5, DOUBLE]])).toBe(1.5 * S);
    expect(call(try_to_timestamp, [[19737, DATE]])).toBe(ts("2024-01-15 00:00:00"));
  });
  test("an invalid pattern still fails", () => {
    expect(errorOf(() => call(try_to_timestamp, [["x", STRING], ["bad pattern q", STRING]])).code)
      .toBe("INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN");
  });
});
