// The Kafka sink's at-least-once path: records go into one record batch per topic-partition
// (record_batch_builder.ts), and full batches go out in Sluice's own Produce requests over the
// client library's connections while the next ones are being filled. Partitions are chosen as
// the Java producer chooses them (murmur2 of the key; no key: one partition per batch, in turn).
// With kafka.acks=all the producer is idempotent, as Kafka's Java producer is by default: batches
// carry the producer id and per-partition sequence numbers, so a resent batch is not written twice.
import { externalError, type Logger } from "sluice/plugin-sdk";
import { type KafkaConnection, type KafkaLib, withRetry } from "./client.ts";
import type { BrokerAddress } from "./fetcher.ts";
import { fetchError } from "./fetcher.ts";
import { partitionForKey } from "./murmur2.ts";
import {
  encodeProduceRequest, MAX_PRODUCE_VERSION, MIN_PRODUCE_VERSION, PRODUCE_API_KEY, type ProduceResponse, parseProduceResponse,
} from "./produce_protocol.ts";
import { type Bytes, RecordBatchBuilder } from "./record_batch_builder.ts";
import { awaitTopicMetadata, type TopicWait } from "./topic_metadata.ts";

type Producer = Pick<InstanceType<KafkaLib["Producer"]>, "listApis" | "connections" | "metadata" | "initIdempotentProducer">;

export interface SenderOptions {
  acks: number;
  /** Attribute bits of kafka.compression.type. */
  compression: number;
  idempotent: boolean;
  /** A partition's batch is sent once it holds this many bytes (Sluice's default 512 KiB; Kafka's batch.size sets it). */
  batchBytes: number;
  /** request.timeout.ms */
  timeoutMs: number;
  /** delivery.timeout.ms: how long a batch may keep being retried. */
  deliveryTimeoutMs: number;
  /** max.block.ms and retry.backoff(.max).ms: how long to wait for a topic's metadata. */
  topicWait: TopicWait;
}

interface TopicInfo {
  partitions: number;
  leaders: number[];
  /** The partition records without a key go to, and how full its batch is. */
  sticky: number;
}

interface Pending {
  topic: string;
  partition: number;
  batch: Uint8Array;
  records: number;
  firstTry: number;
}

/** Kafka errors after which a batch is sent again (to the partition's current leader). */
const RESEND = new Set([
  "NOT_LEADER_OR_FOLLOWER", "LEADER_NOT_AVAILABLE", "UNKNOWN_TOPIC_OR_PARTITION", "NOT_ENOUGH_REPLICAS",
  "NOT_ENOUGH_REPLICAS_AFTER_APPEND", "REQUEST_TIMED_OUT", "NETWORK_EXCEPTION", "KAFKA_STORAGE_ERROR", "CORRUPT_MESSAGE",
]);

export class RecordSender {
  #version = -1;
  #producerId = -1;
  #producerEpoch = -1;
  readonly #sequences = new Map<string, number>();
  readonly #topics = new Map<string, TopicInfo>();
  readonly #brokers = new Map<number, BrokerAddress>();
  readonly #builders = new Map<string, RecordBatchBuilder>();
  /** Batches waiting for their leader's connection, per leader. */
  readonly #queues = new Map<number, Pending[]>();
  readonly #inFlight = new Map<number, Promise<void>>();
  /** Leaders whose half-full batches go out as soon as their request in flight returns. */
  readonly #eager = new Set<number>();
  #failure: unknown;
  #sent = 0;

  constructor(
    private readonly lib: KafkaLib,
    private readonly producer: Producer,
    private readonly conn: KafkaConnection,
    private readonly o: SenderOptions,
    private readonly log: Logger,
  ) {}

  /** Records acknowledged so far. */
  get sent(): number {
    return this.#sent;
  }

  async open(): Promise<void> {
    const apis = await withRetry(this.conn, () => this.producer.listApis(), this.log, "Kafka sink");
    const produce = apis.find((a) => a.apiKey === PRODUCE_API_KEY);
    const max = Math.min(produce?.maxVersion ?? -1, MAX_PRODUCE_VERSION);
    if (produce === undefined || max < MIN_PRODUCE_VERSION || produce.minVersion > max) {
      throw externalError("KAFKA_WRITE_FAILED", `The brokers ${this.conn.servers.join(",")} do not speak a Produce version Sluice writes (${MIN_PRODUCE_VERSION}..${MAX_PRODUCE_VERSION}).`);
    }
    this.#version = max;
    if (this.o.idempotent) {
      const info = await withRetry(this.conn, () => this.producer.initIdempotentProducer({}), this.log, "Kafka sink");
      this.#producerId = Number(info.producerId);
      this.#producerEpoch = info.producerEpoch;
    }
  }

  /** Looks up the topics' partitions and leaders (creating missing topics if the broker does so). */
  async prepare(topics: Iterable<string>, fresh = false): Promise<void> {
    const wanted = [...new Set(topics)].filter((t) => fresh || !this.#topics.has(t));
    if (wanted.length === 0) return;
    // A topic the broker is creating for this request is unknown to its metadata, or has no
    // leader yet, for a moment: wait for it as Java's producer does (up to max.block.ms).
    const md = await withRetry(
      this.conn,
      () =>
        awaitTopicMetadata(
          (t) => this.producer.metadata({ topics: t, forceUpdate: true, autocreateTopics: true, retries: 1 }),
          wanted,
          this.o.topicWait,
          this.conn.servers,
          this.log,
        ),
      this.log,
      "Kafka sink",
    );
    for (const [id, b] of md.brokers) this.#brokers.set(id, { host: b.host, port: b.port });
    for (const t of wanted) {
      const m = md.topics.get(t);
      if (!m || m.partitions.length === 0) {
        throw externalError("KAFKA_WRITE_FAILED", `Topic ${t} does not exist on ${this.conn.servers.join(",")} and was not created.`);
      }
      const old = this.#topics.get(t);
      this.#topics.set(t, {
        partitions: m.partitions.length,
        leaders: m.partitions.map((p) => p.leader),
        sticky: old?.sticky ?? Math.floor(Math.random() * m.partitions.length),
      });
    }
  }

  /** Adds a record; prepare() must have seen its topic. A full batch is sent right away. */
  add(topic: string, partition: number | null, key: Bytes, value: Bytes, timestampMs: number, headers?: [string, Uint8Array | null][]): void {
    if (this.#failure !== undefined) throw this.#failure;
    const info = this.#topics.get(topic)!;
    let p: number;
    if (partition !== null) {
      if (partition < 0 || partition >= info.partitions) {
        throw externalError(
          "KAFKA_WRITE_FAILED",
          `Partition ${partition} of topic ${topic} with partition count ${info.partitions} is not present in metadata.`,
        );
      }
      p = partition;
    } else if (key !== null) {
      p = partitionForKey(typeof key === "string" ? utf8.encode(key) : key, info.partitions);
    } else {
      p = info.sticky;
    }
    const id = `${topic}\u0000${p}`;
    let b = this.#builders.get(id);
    if (b === undefined) {
      b = new RecordBatchBuilder(Math.min(this.o.batchBytes + 1024, 1 << 20));
      this.#builders.set(id, b);
    }
    b.add(key, value, timestampMs, headers);
    if (b.size >= this.o.batchBytes) {
      this.#finish(topic, p, b);
      // Records without a key stick to one partition per batch (Kafka's sticky partitioner).
      if (partition === null && key === null) info.sticky = (info.sticky + 1) % info.partitions;
    }
  }

  #finish(topic: string, partition: number, b: RecordBatchBuilder, pump = true): void {
    const id = `${topic}\u0000${partition}`;
    const records = b.count;
    let baseSequence = -1;
    if (this.o.idempotent) {
      baseSequence = this.#sequences.get(id) ?? 0;
      this.#sequences.set(id, (baseSequence + records) % 2147483648);
    }
    const batch = b.finish({ compression: this.o.compression, producerId: this.#producerId, producerEpoch: this.#producerEpoch, baseSequence });
    this.#enqueue({ topic, partition, batch, records, firstTry: Date.now() }, false, pump);
  }

  #enqueue(p: Pending, front = false, pump = true): void {
    const leader = this.#topics.get(p.topic)!.leaders[p.partition]!;
    const q = this.#queues.get(leader) ?? this.#queues.set(leader, []).get(leader)!;
    if (front) q.unshift(p);
    else q.push(p);
    if (pump) this.#pump(leader);
  }

  /** Starts a request to `leader` if none is in flight: one batch per partition, in queue order. */
  #pump(leader: number): void {
    if (this.#inFlight.has(leader)) return;
    const q = this.#queues.get(leader);
    if (!q || q.length === 0) return;
    const take: Pending[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < q.length;) {
      const id = `${q[i]!.topic}\u0000${q[i]!.partition}`;
      if (seen.has(id)) {
        i++;
        continue;
      }
      seen.add(id);
      take.push(q.splice(i, 1)[0]!);
    }
    const run = this.#request(leader, take)
      .catch((e) => {
        this.#failure ??= e;
      })
      .finally(() => {
        this.#inFlight.delete(leader);
        if (this.#failure !== undefined) return;
        // Records that came while the request was out go in the next one, full batches or not.
        if (this.#eager.delete(leader)) this.#finishPendingOf(leader);
        this.#pump(leader);
      });
    this.#inFlight.set(leader, run);
  }

  async #request(leader: number, batches: Pending[]): Promise<void> {
    const address = this.#brokers.get(leader);
    if (address === undefined) throw externalError("KAFKA_WRITE_FAILED", `Broker ${leader} is not known (metadata of ${this.conn.servers.join(",")})`);
    const byTopic = new Map<string, { partition: number; batch: Uint8Array }[]>();
    for (const b of batches) (byTopic.get(b.topic) ?? byTopic.set(b.topic, []).get(b.topic)!).push({ partition: b.partition, batch: b.batch });
    const body = encodeProduceRequest(this.#version, {
      acks: this.o.acks,
      timeoutMs: this.o.timeoutMs,
      topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
    });
    const response = await withRetry(this.conn, () => this.#send(address, body), this.log, "Kafka sink");
    if (response === null) {
      for (const b of batches) this.#sent += b.records;
      return;
    }
    const resend: Pending[] = [];
    for (const t of response.topics) {
      for (const p of t.partitions) {
        const b = batches.find((x) => x.topic === t.topic && x.partition === p.partition);
        if (b === undefined) continue;
        if (p.errorCode === 0) {
          this.#sent += b.records;
          continue;
        }
        const err = fetchError(this.lib, p.errorCode);
        // The broker already has this batch (a resend after a lost response).
        if (err.name === "DUPLICATE_SEQUENCE_NUMBER") {
          this.#sent += b.records;
          continue;
        }
        if ((RESEND.has(err.name) || err.retriable) && Date.now() - b.firstTry < this.o.deliveryTimeoutMs) {
          resend.push(b);
          continue;
        }
        throw externalError(
          "KAFKA_WRITE_FAILED",
          `Writing to ${t.topic}-${p.partition} on broker ${address.host}:${address.port} failed: ${err.name}${p.errorMessage ? ` (${p.errorMessage})` : err.message ? ` (${err.message})` : ""}`,
        );
      }
    }
    if (resend.length > 0) {
      await new Promise((r) => setTimeout(r, 100));
      await this.prepare(resend.map((b) => b.topic), true);
      // Back to the front of their (possibly new) leaders' queues, in sequence order.
      for (const b of resend.reverse()) this.#enqueue(b, true);
    }
  }

  #send(address: BrokerAddress, body: Uint8Array[]): Promise<ProduceResponse | null> {
    const version = this.#version;
    const flexible = version >= 9;
    const noResponse = this.o.acks === 0;
    return this.producer.connections.get(address).then((connection) =>
      new Promise<ProduceResponse | null>((resolve, reject) => {
        connection.send(
          PRODUCE_API_KEY,
          version,
          () => {
            const w = this.lib.Writer.create();
            for (const part of body) w.append(Buffer.from(part.buffer, part.byteOffset, part.byteLength));
            if (noResponse) w.context.noResponse = true;
            return w;
          },
          (_c: number, _k: number, _v: number, reader: { buffer: { slice(s: number, e: number): Buffer }; position: number; length: number }) =>
            parseProduceResponse(version, new Uint8Array(reader.buffer.slice(reader.position, reader.length))),
          flexible,
          flexible,
          (error: unknown, response: ProduceResponse | undefined) => (error ? reject(error) : resolve(noResponse ? null : response!)),
        );
      })
    );
  }

  /**
   * Sends every batch being filled, full or not: a writer in real-time mode sends records as they
   * come. Records without a key move on to the next partition, as when a batch fills.
   */
  sendPending(): void {
    if (this.#failure !== undefined) return;
    const leaders = new Set<number>();
    for (const [id, b] of this.#builders) {
      if (b.count === 0) continue;
      const [topic, partition] = id.split("\u0000") as [string, string];
      leaders.add(this.#topics.get(topic)!.leaders[Number(partition)]!);
    }
    for (const leader of leaders) {
      // A leader busy with a request gets these records in its next one (they keep filling
      // their batches meanwhile, as the Java producer's do); an idle one gets them now.
      if (this.#inFlight.has(leader)) this.#eager.add(leader);
      else {
        this.#finishPendingOf(leader);
        this.#pump(leader);
      }
    }
  }

  /** Closes every non-empty batch of `leader`'s partitions and queues it (without sending yet). */
  #finishPendingOf(leader: number): void {
    for (const [id, b] of this.#builders) {
      if (b.count === 0) continue;
      const [topic, partition] = id.split("\u0000") as [string, string];
      const info = this.#topics.get(topic)!;
      const p = Number(partition);
      if (info.leaders[p] !== leader) continue;
      this.#finish(topic, p, b, false);
      // Records without a key move on to the next partition, as when a batch fills.
      if (info.sticky === p) info.sticky = (info.sticky + 1) % info.partitions;
    }
  }

  /**
   * Waits while more than `max` full batches wait for their leader, so a writer that adds records
   * faster than the brokers take them holds a bounded amount of them.
   */
  async drain(max = 16): Promise<void> {
    const queued = () => {
      let n = 0;
      for (const q of this.#queues.values()) n += q.length;
      return n;
    };
    while (this.#failure === undefined && this.#inFlight.size > 0 && queued() > max) await Promise.race(this.#inFlight.values());
  }

  /** Sends every batch still being filled and waits until all are acknowledged; throws the first failure. */
  async flush(): Promise<void> {
    if (this.#failure === undefined) {
      for (const [id, b] of this.#builders) {
        if (b.count === 0) continue;
        const [topic, partition] = id.split("\u0000");
        this.#finish(topic!, Number(partition), b);
      }
    }
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight.values()]);
    if (this.#failure !== undefined) {
      const e = this.#failure;
      this.#failure = undefined;
      this.#queues.clear();
      this.#eager.clear();
      throw e;
    }
  }
}

const utf8 = new TextEncoder();
