// The Kafka sink waits for a topic's metadata as Java's producer does (max.block.ms): a topic
// the broker answers UNKNOWN_TOPIC_OR_PARTITION or LEADER_NOT_AVAILABLE for — as it does for a
// moment while auto-creating it — is asked for again, in both delivery modes. Provoked
// deterministically: scripted metadata answers built from the client library's own errors, and a
// real broker asked without auto-creation for a topic that is created only later.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import * as kafka from "@platformatic/kafka";
import { SluiceError, STRING, StructField, StructType, type SinkContext } from "sluice/plugin-sdk";
import { ManualClock } from "sluice/testing";
import { kafkaBroker } from "../../scripts/kafka/service.ts";
import { connectionOf, type KafkaLib } from "./client.ts";
import { kafkaParamsOf } from "./options.ts";
import { checkSinkSchema } from "./schema_check.ts";
import { closeTestClients, createTopic, readAll } from "./test_kit.ts";
import { awaitTopicMetadata, type ClusterMetadata, topicNotReady } from "./topic_metadata.ts";
import { KafkaWriter } from "./writer.ts";

const METADATA_API = 3;
const unknownTopic = (t: string) => new kafka.UserError(`Unknown topic ${t}.`);
const leaderNotAvailable = () => new kafka.ResponseError(METADATA_API, 12, { "/topics/0": [5, null] }, {});
const cluster = (topic: string, leaders: number[]) =>
  ({
    brokers: new Map([[1, { host: "127.0.0.1", port: 1 }]]),
    topics: new Map([[topic, { partitions: leaders.map((leader) => ({ leader })), partitionsCount: leaders.length }]]),
  }) as unknown as ClusterMetadata;
const wait = { maxBlockMs: 2_000, backoffMs: 10, backoffMaxMs: 40 };

describe("waiting for a topic's metadata", () => {
  test("unknown topic, no leader, a partition without leader: asked again until ready", async () => {
    const answers: (() => ClusterMetadata)[] = [
      () => { throw unknownTopic("t"); },
      () => { throw leaderNotAvailable(); },
      () => cluster("t", [1, -1]),
      () => cluster("t", [1, 1]),
    ];
    let calls = 0;
    const md = await awaitTopicMetadata(async () => answers[calls++]!(), ["t"], wait, ["b:1"]);
    expect(calls).toBe(4);
    expect(md.topics.get("t")!.partitions.map((p) => p.leader)).toEqual([1, 1]);
  });

  test("after max.block.ms: Java's error; other errors at once", async () => {
    const started = Date.now();
    let e: unknown;
    await awaitTopicMetadata(async () => { throw unknownTopic("t"); }, ["t"], { ...wait, maxBlockMs: 300 }, ["b:1"]).catch((x) => (e = x));
    expect(e).toBeInstanceOf(SluiceError);
    expect((e as SluiceError).code).toBe("KAFKA_WRITE_FAILED");
    expect((e as SluiceError).message).toContain("Topic t not present in metadata after 300 ms.");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    let calls = 0;
    const other = new Error("something else");
    await expect(awaitTopicMetadata(async () => { calls++; throw other; }, ["t"], wait, ["b:1"])).rejects.toBe(other);
    expect(calls).toBe(1);
    expect(topicNotReady(leaderNotAvailable())).toBe("LEADER_NOT_AVAILABLE");
    expect(topicNotReady(unknownTopic("x"))).toBe("UNKNOWN_TOPIC_OR_PARTITION");
    expect(topicNotReady(new kafka.UserError("Unknown option"))).toBeUndefined();
  });
});

const HOOK_TIMEOUT_MS = 180_000;
let bootstrap = "";
beforeAll(async () => {
  bootstrap = (await kafkaBroker()).bootstrap;
}, HOOK_TIMEOUT_MS);
afterAll(closeTestClients);

/** The client library, with a producer that never lets the broker auto-create a topic: it answers UNKNOWN_TOPIC_OR_PARTITION until the topic exists. */
function libWithoutAutoCreate(): KafkaLib {
  class Producer extends kafka.Producer {}
  const metadata = kafka.Producer.prototype.metadata as (this: kafka.Producer, options: kafka.MetadataOptions, callback?: unknown) => unknown;
  Producer.prototype.metadata = function (this: kafka.Producer, options: kafka.MetadataOptions, callback?: unknown) {
    return metadata.call(this, { ...options, autocreateTopics: false }, callback);
  } as typeof kafka.Producer.prototype.metadata;
  return { ...kafka, Producer } as unknown as KafkaLib;
}

const KV = new StructType([new StructField("key", STRING), new StructField("value", STRING)]);
const context = (): SinkContext => ({
  schema: KV, queryId: crypto.randomUUID(), clock: new ManualClock(0), log: { info: () => {}, warn: () => {} }, conf: () => undefined,
  stdout: () => {}, session: undefined,
});
let counter = 0;
const fresh = () => `late-${process.pid}-${++counter}`;

async function writer(topic: string, options: Record<string, string>): Promise<KafkaWriter> {
  const all = { "kafka.bootstrap.servers": bootstrap, ...options };
  const params = kafkaParamsOf(all);
  const ctx = context();
  const o = { topic, deliveryGuarantee: "at-least-once", transactionalIdPrefix: "sluice", ...options } as never;
  return await new KafkaWriter(libWithoutAutoCreate(), connectionOf(params, "test", ctx.log), params, checkSinkSchema(KV, topic), o, ctx).open();
}

describe("a topic that appears while the sink waits (real broker)", () => {
  for (const deliveryGuarantee of ["at-least-once", "exactly-once"]) {
    test(`${deliveryGuarantee}: the batch waits for the topic, then is written`, async () => {
      const topic = fresh();
      const w = await writer(topic, { deliveryGuarantee });
      try {
        const created = new Promise((r) => setTimeout(r, 1_000)).then(() => createTopic(bootstrap, topic, 2));
        await w.addBatch(0, [["k1", "v1"], ["k2", "v2"], [null, "v3"]], "append");
        await created;
      } finally {
        await w.stop();
      }
      const values = (await readAll(bootstrap, topic, deliveryGuarantee === "exactly-once")).map((m) => m.value).sort();
      expect(values).toEqual(["v1", "v2", "v3"]);
    });
  }

  test("a topic that never appears: Java's timeout error after kafka.max.block.ms", async () => {
    for (const deliveryGuarantee of ["at-least-once", "exactly-once"]) {
      const topic = fresh();
      const w = await writer(topic, { deliveryGuarantee, "kafka.max.block.ms": "700" });
      try {
        const started = Date.now();
        let e: unknown;
        await w.addBatch(0, [["k", "v"]], "append").catch((x) => (e = x));
        expect((e as SluiceError).code).toBe("KAFKA_WRITE_FAILED");
        expect((e as SluiceError).message).toContain(`Topic ${topic} not present in metadata after 700 ms.`);
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        await w.stop();
      }
    }
  });
});
