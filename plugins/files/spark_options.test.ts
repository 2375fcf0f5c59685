// Every option Spark 4.1.1 accepts for a file format (spark_options.json, from PySpark by
// scripts/goldens/format_options.py) is, in Sluice's source and sink of that format, an option it
// acts on, an option accepted with no effect and a reason (a warning says so), or an option
// refused with a reason. Anything else stays an unknown option with did-you-mean.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync, gzipSync } from "node:zlib";
import { type PluginDefinition, validateOptions } from "sluice/plugin-sdk";
import { csvSink, csvSource, jsonSink, jsonSource, parquetSink, parquetSource, textSink, textSource } from "./mod.ts";
import { openSource, readAll, writeFile } from "./test_files.ts";
import { openSink } from "./test_sink.ts";
import { sourceEffects } from "./spark_option_effects.ts";

const scratch = mkdtempSync(join(tmpdir(), "sluice-spark-options-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const dir = () => join(scratch, `d${n++}`);
const files = (d: string, ext: string): string[] => readdirSync(d, { recursive: true }).map(String).filter((f) => f.endsWith(ext));

const spark = JSON.parse(readFileSync(join(import.meta.dir, "spark_options.json"), "utf8")) as Record<string, string[]> & { spark: string };
const sourceCommon = [...spark.fileIndex!, ...spark.fileSource!, ...spark.fileStream!];

/** The Spark options `def` neither acts on, accepts with no effect, nor refuses with a reason. */
function uncovered(def: PluginDefinition, names: readonly string[]): string[] {
  const known = [
    ...Object.keys((def.options as { properties?: object }).properties ?? {}),
    ...Object.keys(def.noEffectOptions ?? {}),
    ...Object.keys(def.unsupportedOptions ?? {}),
  ].map((n) => n.toLowerCase());
  return names.filter((n) => !known.includes(n.toLowerCase()));
}

describe(`the file formats take every option Spark ${spark.spark} takes`, () => {
  for (const [format, source, sink] of [
    ["json", jsonSource, jsonSink], ["csv", csvSource, csvSink], ["text", textSource, textSink], ["parquet", parquetSource, parquetSink],
  ] as const) {
    test(`${format}: the source knows Spark's ${format} and file source options, the sink its ${format} options`, () => {
      expect(uncovered(source, [...spark[format]!, ...sourceCommon])).toEqual([]);
      expect(uncovered(sink, spark[format]!)).toEqual([]);
    });
  }

  test("an option with no effect passes validation and is left out; a refused one says why; a typo is still unknown", () => {
    expect(validateOptions(jsonSource, { path: "/d", samplingRatio: "0.1", allowComments: "true" })).toMatchObject({ path: "/d" });
    expect(Object.keys(validateOptions(jsonSource, { path: "/d", samplingRatio: "0.1" }))).not.toContain("samplingRatio");
    expect(() => validateOptions(jsonSource, { path: "/d", singleVariantColumn: "v" })).toThrow("option 'singleVariantColumn': not supported by Sluice: Sluice has no VARIANT type");
    expect(() => validateOptions(jsonSource, { path: "/d", samplingRate: "0.1" })).toThrow("option 'samplingRate': unknown option; did you mean 'samplingRatio'?");
    expect(() => validateOptions(csvSource, { path: "/d", encoding: "UTF-16" })).toThrow("option 'encoding': expected one of utf-8, utf8 (any case), given \"UTF-16\"");
    expect(validateOptions(csvSource, { path: "/d", ENCODING: "utf-8" })).toMatchObject({ encoding: "utf-8" });
  });
});

describe("options Sluice implements for Spark's sake", () => {
  test("compressed text files are read by their extension, as Spark's codecs: .gz and .deflate", async () => {
    const d = dir();
    writeFile(join(d, "a.json.gz"), gzipSync('{"a":1}\n{"a":2}\n'));
    writeFile(join(d, "b.json.deflate"), deflateSync('{"a":3}\n'));
    writeFile(join(d, "c.csv.gz"), gzipSync("x,y\n"));
    expect(await readAll(jsonSource, { path: d, pathGlobFilter: "*.json*" }, { ddl: "a INT" })).toEqual([[1], [2], [3]]);
    expect(await readAll(csvSource, { path: join(d, "c.csv.gz") }, { ddl: "p STRING, q STRING" })).toEqual([["x", "y"]]);
    expect(await readAll(textSource, { path: join(d, "a.json.gz") })).toEqual([['{"a":1}'], ['{"a":2}']]);
  });

  test("a streaming read a chunk at a time decompresses them too", async () => {
    const d = dir();
    writeFile(join(d, "a.json.gz"), gzipSync('{"a":1}\n{"a":2}\n'));
    writeFile(join(d, "b.json"), '{"a":3}\n');
    const r = await openSource(jsonSource, { path: d }, { ddl: "a INT", streaming: true, metadataDir: join(d, "_meta") });
    const end = await r.latestOffset(null, {});
    const chunks = [...(r.readBatch!(null, end!, { maxRows: 1000 }) as Iterable<unknown[][]>)];
    expect(chunks.flat()).toEqual([[1], [2], [3]]);
  });

  test("a codec Sluice lacks, or a file that is not what its extension says, is an error naming the file", async () => {
    const d = dir();
    writeFile(join(d, "a.json.bz2"), "BZh91AY&SY");
    const bz2 = await readAll(jsonSource, { path: d }, { ddl: "a INT" }).catch((e) => e);
    expect(bz2.code).toBe("FAILED_READ_FILE.NO_HINT");
    expect(bz2.hint).toContain("Sluice decompresses .gz and .deflate files, not .bz2");
    const e = dir();
    writeFile(join(e, "a.json.gz"), '{"a":1}\n');
    const notGzip = await readAll(jsonSource, { path: e }, { ddl: "a INT" }).catch((x) => x);
    expect(notGzip.code).toBe("FAILED_READ_FILE.NO_HINT");
    expect(notGzip.hint).toContain("its content is not gzip data");
  });

  test("recursiveFileLookup reads every file below the path and discovers no partition columns", async () => {
    const d = dir();
    writeFile(join(d, "day=1", "a.json"), '{"a":1}\n');
    writeFile(join(d, "day=2", "b.json"), '{"a":2}\n');
    expect(await readAll(jsonSource, { path: d }, { ddl: "a INT" })).toEqual([[1, 1], [2, 2]]);
    expect(await readAll(jsonSource, { path: d, recursiveFileLookup: "true" }, { ddl: "a INT" })).toEqual([[1], [2]]);
  });

  test("encoding and charset take UTF-8, the only encoding Sluice reads and writes", () => {
    expect(validateOptions(textSource, { path: "/d", charset: "UTF8" })).toMatchObject({ charset: "UTF8" });
    expect(() => validateOptions(jsonSink, { path: "/d", encoding: "latin1" })).toThrow("option 'encoding': expected one of utf-8, utf8 (any case)");
  });

  test("the CSV sink's codec is compression's alias; the Parquet sink takes parquet.compression", async () => {
    const csvOut = dir();
    const w = await openSink(csvSink, { path: csvOut, codec: "gzip" }, "id INT");
    await w.addBatch(0, [[1]], "append");
    expect(files(csvOut, ".csv.gz")).toHaveLength(1);
    const pqOut = dir();
    const p = await openSink(parquetSink, { path: pqOut, "parquet.compression": "zstd" }, "id INT");
    await p.addBatch(0, [[1]], "append");
    expect(files(pqOut, ".zstd.parquet")).toHaveLength(1);
  });

  test("another format's option (the tutorial's mergeSchema on json) is accepted with no effect, as Spark ignores it", () => {
    expect(jsonSource.noEffectOptions!.mergeSchema).toBe("an option of Spark's parquet format: no effect on json files, as in Spark.");
    expect(parquetSource.noEffectOptions!.header).toBe("an option of Spark's csv format: no effect on parquet files, as in Spark.");
    expect(Object.keys(parquetSource.options.properties as object)).toContain("mergeSchema");
  });
});

describe("a format that implements a listed option", () => {
  test("declaring it as an option takes it off the no-effect and refused lists", () => {
    expect(sourceEffects("json", ["path"]).noEffect).toHaveProperty("allowComments");
    expect(sourceEffects("json", ["path", "allowcomments"]).noEffect).not.toHaveProperty("allowComments");
    expect(sourceEffects("json", ["path", "singleVariantColumn"]).unsupported).toEqual({});
  });
});
