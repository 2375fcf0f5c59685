import { describe, expect, test } from "bun:test";
import { INT, STRING } from "../../types/data_type.ts";
import { call, expectError } from "../expr_test_kit.ts";

const rr = (s: string, p: string, r: string, pos?: number) =>
  call("regexp_replace", pos === undefined ? [[s, STRING], [p, STRING], [r, STRING]] : [[s, STRING], [p, STRING], [r, STRING], [pos, INT]]);

describe("regexp_replace", () => {
  test("Java replacement syntax", () => {
    expect(rr("aaa", "a", "b")).toBe("bbb");
    expect(rr("abc", "(b)", "[$1]")).toBe("a[b]c");
    expect(rr("abc", "(b)", "\\$1")).toBe("a$1c");
    expect(rr("abc", "", "-")).toBe("-a-b-c-");
    expect(rr("", "", "-")).toBe("-");
    expect(rr("😀", "", "-")).toBe("-?-?-");
    expect(rr("a.b.c", "\\.", "")).toBe("abc");
    expect(rr("abc", "(?<n>b)", "${n}${n}")).toBe("abbc");
    expect(rr("2024-01-02", "(\\d+)-(\\d+)-(\\d+)", "$3/$2/$1")).toBe("02/01/2024");
  });

  test("position", () => {
    expect(rr("abcabc", "b", "X", 3)).toBe("abcaXc");
    expect(rr("abcabc", "^a", "X", 4)).toBe("abcXbc");
    expect(rr("abc", "b", "X", 10)).toBe("abc");
  });

  test("invalid replacement or pattern", () => {
    expectError(() => rr("abc", "b", "$"), "INVALID_REGEXP_REPLACE",
      `[INVALID_REGEXP_REPLACE] Could not perform regexp_replace for source = "abc", pattern = "b", replacement = "$" and position = 1. SQLSTATE: 22023`);
    expectError(() => rr("abc", "b", "$2"), "INVALID_REGEXP_REPLACE");
    expectError(() => rr("abc", "[", "x"), "INVALID_PARAMETER_VALUE.PATTERN",
      "[INVALID_PARAMETER_VALUE.PATTERN] The value of parameter(s) `regexp` in `regexp_replace` is invalid: '['. SQLSTATE: 22023");
    expect(call("regexp_replace", [[null, STRING], ["a", STRING], ["b", STRING]])).toBe(null);
  });
});
