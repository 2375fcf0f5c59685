// The Kafka sink against a real broker: the sink conformance suite in both delivery modes, Spark's
// schema checks, columns (key, headers, partition, topic), and exactly-once with transactions.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SluiceError, validateOptions, BINARY, INT, STRING, StructField, StructType, type SinkContext, type SinkWriter } from "sluice/plugin-sdk";
import { functions as F, SparkSession } from "sluice";
import { ManualClock, sinkConformance } from "sluice/testing";
import { kafkaBroker } from "../../scripts/kafka/service.ts";
import { HEADERS_TYPE } from "./schema.ts";
import { closeTestClients, createTopic, readAll } from "./test_kit.ts";
import sink from "./sink.ts";

const HOOK_TIMEOUT_MS = 180_000;
let bootstrap = "";
beforeAll(async () => {
  bootstrap = (await kafkaBroker()).bootstrap;
}, HOOK_TIMEOUT_MS);
afterAll(closeTestClients);

const KV = new StructType([new StructField("key", STRING), new StructField("value", STRING)]);
const envTopic = (dir: string) => `sink-${dir.replace(/[^A-Za-z0-9]/g, "").slice(-16)}`;
const readBack = (readCommitted: boolean) => async (env: { metadataDir: string }) =>
  (await readAll(bootstrap, envTopic(env.metadataDir), readCommitted)).map((m) => [m.key, m.value]);

sinkConformance(sink, {
  options: (env) => ({ "kafka.bootstrap.servers": bootstrap, topic: envTopic(env.metadataDir) }),
  schema: KV,
  rows: [["k1", "v1"], [null, "v2"]],
  readBack: readBack(false),
  checkRestart: true,
});

sinkConformance(sink, {
  options: (env) => ({ "kafka.bootstrap.servers": bootstrap, topic: envTopic(env.metadataDir), deliveryGuarantee: "exactly-once" }),
  schema: KV,
  rows: [["k1", "v1"], ["k2", "v2"]],
  mode: "update",
  readBack: readBack(true),
  checkRestart: true,
});

let counter = 0;
const fresh = () => `ksink-${process.pid}-${++counter}`;

function context(schema: StructType, queryId = crypto.randomUUID()): SinkContext {
  return { schema, queryId, clock: new ManualClock(0), log: { info: () => {}, warn: () => {} }, conf: () => undefined, stdout: () => {}, session: undefined };
}

const open = (options: Record<string, unknown>, ctx: SinkContext) =>
  sink.create(validateOptions(sink, { "kafka.bootstrap.servers": bootstrap, ...options }) as never, ctx) as Promise<SinkWriter>;

async function rejected(p: Promise<unknown>): Promise<SluiceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SluiceError);
    return e as SluiceError;
  }
  throw new Error("expected an error");
}

describe("kafka sink", () => {
  test("Spark's schema checks", async () => {
    const s = (...fields: [string, typeof STRING | typeof INT | typeof BINARY][]) => new StructType(fields.map(([n, t]) => new StructField(n, t)));
    expect((await rejected(open({}, context(s(["value", STRING]))))).message).toContain(
      "topic option required when no 'topic' attribute is present. Use the topic option for setting a topic.",
    );
    expect((await rejected(open({ topic: "t" }, context(s(["v", STRING]))))).message).toContain("Required attribute 'value' not found");
    expect((await rejected(open({ topic: "t" }, context(s(["value", INT]))))).message).toContain("value attribute type must be a string or binary");
    expect((await rejected(open({ topic: "t" }, context(s(["value", STRING], ["key", INT]))))).message).toContain("key attribute type must be a string or binary");
    expect((await rejected(open({ topic: "t" }, context(s(["value", STRING], ["partition", STRING]))))).message).toContain("partition attribute type must be an int");
    expect((await rejected(open({}, context(s(["value", STRING], ["topic", INT]))))).message).toContain("Topic type must be a string");
    expect((await rejected(open({ topic: "t", "kafka.key.serializer": "x" }, context(s(["value", STRING]))))).message).toContain(
      "Kafka option 'key.serializer' is not supported as keys are serialized with ByteArraySerializer.",
    );
  });

  test("topic, key, headers and partition columns", async () => {
    const a = fresh(), b = fresh();
    await createTopic(bootstrap, a, 2);
    await createTopic(bootstrap, b, 1);
    const schema = new StructType([
      new StructField("topic", STRING), new StructField("key", BINARY), new StructField("value", STRING),
      new StructField("partition", INT), new StructField("headers", HEADERS_TYPE),
    ]);
    const w = await open({}, context(schema));
    await w.addBatch(0, [
      [a, new Uint8Array([107]), "to a1", 1, [["h", new Uint8Array([120])]]],
      [b, null, "to b", null, null],
    ], "append");
    await w.stop!();
    expect(await readAll(bootstrap, a)).toEqual([{ key: "k", value: "to a1", partition: 1, offset: 0, headers: [["h", "x"]] }]);
    expect((await readAll(bootstrap, b)).map((m) => [m.key, m.value])).toEqual([[null, "to b"]]);
  });

  test("exactly-once: a replayed batch and a transaction cut off by a crash are never visible twice", async () => {
    const topic = fresh();
    await createTopic(bootstrap, topic, 1);
    const queryId = crypto.randomUUID();
    const options = { topic, deliveryGuarantee: "exactly-once" };
    const first = await open(options, context(KV, queryId));
    await first.addBatch(0, [["a", "batch0"]], "append");
    // A crash after the sink committed batch 1 but before the query logged its commit: the restarted
    // query replays batch 1.
    await first.addBatch(1, [["b", "batch1"]], "append");
    // And a third writer of the same query dies in the middle of batch 2's transaction.
    const { Producer } = await import("@platformatic/kafka");
    const zombie = new Producer({ clientId: "zombie", bootstrapBrokers: [bootstrap], idempotent: true, transactionalId: `sluice-${queryId}` });
    const tx = await zombie.beginTransaction({ producerId: -1n, producerEpoch: -1 }); // as the sink begins one
    await tx.send({ messages: [{ topic, key: Buffer.from("z"), value: Buffer.from("half of batch2") }] });
    await first.stop!();
    const restarted = await open(options, context(KV, queryId));
    await restarted.addBatch(1, [["b", "batch1"]], "append");
    await restarted.addBatch(2, [["c", "batch2"]], "append");
    await restarted.stop!();
    await zombie.close(true).catch(() => {});
    expect((await readAll(bootstrap, topic, true)).map((m) => m.value)).toEqual(["batch0", "batch1", "batch2"]);
    // A read_uncommitted reader sees the aborted record too: the transaction really was cut off.
    expect((await readAll(bootstrap, topic, false)).map((m) => m.value)).toContain("half of batch2");
  });

  test("beginBatch: a batch written chunk by chunk, in both delivery modes; an aborted transaction stays invisible", async () => {
    for (const deliveryGuarantee of ["at-least-once", "exactly-once"]) {
      const topic = fresh();
      await createTopic(bootstrap, topic, 2);
      const w = await open({ topic, deliveryGuarantee }, context(KV));
      const b0 = await w.beginBatch!(0, "append");
      for (let c = 0; c < 3; c++) await b0.write([...Array(1000).keys()].map((i) => [`k${i}`, `c${c}-${i}`]));
      await b0.commit();
      const b1 = await w.beginBatch!(1, "append");
      await b1.write([["x", "aborted"]]);
      await b1.abort!();
      // The batch is retried (same id) and committed.
      const again = await w.beginBatch!(1, "append");
      await again.write([["y", "batch1"]]);
      await again.commit();
      // A batch id already written is not written again.
      const replay = await w.beginBatch!(1, "append");
      await replay.write([["y", "batch1 again"]]);
      await replay.commit();
      await w.stop!();
      const values = (await readAll(bootstrap, topic, deliveryGuarantee === "exactly-once")).map((m) => m.value!);
      expect(values.filter((v) => v.startsWith("c")).length).toBe(3000);
      expect(values.filter((v) => v === "batch1")).toEqual(["batch1"]);
      expect(values).not.toContain("batch1 again");
      // at-least-once sends records as they come: the aborted batch's record went out (and its retry
      // wrote the batch again), as Spark's sink; exactly-once never shows it.
      if (deliveryGuarantee === "exactly-once") expect(values).not.toContain("aborted");
      else expect(values).toContain("aborted");
    }
  });

  test("through the engine: rows of a query, every output mode", async () => {
    const topic = fresh();
    await createTopic(bootstrap, topic, 1);
    const spark = SparkSession.builder.getOrCreate().newSession();
    const { MemoryStream } = await import("sluice/testing");
    const input = new MemoryStream(spark, "word STRING");
    const dir = (await import("node:fs")).mkdtempSync(`${(await import("node:os")).tmpdir()}/sluice-ksink-`);
    const q = input.toDF().groupBy("word").count().select(F.col("word").alias("key"), F.col("count").cast("string").alias("value"))
      .writeStream.format("kafka").outputMode("complete").option("kafka.bootstrap.servers", bootstrap).option("topic", topic)
      .option("checkpointLocation", dir).start();
    input.addData([["a"], ["b"], ["a"]]);
    await q.processAllAvailable();
    await q.stop();
    expect((await readAll(bootstrap, topic)).map((m) => [m.key, m.value]).sort()).toEqual([["a", "2"], ["b", "1"]]);
  });
});
