import { describe, expect, test } from "bun:test";
import { INT, NULL, STRING } from "../../types/data_type.ts";
import { bindFn, call, callLit, evaluate, expectError, lit, ref } from "../expr_test_kit.ts";

const like = (s: string, p: string, escape?: string) =>
  callLit("like", escape === undefined ? [[s, STRING], [p, STRING]] : [[s, STRING], [p, STRING], [escape, STRING]]);

describe("like", () => {
  test("wildcards, newlines and code points", () => {
    expect(like("abc", "a%")).toBe(true);
    expect(like("abc", "a_c")).toBe(true);
    expect(like("abc", "A%")).toBe(false);
    expect(like("a\nb", "a_b")).toBe(true);
    expect(like("abc", "%")).toBe(true);
    expect(like("", "%")).toBe(true);
    expect(like("a.c", "a.c")).toBe(true);
    expect(like("abc", "a.c")).toBe(false);
    expect(like("a*c", "a*c")).toBe(true);
    expect(like("abc", "%c%")).toBe(true);
    expect(like("xabcx", "%b%")).toBe(true);
    expect(like("abc", "%b")).toBe(false);
    expect(like("😀", "_")).toBe(true);
    expect(like("a(b)[c]", "a(b)[c]")).toBe(true);
    expect(call("like", [[1, INT], ["1", STRING]])).toBe(true);
  });

  test("escapes", () => {
    expect(like("a_c", "a\\_c")).toBe(true);
    expect(like("abc", "a\\_c")).toBe(false);
    expect(like("a%", "a\\%")).toBe(true);
    expect(like("a\\b", "a\\\\b")).toBe(true);
    expect(like("abc", "a%", "#")).toBe(true);
    expect(like("a%c", "a#%c", "#")).toBe(true);
    expect(like("a_b", "a%", "_")).toBe(true);
    expectError(() => like("ab", "a\\b"), "INVALID_FORMAT.ESC_IN_THE_MIDDLE",
      "[INVALID_FORMAT.ESC_IN_THE_MIDDLE] The format is invalid: 'a\\\\b'. The escape character is not allowed to precede 'b'. SQLSTATE: 42601");
    expectError(() => like("abc", "ab\\"), "INVALID_FORMAT.ESC_AT_THE_END",
      "[INVALID_FORMAT.ESC_AT_THE_END] The format is invalid: 'ab\\\\'. The escape character is not allowed to end with. SQLSTATE: 42601");
  });

  test("nulls and per-row patterns", () => {
    expect(call("like", [[null, STRING], ["a", STRING]])).toBe(null);
    expect(call("like", [["a", STRING], [null, STRING]])).toBe(null);
    expect(callLit("like", [["a", STRING], [null, NULL]])).toBe(null);
    const b = bindFn("like", [ref(0, STRING), ref(1, STRING)]);
    expect(evaluate(b, ["abc", "a%"])).toBe(true);
    expect(evaluate(b, ["abc", "b%"])).toBe(false);
    expect(evaluate(bindFn("like", [ref(0, STRING), lit("a%", STRING)]), ["abc"])).toBe(true);
  });

  test("ilike lower-cases both sides", () => {
    expect(callLit("ilike", [["abc", STRING], ["A%", STRING]])).toBe(true);
    expect(callLit("ilike", [["ÄBC", STRING], ["ä_c", STRING]])).toBe(true);
  });
});
