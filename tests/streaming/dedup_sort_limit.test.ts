// dropDuplicates / dropDuplicatesWithinWatermark (spark-semantics.md §9 cases 8 and 9), sorting
// after a complete-mode aggregation, and a streaming limit that holds across batches.
import { afterEach, describe, expect, test } from "bun:test";
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { MemoryStream } from "../../runtime/testing/memory_stream.ts";
import { record, sec, sorted } from "./harness.ts";

const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");
afterEach(async () => {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
});

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code: string }).code + ": " + (e as Error).message;
  }
  return "no error";
};

describe("streaming dedup", () => {
  test("dropDuplicates with the event time among the keys evicts behind the watermark", async () => {
    const input = new MemoryStream(spark, "ts TIMESTAMP");
    const df = input.toDF().withWatermark("ts", "10 seconds").dropDuplicates().select(F.col("ts").cast("long"));
    const r = record(df, "append");
    input.addData([10, 11, 12, 13, 14, 15].flatMap((s) => Array.from({ length: 5 }, () => [sec(s)])));
    await r.query.processAllAvailable();
    expect(sorted(r.drain().flat())).toEqual([[10], [11], [12], [13], [14], [15]]);
    input.addData([[sec(25)]]);
    await r.query.processAllAvailable();
    expect(r.drain().flat()).toEqual([[25]]);
    input.addData([[sec(10)]]);
    await r.query.processAllAvailable();
    expect(r.drain().flat()).toEqual([]);
    input.addData([[sec(45)]]);
    await r.query.processAllAvailable();
    expect(r.drain().flat()).toEqual([[45]]);
    const state = (r.query.lastProgress!.stateOperators as { numRowsTotal: number }[])[0]!;
    expect(state.numRowsTotal).toBeLessThanOrEqual(2);
  });

  test("dropDuplicatesWithinWatermark keeps a key until event time + delay passes the watermark", async () => {
    const input = new MemoryStream(spark, "key STRING, ts TIMESTAMP");
    const df = input.toDF().withWatermark("ts", "2 seconds").dropDuplicatesWithinWatermark(["key"]).select("key", F.col("ts").cast("long"));
    const r = record(df, "append");
    const add = async (...rows: [string, number][]) => {
      input.addData(rows.map(([k, s]) => [k, sec(s)]));
      await r.query.processAllAvailable();
      return sorted(r.drain().flat());
    };
    expect(await add(["a", 17])).toEqual([["a", 17]]);
    expect(await add(["a", 16])).toEqual([]);
    expect(await add(["a", 13])).toEqual([]);
    expect(await add(["b", 22], ["c", 21])).toEqual([["b", 22], ["c", 21]]);
    expect(await add(["a", 21])).toEqual([["a", 21]]);
  });

  test("dropDuplicatesWithinWatermark needs a watermark, and streams only", () => {
    const input = new MemoryStream(spark, "key STRING, ts TIMESTAMP");
    expect(code(() => input.toDF().dropDuplicatesWithinWatermark(["key"]).writeStream.format("console").start()))
      .toContain("dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without watermark");
    expect(code(() => spark.createDataFrame([["a"]], "key STRING").dropDuplicatesWithinWatermark()))
      .toContain("not supported with batch DataFrames/DataSets");
  });

  test("batch dropDuplicates keeps the first row of each key", () => {
    const df = spark.createDataFrame([["a", 1], ["b", 2], ["a", 3]], "k STRING, v INT");
    expect(df.dropDuplicates(["k"]).collect()).toEqual([{ k: "a", v: 1 }, { k: "b", v: 2 }]);
    expect(df.distinct().count()).toBe(3);
  });
});

describe("streaming sort and limit", () => {
  test("sort is allowed after an aggregation in complete mode", async () => {
    const input = new MemoryStream(spark, "word STRING");
    const df = input.toDF().groupBy("word").count().orderBy(F.col("count").desc(), "word");
    const r = record(df, "complete");
    input.addData([["b"], ["a"], ["b"], ["c"], ["b"], ["a"]]);
    await r.query.processAllAvailable();
    expect(r.drain()).toEqual([[["b", 3], ["a", 2], ["c", 1]]]);
  });

  test("sort without aggregation is refused with Spark's message", () => {
    const input = new MemoryStream(spark, "word STRING");
    expect(code(() => input.toDF().orderBy("word").writeStream.format("console").start()))
      .toContain("Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode");
  });

  test("a streaming limit in append mode holds across batches", async () => {
    const input = new MemoryStream(spark, "v INT");
    const r = record(input.toDF().limit(3), "append");
    input.addData([[1], [2]]);
    await r.query.processAllAvailable();
    input.addData([[3], [4]]);
    await r.query.processAllAvailable();
    input.addData([[5]]);
    await r.query.processAllAvailable();
    expect(r.drain()).toEqual([[[1], [2]], [[3]], []]);
  });

  test("limit in update mode is refused", () => {
    const input = new MemoryStream(spark, "v INT");
    expect(code(() => input.toDF().groupBy("v").count().limit(2).writeStream.outputMode("update").format("console").start()))
      .toContain("Limits are not supported on streaming DataFrames/Datasets in Update output mode");
  });
});
