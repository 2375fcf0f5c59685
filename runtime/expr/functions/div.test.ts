import { describe, expect, test } from "bun:test";
import { DayTimeIntervalType, DecimalType, DOUBLE, FLOAT, INT, LONG, NULL, STRING } from "../../types/data_type.ts";
import { call, expectError, typeOf } from "../expr_test_kit.ts";

const D = (p: number, s: number) => new DecimalType(p, s);

describe("div", () => {
  test("integral division truncates toward zero and returns BIGINT", () => {
    expect(typeOf("div", [[7, INT], [2, INT]])).toBe("bigint");
    expect(call("div", [[7, INT], [2, INT]])).toBe(3);
    expect(call("div", [[-7, INT], [2, INT]])).toBe(-3);
    expect(call("div", [[70n, D(2, 1)], [2, INT]])).toBe(3);
    expect(call("div", [["7", STRING], [2, INT]])).toBe(3);
    expect(call("div", [[9007199254740993n, LONG], [1, LONG]])).toBe(9007199254740993n);
    expect(call("div", [[172800000000, new DayTimeIntervalType(0, 0)], [86400000000, new DayTimeIntervalType(0, 0)]])).toBe(2);
    expect(typeOf("div", [[null, NULL], [null, NULL]])).toBe("bigint");
  });

  test("errors", () => {
    expectError(() => call("div", [[1, INT], [0, INT]]), "DIVIDE_BY_ZERO");
    expectError(() => call("div", [[-9223372036854775808n, LONG], [-1, LONG]]), "ARITHMETIC_OVERFLOW",
      `[ARITHMETIC_OVERFLOW] Overflow in integral divide. Use 'try_divide' to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22003`);
    expectError(() => call("div", [[7.5, DOUBLE], [2, INT]], { sql: "(CAST(7.5 AS DOUBLE) div 2)" }), "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
      `[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve "(CAST(7.5 AS DOUBLE) div 2)" due to data type mismatch: the left and right operands of the binary operator have incompatible types ("DOUBLE" and "BIGINT"). SQLSTATE: 42K09`);
    expectError(() => call("div", [[7, FLOAT], [2, INT]]), "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES");
  });
});
