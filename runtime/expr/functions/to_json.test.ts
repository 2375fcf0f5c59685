import { describe, expect, test } from "bun:test";
import {
  ArrayType, BINARY, BOOLEAN, DATE, DecimalType, DOUBLE, FLOAT, INT, MapType, STRING, StructField, StructType, TIMESTAMP,
  TIMESTAMP_NTZ,
} from "../../types/data_type.ts";
import type { DataType } from "../../types/data_type.ts";
import { stringToTimestamp, stringToTimestampWithoutTimeZone } from "../datetime/string_to_timestamp.ts";
import { getTimeZone } from "../datetime/time_zone.ts";
import { call, errorOf } from "./datetime_test_kit.ts";
import { fn as to_json, bigDecimalString } from "./to_json.ts";

const struct = (...f: [string, DataType][]) => new StructType(f.map(([n, t]) => new StructField(n, t)));
const ts = (s: string) => stringToTimestamp(s, getTimeZone("UTC"))!;

// Expected texts are PySpark 4.1.1 results.
describe("to_json", () => {
  test("a struct of every common type; null fields left out", () => {
    const t = struct(["a", INT], ["b", STRING], ["c", INT], ["d", DOUBLE], ["e", new DecimalType(5, 2)], ["f", BOOLEAN], ["g", DATE],
      ["h", TIMESTAMP], ["i", TIMESTAMP], ["j", new ArrayType(INT)], ["k", new MapType(STRING, INT)], ["l", BINARY]);
    const v = [1, "x", null, 1.5, 150n, true, 19724, ts("2024-01-01 10:00:00"), ts("2024-01-01 10:00:00.123456"), [1, 2], new Map([["x", 1]]), new Uint8Array([0, 255])];
    expect(call(to_json, [[v, t]])).toBe('{"a":1,"b":"x","d":1.5,"e":1.50,"f":true,"g":"2024-01-02","h":"2024-01-01T10:00:00.000Z","i":"2024-01-01T10:00:00.123Z","j":[1,2],"k":{"x":1},"l":"AP8="}');
  });

  test("numbers as Java and BigDecimal print them", () => {
    const t = struct(["a", DOUBLE], ["b", DOUBLE], ["c", DOUBLE], ["d", DOUBLE], ["e", DOUBLE], ["f", FLOAT], ["g", new DecimalType(38, 0)], ["h", new DecimalType(10, 5)], ["i", DOUBLE], ["j", DOUBLE], ["k", DOUBLE]);
    const v = [1e10, 1e-5, NaN, Infinity, 1e20, Math.fround(0.1), 10n ** 20n, 1n, 123456789.0, -0, 100];
    expect(call(to_json, [[v, t]])).toBe('{"a":1.0E10,"b":1.0E-5,"c":"NaN","d":"Infinity","e":1.0E20,"f":0.1,"g":100000000000000000000,"h":0.00001,"i":1.23456789E8,"j":-0.0,"k":100.0}');
    expect(bigDecimalString(1n, 7)).toBe("1E-7");
    expect(bigDecimalString(-12345n, 2)).toBe("-123.45");
  });

  test("escapes, nulls in arrays and maps, nested empty structs", () => {
    expect(call(to_json, [[['quote" back\\ nl\n tab\t uni é ☃ ctrl\u0001 slash/'], struct(["s", STRING])]]))
      .toBe('{"s":"quote\\" back\\\\ nl\\n tab\\t uni é ☃ ctrl\\u0001 slash/"}');
    expect(call(to_json, [[[[1], null], new ArrayType(struct(["a", INT]))]])).toBe('[{"a":1},null]');
    expect(call(to_json, [[new Map([[1, "a"]]), new MapType(INT, STRING)]])).toBe('{"1":"a"}');
    expect(call(to_json, [[[1, null], new ArrayType(INT)]])).toBe("[1,null]");
    expect(call(to_json, [[[[null]], struct(["a", struct(["b", INT])])]])).toBe('{"a":{}}');
    expect(call(to_json, [[new Map([["a", null]]), new MapType(STRING, INT)]])).toBe('{"a":null}');
    expect(call(to_json, [[null, struct(["a", INT])]])).toBeNull();
  });

  test("time zones and format options", () => {
    const t = struct(["t", TIMESTAMP]);
    expect(call(to_json, [[[ts("2024-01-01 10:00:00")], t]], { timeZone: "America/Los_Angeles" })).toBe('{"t":"2024-01-01T02:00:00.000-08:00"}');
    expect(call(to_json, [[[ts("2024-01-01 10:00:00")], t]], { timeZone: "+05:30" })).toBe('{"t":"2024-01-01T15:30:00.000+05:30"}');
    const ntz = stringToTimestampWithoutTimeZone("2024-01-01 10:00:00.5")!;
    expect(call(to_json, [[[ntz], struct(["t", TIMESTAMP_NTZ])]])).toBe('{"t":"2024-01-01T10:00:00.500"}');
    const o = new Map([["timestampFormat", "yyyy/MM/dd HH:mm"], ["dateFormat", "dd.MM.yyyy"]]);
    expect(call(to_json, [[[ts("2024-01-01 10:00:00"), 19723], struct(["t", TIMESTAMP], ["d", DATE])], [o, new MapType(STRING, STRING)]]))
      .toBe('{"t":"2024/01/01 10:00","d":"01.01.2024"}');
  });

  test("only structs, arrays and maps", () => {
    const e = errorOf(() => call(to_json, [[1, INT]]));
    expect(e.code).toBe("DATATYPE_MISMATCH.INVALID_JSON_SCHEMA");
    expect(e.bareMessage).toBe(`Cannot resolve "to_json(1)" due to data type mismatch: Input schema "INT" must be a struct, an array, a map or a variant.`);
  });
});
