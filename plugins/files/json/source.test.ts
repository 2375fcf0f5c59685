import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SluiceError, parseSchemaDDL } from "sluice/plugin-sdk";
import { functions as F, SparkSession } from "sluice";
import { sourceConformance } from "sluice/testing";
import { dataDirOptions, readAll, writeFile } from "../test_files.ts";
import json from "./source.ts";

sourceConformance(json, {
  options: dataDirOptions(),
  userSchema: parseSchemaDDL("id BIGINT, name STRING, ts TIMESTAMP"),
  produce: (env, batch) => {
    const ms = 1_700_000_000_000 + batch * 1000;
    writeFile(join(env.dataDir, `f${batch}.json`), `{"id":${batch},"name":"n${batch}","ts":"2024-01-01T10:00:00.000Z"}\n`, ms);
  },
});

const dir = () => mkdtempSync(join(tmpdir(), "sluice-json-"));

/** Spark 4.1.1's rows for this file (see the file source's notes): bad values, partial rows, arrays, scalars, blanks. */
const MIXED = '{"a":1,"b":"x","t":"2024-01-01T10:00:00.000Z"}\n\n  \n{"a":"bad","b":"y","t":"2024-01-01 10:00:00"}\n{broken\n[{"a":3},{"a":4}]\n5\nnull\n{"a":2147483648,"b":{"k":1},"t":"2024-01-01"}\n{"A":7}\n';
const T10 = 1704103200000000; // 2024-01-01T10:00:00Z

describe("json source: parse modes (as PySpark 4.1.1)", () => {
  const schema = "a INT, b STRING, t TIMESTAMP, _corrupt_record STRING";
  test("PERMISSIVE keeps partial rows and puts the raw line in the corrupt-record column", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), MIXED);
    expect(await readAll(json, { path: d }, { ddl: schema })).toEqual([
      [1, "x", T10, null],
      [null, "y", T10, '{"a":"bad","b":"y","t":"2024-01-01 10:00:00"}'],
      [null, null, null, "{broken"],
      [3, null, null, null],
      [4, null, null, null],
      [null, null, null, "5"],
      [null, null, null, "null"],
      [null, '{"k":1}', 1704067200000000, '{"a":2147483648,"b":{"k":1},"t":"2024-01-01"}'],
      [null, null, null, null],
    ]);
  });
  test("PERMISSIVE without the corrupt-record column just nulls", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), MIXED);
    const rows = await readAll(json, { path: d }, { ddl: "a INT, b STRING" });
    expect(rows[1]).toEqual([null, "y"]);
    expect(rows.length).toBe(9);
  });
  test("DROPMALFORMED drops every record that did not fully parse", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), MIXED);
    expect(await readAll(json, { path: d, mode: "dropmalformed" }, { ddl: schema })).toEqual([
      [1, "x", T10, null], [3, null, null, null], [4, null, null, null], [null, null, null, null],
    ]);
  });
  test("FAILFAST fails naming the file and the line", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), MIXED);
    const err = await readAll(json, { path: d, mode: "FAILFAST" }, { ddl: schema }).catch((e) => e);
    expect(err).toBeInstanceOf(SluiceError);
    expect(err.code).toBe("FAILED_READ_FILE.NO_HINT");
    expect(err.message).toContain(`Encountered error while reading file file://${d}/a.json.`);
    expect(err.cause.code).toBe("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION");
    expect(err.message).toContain("line 4");
    expect(err.message).toContain("Parse Mode: FAILFAST");
  });
  test("an unknown mode is PERMISSIVE with a warning", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), '{"a":"x"}\n');
    const logs: string[] = [];
    expect(await readAll(json, { path: d, mode: "sloppy" }, { ddl: "a INT, _corrupt_record STRING", logs })).toEqual([[null, '{"a":"x"}']]);
    expect(logs.join()).toContain("sloppy is not a valid parse mode. Using PERMISSIVE.");
  });
  test("columnNameOfCorruptRecord names the column; it must be a STRING", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), '{"a":"x"}\n');
    expect(await readAll(json, { path: d, columnNameOfCorruptRecord: "bad" }, { ddl: "a INT, bad STRING" })).toEqual([[null, '{"a":"x"}']]);
    const err = await readAll(json, { path: d }, { ddl: "a INT, _corrupt_record INT" }).catch((e) => e);
    expect(err.code).toBe("INVALID_CORRUPT_RECORD_TYPE");
    expect(err.message).toContain('The column `_corrupt_record` for corrupt records must have the nullable STRING type, but got "INT".');
  });
});

describe("json source: values", () => {
  test("types convert to the engine representation", async () => {
    const d = dir();
    writeFile(
      join(d, "a.json"),
      '{"l":9007199254740993,"f":1.5,"dec":12345678901234567.891,"bool":true,"d":"2024-02-29","ts":"2024-01-01 10:00:00.123456","b":"YWI=","arr":[1,null,3],"m":{"k":1},"st":{"x":"s","y":[{"z":1}]},"n":2,"dbl":"NaN"}\n',
    );
    const rows = await readAll(json, { path: d }, {
      ddl: "l BIGINT, f FLOAT, dec DECIMAL(20,3), bool BOOLEAN, d DATE, ts TIMESTAMP, b BINARY, arr ARRAY<INT>, m MAP<STRING,INT>, st STRUCT<x: STRING, y: ARRAY<STRUCT<z: INT>>>, n STRING, dbl DOUBLE",
    });
    expect(rows).toEqual([[
      9007199254740993n, 1.5, 12345678901234567891n, true, 19782, 1704103200123456, new Uint8Array([97, 98]), [1, null, 3],
      new Map([["k", 1]]), ["s", [[1]]], "2", NaN,
    ]]);
  });
  test("numbers keep their source text in STRING and DECIMAL fields", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), '{"s":1.50,"dec":0.10000000000000000001,"o":{"x":1.0}}\n');
    expect(await readAll(json, { path: d }, { ddl: "s STRING, dec DECIMAL(38,20), o STRING" })).toEqual([["1.50", 10000000000000000001n, '{"x":1.0}']]);
  });
  test("a timestamp given as a number is seconds since the epoch", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), '{"t":1700000000}\n');
    expect(await readAll(json, { path: d }, { ddl: "t TIMESTAMP" })).toEqual([[1_700_000_000_000_000]]);
  });
  test("dateFormat and timestampFormat replace the default parsers", async () => {
    const d = dir();
    writeFile(join(d, "x.json"), '{"d":"01/02/2024","ts":"01/02/2024 10:11"}\n{"d":"2024-01-02","ts":"2024-01-02 10:11:12"}\n');
    expect(await readAll(json, { path: d, dateFormat: "MM/dd/yyyy", timestampFormat: "MM/dd/yyyy HH:mm" }, { ddl: "d DATE, ts TIMESTAMP" }))
      .toEqual([[19724, 1704190260000000], [null, null]]);
    expect(await readAll(json, { path: d }, { ddl: "d DATE, ts TIMESTAMP" })).toEqual([[null, null], [19724, 1704190272000000]]);
  });
  test("timeZone (or the session time zone) applies to timestamps without an offset", async () => {
    const d = dir();
    writeFile(join(d, "x.json"), '{"ts":"2024-01-01 10:00:00"}\n{"ts":"2024-01-01T10:00:00Z"}\n');
    expect(await readAll(json, { path: d, timeZone: "America/New_York" }, { ddl: "ts TIMESTAMP" })).toEqual([[T10 + 5 * 3600e6], [T10]]);
    expect(await readAll(json, { path: d }, { ddl: "ts TIMESTAMP", conf: { "spark.sql.session.timeZone": "+01:00" } }))
      .toEqual([[T10 - 3600e6], [T10]]);
  });
  test("multiLine reads each file as one document", async () => {
    const d = dir();
    writeFile(join(d, "m.json"), '[{"a":1},\n{"a":2}]');
    writeFile(join(d, "n.json"), '{"a":\n 3}');
    expect(await readAll(json, { path: d, multiLine: true }, { ddl: "a INT, _corrupt_record STRING" })).toEqual([[1, null], [2, null], [3, null]]);
  });
  test("lineSep splits records", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), '{"a":1}|{"a":2}|');
    expect(await readAll(json, { path: d, lineSep: "|" }, { ddl: "a INT" })).toEqual([[1], [2]]);
  });
  test("a field named like an Object.prototype member reads only the document's own key", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), '{"x":1}\n{"constructor":"c","toString":"t"}\n');
    expect(await readAll(json, { path: d }, { ddl: "constructor STRING, toString STRING" })).toEqual([[null, null], ["c", "t"]]);
  });
});

describe("json source: column pushdown", () => {
  const lines = '{"a":1,"b":"x","c":2.5}\n{"a":2,"b":"y","c":"not a number"}\n';
  test("only the columns the query reads are converted; the others are null", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), lines);
    expect(json.pushdown).toEqual({ columns: true, filters: true });
    expect(await readAll(json, { path: d }, { ddl: "a INT, b STRING, c DOUBLE", requiredColumns: ["b"] })).toEqual([[null, "x", null], [null, "y", null]]);
  });
  test("a bad value in a column not read does not make the record malformed, as Spark's parser skips it", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), lines);
    const o = { ddl: "a INT, b STRING, c DOUBLE" };
    expect(await readAll(json, { path: d, mode: "FAILFAST" }, { ...o, requiredColumns: ["a", "b"] })).toEqual([[1, "x", null], [2, "y", null]]);
    const err = await readAll(json, { path: d, mode: "FAILFAST" }, { ...o, requiredColumns: ["c"] }).catch((e) => e);
    expect(err.cause.code).toBe("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION");
  });
  test("with a corrupt-record column every field is converted", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), lines);
    const rows = await readAll(json, { path: d }, { ddl: "a INT, b STRING, c DOUBLE, _corrupt_record STRING", requiredColumns: ["a"] });
    expect(rows).toEqual([[1, "x", 2.5, null], [2, "y", null, '{"a":2,"b":"y","c":"not a number"}']]);
  });
  test("a streaming query reads through the pushdown and still gets its answer", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), lines);
    const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").create();
    let printed = "";
    spark.stdout = (t) => void (printed += t);
    const df = spark.readStream.schema("a INT, b STRING, c DOUBLE").json(d).filter(F.col("a").gt(1)).select("b");
    df.explain();
    expect(printed).toContain("StreamingScan json [a, b], PushedFilters: [GreaterThan(a,1)], ReadSchema: struct<a:int,b:string>");
    const q = df.writeStream.format("memory").queryName("pushed_json").start();
    await q.processAllAvailable();
    // The record the pushed filter skipped is not an input row (Spark counts after its JSON reader's filters).
    expect(q.lastProgress?.numInputRows).toBe(1);
    await q.stop();
    expect(spark.table("pushed_json").collect().map((r) => r.b)).toEqual(["y"]);
  });
});

describe("json source: schema inference (batch)", () => {
  test("fields sorted by name, integers bigint, conflicts string, corrupt records add _corrupt_record", async () => {
    const d = dir();
    writeFile(join(d, "a.json"), '{"b":1,"a":"x","c":{"z":1,"y":[1,2]}}\n{"b":1.5,"d":null,"e":true}\n{"b":2,"e":"s"}\n{oops\n');
    const { schema } = await import("./source.ts").then((m) => ({ schema: m.default.schema({ path: d, mode: "PERMISSIVE" } as never, undefined) }));
    expect(schema.simpleString()).toBe("struct<_corrupt_record:string,a:string,b:double,c:struct<y:array<bigint>,z:bigint>,d:string,e:string>");
  });
  test("primitivesAsString and prefersDecimal", () => {
    const d = dir();
    writeFile(join(d, "a.json"), '{"a":1,"b":1.25,"c":true}\n');
    expect(json.schema({ path: d, primitivesAsString: true } as never, undefined).simpleString()).toBe("struct<a:string,b:string,c:string>");
    expect(json.schema({ path: d, prefersDecimal: true } as never, undefined).simpleString()).toBe("struct<a:bigint,b:decimal(3,2),c:boolean>");
  });
  test("an empty directory cannot be inferred; a missing path does not exist", () => {
    const d = dir();
    expect(() => json.schema({ path: d } as never, undefined)).toThrow("[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for JSON. It must be specified manually.");
    expect(() => json.schema({ path: join(d, "nope") } as never, undefined)).toThrow(`[PATH_NOT_FOUND] Path does not exist: file:${d}/nope.`);
  });
  test("streaming needs a schema, with Spark's message", () => {
    const d = dir();
    writeFile(join(d, "a.json"), '{"a":1}\n');
    const schemaOf = json.schema as (o: never, s: undefined, info: { streaming: boolean }) => unknown;
    expect(() => schemaOf({ path: d } as never, undefined, { streaming: true })).toThrow(
      "Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it.",
    );
    expect(() => schemaOf({ path: join(d, "nope") } as never, undefined, { streaming: true })).toThrow(`Path does not exist: ${d}/nope.`);
  });
});
