// The fast reader must give exactly the exact reader's row, or give up: checked on hand-picked
// records where the two could differ, and on many generated ones (seeded), with every field read
// and with only some read.
import { describe, expect, test } from "bun:test";
import { getTimeZone } from "../expr/datetime/time_zone.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import { StructType } from "../types/data_type.ts";
import { fastRecordReader } from "./json_fast_reader.ts";
import { jsonFeatures } from "./json_features.ts";
import { type JsonConvertOptions, recordReader } from "./json_row_reader.ts";

const DDL = "id BIGINT, n INT, t TINYINT, d DOUBLE, f FLOAT, s STRING, b BOOLEAN, ts TIMESTAMP, day DATE, ntz TIMESTAMP_NTZ";
const schema = parseSchemaDDL(DDL);
const options = (o: Record<string, string> = {}): JsonConvertOptions => ({
  features: jsonFeatures((k) => o[k]), exactStrings: true, zone: getTimeZone("UTC"), timestampFormat: null, timestampNTZFormat: null, dateFormat: null,
});

/** The fast row (undefined: it gave up) and the exact reader's result, for every field read. */
function both(text: string, o = options()) {
  const fast = fastRecordReader(schema, o)!;
  return { fast: fast(text), exact: recordReader(schema, o, true)(text) };
}

describe("the fast JSON reader", () => {
  test("reads plain records as the exact reader does", () => {
    const lines = [
      '{"id": 42, "n": -7, "t": 200, "d": 1.5e3, "f": 0.1, "s": "plain", "b": true, "ts": "2024-01-01T00:00:00.448Z", "day": "2024-02-29", "ntz": "2024-01-01 10:00:00"}',
      '{"id":-0,"d":-0,"n":0,"s":"","b":false,"ts":1700000000}',
      '{"s": "ünïcödé ✓ 😀", "zz": "unknown", "yy": 12.5, "xx": null, "ww": true}',
      '{"id": null, "s": null, "ts": null}',
      "{}",
      '  {"id": 123456789012345}  ',
      '{"s": "a:b:c", "ts": "2024-01-01 00:00:00"}',
      // Objects and arrays of keys the schema does not read are skipped.
      '{"zz": {"a": [1, -2.5e3, "x", true, false, null, {}, []], "b": {"c": {"d": "e"}}}, "id": 7, "yy": [[], [{}]]}',
    ];
    for (const line of lines) {
      const { fast, exact } = both(line);
      expect(exact.status).toBe("ok");
      expect(fast).toEqual(exact.rows[0]!);
    }
  });

  test("gives up where Spark's answer needs the exact reader", () => {
    const cases = [
      '{"id": 2.0}', '{"id": 1e2}', '{"id": 9007199254740993}', '{"id": 1234567890123456789}', '{"n": 2147483648}',
      '{"id": "12"}', '{"s": 1.50}', '{"s": {"x": 1}}', '{"s": [1]}', '{"s": true}', '{"b": "true"}', '{"d": "NaN"}', '{"d": NaN}',
      '{"id": 1, "id": 2}', '{"n": "x", "n": 1}', "{'s': 'single'}", '{"s": "tab\there"}', '{"s": "esc\\"aped"}', '{"\\u0069d": 1}',
      '{"id": 007}', '{"id": +1}', '{"id": .5}', '{"id": 1.}', '{"id": 1} trailing', '{"id": 1,}', '[{"id": 1}]', '"text"', "123",
      '{"ts": "not a time"}', '{"ts": 1.5}', '{"day": 20240101}', '{"zz": {"nested": 1}, "id": 1}', '{"id": 1 /* c */}', "",
      '{"id": tru}', '{"b": truex}', '{"id": 1x}', '{"s": "unterminated}', '{"id": 1', '{"id" 1}', "{id: 1}",
      '{"zz": [1,], "id": 1}', '{"zz": {"a": 1,}, "id": 1}', '{"zz": [01], "id": 1}', '{"zz": [1 2], "id": 1}', '{"zz": {"a" 1}, "id": 1}',
      '{"zz": [truex], "id": 1}', '{"zz": [NaN], "id": 1}', "{\"zz\": ['q'], \"id\": 1}", '{"zz": {"a": [1}, "id": 1}', '{"zz": [1.], "id": 1}',
      `{"zz": ${"[".repeat(40)}${"]".repeat(40)}, "id": 1}`,
    ];
    for (const line of cases) {
      const { fast, exact } = both(line);
      if (fast !== undefined) expect({ line, row: fast as unknown }).toEqual({ line, row: exact.status === "ok" ? exact.rows[0]! : "not ok" });
    }
    // The ones that must not be taken at all.
    for (const line of ['{"zz": [1,], "id": 1}', '{"zz": {"a": [1}, "id": 1}', '{"id": 2.0}', '{"n": "x", "n": 1}', '{"n": 1, "n": "x"}', '{"id": 9007199254740993}', "{'s': 'single'}"]) {
      expect(both(line).fast).toBeUndefined();
    }
    // A key named twice whose values all fit: the last one, as the exact reader keeps it.
    expect(both('{"id": 1, "id": null, "id": 2}').fast![0]).toBe(2);
  });

  test("a schema with a type it does not take, or a name twice, leaves every record to the exact reader", () => {
    expect(fastRecordReader(parseSchemaDDL("a DECIMAL(5,2), b STRING"), options())).toBeUndefined();
    expect(fastRecordReader(parseSchemaDDL("a ARRAY<INT>"), options())).toBeUndefined();
    expect(fastRecordReader(parseSchemaDDL("a STRING, a STRING"), options())).toBeUndefined();
    // Unread, such a field is only skipped.
    const r = fastRecordReader(parseSchemaDDL("a DECIMAL(5,2), b STRING"), options(), [false, true])!;
    expect(r('{"a": 1.25, "b": "x"}')).toEqual([null, "x"]);
  });

  test("generated records: the fast row is the exact row, with every field read and with some", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const values = [
      "0", "-0", "1", "-1", "127", "128", "255", "256", "-129", "2147483647", "-2147483648", "2147483648", "123456789012345",
      "1234567890123456", "9007199254740993", "-9223372036854775808", "9223372036854775808", "2.0", "1e2", "1E-2", "0.5", "-3.25",
      "1.0000000000000001", "007", "NaN", "-Infinity", "true", "false", "null", '"x"', '""', '"a:b"', '"12"', '"true"', '"NaN"',
      '"2024-01-01T00:00:00Z"', '"2024-01-01 12:34:56.789"', '"2024-02-30"', '"2024-01-01"', '"\\u0041"', '"tab\there"', "'q'",
      "[1, 2]", '{"id": 2.0}', "{}", '"ü"',
    ];
    const names = [...schema.fieldNames, "zz", "ID"];
    const seps = [":", ": ", " : "];
    const fields = schema.fields;
    let taken = 0, total = 0;
    for (let k = 0; k < 4000; k++) {
      const count = Math.floor(rand() * 6);
      const parts: string[] = [];
      for (let j = 0; j < count; j++) parts.push(`"${pick(names)}"${pick(seps)}${pick(values)}`);
      let line = `{${parts.join(pick([",", ", "]))}}`;
      if (rand() < 0.05) line = ` ${line} `;
      if (rand() < 0.02) line += " x";
      const read = fields.map(() => rand() < 0.6);
      const o = options(rand() < 0.2 ? { allowNumericLeadingZeros: "true", allowSingleQuotes: "false" } : {});
      const fast = fastRecordReader(schema, o, read)!(line);
      const pruned = new StructType(fields.filter((_, i) => read[i]));
      const exact = recordReader(pruned, o, true)(line);
      total++;
      if (fast === undefined) continue;
      taken++;
      expect({ line, status: exact.status }).toEqual({ line, status: "ok" });
      let j = 0;
      const widened = fields.map((_, i) => (read[i] ? exact.rows[0]![j++] : null));
      expect({ line, row: fast }).toEqual({ line, row: widened });
    }
    // The generator makes enough plain records for the comparison to mean something.
    expect(taken).toBeGreaterThan(total / 10);
  });
});
