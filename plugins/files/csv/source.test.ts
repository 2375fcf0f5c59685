import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sourceConformance } from "sluice/testing";
import { getTimeZone, parseSchemaDDL } from "sluice/plugin-sdk";
import { dataDirOptions, readAll, writeFile } from "../test_files.ts";
import csv from "./source.ts";
import { csvFormat } from "../../formats/csv_format.ts";
import { LINE_BLOCK_BYTES } from "../../formats/format.ts";

sourceConformance(csv, {
  options: dataDirOptions({ header: "true" }),
  userSchema: parseSchemaDDL("id BIGINT, name STRING, price DOUBLE"),
  produce: (env, batch) => writeFile(join(env.dataDir, `f${batch}.csv`), `id,name,price\n${batch},"n ${batch}",${batch}.5\n`, 1_700_000_000_000 + batch),
});

const dir = () => mkdtempSync(join(tmpdir(), "sluice-csv-"));
const T10 = 1704103200000000;
// Expected rows from PySpark 4.1.1 over the same file.
const MIXED = 'a,b,t\n1,x,2024-01-01 10:00:00\n2,"",2024-01-01T10:00:00.000Z\n3,,\n# comment\nbad,z,nope\n4,"q""uote, y",2024-01-01\n5\n6,a,2024-01-01,extra\n 7 , s ,2024-01-01 10:00:00\n\n8,NA,x\n';
const SCHEMA = "a INT, b STRING, t TIMESTAMP, _corrupt_record STRING";

describe("csv source (as PySpark 4.1.1)", () => {
  test("PERMISSIVE: partial rows for bad values and wrong field counts, raw line kept", async () => {
    const d = dir();
    writeFile(join(d, "a.csv"), MIXED);
    expect(await readAll(csv, { path: d, header: true }, { ddl: SCHEMA })).toEqual([
      [1, "x", T10, null],
      [2, null, T10, null],
      [3, null, null, null],
      [null, null, null, "# comment"],
      [null, "z", null, "bad,z,nope"],
      [4, '"q""uote', null, '4,"q""uote, y",2024-01-01'],
      [5, null, null, "5"],
      [6, "a", 1704067200000000, "6,a,2024-01-01,extra"],
      [null, " s ", T10, " 7 , s ,2024-01-01 10:00:00"],
      [8, "NA", null, "8,NA,x"],
    ]);
  });
  test("DROPMALFORMED and FAILFAST", async () => {
    const d = dir();
    writeFile(join(d, "a.csv"), MIXED);
    expect(await readAll(csv, { path: d, header: true, mode: "DROPMALFORMED" }, { ddl: SCHEMA })).toEqual([
      [1, "x", T10, null], [2, null, T10, null], [3, null, null, null],
    ]);
    const err = await readAll(csv, { path: d, header: true, mode: "FAILFAST" }, { ddl: SCHEMA }).catch((e) => e);
    expect(err.code).toBe("FAILED_READ_FILE.NO_HINT");
    expect(err.message).toContain("line 5");
  });
  test("comment and nullValue: a quoted empty value is then the empty string", async () => {
    const d = dir();
    writeFile(join(d, "a.csv"), MIXED);
    const rows = await readAll(csv, { path: d, header: true, comment: "#", nullValue: "NA" }, { ddl: SCHEMA });
    expect(rows.map((r) => r[1])).toEqual(["x", "", null, "z", '"q""uote', null, "a", " s ", null]);
  });
  test("sep, quote, escape; multi-character separators; \\t", async () => {
    const d = dir();
    writeFile(join(d, "a.csv"), '1;"a;b";\\"q\\"\n2;\'x\';y\n');
    expect(await readAll(csv, { path: d, sep: ";" }, { ddl: "a INT, b STRING, c STRING" })).toEqual([[1, "a;b", '\\"q\\"'], [2, "'x'", "y"]]);
    expect(await readAll(csv, { path: d, delimiter: ";", quote: "'" }, { ddl: "a INT, b STRING, c STRING" })).toEqual([[1, '"a', 'b"'], [2, "x", "y"]]);
    const e = dir();
    writeFile(join(e, "a.csv"), '"say \\"hi\\"",1\n"x||y"||2\n');
    expect(await readAll(csv, { path: e }, { ddl: "s STRING, n STRING" })).toEqual([['say "hi"', "1"], ['"x||y"||2', null]]);
    expect(await readAll(csv, { path: e, sep: "||" }, { ddl: "s STRING, n INT" })).toEqual([['"say \\"hi\\"",1', null], ["x||y", 2]]);
    const f = dir();
    writeFile(join(f, "a.tsv"), "a\tb\n");
    expect(await readAll(csv, { path: f, sep: "\\t" }, { ddl: "x STRING, y STRING" })).toEqual([["a", "b"]]);
  });
  test("multiLine lets quoted values span lines", async () => {
    const d = dir();
    writeFile(join(d, "a.csv"), 'id,text\n1,"line one\nline two"\n2,plain\n');
    expect(await readAll(csv, { path: d, header: true, multiLine: true }, { ddl: "id INT, text STRING" })).toEqual([[1, "line one\nline two"], [2, "plain"]]);
  });
  test("whitespace trimming, NaN/Inf, booleans, decimals, dates, custom formats", async () => {
    const d = dir();
    writeFile(join(d, "a.csv"), " x ,NaN,-Inf,TRUE,1.255,2024-02-29,31/12/2024 23:59\n");
    expect(await readAll(csv, { path: d, ignoreLeadingWhiteSpace: true, ignoreTrailingWhiteSpace: true }, {
      ddl: "s STRING, d DOUBLE, e DOUBLE, b BOOLEAN, dec DECIMAL(5,2), day DATE, ts STRING",
    })).toEqual([["x", NaN, -Infinity, true, 126n, 19782, "31/12/2024 23:59"]]);
    expect(await readAll(csv, { path: d, timestampFormat: "dd/MM/yyyy HH:mm" }, { ddl: "a STRING, b STRING, c STRING, d STRING, e STRING, f STRING, ts TIMESTAMP" }))
      .toEqual([[" x ", "NaN", "-Inf", "TRUE", "1.255", "2024-02-29", 1735689540000000]]);
  });
  test("schema inference: header names, _cN, inferSchema types", () => {
    const d = dir();
    writeFile(join(d, "a.csv"), "i,d,b,ts,dt,s,n\n1,1.5,true,2024-01-01 10:00:00,2024-01-01,x,\n2,,false,2024-01-02T00:00:00Z,2024-01-05,y,\n");
    expect(csv.schema({ path: d, header: true, inferSchema: true } as never, undefined).simpleString())
      .toBe("struct<i:int,d:double,b:boolean,ts:timestamp,dt:date,s:string,n:string>");
    expect(csv.schema({ path: d, header: true } as never, undefined).simpleString()).toBe("struct<i:string,d:string,b:string,ts:string,dt:string,s:string,n:string>");
    expect(csv.schema({ path: d } as never, undefined).simpleString()).toBe("struct<_c0:string,_c1:string,_c2:string,_c3:string,_c4:string,_c5:string,_c6:string>");
    const e = dir();
    writeFile(join(e, "a.csv"), "a,a,,b\n1,9999999999,x,2024-02-30\n");
    expect(csv.schema({ path: e, header: true, inferSchema: true } as never, undefined).simpleString()).toBe("struct<a0:int,a1:bigint,_c2:string,b:string>");
  });
  test("nested types are refused", () => {
    const d = dir();
    writeFile(join(d, "a.csv"), "1\n");
    expect(() => csv.schema({ path: d } as never, parseSchemaDDL("a ARRAY<INT>"))).toThrow(
      'The CSV datasource doesn\'t support the column `a` of the type "ARRAY<INT>".',
    );
  });
  test("BIGINT keeps all 64 bits: a bigint beyond 2^53, in values and partition directories; out of range is malformed", async () => {
    const d = dir();
    writeFile(join(d, "k=9007199254740993", "a.csv"), "9007199254740993\n-9223372036854775808\n9223372036854775808\n42\n");
    expect(await readAll(csv, { path: d }, { ddl: "v BIGINT, _corrupt_record STRING, k BIGINT" })).toEqual([
      [9007199254740993n, null, 9007199254740993n],
      [-9223372036854775808n, null, 9007199254740993n],
      [null, "9223372036854775808", 9007199254740993n],
      [42, null, 9007199254740993n],
    ]);
  });
});

describe("csv files are read a block of lines at a time", () => {
  const ctx = { zone: getTimeZone("UTC"), zoneId: "UTC", log: { info() {}, warn() {} }, conf: () => undefined };
  const schema = parseSchemaDDL("id INT, name STRING");
  test("several blocks give the reader's rows; the header is skipped once; errors name the file's line", () => {
    const d = dir();
    const n = Math.ceil((LINE_BLOCK_BYTES * 2.5) / 12);
    const lines = ["id,name", ...Array.from({ length: n }, (_, i) => `${i},n${i % 7}`)];
    const path = join(d, "big.csv");
    writeFile(path, lines.join("\r\n") + "\r\n");
    const file = { path, size: 0, modificationTime: 0 } as never;
    const blocks = [...csvFormat.pieces!(schema, { header: true }, ctx)(file, 1000)];
    expect(blocks.length).toBeGreaterThan(2);
    expect(blocks.flat()).toEqual(csvFormat.reader(schema, { header: true }, ctx)(file));
    expect(blocks.flat()).toHaveLength(n);
    // A bad line in a later block: FAILFAST names its line in the whole file.
    lines[n - 2] = "oops,x";
    writeFile(path, lines.join("\n") + "\n");
    expect(() => [...csvFormat.pieces!(schema, { header: true, mode: "FAILFAST" }, ctx)(file, 1000)]).toThrow(`line ${n - 1}`);
  });
});
