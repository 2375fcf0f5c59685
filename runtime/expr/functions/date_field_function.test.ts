import { describe, expect, test } from "bun:test";
import { DATE, INT, STRING, TIMESTAMP, TIMESTAMP_NTZ } from "../../types/data_type.ts";
import { stringToTimestamp } from "../datetime/string_to_timestamp.ts";
import { getTimeZone } from "../datetime/time_zone.ts";
import { call, errorOf } from "./datetime_test_kit.ts";
import { fn as day } from "./day.ts";
import { fn as dayofmonth } from "./dayofmonth.ts";
import { fn as dayofweek } from "./dayofweek.ts";
import { fn as dayofyear } from "./dayofyear.ts";
import { fn as hour } from "./hour.ts";
import { fn as minute } from "./minute.ts";
import { fn as month } from "./month.ts";
import { fn as quarter } from "./quarter.ts";
import { fn as second } from "./second.ts";
import { fn as weekofyear } from "./weekofyear.ts";
import { fn as year } from "./year.ts";

const ts = (s: string) => stringToTimestamp(s, getTimeZone("UTC"))!;
const LA = { timeZone: "America/Los_Angeles" };

// Expected values are PySpark 4.1.1 results.
describe("date fields", () => {
  test("strings are cast to DATE", () => {
    expect(call(year, [["2024-05-06 10:00", STRING]])).toBe(2024);
    expect(call(month, [["2024-05-06", STRING]])).toBe(5);
    expect(call(dayofweek, [["2024-05-06", STRING]])).toBe(2);
    expect(call(dayofyear, [["2024-12-31", STRING]])).toBe(366);
    expect(call(weekofyear, [["2024-12-30", STRING]])).toBe(1);
    expect(call(quarter, [["2024-05-06", STRING]])).toBe(2);
    expect(call(day, [["2024-05-06", STRING]])).toBe(6);
  });

  test("timestamps are read in the session time zone", () => {
    expect(call(dayofmonth, [[ts("2024-05-07 06:30:00"), TIMESTAMP]], LA)).toBe(6);
    expect(call(dayofmonth, [[ts("2024-05-07 06:30:00"), TIMESTAMP]])).toBe(7);
    expect(call(year, [[ts("2024-01-01 03:00:00"), TIMESTAMP]], { timeZone: "-05:00" })).toBe(2023);
    expect(call(month, [[ts("2024-01-31 23:30:00"), TIMESTAMP_NTZ]], LA)).toBe(1);
  });

  test("leap years and dates before 1970", () => {
    expect(call(dayofyear, [[-135081, DATE]])).toBe(60); // 1600-02-29
    expect(call(dayofweek, [[-135081, DATE]])).toBe(3);
    expect(call(weekofyear, [[-1, DATE]])).toBe(1); // 1969-12-31
    expect(call(weekofyear, [["2021-01-03", STRING]])).toBe(53);
    expect(call(year, [["-0044-03-15", STRING]])).toBe(-44);
    expect(call(quarter, [[-1, DATE]])).toBe(4);
  });

  test("nulls and errors", () => {
    expect(call(year, [[null, DATE]])).toBeNull();
    expect(call(year, [["abc", STRING]], { ansi: false })).toBeNull();
    const cast = errorOf(() => call(year, [["abc", STRING]]));
    expect(cast.bareMessage).toBe(`The value 'abc' of the type "STRING" cannot be cast to "DATE" because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead.`);
    const e = errorOf(() => call(year, [[1, INT]]));
    expect(e.message).toBe(`[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "year(1)" due to data type mismatch: The first parameter requires the "DATE" type, however "1" has the type "INT". SQLSTATE: 42K09`);
  });
});

describe("time fields", () => {
  test("in the session time zone, across DST", () => {
    expect(call(hour, [[ts("2024-03-10 10:00:00"), TIMESTAMP]], LA)).toBe(3);
    expect(call(hour, [[ts("2024-10-27 00:30:00"), TIMESTAMP]], { timeZone: "Europe/Paris" })).toBe(2);
    expect(call(hour, [[ts("2024-10-27 01:30:00"), TIMESTAMP]], { timeZone: "Europe/Paris" })).toBe(2);
    expect(call(hour, [[ts("2024-07-01 12:34:56"), TIMESTAMP]], { timeZone: "Asia/Kolkata" })).toBe(18);
    expect(call(minute, [[ts("2024-07-01 12:34:56"), TIMESTAMP]], { timeZone: "Asia/Kolkata" })).toBe(4);
    expect(call(hour, [[ts("2024-07-01 12:34:56"), TIMESTAMP_NTZ]], LA)).toBe(12);
  });

  test("strings and dates are cast to TIMESTAMP", () => {
    expect(call(hour, [[19723, DATE]])).toBe(0);
    expect(call(hour, [["2024-01-01 10:11:12", STRING]])).toBe(10);
    expect(call(minute, [["2024-01-01 10:11:12", STRING]])).toBe(11);
    expect(call(second, [["2024-01-01 10:11:12.9", STRING]])).toBe(12);
    expect(call(second, [[ts("1969-12-31 23:59:58.5"), TIMESTAMP]])).toBe(58);
  });

  test("nulls and errors", () => {
    expect(call(hour, [[null, TIMESTAMP]])).toBeNull();
    expect(errorOf(() => call(hour, [["abc", STRING]])).bareMessage).toContain(`cannot be cast to "TIMESTAMP"`);
    expect(errorOf(() => call(hour, [[1, INT]])).bareMessage)
      .toBe(`Cannot resolve "hour(1)" due to data type mismatch: The first parameter requires the "(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)" type, however "1" has the type "INT".`);
  });
});
