import { describe, expect, test } from "bun:test";
import { STRING } from "../../types/data_type.ts";
import { call, callLit, expectError } from "../expr_test_kit.ts";

const rlike = (s: string, p: string) => callLit("rlike", [[s, STRING], [p, STRING]]);

describe("rlike", () => {
  test("Java regex found anywhere in the string", () => {
    expect(rlike("abc", "b")).toBe(true);
    expect(rlike("abc", "^b")).toBe(false);
    expect(rlike("a\nb", "a.b")).toBe(false);
    expect(rlike("a\nb", "^b")).toBe(false);
    expect(rlike("abc\n", "c$")).toBe(true);
    expect(rlike("ABC", "(?i)abc")).toBe(true);
    expect(rlike("abc", "\\w+")).toBe(true);
    expect(rlike("abc", "\\p{Alpha}+")).toBe(true);
    expect(rlike("a b", "a\\sb")).toBe(true);
    expect(rlike("a\u00a0b", "a\\sb")).toBe(false);
    expect(rlike("a.b", "\\Qa.b\\E")).toBe(true);
    expect(rlike("axb", "\\Qa.b\\E")).toBe(false);
    expect(call("regexp", [["x1", STRING], ["\\d", STRING]])).toBe(true);
    expect(call("regexp_like", [["x", STRING], ["\\d", STRING]])).toBe(false);
  });

  test("invalid pattern", () => {
    expectError(() => rlike("a", "["), "INVALID_PARAMETER_VALUE.PATTERN",
      "[INVALID_PARAMETER_VALUE.PATTERN] The value of parameter(s) `regexp` in `rlike` is invalid: '['. SQLSTATE: 22023");
    expectError(() => call("rlike", [["a", STRING], ["(", STRING]]), "INVALID_PARAMETER_VALUE.PATTERN");
  });
});
