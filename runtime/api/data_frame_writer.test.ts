// df.write: save modes on a path (Spark's errors for an existing path and a bad mode), the file
// formats read back by spark.read, partitionBy, _SUCCESS, and writing from foreachBatch.
import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SluiceError } from "../errors.ts";
import { MemoryStream } from "../testing/memory_stream.ts";
import { SparkSession } from "./session.ts";

const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");
const root = mkdtempSync(join(tmpdir(), "sluice-df-write-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
});
let n = 0;
const fresh = () => join(root, `t${++n}`);

const people = () => spark.createDataFrame([[1, "ann", "x"], [2, "bob", "y"], [3, null, "x"]], "id INT, name STRING, team STRING");
const ids = (path: string, format = "parquet") =>
  (spark.read.format(format).schema("id INT, name STRING, team STRING").load(path).collectRaw().rows as number[][]).map((r) => r[0]).sort();

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    if (e instanceof SluiceError) return e.code;
    throw e;
  }
  return undefined;
}

describe("df.write", () => {
  test("parquet: errorifexists is the default, then append, ignore and overwrite", async () => {
    const p = fresh();
    await people().write.parquet(p);
    expect(existsSync(join(p, "_SUCCESS"))).toBe(true);
    expect(ids(p)).toEqual([1, 2, 3]);
    let err: unknown;
    try {
      await people().write.parquet(p);
    } catch (e) {
      err = e;
    }
    expect((err as SluiceError).code).toBe("PATH_ALREADY_EXISTS");
    expect((err as SluiceError).message).toContain(`Path file:${p} already exists. Set mode as "overwrite" to overwrite the existing path.`);
    await people().write.mode("append").parquet(p);
    expect(ids(p)).toEqual([1, 1, 2, 2, 3, 3]);
    await spark.createDataFrame([[9, "z", "z"]], "id INT, name STRING, team STRING").write.mode("ignore").parquet(p);
    expect(ids(p)).toEqual([1, 1, 2, 2, 3, 3]);
    await spark.createDataFrame([[9, "z", "z"]], "id INT, name STRING, team STRING").write.mode("overwrite").parquet(p);
    expect(ids(p)).toEqual([9]);
  });

  test("mode names are Spark's, case-insensitive; others are INVALID_SAVE_MODE", async () => {
    const p = fresh();
    await people().write.mode("ErrorIfExists").format("json").save(p);
    expect(await codeOf(people().write.mode("error").json(p))).toBe("PATH_ALREADY_EXISTS");
    expect(await codeOf(people().write.mode("default").json(p))).toBe("PATH_ALREADY_EXISTS");
    await people().write.mode("APPEND").json(p);
    expect(ids(p, "json")).toEqual([1, 1, 2, 2, 3, 3]);
    expect(await codeOf(() => people().write.mode("upsert"))).toBe("INVALID_SAVE_MODE");
    try {
      people().write.mode("upsert");
    } catch (e) {
      expect((e as Error).message).toContain('The specified save mode "upsert" is invalid.');
    }
  });

  test("partitionBy writes key=value directories; csv and text too", async () => {
    const p = fresh();
    await people().write.partitionBy("team").option("header", true).csv(p);
    expect(readdirSync(p).sort()).toEqual(["_SUCCESS", "team=x", "team=y"]);
    const back = spark.read.format("csv").option("header", true).schema("id INT, name STRING, team STRING").load(p).collectRaw().rows;
    expect(back.map((r) => JSON.stringify(r)).sort()).toEqual(['[1,"ann","x"]', '[2,"bob","y"]', '[3,null,"x"]']);
    const t = fresh();
    await spark.createDataFrame([["a"], ["b"]], "value STRING").write.text(t);
    expect((spark.read.text(t).collectRaw().rows as string[][]).map((r) => r[0]).sort()).toEqual(["a", "b"]);
  });

  test("an overwrite that fails leaves the old content", async () => {
    const p = fresh();
    await people().write.parquet(p);
    // A text write of two columns fails before anything is replaced.
    expect(await codeOf(people().write.mode("overwrite").text(p))).toBe("_LEGACY_ERROR_TEMP_1290");
    expect(ids(p)).toEqual([1, 2, 3]);
  });

  test("a file where the directory should be, a sink without batch writes, a streaming DataFrame", async () => {
    const f = join(root, "a-file");
    writeFileSync(f, "x");
    expect(await codeOf(people().write.mode("append").parquet(f))).toBe("FILE_SINK_PATH_IS_FILE");
    expect(await codeOf(people().write.format("memory").save())).toBe("_LEGACY_ERROR_TEMP_3135");
    expect(await codeOf(people().write.format("nope").save(fresh()))).toBe("DATA_SOURCE_NOT_FOUND");
    const stream = new MemoryStream(spark, "id INT");
    expect(await codeOf(() => stream.toDF().write)).toBe("CALL_ON_STREAMING_DATASET_UNSUPPORTED");
  });

  test("foreachBatch writes each micro-batch with df.write, as the Structured Streaming guide does", async () => {
    const out = fresh();
    const cp = fresh();
    const input = new MemoryStream(spark, "id INT, name STRING, team STRING");
    const q = input.toDF().writeStream.option("checkpointLocation", cp)
      .foreachBatch(async (df) => {
        await df.write.mode("append").parquet(out);
      }).start();
    input.addData([[1, "a", "x"]]);
    await q.processAllAvailable();
    input.addData([[2, "b", "y"], [3, "c", "y"]]);
    await q.processAllAvailable();
    await q.stop();
    expect(ids(out)).toEqual([1, 2, 3]);
  });
});
