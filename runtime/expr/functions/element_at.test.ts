import { describe, expect, test } from "bun:test";
import { ArrayType, DecimalType, INT, LONG, MapType, NULL, STRING, StructField, StructType } from "../../types/data_type.ts";
import { bindFn, call, callLit, evaluate, expectError, lit, ref } from "../expr_test_kit.ts";

const arr = (...xs: number[]) => [xs, new ArrayType(INT)] as const;

describe("element_at, try_element_at, a[i], m[k]", () => {
  test("element_at: 1-based, negative from the end", () => {
    expect(call("element_at", [arr(1, 2), [1, INT]])).toBe(1);
    expect(call("element_at", [arr(1, 2), [-1, INT]])).toBe(2);
    expectError(() => call("element_at", [arr(1, 2), [1, LONG]], { sql: "element_at(array(1, 2), CAST(1 AS BIGINT))", argSql: ["array(1, 2)", "CAST(1 AS BIGINT)"] }),
      "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
      `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "element_at(array(1, 2), CAST(1 AS BIGINT))" due to data type mismatch: The second parameter requires the "INT" type, however "CAST(1 AS BIGINT)" has the type "BIGINT". SQLSTATE: 42K09`);
    expectError(() => call("element_at", [arr(1, 2), [5, INT]]), "INVALID_ARRAY_INDEX_IN_ELEMENT_AT",
      "[INVALID_ARRAY_INDEX_IN_ELEMENT_AT] The index 5 is out of bounds. The array has 2 elements. Use `try_element_at` to tolerate accessing element at invalid index and return NULL instead. SQLSTATE: 22003");
    expectError(() => call("element_at", [arr(1, 2), [-3, INT]]), "INVALID_ARRAY_INDEX_IN_ELEMENT_AT");
    expectError(() => call("element_at", [arr(1, 2), [0, INT]]), "INVALID_INDEX_OF_ZERO",
      "[INVALID_INDEX_OF_ZERO] The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1). SQLSTATE: 22003");
    expect(call("element_at", [arr(1, 2), [5, INT]], { ansi: false })).toBe(null);
    expect(call("try_element_at", [arr(1, 2), [5, INT]])).toBe(null);
    expectError(() => call("try_element_at", [arr(1, 2), [0, INT]]), "INVALID_INDEX_OF_ZERO");
  });

  test("maps: NULL for a missing key; the key is cast to the key type", () => {
    const m = [new Map([[1, "a"]]), new MapType(INT, STRING)] as const;
    expect(call("element_at", [m, [1, INT]])).toBe("a");
    expect(call("element_at", [m, [2, INT]])).toBe(null);
    expect(call("get_item", [m, [2, INT]])).toBe(null);
    expect(call("get_item", [[new Map([["1", "a"]]), new MapType(STRING, STRING)], [1, INT]])).toBe("a");
    const dm = [new Map([[NaN, "nan"], [0, "zero"]]), new MapType(new DecimalType(2, 1), STRING)] as const;
    expect(call("get_item", [[new Map([[15n, "x"]]), dm[1]], [15n, new DecimalType(2, 1)]])).toBe("x");
    const am = new MapType(new ArrayType(INT), STRING);
    expect(call("get_item", [[new Map([[[1, 2], "x"]]), am], [[1, 2], new ArrayType(INT)]])).toBe("x");
  });

  test("a[i]: 0-based, INVALID_ARRAY_INDEX under ANSI", () => {
    expect(call("get_item", [arr(1, 2), [0, INT]])).toBe(1);
    expectError(() => call("get_item", [arr(1, 2), [5, INT]]), "INVALID_ARRAY_INDEX",
      "[INVALID_ARRAY_INDEX] The index 5 is out of bounds. The array has 2 elements. Use the SQL function `get()` to tolerate accessing element at invalid index and return NULL instead. SQLSTATE: 22003");
    expectError(() => call("get_item", [arr(1, 2), [-1, INT]]), "INVALID_ARRAY_INDEX");
    expect(call("get_item", [arr(1, 2), [-1, INT]], { ansi: false })).toBe(null);
    expect(call("get_item", [arr(1, 2), [null, INT]])).toBe(null);
    expect(callLit("get_item", [arr(1, 2), [null, NULL]])).toBe(null);
    expectError(() => call("get_item", [arr(1, 2), ["1", STRING]], { sql: "array(1, 2)[1]", argSql: ["array(1, 2)", "1"] }),
      "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
      `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "array(1, 2)[1]" due to data type mismatch: The second parameter requires the "INTEGRAL" type, however "1" has the type "STRING". SQLSTATE: 42K09`);
    expectError(() => call("get_item", [arr(1, 2), [15n, new DecimalType(2, 1)]]), "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
  });

  test("s['f'] on structs", () => {
    const st = new StructType([new StructField("a", INT), new StructField("b", STRING)]);
    const b = bindFn("get_item", [ref(0, st), lit("B", STRING)]);
    expect(b.type.simpleString()).toBe("string");
    expect(evaluate(b, [[1, "x"]])).toBe("x");
    expectError(() => bindFn("get_item", [ref(0, st), lit("c", STRING)]), "FIELD_NOT_FOUND");
  });
});
