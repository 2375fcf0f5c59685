// Runs under both `deno task test` and `bun test`: a windowed aggregation over JSON files runs its
// large batches on two executor worker threads (node:worker_threads, which both runtimes provide)
// and finds what it finds on one thread.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "sluice";
import { platform } from "../../runtime/platform/mod.ts";
import { ECOMMERCE_DDL, writeEcommerceFiles } from "../../scripts/generate_ecommerce.ts";

const dir = mkdtempSync(join(tmpdir(), "sluice-workers-"));
after(() => rmSync(dir, { recursive: true, force: true }));
writeEcommerceFiles(dir, 2000, 4, ["json"]);

async function revenue(workers: number): Promise<{ rows: string[]; workers: number; busy: number[] }> {
  const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC")
    .config("sluice.executor.workers", workers).config("sluice.executor.minParallelBytes", "1")
    .config("spark.sql.files.maxPartitionBytes", "32k").config("spark.sql.files.openCostInBytes", "1").create();
  const rows: string[] = [];
  const q = spark.readStream.format("json").schema(ECOMMERCE_DDL).load(join(dir, "json"))
    .groupBy(F.window("event_time", "5 minutes"), "category").agg(F.count("*").alias("n"), F.sum("quantity").alias("q"))
    .writeStream.outputMode("complete").option("checkpointLocation", join(dir, `cp-${workers}`))
    .foreachBatch((df) => {
      for (const r of df.collectRaw().rows) rows.push(JSON.stringify(r));
    })
    .trigger({ availableNow: true }).start();
  await q.awaitTermination();
  const w = q.executorWorkers();
  return { rows: rows.sort(), workers: w.workers, busy: w.utilisation };
}

describe(`executor worker threads under ${platform.runtime}`, () => {
  test("two workers give what one thread gives", async () => {
    const one = await revenue(1), two = await revenue(2);
    assert.equal(one.workers, 0);
    assert.equal(two.workers, 2);
    // Both workers ran splits (a plan the workers could not set up would have run inline).
    assert.ok(two.busy.every((u) => u > 0), String(two.busy));
    assert.ok(one.rows.length > 0, `${one.rows.length} rows`);
    assert.deepEqual(two.rows, one.rows);
  });
});
