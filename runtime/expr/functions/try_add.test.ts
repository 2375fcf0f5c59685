import { describe, expect, test } from "bun:test";
import { DATE, DecimalType, INT, STRING } from "../../types/data_type.ts";
import { call, typeOf } from "../expr_test_kit.ts";

describe("try_add, try_subtract, try_multiply, try_divide, try_mod", () => {
  test("NULL instead of errors", () => {
    expect(call("try_add", [[2147483647, INT], [1, INT]])).toBe(null);
    expect(call("try_add", [[1, INT], [1, INT]])).toBe(2);
    expect(call("try_add", [[19723, DATE], [1, INT]])).toBe(19724);
    expect(call("try_subtract", [[-2147483648, INT], [1, INT]])).toBe(null);
    expect(call("try_multiply", [[2147483647, INT], [2, INT]])).toBe(null);
    expect(call("try_divide", [[1, INT], [0, INT]])).toBe(null);
    expect(call("try_divide", [[10, INT], [4, INT]])).toBe(2.5);
    expect(call("try_divide", [[10n, new DecimalType(2, 1)], [0, INT]])).toBe(null);
    expect(call("try_mod", [[7, INT], [0, INT]])).toBe(null);
  });

  test("implicit casts that fail are NULL too; coercion is ANSI's", () => {
    expect(typeOf("try_add", [["1", STRING], [1, INT]])).toBe("bigint");
    expect(call("try_add", [["1", STRING], [1, INT]])).toBe(2);
    expect(call("try_add", [["a", STRING], [1, INT]])).toBe(null);
  });
});
