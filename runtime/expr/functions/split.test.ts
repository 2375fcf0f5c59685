import { describe, expect, test } from "bun:test";
import { INT, STRING } from "../../types/data_type.ts";
import { call, typeOf } from "../expr_test_kit.ts";

const split = (s: string, p: string, limit?: number) =>
  call("split", limit === undefined ? [[s, STRING], [p, STRING]] : [[s, STRING], [p, STRING], [limit, INT]]);

describe("split", () => {
  test("Java String.split keeping trailing empty strings", () => {
    expect(split("a,b,,c,,", ",")).toEqual(["a", "b", "", "c", "", ""]);
    expect(split("a,b,,c,,", ",", -1)).toEqual(["a", "b", "", "c", "", ""]);
    expect(split("a,b,,c,,", ",", 0)).toEqual(["a", "b", "", "c", "", ""]);
    expect(split("a,b,,c,,", ",", 2)).toEqual(["a", "b,,c,,"]);
    expect(split("", ",")).toEqual([""]);
    expect(split("a1b22c", "[0-9]+")).toEqual(["a", "b", "c"]);
    expect(split("a.b", ".")).toEqual(["", "", "", ""]);
    expect(split("a|b", "|")).toEqual(["a", "|", "b", ""]);
    expect(split("aXbxc", "(?i)x")).toEqual(["a", "b", "c"]);
    expect(split("abc", "x*")).toEqual(["a", "b", "c", ""]);
    expect(typeOf("split", [["a", STRING], [",", STRING]])).toBe("array<string>");
  });

  test("an empty pattern splits into characters", () => {
    expect(split("abc", "")).toEqual(["a", "b", "c"]);
    expect(split("abc", "", 2)).toEqual(["a", "bc"]);
    expect(split("a😀b", "")).toEqual(["a", "😀", "b"]);
    expect(call("split", [[null, STRING], [",", STRING]])).toBe(null);
  });
});
