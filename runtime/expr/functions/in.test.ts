import { describe, expect, test } from "bun:test";
import { ArrayType, BOOLEAN, DecimalType, DOUBLE, INT, MapType, NULL, STRING } from "../../types/data_type.ts";
import { bindFn, call, callLit, evaluate, expectError, lit, ref } from "../expr_test_kit.ts";

describe("in", () => {
  test("Spark's null semantics", () => {
    expect(call("in", [[1, INT], [1, INT], [null, INT]])).toBe(true);
    expect(call("in", [[2, INT], [1, INT], [null, INT]])).toBe(null);
    expect(call("in", [[null, INT], [1, INT], [2, INT]])).toBe(null);
    expect(call("in", [[3, INT], [1, INT], [2, INT]])).toBe(false);
    expect(callLit("in", [[2, INT], [1, INT], [null, NULL]])).toBe(null);
    expect(callLit("in", [["a", STRING], ["a", STRING], [null, NULL]])).toBe(true);
    expect(callLit("in", [[null, NULL], [null, NULL]])).toBe(null);
  });

  test("coerces to the common type", () => {
    expect(callLit("in", [[1, INT], [10n, new DecimalType(2, 1)], [2, INT]])).toBe(true);
    expect(callLit("in", [[1, INT], [15n, new DecimalType(2, 1)], [2, INT]])).toBe(false);
    expect(callLit("in", [["1", STRING], [1, INT], [2, INT]])).toBe(true);
    expect(callLit("in", [[1, INT], ["1", STRING], [2, INT]])).toBe(true);
    expect(callLit("in", [[NaN, DOUBLE], [NaN, DOUBLE]])).toBe(true);
    expect(callLit("in", [[[1], new ArrayType(INT)], [[1], new ArrayType(INT)]])).toBe(true);
    expectError(() => callLit("in", [[1, INT], ["a", STRING], [2, INT]]), "CAST_INVALID_INPUT");
    expectError(() => callLit("in", [[1, INT], [true, BOOLEAN]], { sql: "(1 IN (true))" }), "DATATYPE_MISMATCH.DATA_DIFF_TYPES",
      `[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve "(1 IN (true))" due to data type mismatch: Input to \`in\` should all be the same type, but it's ["INT", "BOOLEAN"]. SQLSTATE: 42K09`);
    expectError(() => call("in", [[new Map(), new MapType(INT, INT)], [new Map(), new MapType(INT, INT)]]), "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE");
  });

  test("a literal list is looked up in a set", () => {
    const b = bindFn("in", [ref(0, INT), lit(1, INT), lit(2, INT), lit(3, INT)]);
    expect(b.kind === "fn" && b.args.length).toBe(1);
    expect(evaluate(b, [3])).toBe(true);
    expect(evaluate(b, [4])).toBe(false);
    expect(evaluate(bindFn("in", [ref(0, DOUBLE), lit(0, DOUBLE)]), [-0])).toBe(true);
  });
});
