import { describe, expect, test } from "bun:test";
import { ArrayType, DecimalType, INT, NULL, STRING } from "../../types/data_type.ts";
import { bindFn, call, callLit, expectError, lit } from "../expr_test_kit.ts";

describe("map", () => {
  test("keys and values to their common types", () => {
    expect(callLit("map", [["a", STRING], [1, INT], ["b", STRING], [2, INT]])).toEqual(new Map([["a", 1], ["b", 2]]));
    const b = bindFn("map", [lit(1, INT), lit(1, INT), lit(25n, new DecimalType(2, 1)), lit(2, INT)]);
    expect(b.type.simpleString()).toBe("map<decimal(11,1),int>");
    expect(bindFn("map", []).type.simpleString()).toBe("map<void,void>");
    expect(call("map", [[[1], new ArrayType(INT)], [1, INT]])).toEqual(new Map([[[1], 1]]));
    expect(callLit("map", [["a", STRING], [null, NULL]])).toEqual(new Map([["a", null]]));
  });

  test("errors", () => {
    expectError(() => callLit("map", [[1, INT], ["a", STRING], [1, INT], ["b", STRING]]), "DUPLICATED_MAP_KEY",
      `[DUPLICATED_MAP_KEY] Duplicate map key 1 was found, please check the input data.\nIf you want to remove the duplicated keys, you can set "spark.sql.mapKeyDedupPolicy" to "LAST_WIN" so that the key inserted at last takes precedence. SQLSTATE: 23505`);
    expectError(() => call("map", [[null, STRING], [1, INT]]), "NULL_MAP_KEY", "[NULL_MAP_KEY] Cannot use null as map key. SQLSTATE: 2200E");
    expectError(() => callLit("map", [["a", STRING]]), "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
      "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `map` requires 2n (n > 0) parameters but the actual number is 1. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix. SQLSTATE: 42605");
    expectError(() => call("map", [[[1], new ArrayType(INT)], [1, INT], [[1], new ArrayType(INT)], [2, INT]]), "DUPLICATED_MAP_KEY");
  });
});
