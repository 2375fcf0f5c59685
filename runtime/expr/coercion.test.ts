import { describe, expect, test } from "bun:test";
import {
  ArrayType, BINARY, BOOLEAN, BYTE, CALENDAR_INTERVAL, DATE, DayTimeIntervalType, DecimalType, DOUBLE, FLOAT, INT,
  LONG, MapType, NULL, SHORT, STRING, StructField, StructType, TIMESTAMP, TIMESTAMP_NTZ, YearMonthIntervalType,
  type DataType,
} from "../types/data_type.ts";
import {
  adjustPrecisionScale, anyOf, castArgs, commonType, decimalForLiteral, decimalResultType, findCommonType, implicitCast,
  implicitCastType, INTEGRAL, NUMERIC, tightestCommonType, widerType, widerTypeWithoutStringPromotion,
} from "./coercion.ts";
import { ctxFor, evaluate, expectError, lit, ref } from "./expr_test_kit.ts";

const D = (p: number, s: number) => new DecimalType(p, s);
const s = (t: DataType | null) => (t === null ? null : t.simpleString());

describe("common types", () => {
  test("numeric precedence; integral with float widens to double", () => {
    expect(s(widerType(BYTE, SHORT))).toBe("smallint");
    expect(s(widerType(INT, LONG))).toBe("bigint");
    expect(s(widerType(LONG, FLOAT))).toBe("double");
    expect(s(widerType(FLOAT, FLOAT))).toBe("float");
    expect(s(widerType(FLOAT, DOUBLE))).toBe("double");
    expect(s(widerType(NULL, INT))).toBe("int");
  });

  test("decimals", () => {
    expect(s(tightestCommonType(INT, D(11, 1)))).toBe("decimal(11,1)");
    expect(s(tightestCommonType(INT, D(2, 1)))).toBe(null);
    expect(s(widerType(INT, D(2, 1)))).toBe("decimal(11,1)");
    expect(s(widerType(LONG, D(2, 1)))).toBe("decimal(21,1)");
    expect(s(widerType(D(10, 2), D(5, 4)))).toBe("decimal(12,4)");
    expect(s(widerType(D(38, 0), D(38, 38)))).toBe("decimal(38,38)");
    expect(s(widerType(DOUBLE, D(2, 1)))).toBe("double");
    expect(s(widerType(FLOAT, D(2, 1)))).toBe("double");
  });

  test("strings promote to the other side (long for integers, double for fractions)", () => {
    expect(s(widerType(STRING, INT))).toBe("bigint");
    expect(s(widerType(BYTE, STRING))).toBe("bigint");
    expect(s(widerType(STRING, D(2, 1)))).toBe("double");
    expect(s(widerType(STRING, DATE))).toBe("date");
    expect(s(widerType(STRING, BOOLEAN))).toBe("boolean");
    expect(s(widerType(STRING, BINARY))).toBe("binary");
    expect(s(widerType(STRING, new DayTimeIntervalType(0, 0)))).toBe(null);
    expect(s(widerTypeWithoutStringPromotion(STRING, INT))).toBe(null);
  });

  test("datetimes and intervals", () => {
    expect(s(widerType(DATE, TIMESTAMP))).toBe("timestamp");
    expect(s(widerType(TIMESTAMP_NTZ, TIMESTAMP))).toBe("timestamp");
    expect(s(widerType(DATE, TIMESTAMP_NTZ))).toBe("timestamp_ntz");
    expect(s(widerType(new DayTimeIntervalType(0, 0), new DayTimeIntervalType(1, 3)))).toBe("interval day to second");
    expect(s(widerType(new YearMonthIntervalType(1, 1), new YearMonthIntervalType(0, 0)))).toBe("interval year to month");
    expect(s(widerType(new YearMonthIntervalType(1, 1), new DayTimeIntervalType(0, 0)))).toBe(null);
    expect(s(widerType(INT, BOOLEAN))).toBe(null);
    expect(s(widerType(CALENDAR_INTERVAL, CALENDAR_INTERVAL))).toBe("interval");
  });

  test("complex types recurse", () => {
    expect(s(widerType(new ArrayType(INT), new ArrayType(D(2, 1))))).toBe("array<decimal(11,1)>");
    expect(s(widerType(new ArrayType(INT), new ArrayType(STRING)))).toBe("array<bigint>");
    expect(s(widerType(new MapType(STRING, INT), new MapType(STRING, LONG)))).toBe("map<string,bigint>");
    const a = new StructType([new StructField("a", INT)]), b = new StructType([new StructField("A", LONG)]);
    expect(s(widerType(a, b))).toBe("struct<a:bigint>");
    expect(s(widerType(a, new StructType([new StructField("b", INT)])))).toBe(null);
    expect(s(findCommonType([]))).toBe("void");
    expect(s(findCommonType([INT, STRING, INT]))).toBe("bigint");
    expect(s(findCommonType([BYTE, LONG, D(2, 1)]))).toBe("decimal(21,1)");
  });

  test("commonType errors name the function (Spark's two list styles)", () => {
    expectError(() => commonType([INT, BOOLEAN], ctxFor({ sql: "coalesce(1, true)" })), "DATATYPE_MISMATCH.DATA_DIFF_TYPES",
      `[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve "coalesce(1, true)" due to data type mismatch: Input to \`coalesce\` should all be the same type, but it's ("INT" or "BOOLEAN"). SQLSTATE: 42K09`);
    expectError(() => commonType([INT, BOOLEAN], ctxFor({ sql: "CASE WHEN true THEN 1 ELSE true END" })), "DATATYPE_MISMATCH.DATA_DIFF_TYPES",
      `[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve "CASE WHEN true THEN 1 ELSE true END" due to data type mismatch: Input to \`casewhen\` should all be the same type, but it's ["INT", "BOOLEAN"]. SQLSTATE: 42K09`);
    expectError(() => commonType([INT, BOOLEAN], ctxFor({ sql: "(IF(true, 1, true))" })), "DATATYPE_MISMATCH.DATA_DIFF_TYPES",
      `[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve "(IF(true, 1, true))" due to data type mismatch: Input to \`if\` should all be the same type, but it's ["INT", "BOOLEAN"]. SQLSTATE: 42K09`);
    expect(s(commonType([INT, STRING], ctxFor()))).toBe("bigint");
  });
});

describe("decimal result types", () => {
  test("Spark's formulas with the 38-digit cap", () => {
    expect(s(decimalResultType("+", D(3, 2), D(4, 3)))).toBe("decimal(5,3)");
    expect(s(decimalResultType("+", D(38, 18), D(38, 18)))).toBe("decimal(38,17)");
    expect(s(decimalResultType("*", D(38, 10), D(38, 10)))).toBe("decimal(38,6)");
    expect(s(decimalResultType("/", D(3, 1), D(1, 0)))).toBe("decimal(8,6)");
    expect(s(decimalResultType("/", D(10, 0), D(10, 0)))).toBe("decimal(21,11)");
    expect(s(decimalResultType("/", D(38, 0), D(38, 0)))).toBe("decimal(38,6)");
    expect(s(decimalResultType("/", D(38, 37), D(1, 0)))).toBe("decimal(38,37)");
    expect(s(decimalResultType("%", D(10, 2), D(5, 1)))).toBe("decimal(6,2)");
    expect(s(decimalResultType("div", D(2, 1), D(1, 0)))).toBe("decimal(1,0)");
    expect(s(adjustPrecisionScale(40, 10))).toBe("decimal(38,8)");
    expect(s(adjustPrecisionScale(50, 2))).toBe("decimal(38,2)");
    expect(s(decimalForLiteral(0))).toBe("decimal(1,0)");
    expect(s(decimalForLiteral(-12345))).toBe("decimal(5,0)");
  });
});

describe("implicit casts", () => {
  test("ANSI implicit cast targets", () => {
    expect(s(implicitCastType(INT, LONG))).toBe("bigint");
    expect(s(implicitCastType(LONG, INT))).toBe("int");
    expect(s(implicitCastType(STRING, INT))).toBe("int");
    expect(s(implicitCastType(INT, STRING))).toBe("string");
    expect(s(implicitCastType(DOUBLE, INTEGRAL))).toBe(null);
    expect(s(implicitCastType(STRING, NUMERIC))).toBe("double");
    expect(s(implicitCastType(INT, BOOLEAN))).toBe(null);
    expect(s(implicitCastType(DATE, TIMESTAMP))).toBe("timestamp");
    expect(s(implicitCastType(new ArrayType(INT), new ArrayType(STRING)))).toBe("array<string>");
    expect(s(implicitCastType(INT, anyOf(DOUBLE, LONG)))).toBe("double");
  });

  test("castArgs raises UNEXPECTED_INPUT_TYPE and types NULLs", () => {
    expectError(() => castArgs([ref(0, INT)], [BOOLEAN], ctxFor({ sql: "(NOT 1)", argSql: ["1"] })), "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
      `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "(NOT 1)" due to data type mismatch: The first parameter requires the "BOOLEAN" type, however "1" has the type "INT". SQLSTATE: 42K09`);
    expect(castArgs([lit(null, NULL)], [NUMERIC], ctxFor())[0]!.type.simpleString()).toBe("double");
  });

  test("implicitCast builds a cast node, folds literals, inlines widening", () => {
    const c = ctxFor();
    const b = implicitCast(ref(0, INT), LONG, c);
    expect(b.kind === "fn" && b.inline !== undefined).toBe(true);
    expect(evaluate(b, [5])).toBe(5);
    expect(evaluate(implicitCast(lit("7", STRING), LONG, c))).toBe(7);
    const same = ref(0, INT);
    expect(implicitCast(same, INT, c)).toBe(same);
    expect(evaluate(implicitCast(ref(0, LONG), DOUBLE, c), [3])).toBe(3);
    expect(evaluate(implicitCast(ref(0, INT), D(10, 0), c), [3])).toBe(3n);
  });
});
