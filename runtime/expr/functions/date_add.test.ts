import { describe, expect, test } from "bun:test";
import { DATE, DecimalType, INT, LONG, STRING, TIMESTAMP } from "../../types/data_type.ts";
import { stringToTimestamp } from "../datetime/string_to_timestamp.ts";
import { getTimeZone } from "../datetime/time_zone.ts";
import { dateToString, timestampToString } from "../datetime/timestamp_to_string.ts";
import { call, errorOf } from "./datetime_test_kit.ts";
import { fn as add_months } from "./add_months.ts";
import { fn as date_add } from "./date_add.ts";
import { fn as date_sub } from "./date_sub.ts";
import { fn as date_trunc } from "./date_trunc.ts";
import { fn as datediff } from "./datediff.ts";
import { fn as last_day } from "./last_day.ts";
import { fn as trunc } from "./trunc.ts";

const utc = getTimeZone("UTC");
const la = getTimeZone("America/Los_Angeles");
const LA = { timeZone: "America/Los_Angeles" };
const d = (v: unknown) => (v === null ? null : dateToString(v as number));
const lat = (s: string) => stringToTimestamp(s, la)!;

// Expected values are PySpark 4.1.1 results (America/Los_Angeles session where noted).
describe("date arithmetic", () => {
  test("date_add / date_sub", () => {
    expect(d(call(date_add, [["2024-01-31", STRING], [1, INT]]))).toBe("2024-02-01");
    expect(d(call(date_sub, [[19783, DATE], [1, INT]]))).toBe("2024-02-29"); // 2024-03-01
    expect(d(call(date_add, [[lat("2024-01-31 23:00:00"), TIMESTAMP], [1, INT]], LA))).toBe("2024-02-01");
    expect(d(call(date_add, [[19753, DATE], ["2", STRING]]))).toBe("2024-02-02");
    expect(d(call(date_add, [[-1, DATE], [-365, INT]]))).toBe("1968-12-31");
    expect(call(date_add, [[null, DATE], [1, INT]])).toBeNull();
    expect(call(date_add, [[19753, DATE], [null, INT]])).toBeNull();
  });

  test("date_add type errors", () => {
    expect(errorOf(() => call(date_add, [[19753, DATE], [15n, new DecimalType(2, 1)]])).bareMessage)
      .toBe(`Cannot resolve "date_add(19753, 15)" due to data type mismatch: The second parameter requires the ("INT" or "SMALLINT" or "TINYINT") type, however "15" has the type "DECIMAL(2,1)".`);
    expect(errorOf(() => call(date_add, [[19753, DATE], [1, LONG]])).code).toBe("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    expect(errorOf(() => call(date_add, [[1, INT], [1, INT]])).bareMessage).toContain(`The first parameter requires the "DATE" type`);
  });

  test("datediff, add_months, last_day", () => {
    expect(call(datediff, [["2024-03-01", STRING], ["2024-02-01", STRING]])).toBe(29);
    expect(call(datediff, [[lat("2024-03-01 01:00:00"), TIMESTAMP], [19754, DATE]], LA)).toBe(29);
    expect(d(call(add_months, [["2024-01-31", STRING], [1, INT]]))).toBe("2024-02-29");
    expect(d(call(add_months, [[19782, DATE], [12, INT]]))).toBe("2025-02-28"); // 2024-02-29
    expect(d(call(add_months, [[19753, DATE], [-1, INT]]))).toBe("2023-12-31");
    expect(d(call(add_months, [["1969-01-31", STRING], [-13, INT]]))).toBe("1967-12-31");
    expect(d(call(last_day, [["2024-02-10", STRING]]))).toBe("2024-02-29");
    expect(d(call(last_day, [["2023-02-10", STRING]]))).toBe("2023-02-28");
    expect(d(call(last_day, [[lat("2024-04-30 23:00:00"), TIMESTAMP]], LA))).toBe("2024-04-30");
    expect(call(last_day, [[null, DATE]])).toBeNull();
  });
});

describe("truncation", () => {
  const t = lat("2024-05-06 10:11:12.345678");
  const trunc2 = (unit: string, v = t) => {
    const r = call(date_trunc, [[unit, STRING], [v, TIMESTAMP]], LA);
    return r === null ? null : timestampToString(r as number, utc);
  };

  test("date_trunc in America/Los_Angeles", () => {
    expect(trunc2("YEAR")).toBe("2024-01-01 08:00:00");
    expect(trunc2("quarter")).toBe("2024-04-01 07:00:00");
    expect(trunc2("MM")).toBe("2024-05-01 07:00:00");
    expect(trunc2("week", lat("2024-05-08 10:11:12"))).toBe("2024-05-06 07:00:00");
    expect(trunc2("day")).toBe("2024-05-06 07:00:00");
    expect(trunc2("hour")).toBe("2024-05-06 17:00:00");
    expect(trunc2("minute")).toBe("2024-05-06 17:11:00");
    expect(trunc2("second")).toBe("2024-05-06 17:11:12");
    expect(trunc2("millisecond")).toBe("2024-05-06 17:11:12.345");
    expect(trunc2("microsecond")).toBe("2024-05-06 17:11:12.345678");
    expect(trunc2("bogus")).toBeNull();
    expect(call(date_trunc, [["YEAR", STRING], [null, TIMESTAMP]])).toBeNull();
  });

  test("date_trunc keeps the offset inside a DST overlap (java ZonedDateTime.truncatedTo)", () => {
    const second130 = 1730626200 * 1_000_000; // 2024-11-03 01:30 PST, the second 01:30
    expect(call(date_trunc, [["hour", STRING], [second130, TIMESTAMP]], LA)).toBe(1730624400 * 1_000_000);
    expect(call(date_trunc, [["minute", STRING], [-1, TIMESTAMP]])).toBe(-60_000_000);
  });

  test("trunc on dates", () => {
    expect(d(call(trunc, [[19849, DATE], ["YEAR", STRING]]))).toBe("2024-01-01");
    expect(call(trunc, [["2024-05-06", STRING], ["Q", STRING]])).toBeNull();
    expect(d(call(trunc, [[19849, DATE], ["quarter", STRING]]))).toBe("2024-04-01");
    expect(d(call(trunc, [[19849, DATE], ["MON", STRING]]))).toBe("2024-05-01");
    expect(d(call(trunc, [[19851, DATE], ["WEEK", STRING]]))).toBe("2024-05-06");
    expect(call(trunc, [[19851, DATE], ["DD", STRING]])).toBeNull();
    expect(d(call(trunc, [[lat("2024-05-08 10:00:00"), TIMESTAMP], ["MM", STRING]], LA))).toBe("2024-05-01");
    expect(d(call(trunc, [[-1, DATE], ["YY", STRING]]))).toBe("1969-01-01");
  });
});
