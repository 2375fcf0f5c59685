import { describe, expect, test } from "bun:test";
import { BYTE, DayTimeIntervalType, DecimalType, DOUBLE, INT, NULL, STRING } from "../../types/data_type.ts";
import { call, expectError, typeOf } from "../expr_test_kit.ts";

describe("abs, sqrt, pow", () => {
  test("abs", () => {
    expect(call("abs", [[-15n, new DecimalType(2, 1)]])).toBe(15n);
    expect(call("abs", [[-1.5, DOUBLE]])).toBe(1.5);
    expect(Object.is(call("abs", [[-0, DOUBLE]]), 0)).toBe(true);
    expect(call("abs", [["-3", STRING]])).toBe(3);
    expect(typeOf("abs", [[null, NULL]])).toBe("double");
    expect(call("abs", [[-86400000000, new DayTimeIntervalType(0, 0)]])).toBe(86400000000);
    expectError(() => call("abs", [[-2147483648, INT]]), "ARITHMETIC_OVERFLOW",
      `[ARITHMETIC_OVERFLOW] integer overflow. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22003`);
    expectError(() => call("abs", [[-128, BYTE]]), "ARITHMETIC_OVERFLOW",
      `[ARITHMETIC_OVERFLOW] byte overflow. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22003`);
  });

  test("sqrt and pow", () => {
    expect(call("sqrt", [[4, INT]])).toBe(2);
    expect(call("sqrt", [[-1, INT]])).toBeNaN();
    expect(call("sqrt", [[2, INT]])).toBe(1.4142135623730951);
    expect(call("sqrt", [["4", STRING]])).toBe(2);
    expect(call("sqrt", [[40n, new DecimalType(3, 1)]])).toBe(2);
    expectError(() => call("sqrt", [["abc", STRING]]), "CAST_INVALID_INPUT");
    expect(call("pow", [[2, INT], [3, INT]])).toBe(8);
    expect(call("power", [[2, INT], [5n, new DecimalType(1, 1)]])).toBe(1.4142135623730951);
    expect(call("pow", [[0, INT], [0, INT]])).toBe(1);
    expect(call("pow", [[NaN, DOUBLE], [0, INT]])).toBe(1);
    expect(call("pow", [[1, INT], [NaN, DOUBLE]])).toBeNaN();
    expect(call("pow", [[-1, INT], [Infinity, DOUBLE]])).toBeNaN();
    expect(call("pow", [[-8, INT], [1 / 3, DOUBLE]])).toBeNaN();
    expect(call("pow", [[2, INT], [1075, INT]])).toBe(Infinity);
    expect(call("pow", [[2, INT], [-1075, INT]])).toBe(0);
  });
});
