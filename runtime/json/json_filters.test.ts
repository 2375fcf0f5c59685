// Filters pushed into the JSON reader skip records as Spark's JsonFilters does (read from Spark
// 4.1's JsonFilters/JacksonParser): a predicate runs once every column it names is set, the first
// one not true skips the row (no row, not even a corrupt one), a missing column never runs it.
// The exact reader and the fast scanner must agree.
import { describe, expect, test } from "bun:test";
import { getTimeZone } from "../expr/datetime/time_zone.ts";
import type { SourceFilter } from "../plugin/contract.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import { fastRecordReader } from "./json_fast_reader.ts";
import { jsonFeatures } from "./json_features.ts";
import { recordReader } from "./json_row_reader.ts";

const o = { features: jsonFeatures(() => undefined), exactStrings: true, zone: getTimeZone("UTC"), timestampFormat: null, timestampNTZFormat: null, dateFormat: null };
const schema = parseSchemaDDL("amount INT, s STRING, x DOUBLE");
const positive: SourceFilter[] = [{ kind: ">", column: "amount", value: 0 }];
const exact = (filters: SourceFilter[]) => recordReader(schema, o, true, filters);
const withFast = (filters: SourceFilter[]) => recordReader(schema, o, false, filters);

describe("filters pushed into the JSON reader", () => {
  test("a row that fails is skipped; null fails; a missing column keeps the row", () => {
    for (const r of [exact(positive), withFast(positive)]) {
      expect(r('{"amount": 5, "s": "a"}')).toEqual({ status: "ok", rows: [[5, "a", null]] });
      expect(r('{"amount": -5, "s": "a"}')).toEqual({ status: "ok", rows: [] });
      expect(r('{"amount": null, "s": "a"}')).toEqual({ status: "ok", rows: [] });
      expect(r('{"s": "no amount"}')).toEqual({ status: "ok", rows: [[null, "no amount", null]] });
    }
  });

  test("a skipped record is not malformed: neither a field that did not fit before, nor bad syntax after", () => {
    const r = exact(positive);
    expect(r('{"x": "not a double", "amount": -1}')).toEqual({ status: "ok", rows: [] });
    expect(r('{"amount": -1, "s": }')).toEqual({ status: "ok", rows: [] });
    // Not skipped: the same faults make the record malformed.
    expect(r('{"x": "not a double", "amount": 1}').status).toBe("partial");
    expect(r('{"amount": 1, "s": }').status).toBe("bad");
    // A value that did not fit sets nothing: its filter never runs.
    expect(r('{"amount": "text", "s": "a"}')).toEqual({ status: "partial", rows: [[null, "a", null]] });
  });

  test("filters over several columns run once all are set; AND, OR, NOT and null tests with SQL's three values", () => {
    const either: SourceFilter[] = [{ kind: "or", left: { kind: "=", column: "s", value: "keep" }, right: { kind: ">", column: "x", value: 1 } }];
    for (const r of [exact(either), withFast(either)]) {
      expect(r('{"s": "keep", "x": 0.5}').rows).toHaveLength(1);
      expect(r('{"s": "drop", "x": 0.5}').rows).toHaveLength(0);
      expect(r('{"s": "drop", "x": 2}').rows).toHaveLength(1);
      expect(r('{"s": "drop"}').rows).toHaveLength(1);
      expect(r('{"s": null, "x": null}').rows).toHaveLength(0);
    }
    const notNull: SourceFilter[] = [{ kind: "isNotNull", column: "s" }, { kind: "not", child: { kind: "=", column: "amount", value: 3 } }];
    for (const r of [exact(notNull), withFast(notNull)]) {
      expect(r('{"amount": 3, "s": "a"}').rows).toHaveLength(0);
      expect(r('{"amount": 4, "s": null}').rows).toHaveLength(0);
      expect(r('{"amount": null, "s": "a"}').rows).toHaveLength(0);
      expect(r('{"amount": 4, "s": "a"}').rows).toHaveLength(1);
    }
  });

  test("rows of a top-level array are not filtered; a filter on a column not read is left out", () => {
    expect(exact(positive)('[{"amount": -1}, {"amount": 2}]').rows).toHaveLength(2);
    expect(exact([{ kind: "=", column: "other", value: 1 }])('{"amount": -1}').rows).toHaveLength(1);
  });

  test("a filtered column named twice makes the record malformed, as Spark's count assertion does", () => {
    expect(exact(positive)('{"amount": 1, "amount": 2}')).toEqual({ status: "partial", rows: [[2, null, null]] });
    expect(fastRecordReader(schema, o, undefined, positive)!('{"amount": 1, "amount": 2}')).toBeUndefined();
    expect(fastRecordReader(schema, o, undefined, positive)!('{"amount": -1, "s": "a"}')).toBeNull();
  });
});
