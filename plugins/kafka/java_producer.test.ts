// What Kafka's own Java producer writes (scripts/kafka/JavaProduce.java), read by the Kafka
// source: every compression codec the Java client has (snappy framed the xerial way, lz4 frames,
// zstd, gzip), null keys, headers; and keyed records written by the Kafka sink land in the same
// partitions the Java producer chose for the same keys.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SparkSession } from "sluice";
import { kafkaBroker } from "../../scripts/kafka/service.ts";
import { closeTestClients, createTopic, produce, readAll } from "./test_kit.ts";

const HOOK_TIMEOUT_MS = 240_000;
const COUNT = 3000;
const CODECS = ["none", "gzip", "snappy", "lz4", "zstd"];
const root = resolve(import.meta.dir, "../..");
const prefix = `java-${process.pid}`;
let bootstrap = "";

beforeAll(async () => {
  bootstrap = (await kafkaBroker()).bootstrap;
  for (const codec of CODECS) await createTopic(bootstrap, `${prefix}-${codec}`, 3);
  const libs = process.env.SLUICE_KAFKA_LIBS ?? join(root, ".tmp", "kafka-libs");
  execFileSync("java", ["-cp", `${libs}/*`, join(root, "scripts/kafka/JavaProduce.java"), bootstrap, prefix, String(COUNT)], {
    stdio: ["ignore", "ignore", "pipe"],
    timeout: 180_000,
  });
}, HOOK_TIMEOUT_MS);
afterAll(closeTestClients);

const spark = () => SparkSession.builder.appName("java-producer").getOrCreate();

describe("records from Kafka's Java producer", () => {
  for (const codec of CODECS) {
    test(`${codec}: every record, its key, value and headers`, async () => {
      const rows = await spark().read.format("kafka").option("kafka.bootstrap.servers", bootstrap)
        .option("subscribe", `${prefix}-${codec}`).option("includeHeaders", "true").load()
        .selectExpr("CAST(key AS STRING) AS k", "CAST(value AS STRING) AS v", "headers", "partition")
        .collectAsync();
      expect(rows.length).toBe(COUNT);
      const byI = new Map(rows.map((r) => [JSON.parse(r.v as string).i as number, r]));
      for (let i = 0; i < COUNT; i++) {
        const r = byI.get(i)!;
        expect(r.v).toBe(`{"i":${i},"codec":"${codec}"}`);
        expect(r.k).toBe(i % 10 === 9 ? null : `k${i}`);
        const headers = r.headers as { key: string; value: Uint8Array }[];
        expect(headers.map((h) => [h.key, new TextDecoder().decode(h.value)])).toEqual([["n", String(i)]]);
      }
    }, 60_000);
  }

  test("the sink puts each key in the partition the Java producer chose for it", async () => {
    const java = await readAll(bootstrap, `${prefix}-none`);
    const javaPartition = new Map(java.filter((m) => m.key !== null).map((m) => [m.key!, m.partition]));
    const source = `${prefix}-keys-in`;
    const target = `${prefix}-keys-out`;
    await createTopic(bootstrap, source, 1);
    await createTopic(bootstrap, target, 3);
    await produce(bootstrap, source, [...javaPartition.keys()].map((k) => ({ key: k, value: "x" })));
    const q = spark().readStream.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", source)
      .option("startingOffsets", "earliest").load().selectExpr("key", "value")
      .writeStream.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("topic", target)
      .option("checkpointLocation", mkdtempSync(join(tmpdir(), "sluice-java-keys-"))).trigger({ availableNow: true }).start();
    await q.awaitTermination();
    const written = await readAll(bootstrap, target);
    expect(written.length).toBe(javaPartition.size);
    for (const m of written) expect(m.partition).toBe(javaPartition.get(m.key!)!);
  }, 60_000);
});
