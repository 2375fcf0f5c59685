import { describe, expect, test } from "bun:test";
import { BOOLEAN, INT, NULL, STRING } from "../../types/data_type.ts";
import { call, expectError } from "../expr_test_kit.ts";

describe("not, isnull, isnotnull", () => {
  test("three-valued NOT", () => {
    expect(call("not", [[true, BOOLEAN]])).toBe(false);
    expect(call("not", [[null, BOOLEAN]])).toBe(null);
    expect(call("not", [[null, NULL]])).toBe(null);
    expect(call("not", [["false", STRING]])).toBe(true);
    expectError(() => call("not", [[1, INT]], { sql: "(NOT 1)", argSql: ["1"] }), "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
      `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "(NOT 1)" due to data type mismatch: The first parameter requires the "BOOLEAN" type, however "1" has the type "INT". SQLSTATE: 42K09`);
  });

  test("null checks are never null", () => {
    expect(call("isnull", [[null, INT]])).toBe(true);
    expect(call("isnull", [[0, INT]])).toBe(false);
    expect(call("isnotnull", [[null, STRING]])).toBe(false);
    expect(call("isnotnull", [["", STRING]])).toBe(true);
  });
});
