// The file sink protocol: part files, the _spark_metadata log, exactly-once replays, compaction,
// partition directories, each format's output as Spark 4.1.1 writes it, and the failure cases.
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import json from "./json/sink.ts";
import csv from "./csv/sink.ts";
import text from "./text/sink.ts";
import jsonSource from "./json/source.ts";
import { readAll } from "./test_files.ts";
import { openSink } from "./test_sink.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "sluice-filesink-"));
const dataFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.parentPath.includes("_spark_metadata") && !e.name.startsWith("."))
    .map((e) => join(e.parentPath, e.name));

describe("file sink: the _spark_metadata log", () => {
  test("each batch's files are listed as SinkFileStatus lines after v1", async () => {
    const out = join(tmp(), "out");
    const w = await openSink(json, { path: out }, "id BIGINT");
    await w.addBatch(0, [[1], [2]], "append");
    const files = dataFiles(out);
    expect(files.length).toBe(1);
    expect(files[0]).toMatch(/\/part-00000-[0-9a-f-]{36}\.c000\.json$/);
    const log = readFileSync(join(out, "_spark_metadata", "0"), "utf8").split("\n");
    expect(log[0]).toBe("v1");
    expect(log.length).toBe(2);
    const entry = JSON.parse(log[1]!);
    expect(Object.keys(entry)).toEqual(["path", "size", "isDir", "modificationTime", "blockReplication", "blockSize", "action"]);
    expect(entry).toMatchObject({ path: `file://${files[0]}`, size: 18, isDir: false, blockReplication: 1, blockSize: 33554432, action: "add" });
    expect(readFileSync(files[0]!, "utf8")).toBe('{"id":1}\n{"id":2}\n');
  });

  test("a batch id already logged is skipped, also by a new writer after a restart", async () => {
    const out = join(tmp(), "out");
    const w = await openSink(json, { path: out }, "id BIGINT");
    await w.addBatch(0, [[1]], "append");
    await w.addBatch(0, [[1]], "append");
    await w.addBatch(1, [[2]], "append");
    const again = await openSink(json, { path: out }, "id BIGINT");
    await again.addBatch(1, [[2]], "append");
    await again.addBatch(0, [[1]], "append");
    expect(dataFiles(out).length).toBe(2);
    expect((await readAll(jsonSource, { path: out }, { ddl: "id BIGINT" })).map((r) => r[0]).sort()).toEqual([1, 2]);
  });

  test("an empty batch is logged with no files", async () => {
    const out = join(tmp(), "out");
    const w = await openSink(json, { path: out }, "id BIGINT");
    await w.addBatch(0, [], "append");
    expect(readFileSync(join(out, "_spark_metadata", "0"), "utf8")).toBe("v1");
    expect(dataFiles(out)).toEqual([]);
  });

  test("every 10th batch is compacted into <id>.compact holding all files so far", async () => {
    const out = join(tmp(), "out");
    const w = await openSink(json, { path: out }, "id BIGINT");
    for (let b = 0; b < 12; b++) await w.addBatch(b, [[b]], "append");
    const names = readdirSync(join(out, "_spark_metadata")).sort();
    expect(names).toContain("9.compact");
    expect(names).not.toContain("9");
    expect(readFileSync(join(out, "_spark_metadata", "9.compact"), "utf8").split("\n").length).toBe(11);
    expect((await readAll(jsonSource, { path: out }, { ddl: "id BIGINT" })).map((r) => r[0] as number).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const other = join(tmp(), "out");
    const w3 = await openSink(json, { path: other }, "id BIGINT", { "spark.sql.streaming.fileSink.log.compactInterval": "3" });
    for (let b = 0; b < 3; b++) await w3.addBatch(b, [[b]], "append");
    expect(readdirSync(join(other, "_spark_metadata")).sort()).toEqual(["0", "1", "2.compact"]);
  });

  test("a batch that fails while writing leaves no visible output and can be written again", async () => {
    const out = join(tmp(), "out");
    const w = await openSink(json, { path: out, partitionBy: '["k"]' }, "v INT, k STRING");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "k=b"), "in the way"); // the second partition directory cannot be made
    const err = await Promise.resolve().then(() => w.addBatch(0, [[1, "a"], [2, "b"]], "append")).catch((e) => e);
    expect(err.code).toBe("FILE_SINK_WRITE_FAILED");
    expect(existsSync(join(out, "_spark_metadata", "0"))).toBe(false);
    expect(dataFiles(join(out, "k=a"))).toEqual([]);
    rmSync(join(out, "k=b"));
    await w.addBatch(0, [[1, "a"], [2, "b"]], "append");
    expect((await readAll(jsonSource, { path: out }, { ddl: "v INT, k STRING" })).map((r) => r[0]).sort()).toEqual([1, 2]);
  });

  test("the output path must not be a file", async () => {
    const root = tmp();
    writeFileSync(join(root, "file"), "x");
    const err = await openSink(json, { path: join(root, "file") }, "id BIGINT").catch((e) => e);
    expect(err.code).toBe("FILE_SINK_PATH_IS_FILE");
    expect(err.message).toContain(join(root, "file"));
  });
});

describe("file sink: partitionBy", () => {
  test("key=value directories, escaped; null and empty go to __HIVE_DEFAULT_PARTITION__; the column leaves the files", async () => {
    const out = join(tmp(), "out");
    const w = await openSink(json, { path: out, partitionBy: '["k"]' }, "v INT, k STRING");
    await w.addBatch(0, [[1, "a/b=c d%"], [2, null], [3, ""], [4, "a/b=c d%"]], "append");
    expect(readdirSync(out).sort()).toEqual(["_spark_metadata", "k=__HIVE_DEFAULT_PARTITION__", "k=a%2Fb%3Dc d%25"]);
    const file = dataFiles(join(out, "k=a%2Fb%3Dc d%25"))[0]!;
    expect(readFileSync(file, "utf8")).toBe('{"v":1}\n{"v":4}\n');
    expect(readFileSync(join(out, "_spark_metadata", "0"), "utf8")).toContain("k=a%252Fb%253Dc%20d%2525");
    expect(await readAll(jsonSource, { path: out }, { ddl: "v INT, k STRING" })).toEqual([[2, null], [3, null], [1, "a/b=c d%"], [4, "a/b=c d%"]]);
  });
  test("dates, timestamps and numbers as directory names; several columns nest", async () => {
    const out = join(tmp(), "out");
    const w = await openSink(json, { path: out, partitionBy: '["d","h"]' }, "v INT, d DATE, h TIMESTAMP");
    await w.addBatch(0, [[1, 19723, 1704103200000000]], "append");
    expect(dataFiles(out)[0]).toContain("/d=2024-01-01/h=2024-01-01 10%3A00%3A00/");
  });
  test("unknown, nested or all columns are refused with Spark's messages", async () => {
    const out = join(tmp(), "out");
    expect((await openSink(json, { path: out, partitionBy: '["x"]' }, "v INT").catch((e) => e)).message)
      .toContain("Partition column `x` not found in schema struct<v:int>.");
    expect((await openSink(json, { path: out, partitionBy: '["a"]' }, "v INT, a ARRAY<INT>").catch((e) => e)).message)
      .toContain("Cannot use ARRAY<INT> for partition column.");
    expect((await openSink(json, { path: out, partitionBy: '["v"]' }, "v INT").catch((e) => e)).message)
      .toContain("Cannot use all columns for partition columns.");
  });
});

describe("file sink: formats (as PySpark 4.1.1 writes them)", () => {
  const schema = "i INT, ts TIMESTAMP, d DATE, dec DECIMAL(10,2), n STRING, e STRING, q STRING, dbl DOUBLE";
  const row = [1, 1704103200123456, 19756, 150n, null, "", 'a,"b', 3.0];
  test("json: nulls left out, ms timestamps with Z, decimals plain, nested values", async () => {
    const out = join(tmp(), "out");
    const w = await openSink(json, { path: out }, `${schema}, st STRUCT<x: INT, y: ARRAY<INT>>, m MAP<STRING,INT>, bin BINARY`);
    await w.addBatch(0, [[...row, [1, [1, 2]], new Map([["k", 1]]), new Uint8Array([97, 98])]], "append");
    expect(readFileSync(dataFiles(out)[0]!, "utf8")).toBe(
      '{"i":1,"ts":"2024-01-01T10:00:00.123Z","d":"2024-02-03","dec":1.50,"e":"","q":"a,\\"b","dbl":3.0,"st":{"x":1,"y":[1,2]},"m":{"k":1},"bin":"YWI="}\n',
    );
  });
  test("csv: header, null empty, empty string quoted, quotes escaped with a backslash", async () => {
    const out = join(tmp(), "out");
    const w = await openSink(csv, { path: out, header: true }, schema);
    await w.addBatch(0, [row], "append");
    expect(readFileSync(dataFiles(out)[0]!, "utf8")).toBe('i,ts,d,dec,n,e,q,dbl\n1,2024-01-01T10:00:00.123Z,2024-02-03,1.50,,"","a,\\"b",3.0\n');
  });
  test("text: one line per row, null as an empty line; one STRING column only", async () => {
    const out = join(tmp(), "out");
    const w = await openSink(text, { path: out }, "line STRING");
    await w.addBatch(0, [["a"], [null]], "append");
    expect(readFileSync(dataFiles(out)[0]!, "utf8")).toBe("a\n\n");
    expect((await openSink(text, { path: out }, "a STRING, b STRING").catch((e) => e)).message)
      .toContain("Text data source supports only a single column, and you have 2 columns.");
  });
  test("compression=gzip writes .json.gz files", async () => {
    const out = join(tmp(), "out");
    const w = await openSink(json, { path: out, compression: "gzip" }, "id INT");
    await w.addBatch(0, [[1]], "append");
    const f = dataFiles(out)[0]!;
    expect(f.endsWith(".c000.json.gz")).toBe(true);
    expect(gunzipSync(readFileSync(f)).toString()).toBe('{"id":1}\n');
  });
});
