import { describe, expect, test } from "bun:test";
import { DayTimeIntervalType, DecimalType, DOUBLE, INT, LONG, SHORT, STRING, YearMonthIntervalType } from "../../types/data_type.ts";
import { call, expectError, typeOf } from "../expr_test_kit.ts";

const D = (p: number, s: number) => new DecimalType(p, s);
const SECOND = new DayTimeIntervalType(3, 3);

describe("multiply", () => {
  test("integers with overflow checks", () => {
    expect(call("multiply", [[6, INT], [7, INT]])).toBe(42);
    expectError(() => call("multiply", [[2147483647, INT], [2, INT]]), "ARITHMETIC_OVERFLOW",
      `[ARITHMETIC_OVERFLOW] integer overflow. Use 'try_multiply' to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22003`);
    expectError(() => call("multiply", [[32767, SHORT], [2, SHORT]]), "BINARY_ARITHMETIC_OVERFLOW",
      "[BINARY_ARITHMETIC_OVERFLOW] 32767S * 2S caused overflow. Use `try_multiply` to ignore overflow problem and return NULL. SQLSTATE: 22003");
    expectError(() => call("multiply", [[4294967296, LONG], [4294967296, LONG]]), "ARITHMETIC_OVERFLOW");
    expect(call("multiply", [[3037000499, LONG], [3037000499, LONG]])).toBe(9223372030926249001n);
    expect(call("multiply", [[2147483647, INT], [2, INT]], { ansi: false })).toBe(-2);
    expect(Object.is(call("multiply", [[-1, INT], [0, INT]]), 0)).toBe(true);
  });

  test("decimals: 39-digit intermediate, HALF_UP to the result type", () => {
    expect(typeOf("multiply", [[0n, D(38, 10)], [0n, D(38, 10)]])).toBe("decimal(38,6)");
    expect(call("multiply", [[10000000000n, D(38, 10)], [30000000000n, D(38, 10)]])).toBe(3000000n);
    expectError(() => call("multiply", [[12345678901234567890123456789n, D(38, 9)], [98765432109876543210987654321n, D(38, 9)]]),
      "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
      `[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION]  1219326311370217952261850327336229233320 cannot be represented as Decimal(38, 6). If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error, and return NULL instead. SQLSTATE: 22003`);
    expect(call("multiply", [[15n, D(2, 1)], [25n, D(2, 1)]])).toBe(375n);
  });

  test("intervals times numbers", () => {
    expect(typeOf("multiply", [[86400000000, new DayTimeIntervalType(0, 0)], [2, INT]])).toBe("interval day to second");
    expect(call("multiply", [[86400000000, new DayTimeIntervalType(0, 0)], [2, INT]])).toBe(172800000000);
    expect(call("multiply", [[2, INT], [86400000000, new DayTimeIntervalType(0, 0)]])).toBe(172800000000);
    expect(call("multiply", [[1, SECOND], [2.5, DOUBLE]])).toBe(3);
    expect(call("multiply", [[3, SECOND], [2.5, DOUBLE]])).toBe(8);
    expect(call("multiply", [[5, SECOND], [25n, D(2, 1)]])).toBe(13);
    expect(call("multiply", [[86400000000, new DayTimeIntervalType(0, 0)], ["2", STRING]])).toBe(172800000000);
    expect(typeOf("multiply", [[1, new YearMonthIntervalType(1, 1)], [2, INT]])).toBe("interval year to month");
  });
});
