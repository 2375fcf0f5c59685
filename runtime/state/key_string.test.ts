import { expect, test } from "bun:test";
import { CalendarInterval } from "../types/calendar_interval.ts";
import { DISTINCT_KEYS } from "./conformance.ts";
import { keyString } from "./key_string.ts";

test("distinct keys get distinct strings", () => {
  const more: unknown[][] = [
    ["a,b"], ['a"', "b"], ["a", '"b'], ["\u0001s1:a"], ["s1:a"], [["s1:a"]], [[]], [[], []], [null, null], [[null]],
    [1, "1"], ["1", 1], [true, "T"], ["T"], [new Uint8Array([115, 49, 58, 97])], ["s1:a", 1n], [1n, 2n], [12n], ["\ud800"], ["\udc00"],
    [new Map([["a", 1], ["b", 2]])], [new Map([["b", 2], ["a", 1]])], [new CalendarInterval(0, 0, 0)], [[new CalendarInterval(0, 0, 0)]],
  ];
  const all = [...DISTINCT_KEYS, ...more];
  const strings = new Set(all.map(keyString));
  expect(strings.size).toBe(all.length);
});

test("equal values give equal strings", () => {
  expect(keyString(["a", 1, null, true])).toBe(keyString(["a", 1.0, null, true]));
  expect(keyString([NaN])).toBe(keyString([0 / 0]));
  expect(keyString([new Uint8Array([1, 2])])).toBe(keyString([Buffer.from([1, 2])]));
  expect(keyString([[1n, new Map([[1, "x"]])]])).toBe(keyString([[1n, new Map([[1, "x"]])]]));
  expect(keyString([new CalendarInterval(1, 2, 3)])).toBe(keyString([new CalendarInterval(1, 2, 3)]));
});

test("plain keys use JSON; others are tagged so the two never meet", () => {
  expect(keyString(["word", 3, false, null])).toBe('["word",3,false,null]');
  expect(keyString([-0])).toBe("\u0001n-0;");
  expect(keyString([NaN, "a"])).toBe("\u0001nNaN;s1:a");
  expect(keyString([1n])).toBe("\u0001b1;");
});

test("a binary key of any length", () => {
  const big = new Uint8Array(100_000).map((_, i) => i % 256);
  const other = big.slice();
  other[99_999] = 0;
  expect(keyString([big])).not.toBe(keyString([other]));
  expect(keyString([big])).toBe(keyString([big.slice()]));
});

test("a value outside the engine's representation is an internal error", () => {
  expect(() => keyString([{ a: 1 }])).toThrow("A state store key cannot hold a value of type Object.");
  expect(() => keyString([new Date(0)])).toThrow("type Date");
  expect(() => keyString([() => 1])).toThrow("type function");
});
