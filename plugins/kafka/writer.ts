// Writes a micro-batch's rows as Kafka records. at-least-once: every batch id not written by this
// writer (or, after a restart, not recorded in the sink's metadata directory) is sent, so a crash
// between sending and recording repeats the batch. exactly-once: one transaction per batch that
// also commits offset <batch id> for consumer group `sluice-sink-<query id>` on the batch's first
// topic-partition; a replayed batch whose id the group already holds is skipped, and a batch that
// died mid-transaction is aborted by the broker when the restarted writer claims the same
// transactional.id.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type BatchWriter, writeFileAtomic, externalError, userError, type OutputMode, type Row, type SinkContext, type SinkWriter } from "sluice/plugin-sdk";
import { type KafkaConnection, type KafkaLib, reason, withRetry } from "./client.ts";
import { partitionForKey } from "./murmur2.ts";
import { CODEC_BITS } from "./record_batch_builder.ts";
import { RecordSender } from "./record_sender.ts";
import {
  awaitTopicMetadata, DEFAULT_MAX_BLOCK_MS, DEFAULT_RETRY_BACKOFF_MAX_MS, DEFAULT_RETRY_BACKOFF_MS, type TopicWait,
} from "./topic_metadata.ts";
import type { SinkLayout } from "./schema_check.ts";

export interface KafkaSinkOptions {
  topic?: string;
  deliveryGuarantee: "at-least-once" | "exactly-once";
  transactionalIdPrefix: string;
  [kafkaKey: `kafka.${string}`]: unknown;
}

type Producer = InstanceType<KafkaLib["Producer"]>;
type Admin = InstanceType<KafkaLib["Admin"]>;
type Transaction = Awaited<ReturnType<Producer["beginTransaction"]>>;

interface Message {
  topic: string;
  key?: Buffer;
  value?: Buffer;
  partition?: number;
  headers?: Map<Buffer, Buffer>;
}

/** The sink's record batch size unless kafka.batch.size says otherwise, and its ceiling (Kafka's message.max.bytes is about 1 MiB). */
const DEFAULT_BATCH_BYTES = 512 * 1024;
const MAX_BATCH_BYTES = 1000 * 1024;

/** Records sent in one produce call. */
const MESSAGES_PER_SEND = 10_000;

const utf8 = new TextEncoder();
const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

export class KafkaWriter implements SinkWriter {
  readonly description: string;
  #producer!: Producer;
  #admin!: Admin;
  /** The newest batch id known to be written (this run, the metadata file, or the marker group). */
  #lastWritten = -1;
  #coordinatorId = -1;
  #initialized = false;
  #records = 0;
  readonly #exactlyOnce: boolean;
  readonly #markerGroup: string;
  readonly #acks: number;
  readonly #compression: string | undefined;
  readonly #idempotent: boolean;
  readonly #batchBytes: number;
  readonly #deliveryTimeoutMs: number;
  readonly #topicWait: TopicWait;
  /** exactly-once: topics whose metadata (partitions, leaders) the producer has. */
  readonly #readyTopics = new Set<string>();
  /** at-least-once: Sluice's own Produce path. */
  #sender: RecordSender | undefined;

  constructor(
    private readonly lib: KafkaLib,
    private readonly conn: KafkaConnection,
    params: Map<string, string>,
    private readonly layout: SinkLayout,
    private readonly o: KafkaSinkOptions,
    private readonly ctx: SinkContext,
  ) {
    this.#exactlyOnce = o.deliveryGuarantee === "exactly-once";
    // One marker group per query and target topic (a query has one sink; the topic keeps two
    // queries that share an id by accident, as tests do, apart).
    this.#markerGroup = `sluice-sink-${ctx.queryId}${o.topic === undefined ? "" : `-${o.topic}`}`;
    this.description = `KafkaSink[${o.topic ?? "topic column"}, ${o.deliveryGuarantee}]`;
    const acks = (params.get("acks") ?? "all").toLowerCase();
    this.#acks = acks === "all" || acks === "-1" ? -1 : Number(acks);
    if (![-1, 0, 1].includes(this.#acks)) throw userError("ILLEGAL_ARGUMENT", `Invalid value '${acks}' for kafka.acks: expected all, -1, 0 or 1`);
    const compression = params.get("compression.type")?.toLowerCase();
    if (compression !== undefined && !["none", "gzip", "snappy", "lz4", "zstd"].includes(compression)) {
      throw userError("ILLEGAL_ARGUMENT", `Invalid value '${compression}' for kafka.compression.type: expected none, gzip, snappy, lz4 or zstd`);
    }
    this.#compression = compression === "none" ? undefined : compression;
    if (this.#exactlyOnce && this.#acks !== -1) {
      throw userError("ILLEGAL_ARGUMENT", "deliveryGuarantee exactly-once needs kafka.acks=all (transactions require it).");
    }
    // Kafka's Java producer is idempotent by default when acks=all (enable.idempotence=true).
    const idempotence = (params.get("enable.idempotence") ?? "true").toLowerCase();
    if (idempotence !== "true" && idempotence !== "false") {
      throw userError("ILLEGAL_ARGUMENT", `Invalid value '${params.get("enable.idempotence")}' for kafka.enable.idempotence: expected true or false`);
    }
    if (idempotence === "true" && params.has("enable.idempotence") && this.#acks !== -1) {
      throw userError("ILLEGAL_ARGUMENT", "Must set kafka.acks to all in order to use the idempotent producer (kafka.enable.idempotence=true).");
    }
    this.#idempotent = idempotence === "true" && this.#acks === -1;
    const positive = (key: string, fallback: number) => {
      const v = params.get(key);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw userError("ILLEGAL_ARGUMENT", `Invalid value '${v}' for kafka.${key}: expected a non-negative integer`);
      return n;
    };
    // Kafka's batch.size (16 KiB) is tuned for a producer that lingers; a sink writing whole
    // micro-batches fills bigger batches (fewer requests, same ordering and guarantees).
    this.#batchBytes = Math.max(1024, Math.min(positive("batch.size", DEFAULT_BATCH_BYTES), MAX_BATCH_BYTES));
    this.#deliveryTimeoutMs = positive("delivery.timeout.ms", 120_000);
    this.#topicWait = {
      maxBlockMs: positive("max.block.ms", DEFAULT_MAX_BLOCK_MS),
      backoffMs: Math.max(1, positive("retry.backoff.ms", DEFAULT_RETRY_BACKOFF_MS)),
      backoffMaxMs: Math.max(1, positive("retry.backoff.max.ms", DEFAULT_RETRY_BACKOFF_MAX_MS)),
    };
  }

  async open(): Promise<this> {
    const transactionalId = `${this.o.transactionalIdPrefix}-${this.ctx.queryId}`;
    this.#producer = new this.lib.Producer({
      ...this.conn.base,
      // The broker decides whether a missing topic is created, as for Spark's producer.
      autocreateTopics: true,
      // The transactional path produces through the library; the at-least-once path manages its
      // producer id itself (RecordSender).
      idempotent: this.#exactlyOnce,
      ...(this.#exactlyOnce ? { transactionalId } : {}),
    });
    this.#admin = new this.lib.Admin({ ...this.conn.base });
    try {
      await withRetry(this.conn, () => this.#admin.metadata({ topics: [], forceUpdate: true }), this.ctx.log, "Kafka sink");
      if (this.#exactlyOnce) {
        this.#lastWritten = await this.#committedMarker();
        const [coordinator] = await withRetry(this.conn, () => this.#admin.findCoordinator({ keyType: 0, keys: [this.#markerGroup] }));
        this.#coordinatorId = coordinator!.nodeId;
      } else {
        this.#lastWritten = this.#recordedBatch();
        this.#sender = new RecordSender(this.lib, this.#producer, this.conn, {
          acks: this.#acks,
          compression: CODEC_BITS[this.#compression ?? "none"]!,
          idempotent: this.#idempotent,
          batchBytes: this.#batchBytes,
          timeoutMs: (this.conn.base.requestTimeout as number | undefined) ?? 30_000,
          deliveryTimeoutMs: this.#deliveryTimeoutMs,
          topicWait: this.#topicWait,
        }, this.ctx.log);
        await this.#sender.open();
      }
    } catch (e) {
      await this.stop();
      throw e;
    }
    return this;
  }

  async addBatch(batchId: number, rows: Row[], mode: OutputMode): Promise<void> {
    const w = await this.beginBatch(batchId, mode);
    await w.write(rows);
    await w.commit();
  }

  /**
   * A batch written chunk by chunk as the query produces it. at-least-once: records go out as
   * their record batches fill (an aborted batch's sent records stay, and the batch is sent again
   * when it is retried, as Spark's sink does); exactly-once: every chunk goes into the batch's
   * transaction, committed (with the batch id) by commit().
   */
  async beginBatch(batchId: number, _mode: OutputMode): Promise<BatchWriter> {
    if (batchId <= this.#lastWritten) return { write: () => {}, commit: () => {} };
    const fail = (e: unknown): never => {
      if ((e as { name?: string }).name === "SluiceError") throw e;
      throw externalError("KAFKA_WRITE_FAILED", `Writing batch ${batchId} to Kafka (${this.conn.servers.join(",")}) failed: ${reason(e)}`, {
        cause: e,
        hint: this.#exactlyOnce ? "The batch's transaction was not committed; the restarted query writes it again." : undefined,
      });
    };
    let records = 0;
    const sender = this.#sender;
    if (sender !== undefined) {
      return {
        write: async (rows) => {
          try {
            await this.#addRows(sender, rows);
            // What a chunk leaves in half-full record batches goes out now, not at commit: in
            // real-time mode a chunk is what just arrived, and its latency is how long it waits here.
            sender.sendPending();
            await sender.drain();
          } catch (e) {
            fail(e);
          }
          records += rows.length;
        },
        commit: async () => {
          try {
            await sender.flush();
          } catch (e) {
            fail(e);
          }
          this.#records += records;
          this.#lastWritten = batchId;
          this.#recordBatch(batchId);
        },
        abort: async () => {
          await sender.flush().catch(() => {});
        },
      };
    }
    let tx: Transaction | undefined;
    let markerTopic: string | undefined;
    return {
      write: async (rows) => {
        const messages = this.#messages(rows);
        if (messages.length === 0) return;
        try {
          await this.#awaitTopics(messages);
          await this.#assignKeyedPartitions(messages);
          tx ??= await this.#producer.beginTransaction(this.#initialized ? {} : { producerId: -1n, producerEpoch: -1 });
          // producerId/epoch -1 the first time: "a new incarnation of this transactional.id" (KIP-360).
          // The broker then bumps the epoch, fencing an older writer and aborting the transaction it left open.
          this.#initialized = true;
          markerTopic ??= messages[0]!.topic;
          for (let i = 0; i < messages.length; i += MESSAGES_PER_SEND) {
            await tx.send({ messages: messages.slice(i, i + MESSAGES_PER_SEND), ...(this.#compression ? { compression: this.#compression as never } : {}) });
          }
        } catch (e) {
          await tx?.abort().catch(() => {});
          tx = undefined;
          fail(e);
        }
        records += messages.length;
      },
      commit: async () => {
        if (tx !== undefined) {
          try {
            // The batch id travels in the same transaction, as the committed offset of the marker group.
            await tx.addConsumer({ groupId: this.#markerGroup } as never);
            await tx.addOffset({
              topic: markerTopic!,
              partition: 0,
              offset: BigInt(batchId),
              metadata: { consumer: { groupId: this.#markerGroup, generationId: -1, memberId: "", coordinatorId: this.#coordinatorId } },
            } as never);
            await tx.commit();
          } catch (e) {
            await tx.abort().catch(() => {});
            fail(e);
          }
        }
        this.#records += records;
        this.#lastWritten = batchId;
      },
      abort: async () => {
        await tx?.abort().catch(() => {});
      },
    };
  }

  /** at-least-once: rows straight into record batches (keys and values copied once); full batches go out as they fill. */
  async #addRows(sender: RecordSender, rows: Row[]): Promise<void> {
    const l = this.layout;
    const fixed = this.o.topic;
    if (fixed !== undefined) await sender.prepare([fixed]);
    else {
      const topics = new Set<string>();
      for (const r of rows) {
        const t = r[l.topic] as string | null;
        if (t === null || t === undefined) {
          throw userError("KAFKA_NULL_TOPIC", "null topic present in the data. Use the topic option for setting a default topic.");
        }
        topics.add(t);
      }
      await sender.prepare(topics);
    }
    // The records' CreateTime is when they are produced, as for Spark's producer (read once per
    // thousand records: the clock is not worth reading per record).
    let now = Date.now();
    for (let i = 0; i < rows.length; i++) {
      if ((i & 1023) === 1023) now = Date.now();
      const r = rows[i]!;
      const topic = fixed ?? (r[l.topic] as string);
      const key = l.key >= 0 ? (r[l.key] as Uint8Array | string | null) : null;
      let headers: [string, Uint8Array | null][] | undefined;
      if (l.headers >= 0 && r[l.headers] !== null) {
        headers = [];
        for (const h of r[l.headers] as [string | null, Uint8Array | null][]) {
          if (h === null || h[0] === null) continue;
          headers.push([h[0], h[1]]);
        }
      }
      const partition = l.partition >= 0 ? (r[l.partition] as number | null) : null;
      sender.add(topic, partition, key, r[l.value] as Uint8Array | string | null, now, headers);
    }
  }

  #messages(rows: Row[]): Message[] {
    const l = this.layout;
    const out: Message[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const topic = this.o.topic ?? (r[l.topic] as string | null);
      if (topic === null || topic === undefined) {
        throw userError("KAFKA_NULL_TOPIC", "null topic present in the data. Use the topic option for setting a default topic.");
      }
      const m: Message = { topic };
      const value = r[l.value];
      if (value !== null) m.value = l.valueIsString ? Buffer.from(utf8.encode(value as string)) : asBuffer(value as Uint8Array);
      if (l.key >= 0 && r[l.key] !== null) {
        const key = r[l.key];
        m.key = l.keyIsString ? Buffer.from(utf8.encode(key as string)) : asBuffer(key as Uint8Array);
      }
      if (l.partition >= 0 && r[l.partition] !== null) m.partition = r[l.partition] as number;
      if (l.headers >= 0 && r[l.headers] !== null) {
        const headers = new Map<Buffer, Buffer>();
        for (const h of r[l.headers] as [string | null, Uint8Array | null][]) {
          if (h === null || h[0] === null) continue;
          headers.set(Buffer.from(h[0]), h[1] === null ? Buffer.alloc(0) : asBuffer(h[1]));
        }
        m.headers = headers;
      }
      out[i] = m;
    }
    return out;
  }

  /**
   * exactly-once: waits until the producer's metadata has the messages' topics with their leaders
   * (a topic being auto-created is unknown for a moment), as Java's producer does before a send;
   * the library's send then finds them in its metadata cache.
   */
  async #awaitTopics(messages: Message[]): Promise<void> {
    const topics = new Set<string>();
    for (const m of messages) if (!this.#readyTopics.has(m.topic)) topics.add(m.topic);
    if (topics.size === 0) return;
    const wanted = [...topics];
    // retries: 1 — a transactional producer otherwise retries an unknown topic's metadata forever
    // inside the library (it raises `retries` to MAX_SAFE_INTEGER for idempotent producers).
    await withRetry(
      this.conn,
      () =>
        awaitTopicMetadata(
          (t) => this.#producer.metadata({ topics: t, forceUpdate: true, autocreateTopics: true, retries: 1 }),
          wanted,
          this.#topicWait,
          this.conn.servers,
          this.ctx.log,
        ),
      this.ctx.log,
      "Kafka sink",
    );
    for (const t of wanted) this.#readyTopics.add(t);
  }

  /** Keyed records go where Kafka's Java producer puts them (the library hashes keys differently). */
  async #assignKeyedPartitions(messages: Message[]): Promise<void> {
    const topics = [...new Set(messages.filter((m) => m.key !== undefined && m.partition === undefined).map((m) => m.topic))];
    if (topics.length === 0) return;
    const md = await withRetry(this.conn, () => this.#producer.metadata({ topics, autocreateTopics: true }), this.ctx.log, "Kafka sink");
    for (const m of messages) {
      if (m.key === undefined || m.partition !== undefined) continue;
      const count = md.topics.get(m.topic)?.partitionsCount;
      if (count) m.partition = partitionForKey(m.key, count);
    }
  }

  /** exactly-once: the newest batch id committed with a transaction (-1 if none). */
  async #committedMarker(): Promise<number> {
    const groups = await withRetry(this.conn, () => this.#admin.listConsumerGroupOffsets({ groups: [this.#markerGroup], requireStable: true }));
    let last = -1;
    for (const t of groups[0]?.topics ?? []) for (const p of t.partitions) last = Math.max(last, Number(p.committedOffset) - 1);
    return last;
  }

  /** at-least-once: the batch id recorded after the last batch this sink finished (best effort). */
  #recordedBatch(): number {
    const dir = this.ctx.metadataDir;
    if (dir === undefined || !existsSync(join(dir, "last-batch"))) return -1;
    return Number(readFileSync(join(dir, "last-batch"), "utf8"));
  }

  #recordBatch(batchId: number): void {
    const dir = this.ctx.metadataDir;
    if (dir === undefined) return;
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(join(dir, "last-batch"), String(batchId));
  }

  metrics(): Record<string, string> {
    return { recordsWritten: String(this.#records) };
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.#producer?.close(), this.#admin?.close()]);
  }
}
