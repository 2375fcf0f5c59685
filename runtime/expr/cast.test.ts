import { describe, expect, test } from "bun:test";
import { CalendarInterval } from "../types/calendar_interval.ts";
import {
  ArrayType, BINARY, BOOLEAN, BYTE, DATE, DayTimeIntervalType, DecimalType, DOUBLE, FLOAT, INT, LONG, MapType, NULL,
  SHORT, STRING, StructField, StructType, TIMESTAMP, TIMESTAMP_NTZ, YearMonthIntervalType, CALENDAR_INTERVAL,
  type DataType,
} from "../types/data_type.ts";
import { canCast, castFunction, castNullable, castToString, stringToDouble, stringToLong } from "./cast.ts";
import { ctxFor, evaluate, expectError, lit, ref } from "./expr_test_kit.ts";
import { bindCast } from "./functions/cast.ts";

const D = (p: number, s: number) => new DecimalType(p, s);
const ts = (s: string) => Date.parse(s + "Z") * 1000;
const day = (s: string) => Date.parse(s + "T00:00:00Z") / 86400000;
const cast = (v: unknown, from: DataType, to: DataType, ansi = true, tz = "UTC") => castFunction(from, to, ansi, tz)(v);
const str = (v: unknown, t: DataType, tz = "UTC") => castToString(t, tz)(v);
const invalid = (value: string, from: string, to: string) =>
  `[CAST_INVALID_INPUT] The value ${value} of the type "${from}" cannot be cast to "${to}" because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead. SQLSTATE: 22018`;
const overflow = (value: string, from: string, to: string) =>
  `[CAST_OVERFLOW] The value ${value} of the type "${from}" cannot be cast to "${to}" due to an overflow. Use \`try_cast\` to tolerate overflow and return NULL instead. SQLSTATE: 22003`;

describe("CAST(x AS STRING)", () => {
  test("doubles and floats as Java prints them", () => {
    const cases: [number, string][] = [[1e10, "1.0E10"], [0.1, "0.1"], [1e-5, "1.0E-5"], [1e7, "1.0E7"], [1e6, "1000000.0"],
      [1234567, "1234567.0"], [12345678.9, "1.23456789E7"], [0.001, "0.001"], [1e-4, "1.0E-4"], [-0, "-0.0"], [0, "0.0"],
      [1e21, "1.0E21"], [123456789012345678, "1.2345678901234568E17"], [1704067201.5, "1.7040672015E9"], [NaN, "NaN"],
      [Infinity, "Infinity"], [-Infinity, "-Infinity"], [1e23, "9.999999999999999E22"], [2 ** 60, "1.15292150460684698E18"],
      [5e-324, "4.9E-324"], [2e-3, "0.002"], [100, "100.0"], [9.999999e-4, "9.999999E-4"]];
    for (const [v, s] of cases) expect(str(v, DOUBLE)).toBe(s);
    const floats: [number, string][] = [[1.1, "1.1"], [0.3, "0.3"], [1e20, "1.0E20"], [1e-45, "1.4E-45"], [3.4028235e38, "3.4028235E38"],
      [16777217, "1.6777216E7"], [100, "100.0"], [1e7, "1.0E7"], [1.2345678e-5, "1.2345678E-5"], [123456789, "1.23456792E8"],
      [0.001, "0.001"], [9999999, "9999999.0"]];
    for (const [v, s] of floats) expect(str(Math.fround(v), FLOAT)).toBe(s);
    expect(str(Math.fround(0.1) + Math.fround(0.2), DOUBLE)).toBe("0.30000000447034836");
  });

  test("decimals plain, longs exact", () => {
    expect(str(100000n, D(20, 15))).toBe("0.000000000100000");
    expect(str(-50n, D(3, 2))).toBe("-0.50");
    expect(str(0n, D(10, 2))).toBe("0.00");
    expect(str(9223372036854775807n, LONG)).toBe("9223372036854775807");
    expect(str(-5, LONG)).toBe("-5");
  });

  test("dates, timestamps and intervals", () => {
    expect(str(day("2024-01-01"), DATE)).toBe("2024-01-01");
    expect(str(ts("2024-01-01T00:00:00"), TIMESTAMP)).toBe("2024-01-01 00:00:00");
    expect(str(ts("2024-01-01T00:00:00.5"), TIMESTAMP)).toBe("2024-01-01 00:00:00.5");
    expect(str(ts("2024-01-01T00:00:00") + 123456, TIMESTAMP)).toBe("2024-01-01 00:00:00.123456");
    expect(str(ts("2024-01-01T00:00:00.1"), TIMESTAMP_NTZ)).toBe("2024-01-01 00:00:00.1");
    expect(str(ts("2024-01-01T00:00:00"), TIMESTAMP, "America/New_York")).toBe("2023-12-31 19:00:00");
    expect(str(day("2024-01-01") - 738885, DATE)).toBe("0001-01-01");
    expect(str(-719893, DATE)).toBe("-0001-01-01");
    expect(str(2932897, DATE)).toBe("+10000-01-01");
    expect(str(86400000000, new DayTimeIntervalType(0, 0))).toBe("INTERVAL '1' DAY");
    expect(str(93784500000, new DayTimeIntervalType(0, 3))).toBe("INTERVAL '1 02:03:04.5' DAY TO SECOND");
    expect(str(-36000000000, new DayTimeIntervalType(0, 3))).toBe("INTERVAL '-0 10:00:00' DAY TO SECOND");
    expect(str(10800000000, new DayTimeIntervalType(1, 1))).toBe("INTERVAL '03' HOUR");
    expect(str(-14, new YearMonthIntervalType(0, 1))).toBe("INTERVAL '-1-2' YEAR TO MONTH");
    expect(str(1, new YearMonthIntervalType(1, 1))).toBe("INTERVAL '1' MONTH");
    expect(str(new CalendarInterval(14, 25, 18367500000), CALENDAR_INTERVAL)).toBe("1 years 2 months 25 days 5 hours 6 minutes 7.5 seconds");
    expect(str(new CalendarInterval(0, 0, 0), CALENDAR_INTERVAL)).toBe("0 seconds");
  });

  test("complex types", () => {
    expect(str([1, 2], new ArrayType(INT))).toBe("[1, 2]");
    expect(str([1, null], new ArrayType(INT))).toBe("[1, null]");
    expect(str([], new ArrayType(INT))).toBe("[]");
    expect(str(new Map<unknown, unknown>([["a", 1], ["b", null]]), new MapType(STRING, INT))).toBe("{a -> 1, b -> null}");
    const st = new StructType([new StructField("a", INT), new StructField("b", STRING)]);
    expect(str([1, "x"], st)).toBe("{1, x}");
    expect(str([1, null], st)).toBe("{1, null}");
    expect(str([[1], []], new ArrayType(new ArrayType(INT)))).toBe("[[1], []]");
    expect(str([new Uint8Array([65, 66])], new ArrayType(BINARY))).toBe("[AB]");
    expect(str([1.5, 1e10], new ArrayType(DOUBLE))).toBe("[1.5, 1.0E10]");
    expect(str([150n], new ArrayType(D(3, 2)))).toBe("[1.50]");
    expect(str([ts("2024-01-01T00:00:00.5")], new ArrayType(TIMESTAMP))).toBe("[2024-01-01 00:00:00.5]");
    expect(str(new Uint8Array([0xe2, 0x9c, 0x93]), BINARY)).toBe("✓");
  });
});

describe("string to numbers", () => {
  test("integral: trimmed, no decimals under ANSI", () => {
    expect(cast("  12  ", STRING, INT)).toBe(12);
    expect(cast("+5", STRING, INT)).toBe(5);
    expect(cast("-0", STRING, INT)).toBe(0);
    expect(cast("127", STRING, BYTE)).toBe(127);
    expect(cast("9223372036854775807", STRING, LONG)).toBe(9223372036854775807n);
    expect(cast("-9223372036854775808", STRING, LONG)).toBe(-9223372036854775808n);
    for (const [s, t, name] of [["abc", INT, "INT"], ["2147483648", INT, "INT"], ["1.5", INT, "INT"], ["1e3", INT, "INT"],
      ["0x10", INT, "INT"], ["", INT, "INT"], ["-", INT, "INT"], ["128", BYTE, "TINYINT"], ["1_000", INT, "INT"], ["١٢", INT, "INT"],
      ["9223372036854775808", LONG, "BIGINT"]] as [string, DataType, string][]) {
      expectError(() => cast(s, STRING, t), "CAST_INVALID_INPUT", invalid(`'${s}'`, "STRING", name));
    }
    expect(cast("1.9", STRING, INT, false)).toBe(1);
    expect(cast("abc", STRING, INT, false)).toBe(null);
    expect(stringToLong(".", true)).toBe(0);
  });

  test("double and float: Java syntax plus inf/nan words", () => {
    expect(cast("1.5", STRING, DOUBLE)).toBe(1.5);
    expect(cast("1e3", STRING, DOUBLE)).toBe(1000);
    expect(cast("1d", STRING, DOUBLE)).toBe(1);
    expect(cast("1f", STRING, DOUBLE)).toBe(1);
    expect(cast(" 1.5 ", STRING, DOUBLE)).toBe(1.5);
    expect(cast("1.", STRING, DOUBLE)).toBe(1);
    expect(cast(".5", STRING, DOUBLE)).toBe(0.5);
    expect(cast(" 0x1p3 ", STRING, DOUBLE)).toBe(8);
    expect(cast("inf", STRING, DOUBLE)).toBe(Infinity);
    expect(cast("+inf", STRING, DOUBLE)).toBe(Infinity);
    expect(cast(" -Infinity ", STRING, DOUBLE)).toBe(-Infinity);
    expect(cast("nan", STRING, FLOAT)).toBeNaN();
    expect(Object.is(cast("-0.0", STRING, DOUBLE), -0)).toBe(true);
    expect(cast("1.1", STRING, FLOAT)).toBe(Math.fround(1.1));
    for (const s of [".", "1e", "", "abc", "0x10"]) expectError(() => cast(s, STRING, DOUBLE), "CAST_INVALID_INPUT", invalid(`'${s}'`, "STRING", "DOUBLE"));
    expect(stringToDouble("1_0")).toBe(null);
  });

  test("decimal: BigDecimal syntax, rounded HALF_UP", () => {
    expect(cast("123.456", STRING, D(5, 2))).toBe(12346n);
    expect(cast("1e2", STRING, D(5, 2))).toBe(10000n);
    expect(cast(" 1.50 ", STRING, D(3, 1))).toBe(15n);
    expect(cast("1.55", STRING, D(2, 1))).toBe(16n);
    expectError(() => cast("NaN", STRING, D(3, 1)), "CAST_INVALID_INPUT", invalid("'NaN'", "STRING", "DECIMAL(3,1)"));
    expectError(() => cast("12345.6", STRING, D(4, 1)), "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION");
    expect(cast("12345.6", STRING, D(4, 1), false)).toBe(null);
  });

  test("boolean words", () => {
    for (const s of ["true", "yes", "t", " TRUE ", "1", "Y"]) expect(cast(s, STRING, BOOLEAN)).toBe(true);
    for (const s of ["false", "no", "f", "0", "N"]) expect(cast(s, STRING, BOOLEAN)).toBe(false);
    expectError(() => cast("2", STRING, BOOLEAN), "CAST_INVALID_INPUT", invalid("'2'", "STRING", "BOOLEAN"));
  });
});

describe("numeric casts", () => {
  test("narrowing with CAST_OVERFLOW and Spark's literal forms of the value", () => {
    expectError(() => cast(300, INT, BYTE), "CAST_OVERFLOW", overflow("300", "INT", "TINYINT"));
    expectError(() => cast(3000000000, LONG, INT), "CAST_OVERFLOW", overflow("3000000000L", "BIGINT", "INT"));
    expectError(() => cast(128, SHORT, BYTE), "CAST_OVERFLOW", overflow("128S", "SMALLINT", "TINYINT"));
    expectError(() => cast(1e20, DOUBLE, INT), "CAST_OVERFLOW", overflow("1.0E20D", "DOUBLE", "INT"));
    expectError(() => cast(NaN, DOUBLE, INT), "CAST_OVERFLOW", overflow("NaN", "DOUBLE", "INT"));
    expectError(() => cast(Infinity, DOUBLE, LONG), "CAST_OVERFLOW", overflow("Infinity", "DOUBLE", "BIGINT"));
    expectError(() => cast(Math.fround(1e10), FLOAT, INT), "CAST_OVERFLOW", overflow("1.0E10", "FLOAT", "INT"));
    expectError(() => cast(21474836480n, D(11, 1), INT), "CAST_OVERFLOW", overflow("2147483648.0BD", "DECIMAL(11,1)", "INT"));
    expectError(() => cast(3005n, D(5, 1), BYTE), "CAST_OVERFLOW", overflow("300.5BD", "DECIMAL(5,1)", "TINYINT"));
    expectError(() => cast(-129.9, DOUBLE, BYTE), "CAST_OVERFLOW", overflow("-129.9D", "DOUBLE", "TINYINT"));
    expectError(() => cast(3000000000.5, DOUBLE, INT), "CAST_OVERFLOW", overflow("3.0000000005E9D", "DOUBLE", "INT"));
    expect(cast(300, INT, BYTE, false)).toBe(44);
    expect(cast(9.223372036854776e18, DOUBLE, LONG)).toBe(9223372036854775807n);
  });

  test("truncation toward zero", () => {
    expect(cast(19n, D(2, 1), INT)).toBe(1);
    expect(cast(-19n, D(2, 1), INT)).toBe(-1);
    expect(cast(Math.fround(3.5), FLOAT, INT)).toBe(3);
    expect(cast(19n, D(2, 1), BYTE)).toBe(1);
  });

  test("to decimal: doubles through their shortest decimal text, NaN is NULL", () => {
    expect(cast(1.5, DOUBLE, D(3, 0))).toBe(2n);
    expect(cast(2.5, DOUBLE, D(3, 0))).toBe(3n);
    expect(cast(0.1, DOUBLE, D(20, 19))).toBe(1000000000000000000n);
    expect(cast(1e20, DOUBLE, D(38, 0))).toBe(100000000000000000000n);
    expect(cast(Math.fround(1.1), FLOAT, D(10, 9))).toBe(1100000024n);
    expect(cast(NaN, DOUBLE, D(3, 0))).toBe(null);
    expectError(() => cast(1e20, DOUBLE, D(20, 0)), "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
      `[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION]  100000000000000000000 cannot be represented as Decimal(20, 0). If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error, and return NULL instead. SQLSTATE: 22003`);
    expectError(() => cast(123, LONG, D(2, 0)), "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION");
    expect(cast(123456n, D(6, 3), D(4, 1))).toBe(1235n);
    expect(cast(true, BOOLEAN, D(3, 1))).toBe(10n);
  });

  test("booleans", () => {
    expect(cast(1, INT, BOOLEAN)).toBe(true);
    expect(cast(25n, D(2, 1), BOOLEAN)).toBe(true);
    expect(cast(0, DOUBLE, BOOLEAN)).toBe(false);
    expect(cast(true, BOOLEAN, INT)).toBe(1);
    expect(cast(true, BOOLEAN, DOUBLE)).toBe(1);
  });
});

describe("datetime casts", () => {
  test("strings to dates and timestamps", () => {
    expect(cast("2024-01-01", STRING, TIMESTAMP)).toBe(ts("2024-01-01T00:00:00"));
    expect(cast("2024-01-01T10:00:00Z", STRING, TIMESTAMP)).toBe(ts("2024-01-01T10:00:00"));
    expect(cast("2024-01-01 10:00:00+02:00", STRING, TIMESTAMP)).toBe(ts("2024-01-01T08:00:00"));
    expect(cast(" 2024-1-1 ", STRING, TIMESTAMP)).toBe(ts("2024-01-01T00:00:00"));
    expect(cast("2024-01-01 10:00:00.123456789", STRING, TIMESTAMP)).toBe(ts("2024-01-01T10:00:00") + 123456);
    expect(cast("2024-01-01 10:00:00 America/New_York", STRING, TIMESTAMP)).toBe(ts("2024-01-01T15:00:00"));
    expect(cast("2024-01-01 10:00:00", STRING, TIMESTAMP, true, "Europe/Paris")).toBe(ts("2024-01-01T09:00:00"));
    expect(cast("2024-01-01 10:00:00+02:00", STRING, TIMESTAMP_NTZ)).toBe(ts("2024-01-01T10:00:00"));
    expect(cast("2024-01-01 10:00:00", STRING, DATE)).toBe(day("2024-01-01"));
    expect(cast("+2024-01-01", STRING, DATE)).toBe(day("2024-01-01"));
    for (const s of ["2024-01-01T", "2024-02-30", "2024-01-01 25:00:00", "abc"]) {
      expectError(() => cast(s, STRING, TIMESTAMP), "CAST_INVALID_INPUT", invalid(`'${s}'`, "STRING", "TIMESTAMP"));
    }
    expectError(() => cast("2024-13-01", STRING, DATE), "CAST_INVALID_INPUT", invalid("'2024-13-01'", "STRING", "DATE"));
    expect(cast("abc", STRING, DATE, false)).toBe(null);
  });

  test("between datetime and numeric types", () => {
    expect(cast(ts("2024-01-01T00:00:01.5"), TIMESTAMP, LONG)).toBe(1704067201);
    expect(cast(ts("2024-01-01T00:00:01.5"), TIMESTAMP, DOUBLE)).toBe(1704067201.5);
    expect(cast(1704067201, LONG, TIMESTAMP)).toBe(ts("2024-01-01T00:00:01"));
    expect(cast(15n, D(2, 1), TIMESTAMP)).toBe(1500000);
    expect(cast(1.5, DOUBLE, TIMESTAMP)).toBe(1500000);
    expectError(() => cast(ts("2024-01-01T00:00:01.999"), TIMESTAMP, SHORT), "CAST_OVERFLOW",
      overflow("TIMESTAMP '2024-01-01 00:00:01.999'", "TIMESTAMP", "SMALLINT"));
    expectError(() => cast(NaN, DOUBLE, TIMESTAMP), "CAST_INVALID_INPUT", invalid("NaN", "DOUBLE", "TIMESTAMP"));
    expectError(() => cast(1e20, DOUBLE, TIMESTAMP), "CAST_OVERFLOW", overflow("1.0E26D", "DOUBLE", "BIGINT"));
    expect(cast(day("2024-01-01"), DATE, TIMESTAMP, true, "+02:00")).toBe(ts("2023-12-31T22:00:00"));
    expect(cast(ts("2024-01-01T23:00:00"), TIMESTAMP, DATE, true, "+02:00")).toBe(day("2024-01-02"));
    expect(cast(ts("2024-01-01T00:00:00"), TIMESTAMP, TIMESTAMP_NTZ, true, "+02:00")).toBe(ts("2024-01-01T02:00:00"));
  });

  test("intervals", () => {
    expect(cast(86400000000, new DayTimeIntervalType(0, 0), LONG)).toBe(1);
    expect(cast(129600000000, new DayTimeIntervalType(0, 1), LONG)).toBe(36);
    expect(cast(12, new YearMonthIntervalType(0, 0), INT)).toBe(1);
    expect(cast(5, INT, new DayTimeIntervalType(0, 0))).toBe(5 * 86400000000);
    expect(cast(1, INT, new DayTimeIntervalType(0, 3))).toBe(1000000);
    expect(cast(15n, D(2, 1), new DayTimeIntervalType(1, 1))).toBe(5400000000);
    expect(cast("1", STRING, new DayTimeIntervalType(0, 0))).toBe(86400000000);
    expect(cast("1 2:3:4", STRING, new DayTimeIntervalType(0, 3))).toBe(93784000000);
    expect(cast("1 2:3:4.1234567", STRING, new DayTimeIntervalType(0, 3))).toBe(93784123456);
    expect(cast("INTERVAL '1' DAY", STRING, new DayTimeIntervalType(0, 0))).toBe(86400000000);
    expect(cast("-1-2", STRING, new YearMonthIntervalType(0, 1))).toBe(-14);
    expectError(() => cast("abc", STRING, new DayTimeIntervalType(0, 0)), "INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE",
      `[INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE] Error parsing 'abc' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Interval string does not match day-time format of \`[+|-]d\`, \`INTERVAL [+|-]'[+|-]d' DAY\` when cast to interval day: abc. Set "spark.sql.legacy.fromDayTimeString.enabled" to "true" to restore the behavior before Spark 3.0. SQLSTATE: 22006`);
    expect(cast("1 day 2 hours", STRING, CALENDAR_INTERVAL)).toEqual(new CalendarInterval(0, 1, 7200000000));
  });
});

describe("complex casts and TRY_CAST", () => {
  test("arrays, maps and structs element by element", () => {
    expect(cast([1, 2], new ArrayType(INT), new ArrayType(STRING))).toEqual(["1", "2"]);
    expectError(() => cast(["1", "x"], new ArrayType(STRING), new ArrayType(INT)), "CAST_INVALID_INPUT");
    expect(castFunction(new ArrayType(STRING), new ArrayType(INT), true, "UTC", true)(["1", "x"])).toEqual([1, null]);
    expect(cast(new Map([["a", "1"]]), new MapType(STRING, STRING), new MapType(STRING, INT))).toEqual(new Map([["a", 1]]));
    const from = new StructType([new StructField("a", STRING)]), to = new StructType([new StructField("b", INT)]);
    expect(cast(["1"], from, to)).toEqual([1]);
  });

  test("try_cast gives NULL instead of errors", () => {
    const c = ctxFor({ sql: "TRY_CAST(a AS INT)" }, 1);
    expect(evaluate(bindCast(ref(0, STRING), INT, c, "try"), ["abc"])).toBe(null);
    expect(evaluate(bindCast(ref(0, INT), BYTE, c, "try"), [300])).toBe(null);
    expect(evaluate(bindCast(ref(0, INT), BYTE, c, "try"), [3])).toBe(3);
  });

  test("which casts are allowed, with Spark's messages", () => {
    expect(canCast(DATE, INT, true)).toBe(false);
    expect(canCast(DATE, INT, false)).toBe(true);
    expect(canCast(INT, BINARY, true)).toBe(false);
    expect(canCast(new ArrayType(INT), INT, true)).toBe(false);
    const bind = (from: DataType, to: DataType, sql: string, mode: "cast" | "try" = "cast") =>
      bindCast(ref(0, from), to, ctxFor({ sql }, 1), mode);
    expectError(() => bind(DATE, INT, "CAST(DATE '2024-01-01' AS INT)"), "DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION",
      `[DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION] Cannot resolve "CAST(DATE '2024-01-01' AS INT)" due to data type mismatch: cannot cast "DATE" to "INT".\nTo convert values from "DATE" to "INT", you can use the functions \`UNIX_DATE\` instead. SQLSTATE: 42K09`);
    expectError(() => bind(INT, DATE, "CAST(1 AS DATE)"), "DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION",
      `[DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION] Cannot resolve "CAST(1 AS DATE)" due to data type mismatch: cannot cast "INT" to "DATE".\nTo convert values from "INT" to "DATE", you can use the functions \`DATE_FROM_UNIX_DATE\` instead. SQLSTATE: 42K09`);
    expectError(() => bind(DATE, BOOLEAN, "CAST(DATE '2024-01-01' AS BOOLEAN)"), "DATATYPE_MISMATCH.CAST_WITH_CONF_SUGGESTION",
      `[DATATYPE_MISMATCH.CAST_WITH_CONF_SUGGESTION] Cannot resolve "CAST(DATE '2024-01-01' AS BOOLEAN)" due to data type mismatch: cannot cast "DATE" to "BOOLEAN" with ANSI mode on.\nIf you have to cast "DATE" to "BOOLEAN", you can set "spark.sql.ansi.enabled" as 'false'. SQLSTATE: 42K09`);
    expectError(() => bind(new ArrayType(INT), INT, "CAST(array(1) AS INT)"), "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
      `[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] Cannot resolve "CAST(array(1) AS INT)" due to data type mismatch: cannot cast "ARRAY<INT>" to "INT". SQLSTATE: 42K09`);
    const st = new StructType([new StructField("a", INT, false), new StructField("b", INT, false)]);
    expectError(() => bind(st, new StructType([new StructField("x", INT)]), "s"), "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
      `[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] Cannot resolve "s" due to data type mismatch: cannot cast "STRUCT<a: INT NOT NULL, b: INT NOT NULL>" to "STRUCT<x: INT>". SQLSTATE: 42K09`);
  });

  test("nullability and literal folding", () => {
    expect(castNullable(STRING, INT, false)).toBe(true);
    expect(castNullable(INT, LONG, false)).toBe(false);
    expect(castNullable(INT, D(1, 0), false)).toBe(true);
    expect(castNullable(LONG, D(20, 0), false)).toBe(false);
    expect(castNullable(TIMESTAMP, INT, false)).toBe(true);
    // A cast literal is computed once, but stays a cast (Spark's coercion treats it as an expression).
    const folded = bindCast(lit("12", STRING), INT, ctxFor({}, 1), "cast");
    expect(folded.kind === "fn" && folded.args.length === 0).toBe(true);
    // Nullability is the cast's, as in Spark's analyzed plan (a string may not parse).
    expect(folded.nullable).toBe(true);
    expect(bindCast(lit(12, INT), LONG, ctxFor({}, 1), "cast").nullable).toBe(false);
    expect(evaluate(folded)).toBe(12);
    // A literal that fails to cast stays a runtime node: the error is raised only if it is evaluated.
    const failing = bindCast(lit("x", STRING), INT, ctxFor({}, 1), "cast");
    expect(failing.kind).toBe("fn");
    expect(bindCast(lit(null, NULL), INT, ctxFor({}, 1), "cast")).toEqual({ kind: "lit", value: null, type: INT, nullable: true });
  });
});
