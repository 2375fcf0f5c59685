// Spark's JSON record semantics, as PySpark 4.1.1 showed them (tests/faults/bad_input/golden.json
// holds the full matrix against the file reader; these pin the parser's part of it).
import { describe, expect, test } from "bun:test";
import { getTimeZone } from "../expr/datetime/time_zone.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import { decodeLikeJackson } from "./jackson_utf8.ts";
import { jsonFeatures } from "./json_features.ts";
import { recordReader } from "./json_row_reader.ts";

function reader(ddl: string, options: Record<string, string> = {}) {
  return recordReader(parseSchemaDDL(ddl), {
    features: jsonFeatures((k) => options[k]), exactStrings: true, zone: getTimeZone("UTC"), timestampFormat: null, timestampNTZFormat: null, dateFormat: null,
  });
}

describe("JSON records as Spark reads them", () => {
  test("longs keep every digit; fractions, out-of-range numbers and strings are not longs", () => {
    const r = reader("id BIGINT, s STRING");
    expect(r('{"id": 1234567890123456789, "s": "a"}')).toEqual({ status: "ok", rows: [[1234567890123456789n, "a"]] });
    expect(r('{"id": 9007199254740993}').rows).toEqual([[9007199254740993n, null]]);
    for (const bad of ["2.0", "1e2", "9223372036854775808", '"12"', '""', "true", "NaN"]) {
      expect(r(`{"id": ${bad}, "s": "kept"}`)).toEqual({ status: "partial", rows: [[null, "kept"]] });
    }
  });

  test("TINYINT takes 128..255 as Jackson does, wrapped to negative bytes", () => {
    expect(reader("t TINYINT")('{"t": 128}').rows).toEqual([[-128]]);
    expect(reader("t TINYINT")('{"t": 256}').status).toBe("partial");
  });

  test("Spark's defaults: single quotes and NaN/Infinity allowed, leading zeros, comments and bare names not", () => {
    expect(reader("a STRING, b BIGINT")("{'a': 'q\\'s', 'b': 4}").rows).toEqual([["q's", 4]]);
    expect(reader("d DOUBLE")('{"d": -Infinity}').rows).toEqual([[-Infinity]]);
    expect(reader("d DOUBLE")('{"d": INF}').status).toBe("bad");
    expect(reader("a BIGINT")('{"a": 007}').status).toBe("bad");
    expect(reader("a BIGINT", { allowNumericLeadingZeros: "true" })('{"a": -007}').rows).toEqual([[-7]]);
    expect(reader("a BIGINT")('{"a": 1 /* c */}').status).toBe("bad");
    expect(reader("a BIGINT", { allowComments: "true" })('{/* c */ "a": 1 // end\n}').rows).toEqual([[1]]);
    expect(reader("a BIGINT")("{a: 1}").status).toBe("bad");
    expect(reader("a BIGINT", { allowUnquotedFieldNames: "true" })("{a: 1}").rows).toEqual([[1]]);
    expect(reader("s STRING")('{"s": "a\\qb"}').status).toBe("bad");
    expect(reader("s STRING", { allowBackslashEscapingAnyCharacter: "true" })('{"s": "a\\qb"}').rows).toEqual([["aqb"]]);
    expect(reader("s STRING")('{"s": "a\tb"}').status).toBe("bad");
    expect(reader("s STRING", { allowUnquotedControlChars: "true" })('{"s": "a\tb"}').rows).toEqual([["a\tb"]]);
    expect(reader("s STRING", { allowSingleQuotes: "false" })("{'s': 'x'}").status).toBe("bad");
    expect(reader("d DOUBLE", { allowNonNumericNumbers: "false" })('{"d": NaN}').status).toBe("bad");
  });

  test("a STRING field keeps a non-string value's text as written", () => {
    const r = reader("s STRING");
    expect(r('{"s": 1.50}').rows).toEqual([["1.50"]]);
    expect(r('{"s": {"x": [1, 2]}}').rows).toEqual([['{"x": [1, 2]}']]);
  });

  test("records: arrays of objects, the first value only, duplicates, case-sensitive names", () => {
    const r = reader("a BIGINT, B STRING");
    expect(r('[{"a": 1}, {"a": 2}]').rows).toEqual([[1, null], [2, null]]);
    expect(r("[]")).toEqual({ status: "ok", rows: [] });
    expect(r('{"a": 3} {"a": 4}').rows).toEqual([[3, null]]);
    expect(r('{"a": 1, "a": 2}').rows).toEqual([[2, null]]);
    expect(r('{"A": 1, "b": "x"}').rows).toEqual([[null, null]]);
    for (const bad of ['"text"', "123", "null", "[1, 2]", '{"a": 2, "B":']) expect(r(bad).status).toBe("bad");
    expect(r("   ").status).toBe("empty");
  });

  test("nested values: a struct keeps what converted, an array or map that fails is null", () => {
    const r = reader("s STRUCT<x: BIGINT, y: STRING>, arr ARRAY<INT>");
    expect(r('{"s": {"x": "no", "y": "kept"}, "arr": [1, "x"]}')).toEqual({ status: "partial", rows: [[[null, "kept"], null]] });
    expect(r('{"arr": [1, null, 3]}').rows).toEqual([[null, [1, null, 3]]]);
  });

  test("decimals round HALF_UP to the scale; too many digits is a mismatch", () => {
    const r = reader("d DECIMAL(5,2)");
    expect(r('{"d": 1.005}').rows).toEqual([[101n]]);
    expect(r('{"d": "7.25"}').rows).toEqual([[725n]]);
    expect(r('{"d": 1234.5}').status).toBe("partial");
  });

  test("bytes that are not UTF-8 fail as Jackson fails: the string value, or the record", () => {
    const r = reader("a STRING, b BIGINT");
    const bytes = (...parts: (string | number[])[]) =>
      Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p)] : p)));
    // A truncated sequence swallows the quote; reading resumes after it, so b is still read.
    expect(r(decodeLikeJackson(bytes('{"a": "', [0xe6, 0x97], '", "b": 1}')), true)).toEqual({ status: "partial", rows: [[null, 1]] });
    // A byte that cannot start a sequence leaves the rest of the string outside it: the record is malformed.
    expect(r(decodeLikeJackson(bytes('{"a": "x', [0xff], 'y", "b": 1}')), true).status).toBe("bad");
    // Overlong forms decode as Jackson decodes them; lone surrogates become "?" as in Java.
    expect(r(decodeLikeJackson(bytes('{"a": "', [0xc0, 0xaf], '", "b": 1}')), true).rows).toEqual([["/", 1]]);
    expect(r(decodeLikeJackson(bytes('{"a": "', [0xed, 0xa0, 0x80], '", "b": 2}')), true).rows).toEqual([["?", 2]]);
  });

  test("the fast paths (names compared in place, plain strings) read what the general path reads", () => {
    const r = reader("a STRING, b INT, c STRING");
    // In order, out of order, with unknown fields between, escaped names and values, a repeated key.
    expect(r('{"a": "x", "b": 1, "c": "z"}').rows).toEqual([["x", 1, "z"]]);
    expect(r('{"c": "z", "zz": [1, {"a": 2}], "b": 1, "a": "x"}').rows).toEqual([["x", 1, "z"]]);
    expect(r('{"\\u0061": "t\\tab", "b": 2, "\\u0063": "it\'s"}').rows).toEqual([["t\tab", 2, "it's"]]);
    expect(r('{"a": "1", "a": "2", "b": 3}').rows).toEqual([["2", 3, null]]);
    expect(r('{"ab": "no", "b": 4}').rows).toEqual([[null, 4, null]]);
    expect(r('{"a" : "spaced" , "b":5}').rows).toEqual([["spaced", 5, null]]);
    expect(r('{"a": "raw\ttab"}').status).toBe("bad");
    expect(r('{"a": "unterminated}').status).toBe("bad");
    // A name the schema holds twice is not guessed: the value goes where the general path puts it (the last such field).
    expect(reader("a STRING, a STRING")('{"a": "v"}').rows).toEqual([[null, "v"]]);
  });
});
