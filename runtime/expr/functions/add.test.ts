import { describe, expect, test } from "bun:test";
import { CalendarInterval } from "../../types/calendar_interval.ts";
import {
  BOOLEAN, BYTE, DATE, DayTimeIntervalType, DecimalType, DOUBLE, FLOAT, INT, LONG, NULL, SHORT, STRING, TIMESTAMP,
  TIMESTAMP_NTZ, YearMonthIntervalType, CALENDAR_INTERVAL,
} from "../../types/data_type.ts";
import { bindFn, call, callLit, expectError, lit, ref, typeOf } from "../expr_test_kit.ts";

const D = (p: number, s: number) => new DecimalType(p, s);
const DAY = new DayTimeIntervalType(0, 0), DAY_SECOND = new DayTimeIntervalType(0, 3), HOUR = new DayTimeIntervalType(1, 1);
const MONTH = new YearMonthIntervalType(1, 1), YEAR_MONTH = new YearMonthIntervalType(0, 1);
const ts = (s: string) => Date.parse(s + "Z") * 1000;
const day = (s: string) => Date.parse(s + "T00:00:00Z") / 86400000;

describe("add", () => {
  test("integers, with ANSI overflow errors", () => {
    expect(call("add", [[1, INT], [2, INT]])).toBe(3);
    expect(typeOf("add", [[1, INT], [2, LONG]])).toBe("bigint");
    expectError(() => call("add", [[2147483647, INT], [1, INT]]), "ARITHMETIC_OVERFLOW",
      `[ARITHMETIC_OVERFLOW] integer overflow. Use 'try_add' to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22003`);
    expectError(() => call("add", [[9223372036854775807n, LONG], [1, LONG]]), "ARITHMETIC_OVERFLOW",
      `[ARITHMETIC_OVERFLOW] long overflow. Use 'try_add' to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22003`);
    expectError(() => call("add", [[127, BYTE], [1, BYTE]]), "BINARY_ARITHMETIC_OVERFLOW",
      "[BINARY_ARITHMETIC_OVERFLOW] 127S + 1S caused overflow. Use `try_add` to ignore overflow problem and return NULL. SQLSTATE: 22003");
    expect(call("add", [[2147483647, INT], [1, INT]], { ansi: false })).toBe(-2147483648);
    expect(call("add", [[9007199254740991, LONG], [2, LONG]])).toBe(9007199254740993n);
    expect(call("add", [[-9223372036854775000n, LONG], [-100, LONG]])).toBe(-9223372036854775100n);
  });

  test("nulls", () => {
    expect(call("add", [[null, INT], [2, INT]])).toBe(null);
    expect(typeOf("add", [[null, NULL], [2, INT]])).toBe("int");
    expect(typeOf("add", [[null, NULL], [null, NULL]])).toBe("double");
  });

  test("doubles and floats", () => {
    expect(call("add", [[0.1, DOUBLE], [0.2, DOUBLE]])).toBe(0.30000000000000004);
    expect(call("add", [[1e308, DOUBLE], [1e308, DOUBLE]])).toBe(Infinity);
    expect(call("add", [[Math.fround(0.1), FLOAT], [Math.fround(0.2), FLOAT]])).toBe(Math.fround(0.3));
    expect(typeOf("add", [[1, INT], [Math.fround(1.5), FLOAT]])).toBe("double");
  });

  test("decimals: result type and HALF_UP rounding", () => {
    expect(typeOf("add", [[110n, D(3, 2)], [2205n, D(4, 3)]])).toBe("decimal(5,3)");
    expect(call("add", [[110n, D(3, 2)], [2205n, D(4, 3)]])).toBe(3305n);
    // An integral literal takes only the digits it needs: 1 + 1.5 is decimal(3,1).
    expect(bindFn("add", [lit(1, INT), ref(0, D(2, 1))]).type.simpleString()).toBe("decimal(3,1)");
    expect(bindFn("add", [lit(1, INT), ref(0, D(10, 2))]).type.simpleString()).toBe("decimal(11,2)");
    expect(typeOf("add", [[1, INT], [150n, D(10, 2)]])).toBe("decimal(13,2)");
    expect(typeOf("add", [[1, LONG], [150n, D(10, 2)]])).toBe("decimal(23,2)");
    expectError(() => call("add", [[99999999999999999999999999999999999999n, D(38, 0)], [1n, D(1, 0)]]),
      "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
      `[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION]  100000000000000000000000000000000000000 cannot be represented as Decimal(38, 0). If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error, and return NULL instead. SQLSTATE: 22003`);
    expect(typeOf("add", [[1n, D(38, 10)], [1n, D(38, 10)]])).toBe("decimal(38,9)");
  });

  test("string promotion: string + int is bigint, string + decimal is double", () => {
    expect(typeOf("add", [["1", STRING], [1, INT]])).toBe("bigint");
    expect(call("add", [["1", STRING], [1, INT]])).toBe(2);
    expect(call("add", [["1", STRING], [15n, D(2, 1)]])).toBe(2.5);
    expectError(() => call("add", [["1.5", STRING], [1, INT]]), "CAST_INVALID_INPUT",
      `[CAST_INVALID_INPUT] The value '1.5' of the type "STRING" cannot be cast to "BIGINT" because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead. SQLSTATE: 22018`);
    expectError(() => call("add", [["1", STRING], ["2", STRING]], { sql: "(1 + 2)" }), "DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE",
      `[DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE] Cannot resolve "(1 + 2)" due to data type mismatch: the binary operator requires the input type ("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL"), not "STRING". SQLSTATE: 42K09`);
  });

  test("with ANSI off strings are added as doubles and overflow wraps (legacy rules)", () => {
    expect(typeOf("add", [["1.5", STRING], [1, INT]], { ansi: false })).toBe("double");
    expect(call("add", [["1.5", STRING], [1, INT]], { ansi: false })).toBe(2.5);
    expect(call("add", [["abc", STRING], [1, INT]], { ansi: false })).toBe(null);
    expect(call("add", [[9223372036854775807n, LONG], [1, LONG]], { ansi: false })).toBe(-9223372036854775808n);
    expect(call("add", [[127, BYTE], [1, BYTE]], { ansi: false })).toBe(-128);
    expect(call("add", [[99999999999999999999999999999999999999n, D(38, 0)], [1n, D(1, 0)]], { ansi: false })).toBe(null);
  });

  test("type mismatch", () => {
    expectError(() => call("add", [[1, INT], [true, BOOLEAN]], { sql: "(1 + true)" }), "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
      `[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve "(1 + true)" due to data type mismatch: the left and right operands of the binary operator have incompatible types ("INT" and "BOOLEAN"). SQLSTATE: 42K09`);
  });

  test("dates and timestamps", () => {
    expect(call("add", [[day("2024-01-01"), DATE], [1, INT]])).toBe(day("2024-01-02"));
    expect(call("add", [[1, INT], [day("2024-01-01"), DATE]])).toBe(day("2024-01-02"));
    expect(typeOf("add", [[day("2024-01-01"), DATE], [86400000000, DAY]])).toBe("date");
    expect(call("add", [[day("2024-01-01"), DATE], [3600000000, HOUR]])).toBe(ts("2024-01-01T01:00:00"));
    expect(call("add", [[day("2024-01-31"), DATE], [1, MONTH]])).toBe(day("2024-02-29"));
    expect(call("add", [[day("2024-01-01"), DATE], [14, YEAR_MONTH]])).toBe(day("2025-03-01"));
    expect(call("add", [[ts("2024-01-31T00:00:00"), TIMESTAMP], [1, MONTH]])).toBe(ts("2024-02-29T00:00:00"));
    expect(call("add", [[ts("2024-01-01T00:00:00"), TIMESTAMP], [86400000000, DAY]])).toBe(ts("2024-01-02T00:00:00"));
    expect(call("add", [[ts("2024-01-01T00:00:00"), TIMESTAMP_NTZ], [86400000000, DAY]])).toBe(ts("2024-01-02T00:00:00"));
    expect(call("add", [[ts("2024-01-01T00:00:00"), TIMESTAMP], [new CalendarInterval(1, 2, 3), CALENDAR_INTERVAL]]))
      .toBe(ts("2024-02-03T00:00:00") + 3);
    expect(call("add", [["2024-01-01", STRING], [86400000000, DAY]])).toBe("2024-01-02 00:00:00");
    expectError(() => call("add", [[day("2024-01-01"), DATE], [1, LONG]], { argSql: ["DATE '2024-01-01'", "1"] }),
      "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
      `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "date_add(DATE '2024-01-01', 1)" due to data type mismatch: The second parameter requires the ("INT" or "SMALLINT" or "TINYINT") type, however "1" has the type "BIGINT". SQLSTATE: 42K09`);
    expectError(() => call("add", [[day("2024-01-01"), DATE], ["1", STRING]]), "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    expectError(() => call("add", [[86400000000, DAY], [1, MONTH]], { argSql: ["INTERVAL '1' DAY", "INTERVAL '1' MONTH"] }),
      "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
      `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "INTERVAL '1' MONTH + INTERVAL '1' DAY" due to data type mismatch: The first parameter requires the "(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)" type, however "INTERVAL '1' MONTH" has the type "INTERVAL MONTH". SQLSTATE: 42K09`);
  });

  test("timestamp plus months in the session time zone", () => {
    // 2024-03-09 12:00 in Los Angeles (PST) + 1 day: same wall-clock time after the DST change.
    const t = ts("2024-03-09T20:00:00");
    expect(call("add", [[t, TIMESTAMP], [86400000000, DAY]], { timeZone: "America/Los_Angeles" })).toBe(ts("2024-03-10T19:00:00"));
    expect(call("add", [[t, TIMESTAMP], [86400000000, DAY]], { timeZone: "UTC" })).toBe(ts("2024-03-10T20:00:00"));
  });

  test("intervals", () => {
    expect(typeOf("add", [[1, DAY], [2, HOUR]])).toBe("interval day to hour");
    expect(call("add", [[86400000000, DAY], [7200000000, HOUR]])).toBe(93600000000);
    expect(typeOf("add", [[1, MONTH], [1, new YearMonthIntervalType(0, 0)]])).toBe("interval year to month");
    expectError(() => call("add", [[106751991 * 86400000000, DAY], [106751991 * 86400000000, DAY]]), "INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION",
      "[INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION] Integer overflow while operating with intervals. Use `try_add` to tolerate overflow and return NULL instead. SQLSTATE: 22015");
    expect(call("add", [[new CalendarInterval(1, 2, 3), CALENDAR_INTERVAL], [new CalendarInterval(1, 1, 1), CALENDAR_INTERVAL]]))
      .toEqual(new CalendarInterval(2, 3, 4));
  });

  test("literals fold and inline code is used for doubles", () => {
    expect(callLit("add", [[1, SHORT], [2, SHORT]])).toBe(3);
    expect(bindFn("add", [ref(0, DOUBLE), ref(1, DOUBLE)]).kind === "fn").toBe(true);
  });
});
