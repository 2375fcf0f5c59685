import { describe, expect, test } from "bun:test";
import { INT, STRING } from "../../types/data_type.ts";
import { call, expectError } from "../expr_test_kit.ts";

const rx = (s: string, p: string, i?: number) =>
  call("regexp_extract", i === undefined ? [[s, STRING], [p, STRING]] : [[s, STRING], [p, STRING], [i, INT]]);

describe("regexp_extract", () => {
  test("groups of the first match", () => {
    expect(rx("abc123", "([a-z]+)([0-9]+)", 2)).toBe("123");
    expect(rx("abc123", "([a-z]+)([0-9]+)")).toBe("abc");
    expect(rx("abc123", "([a-z]+)([0-9]+)", 0)).toBe("abc123");
    expect(rx("abc", "(x)?abc", 1)).toBe("");
    expect(rx("abc", "x", 0)).toBe("");
    expect(rx("abc", "x", 5)).toBe("");
    expect(rx("a1b2", "(\\d)", 1)).toBe("1");
  });

  test("group index out of range", () => {
    expectError(() => rx("abc", "(a)(b)", 3), "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX",
      "[INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX] The value of parameter(s) `idx` in `regexp_extract` is invalid: Expects group index between 0 and 2, but got 3. SQLSTATE: 22023");
    expectError(() => rx("abc", "(a)(b)", -1), "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX");
    expectError(() => rx("abc", "[", 1), "INVALID_PARAMETER_VALUE.PATTERN",
      "[INVALID_PARAMETER_VALUE.PATTERN] The value of parameter(s) `regexp` in `regexp_extract` is invalid: '['. SQLSTATE: 22023");
  });
});
