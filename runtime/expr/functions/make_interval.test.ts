import { describe, expect, test } from "bun:test";
import { CalendarInterval } from "../../types/calendar_interval.ts";
import { DecimalType, INT, TIMESTAMP } from "../../types/data_type.ts";
import { bindFn, call, callLit, expectError, evaluate, lit, ref, typeOf } from "../expr_test_kit.ts";

describe("make_interval, make_dt_interval, make_ym_interval", () => {
  test("day-time and year-month intervals", () => {
    expect(call("make_dt_interval", [[0, INT], [0, INT], [0, INT], [5, INT]])).toBe(5000000);
    expect(call("make_dt_interval", [[1, INT], [2, INT], [3, INT], [4500000n, new DecimalType(18, 6)]])).toBe(93784500000);
    expect(typeOf("make_dt_interval", [[1, INT]])).toBe("interval day to second");
    expect(call("make_dt_interval", [[null, INT]])).toBe(null);
    expect(call("make_ym_interval", [[1, INT], [2, INT]])).toBe(14);
    expect(typeOf("make_ym_interval", [[1, INT]])).toBe("interval year to month");
    // IntervalUtils.makeYearMonthInterval / makeDayTimeInterval (Spark's interval.sql results)
    expectError(() => call("make_ym_interval", [[2147483647, INT], [0, INT]]), "INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION");
    expectError(() => call("make_dt_interval", [[2147483647, INT]]), "INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION");
  });

  test("calendar intervals, and adding one to a timestamp", () => {
    expect(callLit("make_interval", [[0, INT], [1, INT], [0, INT], [1, INT], [0, INT], [0, INT], [15n, new DecimalType(2, 1)]]))
      .toEqual(new CalendarInterval(1, 1, 1500000));
    expect(callLit("make_interval", [[1, INT], [2, INT], [1, INT]])).toEqual(new CalendarInterval(14, 7, 0));
    const iv = bindFn("make_interval", [lit(0, INT), lit(1, INT), lit(0, INT), lit(1, INT), lit(0, INT), lit(0, INT), lit(15n, new DecimalType(2, 1))]);
    const b = bindFn("add", [ref(0, TIMESTAMP), iv]);
    const ts = Date.parse("2024-01-15T10:30:45Z") * 1000 + 123456;
    expect(evaluate(b, [ts])).toBe(Date.parse("2024-02-16T10:30:46Z") * 1000 + 623456);
  });
});
