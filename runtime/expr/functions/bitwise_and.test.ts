import { describe, expect, test } from "bun:test";
import { BOOLEAN, BYTE, DecimalType, INT, LONG, STRING } from "../../types/data_type.ts";
import { call, expectError, typeOf } from "../expr_test_kit.ts";

describe("bitwise operators", () => {
  test("and, or, xor, not keep the operand type", () => {
    expect(call("bitwise_and", [[5, INT], [3, INT]])).toBe(1);
    expect(call("bitwise_or", [[5, INT], [3, INT]])).toBe(7);
    expect(call("bitwise_xor", [[5, INT], [3, INT]])).toBe(6);
    expect(call("bitwise_not", [[5, INT]])).toBe(-6);
    expect(call("bitwise_not", [[5, BYTE]])).toBe(-6);
    expect(typeOf("bitwise_not", [[5, BYTE]])).toBe("tinyint");
    expect(call("bitwise_and", [[5, LONG], [3, INT]])).toBe(1);
    expect(typeOf("bitwise_and", [[5, LONG], [3, INT]])).toBe("bigint");
    expect(call("bitwise_and", [[5, INT], ["3", STRING]])).toBe(1);
    expect(call("bitwise_or", [[2 ** 40, LONG], [1, LONG]])).toBe(2 ** 40 + 1);
    expect(call("bitwise_not", [[0, LONG]])).toBe(-1);
    expect(call("bitwise_xor", [[-1, LONG], [2 ** 40, LONG]])).toBe(-(2 ** 40) - 1);
  });

  test("only integral types", () => {
    expectError(() => call("bitwise_and", [[true, BOOLEAN], [false, BOOLEAN]], { sql: "(true & false)" }), "DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE",
      `[DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE] Cannot resolve "(true & false)" due to data type mismatch: the binary operator requires the input type "INTEGRAL", not "BOOLEAN". SQLSTATE: 42K09`);
    expectError(() => call("bitwise_and", [[5, INT], [30n, new DecimalType(2, 1)]]), "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES");
  });
});
