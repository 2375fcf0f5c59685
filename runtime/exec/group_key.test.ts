import { expect, test } from "bun:test";
import { DISTINCT_KEYS } from "../state/conformance.ts";
import { keyString } from "../state/key_string.ts";
import { DOUBLE, LONG, STRING, StructField, StructType, TIMESTAMP, BINARY, type DataType } from "../types/data_type.ts";
import { groupKeyOf } from "./group_key.ts";

const WINDOW = new StructType([new StructField("start", TIMESTAMP, true), new StructField("end", TIMESTAMP, true)]);

/** Keys are equal under groupKeyOf exactly when keyString says so. */
function agrees(types: DataType[], keys: unknown[][]): void {
  const f = groupKeyOf(types);
  for (const a of keys) {
    for (const b of keys) {
      expect([a, b, f(a) === f(b)]).toEqual([a, b, keyString(a) === keyString(b)]);
    }
  }
}

test("numbers: by value, -0 apart from 0, NaNs together, bigints apart from numbers", () => {
  agrees([DOUBLE], [[0], [-0], [1], [1.5], [NaN], [Number.NaN * 2], [Infinity], [-Infinity], [null], [1n], [10n ** 30n], [5], [5.0]]);
  agrees([LONG, LONG], [[1, 23], [12, 3], [123, null], [null, 123], [1, 2], [1, 2]]);
});

test("strings carry their length, so no two column splits meet", () => {
  agrees([STRING, STRING], [["ab", "c"], ["a", "bc"], ["", "abc"], ["abc", ""], ["a;b", "c"], ["z", null], [null, "z"], ["1:x", "y"], ["1", ":xy"]]);
});

test("a window struct and a string, as windowed aggregations group", () => {
  agrees([WINDOW, STRING], [[[0, 300], "a"], [[0, 300], "b"], [[0, 30], "0a"], [[0, 300], "a"], [null, "a"], [[null, 300], "a"], [[0, null], "a"]]);
});

test("other types go through keyString", () => {
  agrees([BINARY], DISTINCT_KEYS.filter((k) => k.length === 1) as unknown[][]);
  agrees([STRING], DISTINCT_KEYS.filter((k) => k.length === 1) as unknown[][]);
});
