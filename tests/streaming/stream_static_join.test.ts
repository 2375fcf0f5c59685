import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkSession } from "../../runtime/mod.ts";
import { MemoryStream } from "../../runtime/testing/memory_stream.ts";
import { record } from "./harness.ts";

const spark = SparkSession.builder.getOrCreate().newSession();
afterEach(async () => { await Promise.all(spark.streams.active.map((q) => q.stop())); });

test("a stream joined to a static side read from files sees the static rows in every batch", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-static-"));
  writeFileSync(join(dir, "products.json"), '{"id":1,"name":"pen"}\n{"id":2,"name":"ink"}\n');
  const products = spark.read.format("json").schema("id INT, name STRING").load(dir);
  const orders = new MemoryStream(spark, "id INT, qty INT");
  const r = record(orders.toDF().join(products, "id").select("name", "qty"), "append");
  orders.addData([[1, 3]]);
  await r.query.processAllAvailable();
  orders.addData([[2, 5], [1, 1]]);
  await r.query.processAllAvailable();
  expect(r.drain()).toEqual([[["pen", 3]], [["ink", 5], ["pen", 1]]]);
});
