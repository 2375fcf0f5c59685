import { describe, expect, test } from "bun:test";
import {
  ArrayType, BINARY, BOOLEAN, DATE, DecimalType, DOUBLE, INT, LONG, MapType, STRING, StructField, StructType, TIMESTAMP,
} from "../../types/data_type.ts";
import type { DataType } from "../../types/data_type.ts";
import { stringToTimestamp } from "../datetime/string_to_timestamp.ts";
import { getTimeZone } from "../datetime/time_zone.ts";
import type { Bound } from "../bound.ts";
import { bindContext, call, col, compile, errorOf, lit } from "./datetime_test_kit.ts";
import { fn as from_json } from "./from_json.ts";
import { fn as map } from "./map.ts";

const struct = (...f: [string, DataType][]) => new StructType(f.map(([n, t]) => new StructField(n, t)));
const opts = (o: Record<string, string>) => [new Map(Object.entries(o)), new MapType(STRING, STRING)] as [unknown, DataType];
/** from_json with the schema literal the analyzer passes: type = target type, value = the DDL text. */
const parse = (json: string | null, schema: DataType, o?: Record<string, string>) =>
  call(from_json, [[json, STRING], [schema.simpleString(), schema], ...(o ? [opts(o)] : [])]);
const utc = getTimeZone("UTC");

// Expected values are PySpark 4.1.1 results.
describe("from_json", () => {
  const ab = struct(["a", INT], ["b", STRING]);

  test("PERMISSIVE: partial results, all-null structs, null for empty text", () => {
    expect(parse('{"a": 1, "b": "x"}', ab)).toEqual([1, "x"]);
    expect(parse('{"a": "nope", "b": "x"}', ab)).toEqual([null, "x"]);
    expect(parse("not json", ab)).toEqual([null, null]);
    expect(parse("", struct(["a", INT]))).toBeNull();
    expect(parse(null, ab)).toBeNull();
    const a = struct(["a", INT]);
    expect(parse('{"a": 1.5}', a)).toEqual([null]);
    expect(parse('{"a": 3000000000}', a)).toEqual([null]);
    expect(parse('{"A": 1}', a)).toEqual([null]);
    expect(parse('[{"a": 1}]', a)).toEqual([null]);
    expect(parse('{"a": 1} x', a)).toEqual([1]);
    expect(parse("null", a)).toEqual([null]);
    expect(parse('{"a": 1, "a": 2}', a)).toEqual([2]);
    expect(parse('  {"a": 1}  ', a)).toEqual([1]);
    expect(parse('{"a": 1e2}', a)).toEqual([null]);
    expect(parse('{"a": "1"}', a)).toEqual([null]);
    expect(parse('{"a": 01}', a)).toEqual([null]);
  });

  test("types", () => {
    const t = struct(["a", LONG], ["b", struct(["c", new ArrayType(INT)])], ["d", DOUBLE], ["e", BOOLEAN], ["f", TIMESTAMP], ["g", DATE], ["h", new DecimalType(5, 2)]);
    expect(parse('{"a": 1, "b": {"c": [1,2]}, "d": 1.5, "e": true, "f": "2024-01-01 10:00:00", "g": "2024-01-02", "h": 12.345}', t))
      .toEqual([1, [[1, 2]], 1.5, true, stringToTimestamp("2024-01-01 10:00:00", utc), 19724, 1235n]);
    const u = struct(["a", STRING], ["b", new ArrayType(INT)], ["c", STRING], ["d", DOUBLE], ["e", DOUBLE], ["f", BOOLEAN], ["g", STRING]);
    expect(parse('{"a": {"x": 1}, "b": [1, "2"], "c": 12, "d": "NaN", "e": 1, "f": "true", "g": 1.5}', u))
      .toEqual(['{"x":1}', null, "12", NaN, 1, null, "1.5"]);
    // A STRING field takes a non-string value as Jackson's generator writes it (checked against PySpark in the longs goldens).
    expect(parse('{"a": [1, {"b":2}], "b": 1.50}', struct(["a", STRING], ["b", STRING]))).toEqual(['[1,{"b":2}]', "1.5"]);
    // Spark's defaults: single quotes and NaN allowed; 2.0 is not a BIGINT; every digit of a long kept.
    expect(parse("{'a': 'x', 'd': NaN}", struct(["a", STRING], ["d", DOUBLE]))).toEqual(["x", NaN]);
    expect(parse('{"a": 2.0, "b": 9007199254740993}', struct(["a", LONG], ["b", LONG]))).toEqual([null, 9007199254740993n]);
    expect(parse("{'a': 1}", struct(["a", INT]), { allowSingleQuotes: "false" })).toEqual([null]);
    expect(parse('{"a": 1}', struct(["a", new DecimalType(2, 1)]))).toEqual([10n]);
  });

  test("arrays and maps at the root", () => {
    expect(parse("[1,2,3]", new ArrayType(INT))).toEqual([1, 2, 3]);
    expect(parse('{"k": 1, "j": 2}', new MapType(STRING, INT))).toEqual(new Map([["k", 1], ["j", 2]]));
    const arr = new ArrayType(struct(["a", INT]));
    expect(parse('[{"a":1},{"a":2}]', arr)).toEqual([[1], [2]]);
    expect(parse('{"a":1}', arr)).toEqual([[1]]);
    expect(parse("oops", new ArrayType(INT))).toBeNull();
  });

  test("timestamp and date options", () => {
    expect(parse('{"t": "2024/01/02"}', struct(["t", TIMESTAMP]), { timestampFormat: "yyyy/MM/dd" })).toEqual([stringToTimestamp("2024-01-02", utc)]);
    expect(parse('{"t": "02.01.2024"}', struct(["t", DATE]), { dateFormat: "dd.MM.yyyy" })).toEqual([19724]);
    expect(parse('{"t": 1700000000}', struct(["t", TIMESTAMP]))).toEqual([1700000000 * 1_000_000]);
    expect(parse('{"t": "2024-01-01T10:00:00.000Z"}', struct(["t", TIMESTAMP]))).toEqual([stringToTimestamp("2024-01-01 10:00:00", utc)]);
    const la = compile(from_json, [{ kind: "ref", ordinal: 0, type: STRING, nullable: true, name: "j" }, lit("t TIMESTAMP", struct(["t", TIMESTAMP]))], { timeZone: "America/Los_Angeles" });
    expect(la(['{"t": "2024-01-01 00:00:00"}'])).toEqual([1704096000 * 1_000_000]);
  });

  test("a DDL string as the schema", () => {
    expect(call(from_json, [['{"a": 1, "b": "x"}', STRING], ["a INT, b STRING", STRING]])).toEqual([1, "x"]);
    expect(call(from_json, [["[1,2]", STRING], ["array<int>", STRING]])).toEqual([1, 2]);
    expect(errorOf(() => call(from_json, [["{}", STRING], [null, STRING]])).code).toBe("INVALID_SCHEMA.NON_STRING_LITERAL");
  });

  test("FAILFAST and schema errors", () => {
    const e = errorOf(() => parse("not json", struct(["a", INT]), { mode: "FAILFAST" }));
    expect(e.code).toBe("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION");
    expect(e.bareMessage).toBe("Malformed records are detected in record parsing: [null].\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. ");
    expect(errorOf(() => parse('{"a": "x"}', struct(["a", INT]), { mode: "FAILFAST" })).code).toBe("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION");
    expect(errorOf(() => parse("{}", new MapType(INT, INT))).code).toBe("DATATYPE_MISMATCH.INVALID_JSON_MAP_KEY_TYPE");
    expect(errorOf(() => parse("{}", INT)).code).toBe("DATATYPE_MISMATCH.INVALID_JSON_SCHEMA");
    expect(errorOf(() => parse("{}", struct(["a", INT]), { mode: "DROPMALFORMED" })).code).toBe("PARSE_MODE_UNSUPPORTED");
  });

  test("options written as map(…) of constants", () => {
    const args = [lit("mode", STRING), lit("FAILFAST", STRING)];
    const b = map.bind(args, bindContext(map, args));
    const options: Bound = { kind: "fn", name: "map", ...b, args: b.args ?? args };
    const run = compile(from_json, [col(0, STRING), lit("a INT", STRING), options]);
    expect(run(['{"a": 1}'])).toEqual([1]);
    expect(errorOf(() => run(["not json"])).code).toBe("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION");
    const notConstant = { ...options, args: [args[0]!, col(1, STRING)] };
    expect(errorOf(() => compile(from_json, [col(0, STRING), lit("a INT", STRING), notConstant])).code).toBe("INVALID_OPTIONS.NON_MAP_FUNCTION");
  });

  test("a schema string with a syntax error fails with it, even after an unknown type name", () => {
    const e = errorOf(() => call(from_json, [["{}", STRING], ["not a schema", STRING]]));
    expect([e.code, e.bareMessage]).toEqual(["PARSE_SYNTAX_ERROR", "Syntax error at or near 'a'."]);
    expect(errorOf(() => call(from_json, [["{}", STRING], ["a INT, b", STRING]])).bareMessage).toBe("Syntax error at or near 'INT'.");
  });

  test("with a map schema Spark prints the call as `entries`", () => {
    const args = [col(0, STRING), lit("MAP<STRING,STRING>", STRING)];
    expect(from_json.bind(args, bindContext(from_json, args)).printed?.([])).toBe("entries");
    const struct = [col(0, STRING), lit("a INT", STRING)];
    expect(from_json.bind(struct, bindContext(from_json, struct)).printed).toBeUndefined();
  });
});

describe("from_json(cast(binary as string)): the bytes are parsed directly", () => {
  const t = struct(["a", LONG], ["b", STRING], ["h", new DecimalType(5, 2)], ["f", TIMESTAMP]);
  const castNode = (arg: Bound): Bound => ({
    kind: "fn", name: "cast", args: [arg], type: STRING, nullable: true, impl: (b: Uint8Array) => new TextDecoder().decode(b),
  });
  const overBytes = (o?: Record<string, string>) => {
    const args: Bound[] = [castNode(col(0, BINARY)), lit(t.simpleString(), t)];
    if (o) args.push(lit(new Map(Object.entries(o)), new MapType(STRING, STRING)));
    return compile(from_json, args);
  };
  const overText = (o?: Record<string, string>) => {
    const args: Bound[] = [col(0, STRING), lit(t.simpleString(), t)];
    if (o) args.push(lit(new Map(Object.entries(o)), new MapType(STRING, STRING)));
    return compile(from_json, args);
  };

  test("the bound call takes the binary column itself", () => {
    const args: Bound[] = [castNode(col(0, BINARY)), lit(t.simpleString(), t)];
    const bound = from_json.bind(args, bindContext(from_json, args));
    expect(bound.args?.[0]).toEqual(col(0, BINARY));
  });

  test("the same values as parsing the cast text, for plain, unusual and broken input", () => {
    const texts = [
      '{"a": 1, "b": "x", "h": 12.34, "f": "2024-01-01 10:00:00"}',
      '{"a": 1.5, "b": "caf\u00e9", "h": 12.345}',
      '{"b": "esc\\"aped", "a": 12345678901234567}',
      "not json",
      "",
      '{"a": 1} trailing',
      "[1]",
      '{"h": 1234.5}',
    ];
    const bytes = overBytes();
    const text = overText();
    for (const s of texts) expect(bytes([new TextEncoder().encode(s)])).toEqual(text([s]) as unknown[]);
    expect(bytes([null])).toBeNull();
    // Invalid UTF-8 goes through the cast, as before.
    const bad = new Uint8Array([0x7b, 0x22, 0x62, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
    expect(bytes([bad])).toEqual(text([new TextDecoder().decode(bad)]) as unknown[]);
  });

  test("FAILFAST still fails on what the fast path leaves", () => {
    const run = overBytes({ mode: "FAILFAST" });
    expect(run([new TextEncoder().encode('{"a": 2}')])).toEqual([2, null, null, null]);
    expect(errorOf(() => run([new TextEncoder().encode('{"a": "x"}')])).code).toBe("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION");
  });
});
