import { describe, expect, test } from "bun:test";
import { CalendarInterval } from "../../runtime/types/calendar_interval.ts";
import {
  type Encoded,
  formatDate,
  formatDecimal,
  formatTimestamp,
  parseDate,
  parseDecimal,
  parseSchema,
  parseTimestamp,
  simpleString,
  toEncoded,
  toEncodedRow,
  toInternal,
  toInternalRow,
} from "./golden_values.ts";
import input from "./expressions/input.json" with { type: "json" };
import golden from "./expressions/golden.json" with { type: "json" };

describe("parseSchema", () => {
  test("reads the input table's DDL", () => {
    expect(simpleString(parseSchema(input.schema))).toBe(
      "struct<i:int,l:bigint,sh:smallint,ti:tinyint,d:double,f:float,dec:decimal(10,2),s:string," +
        "b:boolean,dt:date,ts:timestamp,arr:array<int>,m:map<string,int>,st:struct<x:int,y:string>," +
        "js:string,bin:binary,n_str:string,ts_str:string,delay_seconds:int>",
    );
  });

  test("reads single types in DDL and simpleString form", () => {
    const cases: [string, string][] = [
      ["INT", "int"],
      ["decimal(10,2)", "decimal(10,2)"],
      ["DECIMAL", "decimal(10,0)"],
      ["array<map<string,array<double>>>", "array<map<string,array<double>>>"],
      ["struct<a:int,b:struct<c:date>>", "struct<a:int,b:struct<c:date>>"],
      ["STRUCT<`odd name`: INT NOT NULL>", "struct<odd name:int>"],
      ["interval day to second", "interval day to second"],
      ["interval second", "interval second"],
      ["interval year to month", "interval year to month"],
      ["interval", "interval"],
      ["void", "void"],
      ["timestamp_ntz", "timestamp_ntz"],
      ["VARCHAR(5)", "string"],
    ];
    for (const [text, want] of cases) expect(simpleString(parseSchema(text))).toBe(want);
  });

  test("rejects what it cannot read", () => {
    expect(() => parseSchema("a FOO")).toThrow(/cannot parse type/);
    expect(() => parseSchema("array<int")).toThrow(/cannot parse type/);
  });
});

describe("scalars", () => {
  test("decimals keep their scale", () => {
    expect(parseDecimal("12.50", 2)).toBe(1250n);
    expect(parseDecimal("-0.05", 2)).toBe(-5n);
    expect(parseDecimal("7", 3)).toBe(7000n);
    expect(formatDecimal(1250n, 2)).toBe("12.50");
    expect(formatDecimal(-5n, 2)).toBe("-0.05");
    expect(formatDecimal(0n, 2)).toBe("0.00");
    expect(formatDecimal(12n, 0)).toBe("12");
    expect(formatDecimal(-9999999999n, 2)).toBe("-99999999.99");
    expect(() => parseDecimal("1.234", 2)).toThrow();
    expect(() => parseDecimal("1e5", 2)).toThrow();
  });

  // Expected numbers agree with Spark's goldens: unix_micros(ts) and datediff(dt, DATE'2024-01-01').
  test("dates are days since the epoch, proleptic Gregorian", () => {
    expect(parseDate("1970-01-01")).toBe(0);
    expect(parseDate("1969-07-20")).toBe(-165);
    expect(parseDate("2024-01-15")).toBe(19737);
    expect(parseDate("1900-02-28")).toBe(-25509);
    expect(parseDate("0001-01-01")).toBe(-719162);
    for (const d of [-800000, -719162, -25509, -1, 0, 1, 19737, 2932896]) expect(parseDate(formatDate(d))).toBe(d);
    expect(formatDate(2932896)).toBe("9999-12-31");
    expect(() => parseDate("2024-1-5")).toThrow();
  });

  test("timestamps are microseconds since the epoch, UTC", () => {
    expect(parseTimestamp("2024-01-15 10:30:45.123456")).toBe(1705314645123456);
    expect(parseTimestamp("1969-07-20 20:17:40.500000")).toBe(-14182939500000);
    expect(parseTimestamp("1900-03-01 12:00:00.000001")).toBe(-2203847999999999);
    expect(parseTimestamp("2038-01-19 03:14:07.999999")).toBe(2147483647999999);
    expect(formatTimestamp(-1)).toBe("1969-12-31 23:59:59.999999");
    expect(formatTimestamp(0)).toBe("1970-01-01 00:00:00.000000");
    expect(formatTimestamp(-14182939500000)).toBe("1969-07-20 20:17:40.500000");
    expect(formatTimestamp(-2203847999999999)).toBe("1900-03-01 12:00:00.000001");
    expect(() => parseTimestamp("2024-01-15 10:30:45")).toThrow();
  });
});

describe("values", () => {
  const t = (text: string) => parseSchema(text);

  test("numbers, NaN and infinities", () => {
    expect(toInternal("NaN", t("double"))).toBeNaN();
    expect(toInternal("-Infinity", t("double"))).toBe(-Infinity);
    expect(toInternal(0.1, t("float"))).toBe(Math.fround(0.1));
    expect(toEncoded(Math.fround(0.1), t("float"))).toBe(0.10000000149011612);
    expect(toEncoded(NaN, t("float"))).toBe("NaN");
    expect(toEncoded(Infinity, t("double"))).toBe("Infinity");
    expect(Object.is(toEncoded(-0, t("double")), -0)).toBe(true);
    expect(Object.is(toEncoded(-0, t("int")), 0)).toBe(true);
  });

  test("binary, decimal, date, timestamp, intervals", () => {
    expect(toInternal("00ff", t("binary"))).toEqual(new Uint8Array([0, 255]));
    expect(toEncoded(new Uint8Array([222, 173]), t("binary"))).toBe("dead");
    expect(toInternal("-3.14", t("decimal(10,2)"))).toBe(-314n);
    expect(toEncoded(-314n, t("decimal(10,2)"))).toBe("-3.14");
    expect(toInternal("1969-07-20", t("date"))).toBe(-165);
    expect(toEncoded(-165, t("date"))).toBe("1969-07-20");
    expect(toEncoded(5_000_000, t("interval second"))).toBe(5_000_000);
    expect(toEncoded(14, t("interval year to month"))).toBe(14);
    expect(toEncoded(new CalendarInterval(1, 2, 3), t("interval"))).toEqual({ months: 1, days: 2, micros: 3 });
    expect(toInternal({ months: 1, days: 2, micros: 3 }, t("interval"))).toEqual(new CalendarInterval(1, 2, 3));
  });

  test("arrays, maps keep order, structs are arrays", () => {
    const m = toInternal([["b", 1], ["a", null]], t("map<string,int>")) as Map<string, number | null>;
    expect([...m.keys()]).toEqual(["b", "a"]);
    expect(toEncoded(m, t("map<string,int>"))).toEqual([["b", 1], ["a", null]]);
    const st = t("struct<x:int,y:array<date>>");
    expect(toInternal([1, ["1970-01-02", null]], st)).toEqual([1, [1, null]]);
    expect(toEncoded([1, [1, null]], st)).toEqual([1, ["1970-01-02", null]]);
  });

  test("values that break the representation contract are reported", () => {
    // A bigint in the safe range, or a number beyond it, is not the canonical form of a long.
    expect(() => toEncoded(5n, t("bigint"))).toThrow(/bigint value must be a canonical long/);
    expect(() => toEncoded(2 ** 60, t("bigint"))).toThrow(/bigint value must be a canonical long/);
    expect(toEncoded(2n ** 60n, t("bigint"))).toBe("1152921504606846976");
    expect(toInternal("1152921504606846976", t("bigint"))).toBe(2n ** 60n);
    expect(() => toEncoded(1.5, t("int"))).toThrow(/int value must be an integral number/);
    expect(() => toEncoded(125, t("decimal(10,2)"))).toThrow(/must be a bigint/);
    expect(() => toEncoded(undefined, t("int"))).toThrow(/undefined/);
    expect(() => toEncoded({ a: 1 }, t("map<string,int>"))).toThrow(/must be a Map/);
    expect(() => toEncoded([1], t("struct<x:int,y:int>"))).toThrow(/2 field values/);
    expect(() => toEncodedRow([1], t("a INT, b INT"))).toThrow(/does not have 2 values/);
  });
});

describe("the committed goldens", () => {
  test("input.json survives decode and encode unchanged", () => {
    const schema = parseSchema(input.schema);
    for (const row of input.rows as Encoded[][]) {
      expect(toEncodedRow(toInternalRow(row, schema), schema)).toEqual(row);
    }
  });

  test("every golden value decodes under its Spark type and encodes back unchanged", () => {
    type Case = { id: string; schema?: { name: string; type: string }[]; rows?: Encoded[][] };
    for (const c of golden as Case[]) {
      if (!c.schema) continue;
      const schema = { kind: "struct", fields: c.schema.map((f) => ({ name: f.name, dataType: parseSchema(f.type) })) };
      for (const f of schema.fields) expect(`${c.id} ${simpleString(f.dataType)}`).toBe(`${c.id} ${c.schema.find((s) => s.name === f.name)!.type}`);
      for (const row of c.rows!) expect(toEncodedRow(toInternalRow(row, schema), schema)).toEqual(row);
    }
  });
});
