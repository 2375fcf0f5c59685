import { describe, expect, test } from "bun:test";
import { BOOLEAN, DecimalType, DOUBLE, INT, MapType, NULL, STRING } from "../../types/data_type.ts";
import { bindFn, call, callLit, expectError, lit, ref } from "../expr_test_kit.ts";

describe("greatest and least", () => {
  test("skip NULLs; NULL only when all are NULL", () => {
    expect(callLit("greatest", [[1, INT], [null, NULL], [3, INT]])).toBe(3);
    expect(call("greatest", [[null, INT], [null, INT]])).toBe(null);
    expect(callLit("greatest", [["a", STRING], ["b", STRING]])).toBe("b");
    expect(callLit("greatest", [[NaN, DOUBLE], [1, DOUBLE]])).toBeNaN();
    expect(bindFn("least", [lit(25n, new DecimalType(2, 1)), lit(1, INT), lit(null, NULL)]).type.simpleString()).toBe("decimal(11,1)");
    expect(callLit("least", [[25n, new DecimalType(2, 1)], [1, INT], [null, NULL]])).toBe(10n);
    expect(bindFn("greatest", [ref(0, INT, true), ref(1, INT, false)]).nullable).toBe(false);
    expect(bindFn("greatest", [ref(0, INT, true), ref(1, INT, true)]).nullable).toBe(true);
  });

  test("no string promotion", () => {
    expectError(() => call("greatest", [[1, INT], ["a", STRING]], { sql: "greatest(1, a)" }), "DATATYPE_MISMATCH.DATA_DIFF_TYPES",
      `[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve "greatest(1, a)" due to data type mismatch: Input to \`greatest\` should all be the same type, but it's ["INT", "STRING"]. SQLSTATE: 42K09`);
    expectError(() => call("least", [[1, INT], [true, BOOLEAN]]), "DATATYPE_MISMATCH.DATA_DIFF_TYPES");
    const m = new MapType(INT, INT);
    expectError(() => call("greatest", [[new Map(), m], [new Map(), m]]), "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE");
  });
});
