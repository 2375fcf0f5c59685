import { describe, expect, test } from "bun:test";
import { stringToDate } from "./string_to_date.ts";
import { stringToTimestamp, stringToTimestampWithoutTimeZone } from "./string_to_timestamp.ts";
import { getTimeZone } from "./time_zone.ts";
import { dateToString, timestampNTZToString, timestampToString } from "./timestamp_to_string.ts";

const utc = getTimeZone("UTC");

// [input, CAST AS TIMESTAMP (UTC session), CAST AS DATE, CAST AS TIMESTAMP_NTZ] from PySpark 4.1.1.
const CASES: [string, string | null, string | null, string | null][] = [
  ["2024-01-01", "2024-01-01 00:00:00", "2024-01-01", "2024-01-01 00:00:00"],
  ["2024-01-01 10:00", "2024-01-01 10:00:00", "2024-01-01", "2024-01-01 10:00:00"],
  ["2024-01-01T10:00:00.123456Z", "2024-01-01 10:00:00.123456", "2024-01-01", "2024-01-01 10:00:00.123456"],
  ["2024-01-01 10:00:00+02:00", "2024-01-01 08:00:00", "2024-01-01", "2024-01-01 10:00:00"],
  ["2024-01-01 10:00:00 +02:00", "2024-01-01 08:00:00", "2024-01-01", "2024-01-01 10:00:00"],
  ["2024-01-01T10:00:00 America/Los_Angeles", "2024-01-01 18:00:00", "2024-01-01", "2024-01-01 10:00:00"],
  ["2024-01-01 10:00:00 PST", "2024-01-01 18:00:00", "2024-01-01", "2024-01-01 10:00:00"],
  ["2024-01-01 10:00:00UTC+1", "2024-01-01 09:00:00", "2024-01-01", "2024-01-01 10:00:00"],
  ["2024-01-01 10:00:00 GMT-05:30", "2024-01-01 15:30:00", "2024-01-01", "2024-01-01 10:00:00"],
  ["2024", "2024-01-01 00:00:00", "2024-01-01", "2024-01-01 00:00:00"],
  ["2024-1", "2024-01-01 00:00:00", "2024-01-01", "2024-01-01 00:00:00"],
  ["2024-1-5 1:2:3", "2024-01-05 01:02:03", "2024-01-05", "2024-01-05 01:02:03"],
  [" 2024-01-01 ", "2024-01-01 00:00:00", "2024-01-01", "2024-01-01 00:00:00"],
  ["2024-01-01 10:00:00.1234567", "2024-01-01 10:00:00.123456", "2024-01-01", "2024-01-01 10:00:00.123456"],
  ["-0044-03-15", "-0044-03-15 00:00:00", "-0044-03-15", "-0044-03-15 00:00:00"],
  ["+10000-01-01", "+10000-01-01 00:00:00", "+10000-01-01", "+10000-01-01 00:00:00"],
  ["2024-02-30", null, null, null],
  ["2024-01-01 24:00:00", null, "2024-01-01", null],
  ["2024-01-01T", null, "2024-01-01", null],
  ["2024-01-01 ", "2024-01-01 00:00:00", "2024-01-01", "2024-01-01 00:00:00"],
  ["2024-01-01 10", "2024-01-01 10:00:00", "2024-01-01", "2024-01-01 10:00:00"],
  ["2024-01-01 10:00Z", null, "2024-01-01", null],
  ["20240101", null, null, null],
  ["2024-01-01 10:00:00Z junk", null, "2024-01-01", null],
  ["2024-01-01 10:00:00 +2:00", "2024-01-01 08:00:00", "2024-01-01", "2024-01-01 10:00:00"],
  ["2024-01-01 10:00:00+0200", "2024-01-01 08:00:00", "2024-01-01", "2024-01-01 10:00:00"],
  ["2024-01-01 10:00:00 Europe/Nowhere", null, "2024-01-01", null],
  ["2024-01-01 10:00:00.", "2024-01-01 10:00:00", "2024-01-01", "2024-01-01 10:00:00"],
  ["1969-12-31 23:59:59.999999", "1969-12-31 23:59:59.999999", "1969-12-31", "1969-12-31 23:59:59.999999"],
  ["2024-13-01", null, null, null],
  ["", null, null, null],
  ["abc", null, null, null],
];

describe("Spark's lenient string -> timestamp/date", () => {
  for (const [s, ts, date, ntz] of CASES) {
    test(JSON.stringify(s), () => {
      const t = stringToTimestamp(s, utc);
      expect(t === null ? null : timestampToString(t, utc)).toBe(ts);
      const d = stringToDate(s);
      expect(d === null ? null : dateToString(d)).toBe(date);
      const n = stringToTimestampWithoutTimeZone(s);
      expect(n === null ? null : timestampNTZToString(n)).toBe(ntz);
    });
  }

  test("the session zone applies when the text has none", () => {
    const la = getTimeZone("America/Los_Angeles");
    expect(stringToTimestamp("2024-01-01 00:00:00", la)).toBe(1704096000 * 1_000_000);
    expect(timestampToString(stringToTimestamp("2024-03-10 02:30:00", la)!, la)).toBe("2024-03-10 03:30:00");
  });

  test("time-only strings take today's date", () => {
    const t = stringToTimestamp("10:11:12", utc)!;
    expect(timestampToString(t, utc).slice(11)).toBe("10:11:12");
    expect(stringToTimestampWithoutTimeZone("10:11:12")).toBeNull();
  });
});
