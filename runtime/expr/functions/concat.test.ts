import { describe, expect, test } from "bun:test";
import { ArrayType, BINARY, DecimalType, INT, NULL, STRING } from "../../types/data_type.ts";
import { call, callLit, expectError, typeOf } from "../expr_test_kit.ts";

describe("concat and ||", () => {
  test("strings, NULL if any argument is NULL", () => {
    expect(call("concat", [["a", STRING], ["b", STRING], ["c", STRING]])).toBe("abc");
    expect(call("concat", [["a", STRING], [null, STRING]])).toBe(null);
    expect(callLit("concat", [])).toBe("");
    expect(call("concat", [[1, INT], [2, INT]])).toBe("12");
    expect(call("concat", [["a", STRING], [15n, new DecimalType(2, 1)]])).toBe("a1.5");
    expect(call("concat_op", [["abc", STRING], [1, INT]])).toBe("abc1");
    expect(call("concat_op", [["abc", STRING], [null, NULL]])).toBe(null);
    expect(typeOf("concat_op", [[null, NULL], [null, NULL]])).toBe("string");
    expect(call("concat", [["a", STRING], [new Uint8Array([98]), BINARY]])).toBe("ab");
  });

  test("binary when every argument is binary", () => {
    expect(call("concat", [[new Uint8Array([1]), BINARY], [new Uint8Array([2]), BINARY]])).toEqual(new Uint8Array([1, 2]));
    expect(typeOf("concat", [[new Uint8Array([1]), BINARY], [new Uint8Array([2]), BINARY]])).toBe("binary");
  });

  test("arrays to their common type", () => {
    expect(call("concat", [[[1, 2], new ArrayType(INT)], [[3], new ArrayType(INT)]])).toEqual([1, 2, 3]);
    expect(typeOf("concat", [[[1], new ArrayType(INT)], [["2"], new ArrayType(STRING)]])).toBe("array<bigint>");
    expectError(() => call("concat", [[[1], new ArrayType(INT)], [["a"], new ArrayType(STRING)]]), "CAST_INVALID_INPUT");
    expectError(() => call("concat", [[[1], new ArrayType(INT)], [null, NULL]], { sql: "concat(array(1), NULL)" }), "DATATYPE_MISMATCH.DATA_DIFF_TYPES",
      `[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve "concat(array(1), NULL)" due to data type mismatch: Input to \`concat\` should all be the same type, but it's ("ARRAY<INT>" or "STRING"). SQLSTATE: 42K09`);
    expectError(() => call("concat_op", [["abc", STRING], [[1], new ArrayType(INT)]]), "DATATYPE_MISMATCH.DATA_DIFF_TYPES");
  });
});
