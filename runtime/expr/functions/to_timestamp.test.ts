import { describe, expect, test } from "bun:test";
import { BOOLEAN, DATE, DecimalType, DOUBLE, FLOAT, INT, LONG, STRING, TIMESTAMP, TIMESTAMP_NTZ } from "../../types/data_type.ts";
import { stringToTimestamp, stringToTimestampWithoutTimeZone } from "../datetime/string_to_timestamp.ts";
import { getTimeZone } from "../datetime/time_zone.ts";
import { timestampToString } from "../datetime/timestamp_to_string.ts";
import { call, errorOf } from "./datetime_test_kit.ts";
import { fn as date_format } from "./date_format.ts";
import { fn as from_unixtime } from "./from_unixtime.ts";
import { fn as to_date } from "./to_date.ts";
import { fn as to_timestamp } from "./to_timestamp.ts";
import { fn as unix_timestamp } from "./unix_timestamp.ts";

const LA = { timeZone: "America/Los_Angeles" };
const utc = getTimeZone("UTC");
const la = getTimeZone("America/Los_Angeles");
const ts = (s: string, zone = utc) => stringToTimestamp(s, zone)!;
const show = (v: unknown, zone = la) => (v === null ? null : timestampToString(v as number, zone));
const S = 1_000_000;

// Expected values are PySpark 4.1.1 results (session time zone as noted).
describe("to_timestamp", () => {
  test("one argument is a cast (America/Los_Angeles session)", () => {
    expect(show(call(to_timestamp, [["2024-03-10 02:30:00", STRING]], LA))).toBe("2024-03-10 03:30:00");
    expect(show(call(to_timestamp, [["2024-11-03 01:30:00", STRING]], LA))).toBe("2024-11-03 01:30:00");
    expect(call(to_timestamp, [[19723, DATE]], LA)).toBe(1704096000 * S);
    expect(call(to_timestamp, [[100, INT]])).toBe(100 * S);
    expect(call(to_timestamp, [[1.5, DOUBLE]])).toBe(1.5 * S);
    expect(call(to_timestamp, [[1.5, FLOAT]])).toBe(1.5 * S);
    expect(call(to_timestamp, [[150n, new DecimalType(10, 2)]])).toBe(1.5 * S);
    expect(call(to_timestamp, [[stringToTimestampWithoutTimeZone("2024-01-01 10:00:00"), TIMESTAMP_NTZ]], LA)).toBe(ts("2024-01-01 18:00:00"));
    expect(call(to_timestamp, [[null, STRING]])).toBeNull();
  });

  test("malformed strings: CAST_INVALID_INPUT under ANSI, null otherwise", () => {
    const e = errorOf(() => call(to_timestamp, [["abc", STRING]]));
    expect(e.code).toBe("CAST_INVALID_INPUT");
    expect(e.message).toBe(`[CAST_INVALID_INPUT] The value 'abc' of the type "STRING" cannot be cast to "TIMESTAMP" because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead. SQLSTATE: 22018`);
    expect(errorOf(() => call(to_timestamp, [[true, BOOLEAN]])).bareMessage).toContain("The value 'true' of the type \"STRING\"");
    expect(call(to_timestamp, [["abc", STRING]], { ansi: false })).toBeNull();
  });

  test("with a pattern", () => {
    expect(show(call(to_timestamp, [["2024-01-02 03:04:05.1", STRING], ["yyyy-MM-dd HH:mm:ss.SSS", STRING]]), utc)).toBe("2024-01-02 03:04:05.1");
    expect(show(call(to_timestamp, [["10:30 PM", STRING], ["hh:mm a", STRING]]), utc)).toBe("1970-01-01 22:30:00");
    expect(show(call(to_timestamp, [["2024-11-03 01:30:00", STRING], ["yyyy-MM-dd HH:mm:ss", STRING]], LA))).toBe("2024-11-03 01:30:00");
    expect(call(to_timestamp, [["2024-01-02T03:04:05+02:00", STRING], ["yyyy-MM-dd'T'HH:mm:ssXXX", STRING]], LA)).toBe(ts("2024-01-02 01:04:05"));
    expect(call(to_timestamp, [[19723, DATE], ["yyyy", STRING]])).toBe(1704067200 * S);
    expect(call(to_timestamp, [[null, STRING], ["yyyy", STRING]])).toBeNull();
    expect(call(to_timestamp, [["2024", STRING], [null, STRING]])).toBeNull();
  });

  test("parse failures: CANNOT_PARSE_TIMESTAMP under ANSI, null otherwise", () => {
    const e = errorOf(() => call(to_timestamp, [["abc", STRING], ["yyyy-MM-dd", STRING]]));
    expect(e.code).toBe("CANNOT_PARSE_TIMESTAMP");
    expect(e.message).toBe("[CANNOT_PARSE_TIMESTAMP] Text 'abc' could not be parsed at index 0. Use `try_to_timestamp` to tolerate invalid input string and return NULL instead. SQLSTATE: 22007");
    expect(errorOf(() => call(to_timestamp, [["2024-01-01 10:00:00", STRING], [123, INT]])).bareMessage)
      .toBe("Text '2024-01-01 10:00:00' could not be parsed at index 0. Use `try_to_timestamp` to tolerate invalid input string and return NULL instead.");
    expect(call(to_timestamp, [["2024-02-30", STRING], ["yyyy-MM-dd", STRING]], { ansi: false })).toBeNull();
  });

  test("bad patterns fail at bind time", () => {
    expect(errorOf(() => call(to_timestamp, [["x", STRING], ["EEE yyyy", STRING]])).code).toBe("INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION");
  });
});

describe("to_date", () => {
  test("cast forms and time zones", () => {
    expect(call(to_date, [["2024-05-06 10:00", STRING]])).toBe(19849);
    expect(call(to_date, [[ts("2024-01-06 06:00:00"), TIMESTAMP]], LA)).toBe(19727);
    expect(call(to_date, [[ts("2024-01-06 06:00:00"), TIMESTAMP]], { timeZone: "+02:00" })).toBe(19728);
    expect(call(to_date, [["2024-01-05 10:00:00", STRING], ["yyyy-MM-dd HH:mm:ss", STRING]])).toBe(19727);
    expect(call(to_date, [["-0044-03-15", STRING]])).toBe(-735525);
    expect(call(to_date, [[null, STRING]])).toBeNull();
  });

  test("errors", () => {
    const e = errorOf(() => call(to_date, [[1, INT]]));
    expect(e.bareMessage).toBe(`The value '1' of the type "STRING" cannot be cast to "DATE" because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead.`);
    expect(errorOf(() => call(to_date, [["2024-13-01", STRING], ["yyyy-MM-dd", STRING]])).bareMessage)
      .toBe("Text '2024-13-01' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13. Use `try_to_date` to tolerate invalid input string and return NULL instead.");
  });
});

describe("unix_timestamp / from_unixtime", () => {
  test("strings with the default pattern, DST and LMT (America/Los_Angeles)", () => {
    expect(call(unix_timestamp, [["2024-11-03 01:30:00", STRING]], LA)).toBe(1730622600);
    expect(call(unix_timestamp, [["2024-03-10 02:30:00", STRING]], LA)).toBe(1710066600);
    expect(call(unix_timestamp, [["1850-01-01 00:00:00", STRING]], LA)).toBe(-3786797222);
    expect(call(unix_timestamp, [["2024-01-01", STRING], ["yyyy-MM-dd", STRING]], LA)).toBe(1704096000);
    expect(call(unix_timestamp, [[19723, DATE]], LA)).toBe(1704096000);
  });

  test("timestamps round toward zero, like Spark", () => {
    expect(call(unix_timestamp, [[ts("1969-12-31 23:59:59.5"), TIMESTAMP]])).toBe(0);
    expect(call(unix_timestamp, [[ts("2024-01-01 00:00:00.9"), TIMESTAMP]])).toBe(1704067200);
    expect(call(unix_timestamp, [[-1, DATE]])).toBe(-86400);
    expect(call(unix_timestamp, [[null, TIMESTAMP]])).toBeNull();
  });

  test("no argument reads the batch timestamp", () => {
    const batch = { scratch: new Map(), batchTimestampMicros: 1_700_000_000_500_000, partitionIndex: 0 };
    expect(call(unix_timestamp, [], { batch })).toBe(1_700_000_000);
  });

  test("parse errors", () => {
    expect(errorOf(() => call(unix_timestamp, [["2024-01-01 10:00:00.123", STRING]])).bareMessage)
      .toBe("Text '2024-01-01 10:00:00.123' could not be parsed, unparsed text found at index 19. Use `try_to_timestamp` to tolerate invalid input string and return NULL instead.");
    expect(call(unix_timestamp, [["abc", STRING]], { ansi: false })).toBeNull();
  });

  test("from_unixtime", () => {
    expect(call(from_unixtime, [[0, LONG]], LA)).toBe("1969-12-31 16:00:00");
    expect(call(from_unixtime, [[0, LONG], ["yyyy-MM-dd", STRING]], LA)).toBe("1969-12-31");
    expect(call(from_unixtime, [[1.9, DOUBLE]], LA)).toBe("1969-12-31 16:00:01");
    expect(call(from_unixtime, [["100", STRING]], LA)).toBe("1969-12-31 16:01:40");
    expect(call(from_unixtime, [[-1, LONG]])).toBe("1969-12-31 23:59:59");
    expect(call(from_unixtime, [[null, LONG]])).toBeNull();
  });
});

describe("date_format", () => {
  test("timestamps, dates and NTZ in the session zone", () => {
    expect(call(date_format, [[ts("2024-03-10 10:00:00"), TIMESTAMP], ["yyyy-MM-dd HH:mm z XXX", STRING]], LA)).toBe("2024-03-10 03:00 PDT -07:00");
    expect(call(date_format, [[19849, DATE], ["yyyy-MM-dd HH:mm z", STRING]], LA)).toBe("2024-05-06 00:00 PDT");
    expect(call(date_format, [[stringToTimestampWithoutTimeZone("2024-05-06 10:00:00"), TIMESTAMP_NTZ], ["yyyy-MM-dd HH:mm z", STRING]], LA)).toBe("2024-05-06 10:00 PDT");
    expect(call(date_format, [["2024-03-10 10:00", STRING], ["yyyy/MM/dd HH:mm", STRING]])).toBe("2024/03/10 10:00");
    expect(call(date_format, [[ts("2024-07-01 12:00:00"), TIMESTAMP], ["HH:mm xxx", STRING]], { timeZone: "+05:30" })).toBe("17:30 +05:30");
    expect(call(date_format, [[null, TIMESTAMP], ["yyyy", STRING]])).toBeNull();
    expect(call(date_format, [[0, TIMESTAMP], [null, STRING]])).toBeNull();
  });

  test("type and pattern errors", () => {
    const e = errorOf(() => call(date_format, [[1, INT], ["yyyy", STRING]]));
    expect(e.code).toBe("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    expect(e.bareMessage).toBe(`Cannot resolve "date_format(1, yyyy)" due to data type mismatch: The first parameter requires the "TIMESTAMP" type, however "1" has the type "INT".`);
    expect(errorOf(() => call(date_format, [[0, TIMESTAMP], ["yyyy-MM-dd B", STRING]])).code).toBe("INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER");
  });
});
