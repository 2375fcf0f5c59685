// A running query survives a broker restart: reads fail while the broker is down, the source keeps
// retrying (up to kafka.default.api.timeout.ms), and once the broker is back every record arrives
// exactly once.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { SparkSession } from "sluice";
import { type Broker, kafkaBroker } from "../../scripts/kafka/service.ts";
import { closeTestClients, createTopic, produce } from "./test_kit.ts";

let broker: Broker;
beforeAll(async () => {
  broker = await kafkaBroker();
}, 180_000);
afterAll(closeTestClients);

test("the broker restarts mid-stream: the query recovers without loss or duplicates", async () => {
  const topic = `restart-${process.pid}`;
  await createTopic(broker.bootstrap, topic, 2);
  const spark = SparkSession.builder.getOrCreate().newSession();
  const seen: string[] = [];
  const q = spark.readStream.format("kafka").option("kafka.bootstrap.servers", broker.bootstrap).option("subscribe", topic)
    .option("startingOffsets", "earliest").load().selectExpr("CAST(value AS STRING)")
    .writeStream.foreachBatch((b) => void seen.push(...b.collectRaw().rows.map((r) => r[0] as string))).start();
  const batch = (from: number) => Array.from({ length: 50 }, (_, i) => ({ value: `m${from + i}`, partition: i % 2 }));
  await produce(broker.bootstrap, topic, batch(0));
  await q.processAllAvailable();
  await broker.restart();
  await closeTestClients(); // the test's own producer reconnects from scratch
  await produce(broker.bootstrap, topic, batch(50));
  await q.processAllAvailable();
  expect(q.exception()).toBeNull();
  await q.stop();
  expect(seen.length).toBe(100);
  expect(new Set(seen).size).toBe(100);
}, 120_000);
