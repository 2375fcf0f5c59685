// Restart over the admin API with the real engine: a stopped or failed query starts again from its
// checkpoint (same id, new run id) and goes on where it stopped; without a checkpoint it is refused.
import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkSession } from "../mod.ts";
import { MemoryStream } from "../testing/memory_stream.ts";
import { createAdminApp } from "./app.ts";

const spark = SparkSession.builder.getOrCreate().newSession();
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const first = spark.streams.tracker.started().length;
  return createAdminApp({
    queries: () => spark.streams.tracker.started().slice(first), plugins: () => [],
    version: { sluice: "0.1.0", spark: "4.1.1", runtime: "bun", runtimeVersion: Bun.version, compiledBinary: false },
  });
}

async function post(app: ReturnType<typeof setup>, path: string) {
  const res = await app.request(path, { method: "POST" });
  return { status: res.status, body: (await res.json()) as any };
}

describe("restart with the engine", () => {
  test("stopped, then restarted by name: the same id, a new run id, on from the checkpoint", async () => {
    const checkpoint = mkdtempSync(join(tmpdir(), "sluice-admin-restart-"));
    dirs.push(checkpoint);
    const app = setup();
    const input = new MemoryStream(spark, "n INT");
    const seen: [number, number[]][] = [];
    const writer = input.toDF().selectExpr("n * 10 AS n").writeStream.queryName("orders").option("checkpointLocation", checkpoint)
      .foreachBatch((df, id) => { seen.push([id, df.collectRaw().rows.map((r) => r[0] as number)]); });
    const first = writer.start();
    // Changing the writer after start() does not change what a restart starts.
    writer.queryName("renamed");
    input.addData([[1], [2]]);
    await first.processAllAvailable();

    expect((await post(app, "/api/v1/queries/orders/stop")).body.status).toBe("stopped");
    input.addData([[3]]);
    const r = await post(app, "/api/v1/queries/orders/restart");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: first.id, name: "orders", status: "running", checkpointLocation: checkpoint, restartable: true });
    expect(r.body.runId).not.toBe(first.runId);
    const second = spark.streams.get(first.id)!;
    expect(second.runId).toBe(r.body.runId);
    await second.processAllAvailable();
    expect(seen).toEqual([[0, [10, 20]], [1, [30]]]);
  });

  test("failed, then restarted once the cause is gone: the failed batch runs again", async () => {
    const checkpoint = mkdtempSync(join(tmpdir(), "sluice-admin-restart-"));
    dirs.push(checkpoint);
    const app = setup();
    const input = new MemoryStream(spark, "n INT");
    let outage = true;
    const seen: [number, number[]][] = [];
    const q = input.toDF().writeStream.queryName("flaky").option("checkpointLocation", checkpoint).foreachBatch((df, id) => {
      if (outage) throw new Error("sink unreachable");
      seen.push([id, df.collectRaw().rows.map((r) => r[0] as number)]);
    }).start();
    input.addData([[7]]);
    await expect(q.processAllAvailable()).rejects.toThrow("sink unreachable");
    const failed = (await (await app.request(`/api/v1/queries/${q.id}`)).json()) as any;
    expect(failed.status).toBe("failed");
    expect(failed.exception.stack).toContain("sink unreachable");
    outage = false;
    const r = await post(app, "/api/v1/queries/flaky/restart");
    expect(r.status).toBe(200);
    await spark.streams.get(q.id)!.processAllAvailable();
    expect(seen).toEqual([[0, [7]]]);
  });

  test("a query without a checkpoint is refused, and nothing starts", async () => {
    const app = setup();
    const input = new MemoryStream(spark, "n INT");
    const q = input.toDF().writeStream.format("memory").queryName("scratch").start();
    await q.stop();
    const r = await post(app, "/api/v1/queries/scratch/restart");
    expect(r.status).toBe(409);
    expect(r.body.error.message).toBe(`Query 'scratch' (id ${q.id}) has no checkpoint location, so a restart could not resume where it stopped.`);
    expect(spark.streams.active).toHaveLength(0);
  });
});
