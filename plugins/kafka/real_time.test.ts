// Real-time mode and continuous processing with the Kafka source against a real broker: records
// reach the sink while the (long) batch runs, the batch's offsets are logged when it ends, a restart
// goes on from them, and a batch logged but not committed is replayed exactly.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkSession, type StreamingQuery } from "sluice";
import { kafkaBroker } from "../../scripts/kafka/service.ts";
import { closeTestClients, createTopic, produce, readAll } from "./test_kit.ts";

const HOOK_TIMEOUT_MS = 180_000;
let bootstrap = "";
beforeAll(async () => {
  bootstrap = (await kafkaBroker()).bootstrap;
}, HOOK_TIMEOUT_MS);
afterAll(closeTestClients);

let counter = 0;
const fresh = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

/** Polls `check` every 20 ms until it holds, for at most `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await Bun.sleep(20);
  }
}

/** The source offsets logged in offsets/N (the line after the version and the metadata). */
const loggedOffsets = (checkpoint: string, batch: number) => JSON.parse(readFileSync(join(checkpoint, "offsets", String(batch)), "utf8").split("\n")[2]!);

describe("real-time mode", () => {
  test("records reach the sink while the batch runs; offsets are logged when it ends; restarts go on from them", async () => {
    const topic = fresh("rt");
    await createTopic(bootstrap, topic, 2);
    const checkpoint = mkdtempSync(join(tmpdir(), "sluice-rt-"));
    const spark = SparkSession.builder.getOrCreate().newSession();
    spark.conf.set("spark.sql.streaming.realTimeMode.minBatchDuration", "1000");
    const start = (duration: string): StreamingQuery =>
      spark.readStream.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", topic)
        .option("startingOffsets", "earliest").load()
        .filter("value IS NOT NULL").selectExpr("CAST(value AS STRING) AS v")
        .writeStream.format("memory").queryName("rt_out").outputMode("update").option("checkpointLocation", checkpoint)
        .trigger({ realTime: duration }).start();
    const values = async () => (await spark.table("rt_out").collectAsync()).map((r) => r.v as string).sort();
    try {
      let q = start("5 minutes");
      await produce(bootstrap, topic, [{ value: "a", partition: 0 }, { value: "b", partition: 1 }, { value: null, partition: 1 }]);
      const produced = Date.now();
      await eventually(async () => (await values()).length === 2);
      // Seen long before the 5-minute batch ends: nothing is logged or committed yet.
      expect(Date.now() - produced).toBeLessThan(5000);
      expect(await values()).toEqual(["a", "b"]);
      expect(q.lastProgress).toBeNull();
      expect(existsSync(join(checkpoint, "offsets", "0"))).toBe(false);
      await q.stop();
      // Stopping ends the batch: where the source got to is logged and committed.
      expect(loggedOffsets(checkpoint, 0)).toEqual({ [topic]: { "0": 1, "1": 2 } });
      expect(existsSync(join(checkpoint, "commits", "0"))).toBe(true);
      expect(q.lastProgress!.numInputRows).toBe(3);

      // A crash between logging batch 0 and committing it: the restart replays batch 0 exactly, then reads on.
      rmSync(join(checkpoint, "commits", "0"));
      await produce(bootstrap, topic, [{ value: "c", partition: 0 }]);
      q = start("1 second");
      // processAllAvailable returns once a batch started after the call read nothing.
      await q.processAllAvailable();
      expect(await values()).toEqual(["a", "b", "c"]);
      await eventually(async () => (q.recentProgress.length ?? 0) >= 2);
      expect(q.recentProgress[0]!.batchId).toBe(0);
      expect(q.recentProgress[0]!.numInputRows).toBe(3);
      await q.stop();
      // And a plain restart reads nothing again.
      q = start("1 second");
      await eventually(async () => q.recentProgress.length >= 1);
      expect(await values()).toEqual([]);
      expect(q.recentProgress.every((p) => p.numInputRows === 0)).toBe(true);
      await q.stop();
    } finally {
      rmSync(checkpoint, { recursive: true, force: true });
    }
  }, 60_000);

  test("dropDuplicates runs in real-time mode (as Spark 4.3): a repeated value is written once", async () => {
    const topic = fresh("rt-dedup");
    await createTopic(bootstrap, topic, 2);
    const checkpoint = mkdtempSync(join(tmpdir(), "sluice-rt-dedup-"));
    const spark = SparkSession.builder.getOrCreate().newSession();
    spark.conf.set("spark.sql.streaming.realTimeMode.minBatchDuration", "1000");
    const q = spark.readStream.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", topic)
      .option("startingOffsets", "earliest").load()
      .selectExpr("CAST(value AS STRING) AS v").dropDuplicates(["v"])
      .writeStream.format("memory").queryName("rt_dedup").outputMode("update").option("checkpointLocation", checkpoint)
      .trigger({ realTime: "1 minute" }).start();
    const values = async () => (await spark.table("rt_dedup").collectAsync()).map((r) => r.v as string).sort();
    try {
      await produce(bootstrap, topic, [{ value: "a", partition: 0 }, { value: "a", partition: 1 }, { value: "b", partition: 1 }]);
      await eventually(async () => (await values()).length >= 2);
      await Bun.sleep(200);
      expect(await values()).toEqual(["a", "b"]);
      expect(q.lastProgress).toBeNull();
    } finally {
      await q.stop();
      rmSync(checkpoint, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("continuous processing", () => {
  test("Kafka to Kafka: records flow through as they arrive", async () => {
    const input = fresh("cont-in"), output = fresh("cont-out");
    await createTopic(bootstrap, input, 2);
    await createTopic(bootstrap, output, 1);
    const checkpoint = mkdtempSync(join(tmpdir(), "sluice-cont-"));
    const spark = SparkSession.builder.getOrCreate().newSession();
    const q = spark.readStream.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", input)
      .option("startingOffsets", "earliest").load()
      .filter("value != 'skip'").selectExpr("key", "upper(CAST(value AS STRING)) AS value")
      .writeStream.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("topic", output)
      .option("checkpointLocation", checkpoint).trigger({ continuous: "10 seconds" }).start();
    try {
      await eventually(async () => q.status.isTriggerActive);
      await produce(bootstrap, input, [{ key: "k1", value: "one", partition: 0 }, { value: "skip", partition: 1 }, { value: "two", partition: 1 }]);
      await eventually(async () => (await readAll(bootstrap, output)).length === 2);
      expect((await readAll(bootstrap, output)).map((m) => m.value).sort()).toEqual(["ONE", "TWO"]);
      expect(q.lastProgress).toBeNull();
    } finally {
      await q.stop();
      rmSync(checkpoint, { recursive: true, force: true });
    }
  }, 60_000);
});
