import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sourceConformance } from "sluice/testing";
import { getTimeZone, parseSchemaDDL, type SourceFilter } from "sluice/plugin-sdk";
import { functions as F, SparkSession } from "sluice";
import { parquetWriteBuffer } from "hyparquet-writer";
import type { ScanNeeds } from "../../formats/format.ts";
import { parquetFormat } from "../../formats/parquet_format.ts";
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

describe("pushdown", () => {
  // Six rows in three row groups of two: ids 1-2, 3-4, 5-6.
  const schema = parseSchemaDDL("id BIGINT, name STRING, score DOUBLE");
  const rows = [[1, "a", 0.5], [2, "b", null], [3, "c", 1.5], [4, "d", 2.5], [5, "é", 3.5], [6, "f", null]];
  function threeGroups(): string {
    const d = dir();
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: "id", data: rows.map((r) => BigInt(r[0] as number)), type: "INT64" },
        { name: "name", data: rows.map((r) => r[1]), type: "STRING" },
        { name: "score", data: rows.map((r) => r[2]), type: "DOUBLE" },
      ],
      rowGroupSize: 2,
    } as never);
    writeFile(join(d, "groups.parquet"), new Uint8Array(buffer));
    return d;
  }
  const ctx = { zone: getTimeZone("UTC"), zoneId: "UTC", log: { info() {}, warn() {} }, conf: () => undefined };
  const pieces = (d: string, scan?: ScanNeeds) =>
    [...parquetFormat.pieces!(schema, {}, ctx, scan)({ path: join(d, "groups.parquet"), size: 0, modificationTime: 0 } as never, 1000)];

  test("a row group at a time", () => {
    expect(pieces(threeGroups())).toEqual([rows.slice(0, 2), rows.slice(2, 4), rows.slice(4)]);
  });

  test("only the columns the query reads are decoded; the others are null", () => {
    expect(pieces(threeGroups(), { columns: new Set(["score"]) }).flat()).toEqual(rows.map((r) => [null, null, r[2]]));
  });

  test("row groups whose statistics rule out the filters are skipped", () => {
    const d = threeGroups();
    const ids = (filters: SourceFilter[]) => pieces(d, { filters }).flat().map((r) => r[0]);
    expect(ids([{ kind: ">", column: "id", value: 4 }])).toEqual([5, 6]);
    expect(ids([{ kind: "=", column: "id", value: 3 }])).toEqual([3, 4]);
    expect(ids([{ kind: "<=", column: "id", value: 1 }, { kind: ">=", column: "id", value: 0 }])).toEqual([1, 2]);
    expect(ids([{ kind: "or", left: { kind: "<", column: "id", value: 2 }, right: { kind: ">", column: "id", value: 5 } }])).toEqual([1, 2, 5, 6]);
    expect(ids([{ kind: "=", column: "name", value: "d" }])).toEqual([3, 4]);
    expect(ids([{ kind: "isNull", column: "score" }])).toEqual([1, 2, 5, 6]);
    // Nothing is known for certain: every group is read (the query filters again).
    expect(ids([{ kind: "not", child: { kind: "=", column: "id", value: 1 } }])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ids([{ kind: "=", column: "name", value: "é" }])).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test("a streaming query reads through the pushdown and still gets its answer", async () => {
    const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").create();
    let printed = "";
    spark.stdout = (t) => void (printed += t);
    const df = spark.readStream.schema("id BIGINT, name STRING, score DOUBLE").parquet(threeGroups()).filter(F.col("id").gt(4)).select("name");
    df.explain();
    expect(printed).toContain("StreamingScan parquet [id, name], PushedFilters: [GreaterThan(id,4)], ReadSchema: struct<id:bigint,name:string>");
    const q = df.writeStream.format("memory").queryName("pushed_parquet").start();
    await q.processAllAvailable();
    await q.stop();
    expect(spark.table("pushed_parquet").collect().map((r) => r.name)).toEqual(["é", "f"]);
  });
  test("INT64 keeps all 64 bits: a bigint beyond 2^53, a number within (written by hyparquet-writer, not Sluice)", async () => {
    const d = dir();
    const data = [9007199254740993n, -9223372036854775808n, 9223372036854775807n, 42n, null];
    writeFile(join(d, "a.parquet"), new Uint8Array(parquetWriteBuffer({ columnData: [{ name: "id", data, type: "INT64" }] })));
    expect(await readAll(parquet, { path: d })).toEqual([[9007199254740993n], [-9223372036854775808n], [9223372036854775807n], [42], [null]]);
  });
});
