// session_window: the batch result matches PySpark 4.1.1 (sessions touching at the gap merge;
// first/last follow event time); on streams, append emits closed sessions once, update is refused.
import { afterEach, describe, expect, test } from "bun:test";
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { MemoryStream } from "../../runtime/testing/memory_stream.ts";
import { record, sec, sorted } from "./harness.ts";

const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");
afterEach(async () => {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
});

describe("session windows", () => {
  test("batch: the same sessions as PySpark", () => {
    const df = spark.createDataFrame([["a", 0], ["a", 5], ["a", 11], ["a", 14], ["b", 3]], "k STRING, s BIGINT")
      .withColumn("ts", F.timestamp_seconds("s"));
    const r = df.groupBy("k", F.session_window("ts", "5 seconds"))
      .agg(F.count("*").alias("n"), F.first("s").alias("f"), F.last("s").alias("l"));
    expect(r.columns).toEqual(["k", "session_window", "n", "f", "l"]);
    expect(r.schema.treeString()).toBe(
      "root\n |-- k: string (nullable = true)\n |-- session_window: struct (nullable = false)\n |    |-- start: timestamp (nullable = true)\n |    |-- end: timestamp (nullable = true)\n |-- n: long (nullable = false)\n |-- f: long (nullable = true)\n |-- l: long (nullable = true)\n",
    );
    // Expected rows as PySpark printed them (start/end in seconds).
    const rows = r.select("k", F.col("session_window.start").cast("long"), F.col("session_window.end").cast("long"), "n", "f", "l").collectRaw().rows;
    expect(sorted(rows)).toEqual(sorted([["a", 0, 10, 2, 0, 5], ["a", 11, 19, 2, 11, 14], ["b", 3, 8, 1, 3, 3]]));
  });

  test("stream, append: a session is emitted once the watermark passes its end", async () => {
    const input = new MemoryStream(spark, "user STRING, ts TIMESTAMP");
    const df = input.toDF().withWatermark("ts", "10 seconds").groupBy("user", F.session_window("ts", "5 seconds")).count()
      .select("user", F.col("session_window.start").cast("long").alias("start"), F.col("session_window.end").cast("long").alias("end"), "count");
    const r = record(df, "append");
    input.addData([["u", sec(10)], ["u", sec(12)]]);
    await r.query.processAllAvailable();
    input.addData([["u", sec(16)], ["v", sec(40)]]);
    await r.query.processAllAvailable();
    // watermark 30 after the second batch: u's session [10, 21) closes (in the no-data batch)
    expect(sorted(r.drain().flat())).toEqual([["u", 10, 21, 3]]);
  });

  test("update mode is refused for session windows", () => {
    const input = new MemoryStream(spark, "user STRING, ts TIMESTAMP");
    let code = "";
    try {
      input.toDF().withWatermark("ts", "10 seconds").groupBy("user", F.session_window("ts", "5 seconds")).count()
        .writeStream.outputMode("update").format("console").start();
    } catch (e) {
      code = (e as { code: string }).code + ": " + (e as Error).message;
    }
    expect(code).toContain("not supported for session window streaming aggregations");
  });
});
