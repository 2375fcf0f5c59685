import { describe, expect, test } from "bun:test";
import { STRING } from "../../types/data_type.ts";
import { call } from "../expr_test_kit.ts";

const f = (name: string, ...args: string[]) => call(name, args.map((a) => [a, STRING] as const));

describe("trim, ltrim, rtrim", () => {
  test("spaces only by default", () => {
    expect(f("trim", "  a b  ")).toBe("a b");
    expect(f("trim", "\ta\n")).toBe("\ta\n");
    expect(f("trim", " ")).toBe("");
    expect(f("ltrim", "  a  ")).toBe("a  ");
    expect(f("rtrim", "  a  ")).toBe("  a");
    expect(call("trim", [[null, STRING]])).toBe(null);
  });

  test("trim characters come first: trim(trimStr, str)", () => {
    expect(f("trim", "x", "xxaxx")).toBe("a");
    expect(f("trim", "xxaxx", "x")).toBe("");
    expect(f("ltrim", "xy", "yxaxy")).toBe("axy");
    expect(f("rtrim", "x", "xxaxx")).toBe("xxa");
    expect(f("ltrim", "ab", "abcba")).toBe("cba");
    expect(f("trim", "😀", "😀a😀")).toBe("a");
  });
});
