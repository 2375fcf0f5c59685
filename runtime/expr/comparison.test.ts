import { describe, expect, test } from "bun:test";
import {
  ArrayType, BINARY, BOOLEAN, DATE, DecimalType, DOUBLE, FLOAT, INT, LONG, MapType, NULL, STRING, StructField,
  StructType, TIMESTAMP,
} from "../types/data_type.ts";
import { bindFn, call, expectError, lit, ref, typeOf } from "./expr_test_kit.ts";
import { compareStrings } from "./value_ordering.ts";

const D = (p: number, s: number) => new DecimalType(p, s);
const ts = (s: string) => Date.parse(s + "Z") * 1000;
const day = (s: string) => Date.parse(s + "T00:00:00Z") / 86400000;

describe("comparisons", () => {
  test("numbers across types", () => {
    expect(call("equal", [[1, INT], [1, LONG]])).toBe(true);
    expect(call("less_than", [[1, INT], [15n, D(2, 1)]])).toBe(true);
    expect(call("equal", [[15n, D(2, 1)], [150n, D(3, 2)]])).toBe(true);
    expect(call("equal", [[1.5, DOUBLE], [Math.fround(1.5), FLOAT]])).toBe(true);
    expect(call("equal", [[1, INT], [1, DOUBLE]])).toBe(true);
    expect(call("greater_than_or_equal", [[2, INT], [2, INT]])).toBe(true);
    expect(call("not_equal", [[2, INT], [3, INT]])).toBe(true);
  });

  test("NaN equals NaN and is larger than anything; -0.0 equals 0.0", () => {
    expect(call("equal", [[NaN, DOUBLE], [NaN, DOUBLE]])).toBe(true);
    expect(call("greater_than", [[NaN, DOUBLE], [1e308, DOUBLE]])).toBe(true);
    expect(call("greater_than", [[NaN, DOUBLE], [Infinity, DOUBLE]])).toBe(true);
    expect(call("less_than", [[Infinity, DOUBLE], [NaN, DOUBLE]])).toBe(true);
    expect(call("less_than_or_equal", [[NaN, DOUBLE], [NaN, DOUBLE]])).toBe(true);
    expect(call("equal", [[-0, DOUBLE], [0, DOUBLE]])).toBe(true);
    expect(call("less_than", [[-0, DOUBLE], [0, DOUBLE]])).toBe(false);
    expect(call("not_equal", [[NaN, DOUBLE], [NaN, DOUBLE]])).toBe(false);
  });

  test("null semantics", () => {
    expect(call("equal", [[null, INT], [1, INT]])).toBe(null);
    expect(call("equal_null_safe", [[null, INT], [null, INT]])).toBe(true);
    expect(call("equal_null_safe", [[1, INT], [null, INT]])).toBe(false);
    expect(call("equal_null_safe", [[NaN, DOUBLE], [NaN, DOUBLE]])).toBe(true);
    expect(bindFn("equal_null_safe", [ref(0, INT), ref(1, INT)]).nullable).toBe(false);
    expect(call("equal_null_safe", [[null, NULL], [null, NULL]])).toBe(true);
    expect(call("equal", [[null, NULL], [null, NULL]])).toBe(null);
  });

  test("string promotion", () => {
    expect(call("equal", [["1", STRING], [1, INT]])).toBe(true);
    expect(call("equal", [["1", STRING], [15n, D(2, 1)]])).toBe(false);
    expect(call("equal", [["1", STRING], [1, DOUBLE]])).toBe(true);
    expect(call("equal", [["true", STRING], [true, BOOLEAN]])).toBe(true);
    expect(call("equal", [[day("2024-01-01"), DATE], ["2024-01-01", STRING]])).toBe(true);
    expect(call("equal", [["2024-01-01 00:00:00", STRING], [ts("2024-01-01T00:00:00"), TIMESTAMP]])).toBe(true);
    expect(call("less_than", [[ts("2024-01-01T00:00:00"), TIMESTAMP], ["2024-01-02", STRING]])).toBe(true);
    expect(call("equal", [["abc", STRING], [new Uint8Array([97, 98, 99]), BINARY]])).toBe(true);
    expectError(() => call("equal", [["a", STRING], [1, INT]]), "CAST_INVALID_INPUT");
    expectError(() => call("equal", [["1.0", STRING], [1, INT]]), "CAST_INVALID_INPUT");
    expectError(() => call("equal", [["x", STRING], [true, BOOLEAN]]), "CAST_INVALID_INPUT");
  });

  test("dates against timestamps", () => {
    expect(call("less_than", [[day("2024-01-01"), DATE], [ts("2024-01-01T00:00:01"), TIMESTAMP]])).toBe(true);
    expect(call("equal", [[day("2024-01-01"), DATE], [ts("2024-01-01T00:00:00"), TIMESTAMP]])).toBe(true);
  });

  test("strings by code point, binary by unsigned bytes, booleans", () => {
    expect(call("less_than", [["a", STRING], ["b", STRING]])).toBe(true);
    expect(call("less_than", [["B", STRING], ["a", STRING]])).toBe(true);
    expect(call("greater_than", [["é", STRING], ["z", STRING]])).toBe(true);
    expect(compareStrings("\uff61", "😀")).toBe(-1);
    expect(call("less_than", [["\uff61", STRING], ["😀", STRING]])).toBe(true);
    expect(call("greater_than", [[new Uint8Array([255]), BINARY], [new Uint8Array([1]), BINARY]])).toBe(true);
    expect(call("greater_than", [[true, BOOLEAN], [false, BOOLEAN]])).toBe(true);
  });

  test("arrays and structs", () => {
    const ai = new ArrayType(INT);
    expect(call("less_than", [[[1, 2], ai], [[1, 3], ai]])).toBe(true);
    expect(call("less_than", [[[1, 2], ai], [[1, 2, 0], ai]])).toBe(true);
    expect(call("less_than", [[[null], ai], [[0], ai]])).toBe(true);
    expect(call("equal", [[[1, NaN], new ArrayType(DOUBLE)], [[1, NaN], new ArrayType(DOUBLE)]])).toBe(true);
    const st = new StructType([new StructField("a", INT)]);
    expect(call("equal", [[[1], st], [[1], st]])).toBe(true);
    expect(call("less_than", [[[1], st], [[2], st]])).toBe(true);
  });

  test("errors", () => {
    expectError(() => call("equal", [[1, INT], [true, BOOLEAN]], { sql: "(1 = true)" }), "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
      `[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve "(1 = true)" due to data type mismatch: the left and right operands of the binary operator have incompatible types ("INT" and "BOOLEAN"). SQLSTATE: 42K09`);
    const m = new MapType(INT, INT);
    expectError(() => call("equal", [[new Map(), m], [new Map(), m]], { sql: "(map(1, 2) = map(1, 2))" }), "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
      `[DATATYPE_MISMATCH.INVALID_ORDERING_TYPE] Cannot resolve "(map(1, 2) = map(1, 2))" due to data type mismatch: The \`=\` does not support ordering on type "MAP<INT, INT>". SQLSTATE: 42K09`);
  });

  test("result type, inline code and literals", () => {
    expect(typeOf("less_than", [[1, INT], [2, INT]])).toBe("boolean");
    const b = bindFn("less_than", [ref(0, DOUBLE), ref(1, DOUBLE)]);
    expect(b.kind === "fn" && b.inline !== undefined).toBe(true);
    expect(bindFn("equal", [lit(1, INT), lit(1, INT)]).nullable).toBe(false);
  });
});
