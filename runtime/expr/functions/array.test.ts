import { describe, expect, test } from "bun:test";
import { ArrayType, BOOLEAN, BYTE, DATE, DecimalType, INT, LONG, NULL, STRING, TIMESTAMP } from "../../types/data_type.ts";
import { bindFn, call, callLit, expectError, lit, ref } from "../expr_test_kit.ts";

describe("array", () => {
  test("elements cast to the common type", () => {
    expect(call("array", [[1, INT], [2, INT]])).toEqual([1, 2]);
    expect(bindFn("array", [lit(1, INT), lit(25n, new DecimalType(2, 1))]).type.simpleString()).toBe("array<decimal(11,1)>");
    expect(callLit("array", [[1, INT], [25n, new DecimalType(2, 1)]])).toEqual([10n, 25n]);
    expect(callLit("array", [[1, INT], ["2", STRING]])).toEqual([1, 2]);
    expect(bindFn("array", [ref(0, BYTE), ref(1, LONG)]).type.simpleString()).toBe("array<bigint>");
    expect(bindFn("array", [ref(0, DATE), ref(1, TIMESTAMP)]).type.simpleString()).toBe("array<timestamp>");
    expect(callLit("array", [[0, DATE], [3600000000, TIMESTAMP]])).toEqual([0, 3600000000]);
    expectError(() => callLit("array", [[1, INT], ["a", STRING]]), "CAST_INVALID_INPUT");
  });

  test("empty, null elements, nested", () => {
    const empty = bindFn("array", []);
    expect(empty.type.simpleString()).toBe("array<void>");
    expect(callLit("array", [])).toEqual([]);
    expect(callLit("array", [[null, NULL]])).toEqual([null]);
    expect(call("array", [[1, INT], [null, INT]])).toEqual([1, null]);
    expect((bindFn("array", [ref(0, INT, true)]).type as ArrayType).containsNull).toBe(true);
    expect((bindFn("array", [lit(1, INT)]).type as ArrayType).containsNull).toBe(false);
    expect(bindFn("array", [ref(0, new ArrayType(INT)), ref(1, new ArrayType(new DecimalType(2, 1)))]).type.simpleString())
      .toBe("array<array<decimal(11,1)>>");
    expect(bindFn("array", [ref(0, INT)]).nullable).toBe(false);
  });

  test("mismatched types", () => {
    expectError(() => callLit("array", [[1, INT], [true, BOOLEAN]], { sql: "array(1, true)" }), "DATATYPE_MISMATCH.DATA_DIFF_TYPES",
      `[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve "array(1, true)" due to data type mismatch: Input to \`array\` should all be the same type, but it's ("INT" or "BOOLEAN"). SQLSTATE: 42K09`);
  });
});
