import { describe, expect, test } from "bun:test";
import { ArrayType, BINARY, DOUBLE, FLOAT, INT, NULL, STRING } from "../../types/data_type.ts";
import { bindFn, call, callLit, evaluate, lit, ref } from "../expr_test_kit.ts";

describe("smaller string and collection functions", () => {
  test("left and right", () => {
    expect(call("left", [["hello", STRING], [2, INT]])).toBe("he");
    expect(call("left", [["hello", STRING], [-1, INT]])).toBe("");
    expect(call("left", [["hello", STRING], [10, INT]])).toBe("hello");
    expect(call("right", [["hello", STRING], [2, INT]])).toBe("lo");
    expect(call("right", [["hello", STRING], [0, INT]])).toBe("");
    expect(call("right", [["hello", STRING], [10, INT]])).toBe("hello");
    expect(call("right", [["h😀llo", STRING], [4, INT]])).toBe("😀llo");
    expect(call("left", [[null, STRING], [2, INT]])).toBe(null);
  });

  test("initcap and octet_length", () => {
    expect(call("initcap", [["hello wORLD  foo-bar", STRING]])).toBe("Hello World  Foo-bar");
    expect(call("initcap", [["ǆemal x", STRING]])).toBe("ǅemal X");
    expect(call("initcap", [["héllo wörld ß 日本語 😀", STRING]])).toBe("Héllo Wörld Ss 日本語 😀");
    expect(call("octet_length", [["héllo", STRING]])).toBe(6);
    expect(call("octet_length", [["😀", STRING]])).toBe(4);
    expect(call("octet_length", [[new Uint8Array([1, 2]), BINARY]])).toBe(2);
  });

  test("typeof, isnan, get, nullif", () => {
    expect(callLit("typeof", [[1, INT]])).toBe("int");
    expect(callLit("typeof", [[null, NULL]])).toBe("void");
    expect(callLit("typeof", [[[1], new ArrayType(INT)]])).toBe("array<int>");
    expect(call("isnan", [[NaN, DOUBLE]])).toBe(true);
    expect(call("isnan", [[null, DOUBLE]])).toBe(false);
    expect(call("isnan", [[1, INT]])).toBe(false);
    expect(call("isnan", [["NaN", STRING]])).toBe(true);
    expect(call("isnan", [[Math.fround(NaN), FLOAT]])).toBe(true);
    expect(call("get", [[[1, 2], new ArrayType(INT)], [5, INT]])).toBe(null);
    expect(call("get", [[[1, 2], new ArrayType(INT)], [-1, INT]])).toBe(null);
    expect(call("get", [[[1, 2], new ArrayType(INT)], [1, INT]])).toBe(2);
    expect(call("nullif", [[1, INT], [1, INT]])).toBe(null);
    expect(call("nullif", [[1, INT], [2, INT]])).toBe(1);
    expect(call("nullif", [[1, INT], ["1", STRING]])).toBe(null);
    expect(call("nullif", [[1, INT], [null, INT]])).toBe(1);
    expect(bindFn("nullif", [lit(null, NULL), lit(1, INT)]).type.simpleString()).toBe("void");
    expect(evaluate(bindFn("nullif", [ref(0, STRING), lit("x", STRING)]), ["x"])).toBe(null);
  });
});
