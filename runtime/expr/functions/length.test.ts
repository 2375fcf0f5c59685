import { describe, expect, test } from "bun:test";
import { BINARY, INT, STRING } from "../../types/data_type.ts";
import { call } from "../expr_test_kit.ts";

describe("length", () => {
  test("characters of strings, bytes of binaries", () => {
    expect(call("length", [["héllo", STRING]])).toBe(5);
    expect(call("length", [["😀", STRING]])).toBe(1);
    expect(call("length", [["", STRING]])).toBe(0);
    expect(call("length", [[new Uint8Array([1, 2]), BINARY]])).toBe(2);
    expect(call("length", [[1234, INT]])).toBe(4);
    expect(call("char_length", [["ab", STRING]])).toBe(2);
    expect(call("character_length", [["ab", STRING]])).toBe(2);
    expect(call("length", [[null, STRING]])).toBe(null);
  });
});
