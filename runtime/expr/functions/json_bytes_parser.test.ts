import { describe, expect, test } from "bun:test";
import { getTimeZone, UTC_ZONE } from "../datetime/time_zone.ts";
import { parseDDL } from "../../types/ddl.ts";
import type { StructType } from "../../types/data_type.ts";
import { jsonParser } from "./from_json.ts";
import { jsonBytesParser } from "./json_bytes_parser.ts";

const schema = parseDDL(
  "id BIGINT, name STRING, amount DECIMAL(10,2), price DOUBLE, qty INT, ok BOOLEAN, ts TIMESTAMP, d DATE, small TINYINT, f FLOAT",
) as StructType;
const enc = new TextEncoder();

/** The fast path's answer and the general parser's, for one text. */
function both(text: string, s: StructType = schema, zone = UTC_ZONE) {
  const fast = jsonBytesParser(s, zone)!;
  const general = jsonParser(s, new Map(), zone);
  return { fast: fast(enc.encode(text)), general: general(text) };
}

describe("from_json over bytes", () => {
  test("plain records are read by the fast path, with the general parser's values", () => {
    const texts = [
      '{"id":1,"name":"books","amount":12.5,"price":1.25,"qty":3,"ok":true,"ts":"2024-01-01T00:00:01.5Z","d":"2024-02-29","small":-7,"f":0.1}',
      '{ "id" : -42 , "name" : "a b", "amount" : 0.01, "ok": false, "ts": "2024-01-01 10:00:00" }',
      '{"name":null,"id":9007199254740,"extra":{"nested":[1,2.5,"x",{"y":null}],"t":true},"amount":-3}',
      '{"id":0,"amount":99999999.99,"price":-0.0,"qty":2147483647}',
      '{"ts":1700000000,"id":-0}',
      "{}",
      '  {"name":"x"}  trailing text is ignored',
      '{"price":1e3,"f":-2.5E-3}',
      '{"name":"dup","name":"last wins"}',
    ];
    for (const t of texts) {
      const { fast, general } = both(t);
      expect(fast).toBeDefined();
      expect(fast).toEqual(general as unknown[]);
    }
  });

  test("interned strings are equal strings", () => {
    const p = jsonBytesParser(schema, UTC_ZONE)!;
    const a = p(enc.encode('{"name":"garden"}'))!;
    const b = p(enc.encode('{"name":"garden"}'))!;
    const c = p(enc.encode('{"name":"gardem"}'))!;
    expect(a[1]).toBe("garden");
    expect(b[1]).toBe("garden");
    expect(c[1]).toBe("gardem");
  });

  test("everything unusual is left to the general parser", () => {
    const left = [
      '{"name":"caf\u00e9"}', // non-ASCII
      '{"name":"a\\"b"}', // escape
      '{"id":1.5}', // fraction for a BIGINT: a partial result
      '{"id":12345678901234567}', // beyond the fast digits
      '{"id":01}', // leading zero: malformed for Jackson
      '{"amount":1.234}', // needs rounding
      '{"amount":1e2}', // exponent
      '{"amount":"12.50"}', // string for a decimal
      '{"small":300}', // out of range
      '{"price":NaN}', // non-numeric number
      "{'name':'x'}", // single quotes
      '{"name":"x",}', // trailing comma
      '{"name":"x"', // cut short
      "[1,2]",
      "null",
      "",
      '{"ok":"true"}',
      '{"ts":"not a time"}',
      '{"d":"2024-13-01"}',
      '{"name":5}', // a number for a string field: Jackson's text
      '{"x":[1,}',
      '{"x":tru}',
    ];
    const p = jsonBytesParser(schema, UTC_ZONE)!;
    for (const t of left) expect(p(enc.encode(t))).toBeUndefined();
  });

  test("timestamps in a zone with daylight saving agree with the general parser", () => {
    const zone = getTimeZone("America/New_York");
    for (const ts of ["2024-03-10 02:30:00", "2024-11-03T01:30:00", "2024-07-01T12:00:00.123456", "2024-07-01T12:00:00Z", "2024-07-01T12:00:00+02:00"]) {
      const { fast, general } = both(`{"ts":"${ts}"}`, schema, zone);
      expect(fast).toEqual(general as unknown[]);
    }
  });

  test("a schema with no field the fast path converts gets no fast path", () => {
    expect(jsonBytesParser(parseDDL("a ARRAY<INT>, m MAP<STRING,INT>") as StructType, UTC_ZONE)).toBeNull();
  });

  test("a field of a kind it does not convert sends just that record to the general parser", () => {
    const s = parseDDL("a ARRAY<INT>, n STRING") as StructType;
    const p = jsonBytesParser(s, UTC_ZONE)!;
    expect(p(enc.encode('{"n":"x"}'))).toEqual([null, "x"]);
    expect(p(enc.encode('{"a":[1],"n":"x"}'))).toBeUndefined();
    expect(p(enc.encode('{"a":null,"n":"x"}'))).toEqual([null, "x"]);
  });
});
