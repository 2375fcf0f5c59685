import { describe, expect, test } from "bun:test";
import { ArrayType, INT, NULL, STRING } from "../../types/data_type.ts";
import { call, callLit } from "../expr_test_kit.ts";

describe("concat_ws", () => {
  test("skips nulls, flattens arrays", () => {
    expect(call("concat_ws", [[",", STRING], ["a", STRING], [null, STRING], ["b", STRING]])).toBe("a,b");
    expect(call("concat_ws", [[",", STRING], ["a", STRING], [["b", "c"], new ArrayType(STRING)], [null, STRING], [[null, "d"], new ArrayType(STRING)]])).toBe("a,b,c,d");
    expect(call("concat_ws", [[null, STRING], ["a", STRING]])).toBe(null);
    expect(callLit("concat_ws", [[",", STRING]])).toBe("");
    expect(call("concat_ws", [["-", STRING], [1, INT], [2, INT]])).toBe("1-2");
    expect(call("concat_ws", [["-", STRING], [[1, 2], new ArrayType(INT)]])).toBe("1-2");
    expect(call("concat_ws", [[",", STRING], [[], new ArrayType(STRING)]])).toBe("");
    expect(callLit("concat_ws", [[",", STRING], ["a", STRING], [null, NULL]])).toBe("a");
  });
});
