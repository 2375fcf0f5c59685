import { expect, test } from "bun:test";
import { parseTypeName } from "../../runtime/types/data_type.ts";
import { hiveFormatter } from "./hive_result.ts";

const show = (type: string, v: unknown) => hiveFormatter(parseTypeName(type), "America/Los_Angeles")(v);

test("top-level values as HiveResult prints them", () => {
  expect(show("int", null)).toBe("NULL");
  expect(show("string", "a b")).toBe("a b");
  expect(show("double", 1e10)).toBe("1.0E10");
  expect(show("float", Math.fround(0.1))).toBe("0.1");
  expect(show("decimal(5,2)", 1234n)).toBe("12.34");
  expect(show("date", 0)).toBe("1970-01-01");
  expect(show("timestamp", 1_500_000)).toBe("1969-12-31 16:00:01.5");
  expect(show("binary", new TextEncoder().encode("hi"))).toBe("hi");
});

test("nested values quote strings, print null, sort map entries", () => {
  expect(show("array<string>", ["a", null])).toBe('["a",null]');
  expect(show("map<int,string>", new Map([[2, "b"], [1, "a"]]))).toBe('{1:"a",2:"b"}');
  expect(show("struct<a:int,b:array<int>>", [1, [2, 3]])).toBe('{"a":1,"b":[2,3]}');
});

test("intervals in Hive style", () => {
  expect(show("interval year to month", -14)).toBe("-1-2");
  expect(show("interval day to second", 93_784_000_005)).toBe("1 02:03:04.000005000");
  expect(show("interval hour", -3_600_000_000)).toBe("-0 01:00:00.000000000");
});
