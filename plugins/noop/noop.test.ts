// The noop sink runs a query in every output mode and writes nothing; df.write.format("noop") takes
// any save mode. And readStream.table of a catalog table streams the table's files (the PySpark
// streaming tests that use both: test_query_manager_get, test_streaming_read_from_table).
import { afterAll, afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkSession } from "sluice";
import { MemoryStream } from "sluice/testing";

const spark = SparkSession.builder.getOrCreate().newSession();
const warehouse = mkdtempSync(join(tmpdir(), "sluice-noop-"));
spark.conf.set("spark.sql.warehouse.dir", warehouse);
afterEach(async () => {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
});
afterAll(() => rmSync(warehouse, { recursive: true, force: true }));

test("noop: a stream runs batches in append and complete mode and writes nothing; df.write in every mode", async () => {
  const input = new MemoryStream(spark, "v INT");
  input.addData([[1], [2]]);
  const append = input.toDF().writeStream.format("noop").start();
  await append.processAllAvailable();
  expect(append.lastProgress?.numInputRows).toBe(2);
  expect((append.lastProgress?.sink as { description?: string }).description).toBe("NoopSink");
  const complete = input.toDF().groupBy().count().writeStream.format("noop").outputMode("complete").start();
  await complete.processAllAvailable();
  expect(complete.exception()).toBeNull();
  for (const mode of ["append", "overwrite", "ignore", "error"]) await spark.createDataFrame([[1]], "v INT").write.format("noop").mode(mode).save();
});

test("readStream.table streams a catalog table's files; a temp view is read as it is", async () => {
  spark.sql("CREATE TABLE stream_in (value STRING) USING parquet");
  spark.sql("INSERT INTO stream_in VALUES ('aaa'), ('bbb')");
  const df = spark.readStream.table("stream_in");
  expect(df.isStreaming).toBe(true);
  const q = df.writeStream.format("memory").queryName("stream_out").start();
  await q.processAllAvailable();
  expect(spark.sql("SELECT value FROM stream_out ORDER BY value").collect()).toEqual([{ value: "aaa" }, { value: "bbb" }]);
  spark.createDataFrame([["x"]], "value STRING").createOrReplaceTempView("stream_in");
  expect(spark.readStream.table("stream_in").isStreaming).toBe(false);
});
