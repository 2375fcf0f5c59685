// The Kafka source against a real broker (scripts/kafka/service.ts starts one for the test run):
// the plugin conformance suite, Spark's option checks, reading through the engine, offsets in the
// checkpoint, partitions added later, lost offsets, rate limits, consumer-group commits and lag.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { SluiceError, validateOptions, type SourceContext } from "sluice/plugin-sdk";
import { functions as F, SparkSession } from "sluice";
import { ManualClock, sourceConformance } from "sluice/testing";
import { kafkaBroker } from "../../scripts/kafka/service.ts";
import kafka from "./source.ts";
import { addPartitions, closeTestClients, createTopic, deleteTopic, produce } from "./test_kit.ts";

const HOOK_TIMEOUT_MS = 180_000;
let bootstrap = "";
const created = new Set<string>();

beforeAll(async () => {
  bootstrap = (await kafkaBroker()).bootstrap;
}, HOOK_TIMEOUT_MS);
afterAll(closeTestClients);

const text = (b: unknown) => (b === null ? null : new TextDecoder().decode(b as Uint8Array));
let counter = 0;
const freshTopic = (prefix = "src") => `${prefix}-${process.pid}-${++counter}`;

/** A topic per conformance environment (each test gets a fresh temp directory). */
const envTopic = (dataDir: string) => `conf-${basename(dirname(dataDir)).replace(/[^A-Za-z0-9]/g, "")}`;

sourceConformance(kafka, {
  options: (env) => ({ "kafka.bootstrap.servers": bootstrap, subscribe: envTopic(env.dataDir), startingOffsets: "earliest" }),
  produce: async (env, batch) => {
    const topic = envTopic(env.dataDir);
    if (!created.has(topic)) {
      created.add(topic);
      await createTopic(bootstrap, topic, 2);
    }
    await produce(bootstrap, topic, [
      { key: `k${batch}`, value: `v${batch}a`, partition: 0 },
      { key: null, value: `v${batch}b`, partition: 1 },
      { value: `v${batch}c`, partition: 1, headers: [["h", "x"]] },
    ]);
  },
});

const log = () => {
  const lines: string[] = [];
  return { lines, logger: { info: (m: string) => lines.push(`INFO ${m}`), warn: (m: string) => lines.push(`WARN ${m}`) } };
};

function context(o: { streaming?: boolean; metadataDir?: string; clock?: ManualClock; logs?: string[] } = {}): SourceContext {
  const logs = o.logs ?? [];
  return {
    streaming: o.streaming ?? true,
    metadataDir: o.metadataDir,
    clock: o.clock ?? new ManualClock(1_700_000_000_000),
    log: { info: (m) => logs.push(`INFO ${m}`), warn: (m) => logs.push(`WARN ${m}`) },
    conf: () => undefined,
  };
}

const open = (options: Record<string, unknown>, ctx: SourceContext = context()) =>
  kafka.create(validateOptions(kafka, options) as never, ctx);

function thrown(fn: () => unknown): SluiceError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SluiceError);
    return e as SluiceError;
  }
  throw new Error("expected an error");
}

async function rejected(p: unknown): Promise<SluiceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SluiceError);
    return e as SluiceError;
  }
  throw new Error("expected an error");
}

describe("Spark's option checks", () => {
  const schemaOf = (o: Record<string, unknown>) => kafka.schema(validateOptions(kafka, o) as never, undefined);
  const base = { "kafka.bootstrap.servers": "127.0.0.1:1" };

  test("exactly one of subscribe, subscribePattern, assign", () => {
    expect(thrown(() => schemaOf(base)).message).toBe(
      "[ILLEGAL_ARGUMENT] One of the following options must be specified for Kafka source: subscribe, subscribepattern, assign. See the docs for more details.",
    );
    expect(thrown(() => schemaOf({ ...base, subscribe: "a", assign: '{"a":[0]}' })).message).toContain(
      "Only one of the following options can be specified for Kafka source: subscribe, subscribepattern, assign.",
    );
    expect(thrown(() => schemaOf({ ...base, subscribe: " , " })).message).toContain("No topics to subscribe to as specified topics string is ' , '");
    expect(thrown(() => schemaOf({ ...base, assign: "a" })).message).toContain(
      "No topicpartitions to assign as specified value for option 'assign' is 'a'",
    );
  });

  test("consumer settings Spark manages are refused with Spark's messages", () => {
    expect(thrown(() => schemaOf({ ...base, subscribe: "a", "kafka.auto.offset.reset": "earliest" })).message).toContain(
      "Kafka option 'auto.offset.reset' is not supported.",
    );
    expect(thrown(() => schemaOf({ ...base, subscribe: "a", "kafka.key.deserializer": "x" })).message).toContain(
      "Kafka option 'key.deserializer' is not supported as keys are deserialized as byte arrays with ByteArrayDeserializer.",
    );
    expect(thrown(() => schemaOf({ ...base, subscribe: "a", "kafka.value.deserializer": "x" })).message).toContain(
      "Kafka option 'value.deserializer' is not supported as values are deserialized",
    );
    expect(thrown(() => schemaOf({ ...base, subscribe: "a", "kafka.enable.auto.commit": "true" })).message).toBe(
      "[ILLEGAL_ARGUMENT] Kafka option 'enable.auto.commit' is not supported",
    );
    expect(thrown(() => schemaOf({ ...base, subscribe: "a", "kafka.interceptor.classes": "x" })).message).toBe(
      "[ILLEGAL_ARGUMENT] Kafka option 'interceptor.classes' is not supported",
    );
    expect(thrown(() => schemaOf({ subscribe: "a" })).message).toBe(
      "[ILLEGAL_ARGUMENT] Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer",
    );
    // kafka.group.id is allowed, as in Spark 3+; option names are case-insensitive.
    expect(() => schemaOf({ "KAFKA.BOOTSTRAP.SERVERS": "h:1", SUBSCRIBE: "a", "kafka.group.id": "g" })).not.toThrow();
  });

  test("streaming and batch offset rules", async () => {
    const ctxBatch = context({ streaming: false });
    expect((await rejected(open({ ...base, subscribe: "a", endingOffsets: "latest" }))).message).toContain("ending offset not valid in streaming queries");
    expect((await rejected(open({ ...base, subscribe: "a", startingOffsets: "latest" }, ctxBatch))).message).toContain(
      "starting offset can't be latest for batch queries on Kafka",
    );
    expect((await rejected(open({ ...base, subscribe: "a", endingOffsets: "earliest" }, ctxBatch))).message).toContain(
      "ending offset can't be earliest for batch queries on Kafka",
    );
    expect((await rejected(open({ ...base, subscribe: "a", startingOffsets: '{"a":{"0":-1}}' }, ctxBatch))).message).toContain(
      "startingOffsets for a-0 can't be latest for batch queries on Kafka",
    );
    expect((await rejected(open({ ...base, subscribe: "a", minOffsetsPerTrigger: 10, maxOffsetsPerTrigger: 5 }))).message).toContain(
      "The value of minOffsetPerTrigger(10) is higher than the maxOffsetsPerTrigger(5).",
    );
    expect((await rejected(open({ ...base, subscribe: "a", startingOffsets: "{bad" }))).message).toContain(
      'Expected e.g. {"topicA":{"0":23,"1":-1},"topicB":{"0":-2}}, got {bad',
    );
  });

  test("the schema is Spark's, headers only when asked", () => {
    expect(schemaOf({ ...base, subscribe: "a" }).simpleString()).toBe(
      "struct<key:binary,value:binary,topic:string,partition:int,offset:bigint,timestamp:timestamp,timestampType:int>",
    );
    expect(schemaOf({ ...base, subscribe: "a", includeHeaders: "true" }).simpleString()).toEndWith(
      ",headers:array<struct<key:string,value:binary>>>",
    );
  });
});

describe("reading a broker", () => {
  test("an unreachable broker fails after the bounded wait, naming the servers", async () => {
    const started = Date.now();
    const e = await rejected(open({ "kafka.bootstrap.servers": "127.0.0.1:1", subscribe: "a", "kafka.default.api.timeout.ms": "1500" }));
    expect(e.code).toBe("KAFKA_BROKERS_UNREACHABLE");
    expect(e.kind).toBe("external");
    expect(e.message).toContain("Could not reach the Kafka brokers 127.0.0.1:1 (kafka.bootstrap.servers) within 1500 ms");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test("rows through the engine: CAST(value AS STRING), from_json, headers", async () => {
    const topic = freshTopic();
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, [
      { key: "a", value: '{"n": 1, "s": "x"}', timestamp: 1_700_000_000_123, headers: [["trace", "t1"]] },
      { key: null, value: "not json" },
      { value: null },
    ]);
    const spark = SparkSession.builder.getOrCreate().newSession();
    const df = spark.readStream.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", topic)
      .option("startingOffsets", "earliest").option("includeHeaders", "true").load()
      .selectExpr("CAST(key AS STRING) AS k", "from_json(CAST(value AS STRING), 'n INT, s STRING') AS j", "topic", "partition", "offset",
        "timestamp", "timestampType", "headers");
    const got: unknown[][] = [];
    const q = df.writeStream.foreachBatch((b) => void got.push(...b.collectRaw().rows)).start();
    await q.processAllAvailable();
    await q.stop();
    expect(got.map((r) => [r[0], r[1], r[2], r[3], r[4], r[6]])).toEqual([
      ["a", [1, "x"], topic, 0, 0, 0],
      [null, [null, null], topic, 0, 1, 0],
      [null, null, topic, 0, 2, 0],
    ]);
    expect(got[0]![5]).toBe(1_700_000_000_123_000);
    expect((got[0]![7] as unknown[][]).map(([k, v]) => [k, text(v)])).toEqual([["trace", "t1"]]);
  });

  test("offsets go to the checkpoint in Spark's form and a restart resumes exactly", async () => {
    const topic = freshTopic();
    await createTopic(bootstrap, topic, 2);
    await produce(bootstrap, topic, [{ value: "a", partition: 0 }, { value: "b", partition: 1 }]);
    const checkpoint = mkdtempSync(join(tmpdir(), "sluice-kafka-ckpt-"));
    try {
      const spark = SparkSession.builder.getOrCreate().newSession();
      const seen: string[] = [];
      const start = () =>
        spark.readStream.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", topic)
          .option("startingOffsets", "earliest").load().selectExpr("CAST(value AS STRING)")
          .writeStream.option("checkpointLocation", checkpoint).foreachBatch((b) => void seen.push(...b.collectRaw().rows.map((r) => r[0] as string)))
          .start();
      let q = start();
      await q.processAllAvailable();
      await q.stop();
      const offsets0 = readFileSync(join(checkpoint, "offsets", "0"), "utf8").split("\n");
      expect(offsets0[0]).toBe("v1");
      expect(offsets0[2]).toBe(`{"${topic}":{"0":1,"1":1}}`);
      await produce(bootstrap, topic, [{ value: "c", partition: 1 }]);
      q = start();
      await q.processAllAvailable();
      await q.stop();
      expect(seen.sort()).toEqual(["a", "b", "c"]);
    } finally {
      rmSync(checkpoint, { recursive: true, force: true });
    }
  });

  test("partitions added to a topic are read from their beginning", async () => {
    const topic = freshTopic();
    await createTopic(bootstrap, topic, 1);
    const reader = await open({ "kafka.bootstrap.servers": bootstrap, subscribe: topic, startingOffsets: "earliest" });
    await produce(bootstrap, topic, [{ value: "p0" }]);
    const end1 = await reader.latestOffset(null, {});
    expect(end1).toEqual({ [topic]: { "0": 1 } });
    await addPartitions(bootstrap, topic, 2);
    await produce(bootstrap, topic, [{ value: "p1", partition: 1 }]);
    await Bun.sleep(600); // the reader refreshes its topic metadata every 500 ms
    const end2 = await reader.latestOffset(end1, {});
    expect(end2).toEqual({ [topic]: { "0": 1, "1": 1 } });
    expect((await reader.getBatch(end1, end2)).map((r) => text(r[1]))).toEqual(["p1"]);
    await reader.stop?.();
  });

  test("subscribePattern picks up topics created later; an unknown topic is waited for with a warning", async () => {
    const prefix = freshTopic("pat");
    const logs: string[] = [];
    const missing = `${prefix}-later`;
    const reader = await open({ "kafka.bootstrap.servers": bootstrap, subscribe: missing, startingOffsets: "earliest" }, context({ logs }));
    expect(await reader.latestOffset(null, {})).toEqual({});
    expect(logs.some((l) => l.includes(`Kafka topic '${missing}' does not exist (yet)`))).toBe(true);
    const pattern = await open({ "kafka.bootstrap.servers": bootstrap, subscribePattern: `${prefix}-.*`, startingOffsets: "earliest" });
    const p0 = await pattern.latestOffset(null, {});
    await createTopic(bootstrap, missing, 1);
    await produce(bootstrap, missing, [{ value: "late" }]);
    await Bun.sleep(600); // the readers refresh their topic metadata every 500 ms
    const e1 = await reader.latestOffset({}, {});
    expect((await reader.getBatch({}, e1)).map((r) => text(r[1]))).toEqual(["late"]);
    const p1 = await pattern.latestOffset(p0, {});
    expect((await pattern.getBatch(p0, p1)).map((r) => text(r[1]))).toEqual(["late"]);
    await reader.stop?.();
    await pattern.stop?.();
  });

  test("maxOffsetsPerTrigger splits the limit over partitions by backlog; minOffsetsPerTrigger waits", async () => {
    const topic = freshTopic();
    await createTopic(bootstrap, topic, 2);
    await produce(bootstrap, topic, [
      ...Array.from({ length: 30 }, (_, i) => ({ value: `a${i}`, partition: 0 })),
      ...Array.from({ length: 10 }, (_, i) => ({ value: `b${i}`, partition: 1 })),
    ]);
    const limited = await open({ "kafka.bootstrap.servers": bootstrap, subscribe: topic, startingOffsets: "earliest", maxOffsetsPerTrigger: 8 });
    const first = await limited.latestOffset(null, {});
    expect(first).toEqual({ [topic]: { "0": 6, "1": 2 } });
    expect(limited.metrics!(first)).toEqual({ avgOffsetsBehindLatest: "16.0", maxOffsetsBehindLatest: "24", minOffsetsBehindLatest: "8" });
    await limited.stop?.();

    const clock = new ManualClock(1_700_000_000_000);
    const waiting = await open(
      { "kafka.bootstrap.servers": bootstrap, subscribe: topic, startingOffsets: "earliest", minOffsetsPerTrigger: 100, maxTriggerDelay: "10s" },
      context({ clock }),
    );
    const start = { [topic]: { "0": 0, "1": 0 } };
    expect(await waiting.latestOffset(start, {})).toEqual({ [topic]: { "0": 30, "1": 10 } }); // the first trigger runs at once
    expect(await waiting.latestOffset(start, {})).toEqual(start); // 40 < 100: wait
    clock.advance(10_000);
    expect(await waiting.latestOffset(start, {})).toEqual({ [topic]: { "0": 30, "1": 10 } }); // maxTriggerDelay passed
    await waiting.stop?.();
  });

  test("offsets that vanished fail with failOnDataLoss, are skipped with a warning without", async () => {
    const topic = freshTopic();
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, [{ value: "a" }, { value: "b" }]);
    const strict = await open({ "kafka.bootstrap.servers": bootstrap, subscribe: topic, startingOffsets: "earliest" });
    const end = await strict.latestOffset(null, {});
    // The topic is re-created: offsets 0 and 1 are gone, the new log starts again at 0.
    await deleteTopic(bootstrap, topic);
    await Bun.sleep(500);
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, [{ value: "new" }]);
    const e = await rejected(Promise.resolve(strict.getBatch({ [topic]: { "0": 0 } }, { [topic]: { "0": 2 } })));
    expect(e.code).toBe("KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE");
    expect(e.message).toContain("Some data may have been lost because they are not available in Kafka any more");
    expect(e.message).toContain(`for topic partition ${topic}-0`);
    await strict.stop?.();

    const logs: string[] = [];
    const lenient = await open({ "kafka.bootstrap.servers": bootstrap, subscribe: topic, startingOffsets: "earliest", failOnDataLoss: "false" }, context({ logs }));
    const rows = await lenient.getBatch(end, { [topic]: { "0": 3 } });
    expect(rows.length).toBe(0);
    expect(logs.some((l) => l.startsWith("WARN") && l.includes("failOnDataLoss is false"))).toBe(true);
    await lenient.stop?.();
  });

  test("commitOffsetsToGroup commits each batch's end to a consumer group", async () => {
    const topic = freshTopic();
    const group = `${topic}-group`;
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, [{ value: "a" }, { value: "b" }]);
    const reader = await open({ "kafka.bootstrap.servers": bootstrap, subscribe: topic, startingOffsets: "earliest", commitOffsetsToGroup: group });
    const end = await reader.latestOffset(null, {});
    await reader.getBatch(null, end);
    await reader.commit!(end);
    const { Admin } = await import("@platformatic/kafka");
    const admin = new Admin({ clientId: "t", bootstrapBrokers: [bootstrap] });
    const groups = await admin.listConsumerGroupOffsets({ groups: [group] });
    await admin.close();
    expect(groups[0]!.topics.map((t) => [t.name, t.partitions.map((p) => Number(p.committedOffset))])).toEqual([[topic, [2]]]);
    await reader.stop?.();
  });

  test("readBatch hands a batch over a fetch response at a time: partitions in key order, each in offset order", async () => {
    const topic = freshTopic();
    await createTopic(bootstrap, topic, 2);
    const pad = "x".repeat(1000);
    // Ten sends: ten record batches of ~20 KB per partition.
    for (let s = 0; s < 10; s++) {
      const messages = [];
      for (let i = s * 20; i < s * 20 + 20; i++) messages.push({ value: `a${i} ${pad}`, partition: 0 }, { value: `b${i} ${pad}`, partition: 1 });
      await produce(bootstrap, topic, messages);
    }
    // Small fetches (16 KiB per partition: one record batch per response) make many responses per partition.
    const reader = await open({ "kafka.bootstrap.servers": bootstrap, subscribe: topic, startingOffsets: "earliest", "kafka.max.partition.fetch.bytes": "16384" });
    const end = await reader.latestOffset(null, {});
    const chunks: unknown[][][] = [];
    for await (const chunk of reader.readBatch!(null, end, { maxRows: 8192 })) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(4);
    for (const c of chunks) expect(new Set(c.map((r) => r[3])).size).toBe(1); // one partition per chunk
    const rows = chunks.flat();
    expect(rows.map((r) => `${r[3]}:${r[4]}`)).toEqual([...Array(200).keys()].map((i) => `0:${i}`).concat([...Array(200).keys()].map((i) => `1:${i}`)));
    expect(text(rows[0]![1])!.startsWith("a0 ")).toBe(true);
    expect((await reader.getBatch(null, end)).length).toBe(400);
    await reader.stop?.();
  });

  test("batch reads honour startingOffsets and endingOffsets", async () => {
    const topic = freshTopic();
    await createTopic(bootstrap, topic, 2);
    await produce(bootstrap, topic, [
      { value: "a0", partition: 0 }, { value: "a1", partition: 0 }, { value: "a2", partition: 0 },
      { value: "b0", partition: 1 }, { value: "b1", partition: 1 },
    ]);
    const spark = SparkSession.builder.getOrCreate().newSession();
    const read = (o: Record<string, string>) =>
      spark.read.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", topic).options(o).load()
        .select(F.col("value").cast("string").alias("v")).collectAsync();
    expect((await read({})).map((r) => r.v).sort()).toEqual(["a0", "a1", "a2", "b0", "b1"]);
    const part = await read({ startingOffsets: `{"${topic}":{"0":1,"1":-2}}`, endingOffsets: `{"${topic}":{"0":2,"1":-1}}` });
    expect(part.map((r) => r.v).sort()).toEqual(["a1", "b0", "b1"]);
  });
});
