import { describe, expect, test } from "bun:test";
import { ArrayType, INT, MapType, NULL, STRING } from "../../types/data_type.ts";
import { call, callLit, expectError } from "../expr_test_kit.ts";

describe("size", () => {
  test("arrays and maps; NULL for NULL under ANSI, -1 otherwise", () => {
    expect(call("size", [[[1, 2], new ArrayType(INT)]])).toBe(2);
    expect(call("size", [[[], new ArrayType(INT)]])).toBe(0);
    expect(call("cardinality", [[new Map([[1, 2]]), new MapType(INT, INT)]])).toBe(1);
    expect(call("size", [[null, new ArrayType(INT)]])).toBe(null);
    expect(callLit("size", [[null, NULL]])).toBe(null);
    expect(call("size", [[null, new ArrayType(INT)]], { ansi: false })).toBe(-1);
    expectError(() => call("size", [["a", STRING]]), "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
  });
});
