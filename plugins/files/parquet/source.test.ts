import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sourceConformance } from "sluice/testing";
import { parseSchemaDDL } from "sluice/plugin-sdk";
import { parquetEncoder } from "../../formats/parquet_encoder.ts";
import { dataDirOptions, readAll, writeFile } from "../test_files.ts";
import parquet from "./source.ts";

const SCHEMA = parseSchemaDDL("id BIGINT, ts TIMESTAMP, d DATE, price DECIMAL(10,2), tags ARRAY<STRING>, attrs MAP<STRING,INT>, st STRUCT<x: INT, y: STRING>");
const encode = parquetEncoder("SNAPPY");

sourceConformance(parquet, {
  options: dataDirOptions(),
  userSchema: SCHEMA,
  produce: (env, batch) =>
    writeFile(join(env.dataDir, `f${batch}.parquet`), encode([[batch, 1704103200000000, 19723, 1999n, ["a"], new Map([["k", batch]]), [batch, "s"]]], SCHEMA), 1_700_000_000_000 + batch),
});

const dir = () => mkdtempSync(join(tmpdir(), "sluice-parquet-"));

describe("parquet source", () => {
  test("reads back what the sink's encoder wrote, nulls and nesting included; the schema comes from the footer", async () => {
    const d = dir();
    const rows = [
      [1, 1704103200123456, 19723, 150n, ["a", null], new Map([["k", 1]]), [1, "s"]],
      [2, null, null, null, null, null, null],
      [3, -1, -1, -5n, [], new Map(), [null, null]],
    ];
    writeFile(join(d, "a.parquet"), encode(rows, SCHEMA));
    expect(parquet.schema({ path: d } as never, undefined).simpleString()).toBe(SCHEMA.simpleString());
    expect(await readAll(parquet, { path: d })).toEqual(rows);
  });
  test("a user schema picks columns by name (ignoring case); missing ones are null", async () => {
    const d = dir();
    writeFile(join(d, "a.parquet"), encode([[7, 0, 0, 1n, [], new Map(), [1, "x"]]], SCHEMA));
    expect(await readAll(parquet, { path: d }, { ddl: "ST STRUCT<y: STRING, x: INT>, id BIGINT, missing STRING" })).toEqual([[["x", 1], 7, null]]);
  });
  test("mergeSchema unions the files' columns", () => {
    const d = dir();
    writeFile(join(d, "a.parquet"), parquetEncoder("UNCOMPRESSED")([[1]], parseSchemaDDL("a INT")));
    writeFile(join(d, "b.parquet"), parquetEncoder("GZIP")([["x"]], parseSchemaDDL("b STRING")));
    expect(parquet.schema({ path: d } as never, undefined).simpleString()).toBe("struct<a:int>");
    expect(parquet.schema({ path: d, mergeSchema: true } as never, undefined).simpleString()).toBe("struct<a:int,b:string>");
  });
  test("a file that is not Parquet: CANNOT_READ_FILE_FOOTER naming it", async () => {
    const d = dir();
    writeFileSync(join(d, "bad.parquet"), "not parquet at all");
    const err = await readAll(parquet, { path: d }, { ddl: "a INT" }).catch((e) => e);
    expect(err.code).toBe("FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER");
    expect(err.message).toContain(`file://${d}/bad.parquet`);
  });
});
