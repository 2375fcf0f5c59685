// Kafka and Delta Lake in remote mode, against a real Spark 4.1.1 Connect server that has
// spark-sql-kafka and delta-spark (scripts/spark/service.ts starts it with both from Maven Central;
// the session sets Delta's catalog) and the shared test broker: one pipeline function runs embedded and remote, and each side reads
// what the other wrote — Spark reads Sluice's Kafka records and Delta tables, Sluice reads Spark's.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession, type DataFrame } from "sluice";
import { DELTA_SESSION_CONF, sparkConnect } from "../../scripts/spark/service.ts";
import { kafkaBroker } from "../../scripts/kafka/service.ts";
import { closeTestClients, createTopic, readAll } from "../../plugins/kafka/test_kit.ts";

const HOOK_TIMEOUT_MS = 600_000;
let remote: SparkSession;
let embedded: SparkSession;
let bootstrap: string;
let work: string;

beforeAll(async () => {
  const [url, broker] = await Promise.all([sparkConnect(), kafkaBroker()]);
  bootstrap = broker.bootstrap;
  const builder = SparkSession.builder.remote(url).config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "2");
  for (const [k, v] of Object.entries(DELTA_SESSION_CONF)) builder.config(k, v);
  remote = builder.create();
  embedded = SparkSession.builder.getOrCreate().newSession();
  embedded.conf.set("spark.sql.session.timeZone", "UTC");
  work = mkdtempSync(join(tmpdir(), "sluice-remote-kd-"));
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  for (const q of remote?.streams.active ?? []) await q.stop();
  await remote?.stop();
  await closeTestClients();
  rmSync(work, { recursive: true, force: true });
});

const ORDER_SCHEMA = "id BIGINT, customer STRING, amount DOUBLE";
const orders = [[1, "ann", 12.5], [2, "bob", 3], [3, "ann", 40.25], [4, "cy", 0.5], [5, "bob", 99]];

/** The same pipeline for both sessions: Kafka JSON orders → the big ones, keyed by customer → Kafka (start() with PySpark's keywords). */
async function kafkaPipeline(spark: SparkSession, input: string, output: string, checkpoint: string): Promise<void> {
  const q = spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", bootstrap).option("subscribe", input).option("startingOffsets", "earliest").load()
    .select(F.from_json(F.col("value").cast("string"), ORDER_SCHEMA).alias("o"))
    .select("o.*")
    .filter(F.col("amount").geq(3))
    .select(F.col("customer").alias("key"), F.to_json(F.struct("id", "amount")).alias("value"))
    .writeStream.trigger({ availableNow: true })
    .start({ format: "kafka", "kafka.bootstrap.servers": bootstrap, topic: output, checkpointLocation: checkpoint });
  await q.awaitTermination();
}

const records = async (topic: string) => (await readAll(bootstrap, topic)).map((m) => `${m.key}=${m.value}`).sort();
const sorted = async (df: DataFrame) => (await df.collectAsync()).map((r) => JSON.stringify(r)).sort();

describe("remote mode: Kafka on Spark", () => {
  test("Spark writes a batch, one pipeline runs embedded and remote with the same records; each reads the other's topic", async () => {
    const tag = `${process.pid}-${Date.now()}`;
    const [input, outEmbedded, outRemote] = [`rk-in-${tag}`, `rk-emb-${tag}`, `rk-rem-${tag}`];
    await createTopic(bootstrap, input, 2);
    await createTopic(bootstrap, outEmbedded, 1);
    await createTopic(bootstrap, outRemote, 1);
    // Spark's batch Kafka writer (df.write in remote mode): a key and a JSON value per order.
    await remote.createDataFrame(orders, ORDER_SCHEMA)
      .select(F.col("customer").alias("key"), F.to_json(F.struct("id", "customer", "amount")).alias("value"))
      .write.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("topic", input).save();
    expect((await records(input)).length).toBe(5);

    await kafkaPipeline(embedded, input, outEmbedded, join(work, "kafka-cp-embedded"));
    await kafkaPipeline(remote, input, outRemote, join(work, "kafka-cp-remote"));
    const expected = ['ann={"id":1,"amount":12.5}', 'ann={"id":3,"amount":40.25}', 'bob={"id":2,"amount":3.0}', 'bob={"id":5,"amount":99.0}'];
    expect(await records(outRemote)).toEqual(expected);
    expect(await records(outEmbedded)).toEqual(expected);

    // Batch reads: the same schema and values from Spark (of Sluice's topic) and Sluice (of Spark's).
    const read = (spark: SparkSession, topic: string) => spark.read.format("kafka")
      .option("kafka.bootstrap.servers", bootstrap).option("subscribe", topic).load();
    expect(read(remote, outEmbedded).schema.simpleString()).toBe(read(embedded, outRemote).schema.simpleString());
    const asText = async (df: DataFrame) => (await sorted(df.select(F.col("key").cast("string").alias("k"), F.col("value").cast("string").alias("v"), "topic", "partition", "offset"))).map((r) => r.replace(/"topic":"[^"]*"/, '"topic":"T"'));
    expect(await asText(read(remote, outEmbedded))).toEqual(await asText(read(embedded, outRemote)));
  }, 240_000);
});

/** The same pipeline for both sessions: a Delta table's new rows → a derived column → a partitioned Delta table. */
async function deltaPipeline(spark: SparkSession, input: string, output: string, checkpoint: string): Promise<void> {
  const q = spark.readStream.format("delta").load(input)
    .withColumn("big", F.col("amount").geq(10))
    .writeStream.format("delta").partitionBy("customer").option("checkpointLocation", checkpoint)
    .trigger({ availableNow: true }).start(output);
  await q.awaitTermination();
}

describe("remote mode: Delta Lake on Spark", () => {
  test("Spark's table read by one pipeline embedded and remote; each side reads the other's output", async () => {
    const source = join(work, "delta-source");
    const df = remote.createDataFrame(orders, ORDER_SCHEMA);
    await df.limit(3).write.format("delta").save(source);
    await df.filter("id > 3").write.format("delta").mode("append").save(source);
    // Time travel: version 0 holds the first write only, on both sides.
    const v0 = (spark: SparkSession) => sorted(spark.read.format("delta").option("versionAsOf", 0).load(source));
    const version0 = await v0(remote);
    expect(version0).toHaveLength(3);
    expect(await v0(embedded)).toEqual(version0);

    const [outEmbedded, outRemote] = [join(work, "delta-embedded"), join(work, "delta-remote")];
    await deltaPipeline(embedded, source, outEmbedded, join(work, "delta-cp-embedded"));
    await deltaPipeline(remote, source, outRemote, join(work, "delta-cp-remote"));
    const rows = (spark: SparkSession, path: string) => sorted(spark.read.format("delta").load(path).select("id", "customer", "amount", "big"));
    const expected = await sorted(embedded.createDataFrame(orders.map(([id, c, a]) => [id, c, a, (a as number) >= 10]), `${ORDER_SCHEMA}, big BOOLEAN`));
    expect(await rows(remote, outEmbedded)).toEqual(expected);
    expect(await rows(embedded, outRemote)).toEqual(expected);
    expect(await rows(remote, outRemote)).toEqual(expected);
    expect(remote.read.format("delta").load(outEmbedded).schema.simpleString()).toBe(embedded.read.format("delta").load(outRemote).schema.simpleString());

    // A batch overwrite by Sluice, then Spark reads the new version.
    await embedded.createDataFrame([[9, "zed", 1.5, false]], `${ORDER_SCHEMA}, big BOOLEAN`).write.format("delta").mode("overwrite").save(outEmbedded);
    expect(await rows(remote, outEmbedded)).toEqual(['{"id":9,"customer":"zed","amount":1.5,"big":false}']);
  }, 240_000);
});
