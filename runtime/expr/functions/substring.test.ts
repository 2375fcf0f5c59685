import { describe, expect, test } from "bun:test";
import { BINARY, INT, STRING } from "../../types/data_type.ts";
import { call } from "../expr_test_kit.ts";

const sub = (s: unknown, pos: unknown, len?: number) =>
  call("substring", len === undefined ? [[s, typeof s === "string" ? STRING : BINARY], [pos, typeof pos === "string" ? STRING : INT]]
    : [[s, typeof s === "string" ? STRING : BINARY], [pos, INT], [len, INT]]);

describe("substring", () => {
  test("Spark's 1-based positions (0 is 1, negatives from the end)", () => {
    expect(sub("hello", 2)).toBe("ello");
    expect(sub("hello", 2, 3)).toBe("ell");
    expect(sub("hello", 0, 2)).toBe("he");
    expect(sub("hello", 0)).toBe("hello");
    expect(sub("hello", -3, 2)).toBe("ll");
    expect(sub("hello", -10, 3)).toBe("");
    expect(sub("hello", -10, 7)).toBe("he");
    expect(sub("hello", 10)).toBe("");
    expect(sub("hello", 2, -1)).toBe("");
    expect(sub("hello", 1, 0)).toBe("");
    expect(sub("hello", 2, 100)).toBe("ello");
    expect(sub("h😀llo", 2, 2)).toBe("😀l");
    expect(sub("hello", "2")).toBe("ello");
    expect(sub("hello", 2147483647, 2147483647)).toBe("");
    expect(sub("hello", -2147483648, 2147483647)).toBe("hell");
    expect(call("substr", [[12345, INT], [2, INT], [2, INT]])).toBe("23");
  });

  test("bytes of binaries", () => {
    expect(sub(new Uint8Array([1, 2, 3]), 2, 1)).toEqual(new Uint8Array([2]));
  });
});
