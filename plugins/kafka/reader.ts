// The Kafka source's reader: Spark's KafkaMicroBatchStream on the plugin contract. Offsets are the
// next offset to read per topic-partition ({"topic":{"0":534}}), so a batch (start, end] is the
// records start[tp] <= offset < end[tp] of each partition and reads the same rows every time.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type ChunkLimit, type RealTimeChunk, writeFileAtomic, externalError, userError, type Offset, type ReadLimit, type Row, type SourceContext, type SourceReader, type StructType } from "sluice/plugin-sdk";
import { type KafkaConnection, type KafkaLib, reason, withRetry } from "./client.ts";
import {
  EARLIEST, fromJson, LATEST, type PartitionOffsets, sortedKeys, toJson, tpKey, tpName, tpOf,
} from "./offsets.ts";
import type { KafkaSourceSettings, OffsetSpec } from "./options.ts";
import { type RangeReadContext, readRanges } from "./fetch_ranges.ts";
import { readContinuously } from "./real_time_fetch.ts";
import { type BrokerAddress, Fetcher } from "./fetcher.ts";
import { kafkaSchema } from "./schema.ts";

/** How long a topic listing is reused: the engine asks for offsets every few milliseconds when idle. */
const TOPICS_REFRESH_MS = 500;

type Consumer = InstanceType<KafkaLib["Consumer"]>;
type Admin = InstanceType<KafkaLib["Admin"]>;

interface TopicMeta {
  id: string;
  partitions: { leader: number; leaderEpoch: number }[];
}

export class KafkaReader implements SourceReader {
  readonly schema: StructType;
  readonly description: string;
  #consumer!: Consumer;
  #admin!: Admin;
  #fetcher!: Fetcher;
  /** Broker addresses by node id, from the latest metadata. */
  #brokers = new Map<number, BrokerAddress>();
  /** Offsets a fresh query starts from: resolved once, kept in the metadata dir so a replay of batch 0 reads the same rows. */
  #initial: PartitionOffsets | undefined;
  /** The newest offsets seen by the last latestOffset call, for the lag metrics. */
  #latestAvailable: PartitionOffsets | undefined;
  #availableNowEnd: PartitionOffsets | undefined;
  /** When a batch was last allowed to run, for minOffsetsPerTrigger/maxTriggerDelay. */
  #lastTriggerMs = 0;
  #warnedMissing = new Set<string>();
  readonly #groupId: string;

  constructor(
    private readonly lib: KafkaLib,
    private readonly s: KafkaSourceSettings,
    private readonly conn: KafkaConnection,
    private readonly ctx: SourceContext,
  ) {
    this.schema = kafkaSchema(s.includeHeaders);
    this.description = `KafkaV2[${strategyText(s)}]`;
    this.#groupId = s.kafkaParams.get("group.id") ?? `${s.groupIdPrefix}-${randomUUID()}`;
  }

  /** Connects and checks the brokers answer, so an unreachable cluster fails the query at start. */
  async open(): Promise<this> {
    this.#consumer = new this.lib.Consumer({ ...this.conn.base, groupId: this.#groupId, isolationLevel: this.conn.isolationLevel });
    this.#admin = new this.lib.Admin({ ...this.conn.base });
    this.#fetcher = new Fetcher(this.lib, this.#consumer);
    try {
      await withRetry(this.conn, () => this.#consumer.metadata({ topics: [], forceUpdate: true }), this.ctx.log, "Kafka source");
    } catch (e) {
      await this.stop();
      throw e;
    }
    return this;
  }

  // ---- offsets -----------------------------------------------------------------------------

  async latestOffset(start: Offset, limit: ReadLimit): Promise<Offset> {
    const latest = await this.#latestOffsets();
    this.#latestAvailable = latest;
    const from = start === null ? await this.#initialOffsets(latest) : fromJson(start);
    let until = this.#availableNowEnd ?? (this.ctx.streaming ? latest : await this.#resolve(this.s.ending, latest, "endingOffsets"));
    until = this.#withDeletedPartitions(from, until);
    // Partitions that appeared since `from`: read from their beginning.
    const fromNew = new Map<string, number>();
    for (const key of until.keys()) if (!from.has(key)) fromNew.set(key, await this.#earliestOf(key));

    const maxRows = limit.maxRows ?? this.s.maxOffsetsPerTrigger;
    const minRows = limit.minRows ?? this.s.minOffsetsPerTrigger;
    if (minRows !== undefined && this.#delayBatch(from, fromNew, until, minRows, limit.maxTriggerDelayMs ?? this.s.maxTriggerDelayMs)) {
      return start === null ? toJson(from) : start;
    }
    const end = maxRows === undefined ? until : rateLimit(maxRows, from, fromNew, until);
    // Offsets of partitions we stopped seeing stay in the offset, so they are not re-read if they come back.
    for (const [key, off] of from) if (!end.has(key)) end.set(key, off);
    return toJson(end);
  }

  async prepareForTriggerAvailableNow(start: Offset): Promise<Offset> {
    const latest = await this.#latestOffsets();
    if (start === null) await this.#initialOffsets(latest);
    this.#availableNowEnd = latest;
    return toJson(latest);
  }

  /** Spark's delayBatch: hold back until minOffsetsPerTrigger offsets wait, or maxTriggerDelay passed. */
  #delayBatch(from: PartitionOffsets, fromNew: Map<string, number>, until: PartitionOffsets, minRows: number, maxDelayMs: number): boolean {
    const now = this.ctx.clock.nowMs();
    if (now - this.#lastTriggerMs >= maxDelayMs) {
      this.#lastTriggerMs = now;
      return false;
    }
    let available = 0;
    for (const [key, end] of until) available += Math.max(0, end - (from.get(key) ?? fromNew.get(key) ?? end));
    if (available < minRows) return true;
    this.#lastTriggerMs = now;
    return false;
  }

  /** Drops partitions that vanished since `from` (reporting the loss) from the target offsets. */
  #withDeletedPartitions(from: PartitionOffsets, until: PartitionOffsets): PartitionOffsets {
    const deleted = [...from.keys()].filter((k) => !until.has(k) && this.#inScope(k));
    if (deleted.length > 0) {
      this.#dataLoss("PARTITIONS_DELETED", `Partitions ${deleted.map(tpName).join(", ")} have been deleted.`);
    }
    return new Map(until);
  }

  /** Whether a topic-partition is one this source reads (patterns may stop matching a topic). */
  #inScope(key: string): boolean {
    const { topic } = tpOf(key);
    const st = this.s.strategy;
    if (st.kind === "subscribe") return st.topics.includes(topic);
    if (st.kind === "subscribePattern") return st.pattern.test(topic);
    return st.partitions.some((p) => tpKey(p.topic, p.partition) === key);
  }

  /** The initial offsets of a fresh query, resolved from startingOffsets once and remembered. */
  async #initialOffsets(latest: PartitionOffsets): Promise<PartitionOffsets> {
    if (this.#initial) return this.#initial;
    const file = this.ctx.metadataDir === undefined ? undefined : join(this.ctx.metadataDir, "initial-offsets.json");
    if (file !== undefined && existsSync(file)) {
      this.#initial = fromJson(JSON.parse(readFileSync(file, "utf8")) as Offset);
      return this.#initial;
    }
    const resolved = await this.#resolve(this.s.starting, latest, "startingOffsets");
    this.#initial = resolved;
    if (file !== undefined) {
      mkdirSync(this.ctx.metadataDir!, { recursive: true });
      writeFileAtomic(file, JSON.stringify(toJson(resolved)));
    }
    return resolved;
  }

  /** Turns a starting/ending spec into concrete offsets for the partitions in `latest`. */
  async #resolve(spec: OffsetSpec, latest: PartitionOffsets, option: string): Promise<PartitionOffsets> {
    const keys = [...latest.keys()];
    switch (spec.kind) {
      case "latest":
        return new Map(latest);
      case "earliest":
        return await this.#listOffsets(keys, BigInt(EARLIEST));
      case "offsets": {
        const missing = [...spec.offsets.keys()].filter((k) => !latest.has(k));
        const assigned = keys.filter((k) => !spec.offsets.has(k));
        if (missing.length > 0 || (assigned.length > 0 && this.s.strategy.kind === "assign")) {
          throw userError(
            "ILLEGAL_ARGUMENT",
            `Assigned partitions (${keys.map(tpName).join(", ")}) do not match the partitions in ${option} (${[...spec.offsets.keys()].map(tpName).join(", ")})`,
          );
        }
        const earliest = await this.#listOffsets(keys, BigInt(EARLIEST));
        const out: PartitionOffsets = new Map();
        for (const k of keys) {
          const v = spec.offsets.get(k);
          out.set(k, v === undefined || v === LATEST ? latest.get(k)! : v === EARLIEST ? earliest.get(k)! : v);
        }
        return out;
      }
      case "timestamp":
      case "timestamps": {
        const out: PartitionOffsets = new Map();
        for (const k of keys) {
          const ts = spec.kind === "timestamp" ? spec.timestampMs : spec.perPartition.get(k);
          if (ts === undefined) {
            out.set(k, latest.get(k)!);
            continue;
          }
          const found = (await this.#listOffsets([k], BigInt(ts))).get(k)!;
          if (found >= 0) out.set(k, found);
          else if (this.s.startingOffsetsByTimestampStrategy === "latest") out.set(k, latest.get(k)!);
          else {
            throw userError(
              "KAFKA_START_OFFSET_DOES_NOT_MATCH_ASSIGNED",
              `No offset matched from request of topic-partition ${tpName(k)} and timestamp ${ts}.`,
              { hint: "Set startingOffsetsByTimestampStrategy to 'latest' to start such partitions at their latest offset." },
            );
          }
        }
        return out;
      }
    }
  }

  /** The partitions this source reads now, with their latest offsets. */
  async #latestOffsets(): Promise<PartitionOffsets> {
    const topics = await this.#topics();
    const keys: string[] = [];
    const st = this.s.strategy;
    for (const [topic, meta] of topics) {
      for (let p = 0; p < meta.partitions.length; p++) {
        if (st.kind !== "assign" || st.partitions.some((a) => a.topic === topic && a.partition === p)) keys.push(tpKey(topic, p));
      }
    }
    return await this.#listOffsets(keys, BigInt(LATEST));
  }

  #topicsCache: { atMs: number; topics: Map<string, TopicMeta> } | undefined;

  /** Metadata of the topics the strategy names that exist now (reused briefly unless `fresh`). */
  async #topics(fresh = false): Promise<Map<string, TopicMeta>> {
    const now = Date.now();
    if (!fresh && this.#topicsCache && now - this.#topicsCache.atMs < TOPICS_REFRESH_MS) return this.#topicsCache.topics;
    const topics = await this.#loadTopics();
    this.#topicsCache = { atMs: now, topics };
    return topics;
  }

  /** Lists the topics the strategy names that exist now; missing ones are reported once. */
  async #loadTopics(): Promise<Map<string, TopicMeta>> {
    const st = this.s.strategy;
    const existing = new Set(await withRetry(this.conn, () => this.#admin.listTopics({ includeInternals: false }), this.ctx.log, "Kafka source"));
    let wanted: string[];
    if (st.kind === "subscribePattern") wanted = [...existing].filter((t) => st.pattern.test(t)).sort();
    else {
      const named = st.kind === "subscribe" ? st.topics : [...new Set(st.partitions.map((p) => p.topic))];
      wanted = named.filter((t) => existing.has(t));
      for (const t of named) {
        if (!existing.has(t) && !this.#warnedMissing.has(t)) {
          this.#warnedMissing.add(t);
          this.ctx.log.warn(`Kafka topic '${t}' does not exist (yet) on ${this.conn.servers.join(",")}; reading nothing from it until it is created.`);
        }
        if (existing.has(t)) this.#warnedMissing.delete(t);
      }
    }
    if (wanted.length === 0) return new Map();
    const md = await withRetry(this.conn, () => this.#consumer.metadata({ topics: wanted, forceUpdate: true, autocreateTopics: false }), this.ctx.log, "Kafka source");
    for (const [id, b] of md.brokers) this.#brokers.set(id, { host: b.host, port: b.port });
    const out = new Map<string, TopicMeta>();
    for (const t of wanted) {
      const m = md.topics.get(t);
      if (m) out.set(t, { id: m.id, partitions: m.partitions.map((p) => ({ leader: p.leader, leaderEpoch: p.leaderEpoch })) });
    }
    return out;
  }

  async #earliestOf(key: string): Promise<number> {
    return (await this.#listOffsets([key], BigInt(EARLIEST))).get(key)!;
  }

  /** ListOffsets for `keys` at -2 (earliest), -1 (latest) or a timestamp (-1 in the result: none). */
  async #listOffsets(keys: string[], at: bigint): Promise<PartitionOffsets> {
    const out: PartitionOffsets = new Map();
    if (keys.length === 0) return out;
    const byTopic = new Map<string, number[]>();
    for (const k of keys) {
      const { topic, partition } = tpOf(k);
      (byTopic.get(topic) ?? byTopic.set(topic, []).get(topic)!).push(partition);
    }
    const result = await withRetry(
      this.conn,
      () =>
        this.#consumer.listOffsets({
          topics: [...byTopic.keys()],
          partitions: Object.fromEntries(byTopic),
          timestamp: at,
          isolationLevel: this.conn.isolationLevel,
        }),
      this.ctx.log,
      "Kafka source",
    );
    for (const k of keys) {
      const { topic, partition } = tpOf(k);
      const v = result.get(topic)?.[partition];
      out.set(k, v === undefined ? -1 : Number(v));
    }
    return out;
  }

  // ---- reading -----------------------------------------------------------------------------

  async getBatch(start: Offset, end: Offset): Promise<Row[]> {
    const out: Row[] = [];
    for await (const chunk of this.readBatch(start, end)) for (const r of chunk) out.push(r);
    return out;
  }

  /**
   * The batch's rows a fetch response at a time (a partition's records in offset order, partitions
   * in key order, as Spark's tasks list them), so a trigger of any size flows through the query in
   * bounded memory.
   */
  async *readBatch(start: Offset, end: Offset, _limit?: ChunkLimit): AsyncGenerator<Row[]> {
    const until = fromJson(end);
    const from = start === null ? await this.#startOfFirstBatch() : fromJson(start);
    const ranges = new Map<string, { from: number; until: number }>();
    for (const key of sortedKeys(until.keys())) {
      let f = from.get(key);
      if (f === undefined) f = await this.#earliestOf(key); // a partition new in this batch
      const u = until.get(key)!;
      if (f > u) {
        this.#dataLoss("PARTITION_OFFSET_CHANGED", `Partition ${tpName(key)} offset was changed from ${f} to ${u}.`);
        continue;
      }
      if (f < u) ranges.set(key, { from: f, until: u });
    }
    if (ranges.size === 0) return;
    await this.#checkRanges(ranges);
    yield* readRanges(this.#rangeContext(), ranges);
  }

  /**
   * Real-time mode: every partition's records after `start` as they arrive (partitions that appear
   * meanwhile wait for the next batch), each chunk with the offsets reached so far.
   */
  async *readRealTime(start: Offset, stop: AbortSignal): AsyncGenerator<RealTimeChunk> {
    const latest = await this.#latestOffsets();
    this.#latestAvailable = latest;
    const from = start === null ? await this.#startOfFirstBatch() : fromJson(start);
    const reached = new Map(from);
    const reading = new Map<string, number>();
    for (const key of sortedKeys(latest.keys())) {
      const at = from.get(key) ?? await this.#earliestOf(key); // a partition new in this batch
      reached.set(key, at);
      reading.set(key, at);
    }
    for (const key of from.keys()) {
      if (!latest.has(key) && this.#inScope(key)) this.#dataLoss("PARTITIONS_DELETED", `Partitions ${tpName(key)} have been deleted.`);
    }
    for await (const chunk of readContinuously(this.#rangeContext(), reading, stop)) {
      reached.set(chunk.key, chunk.next);
      yield { rows: chunk.rows, end: toJson(reached) };
    }
  }

  /** Where batch 0 starts: the initial offsets (resolved now if this reader never planned a batch). */
  async #startOfFirstBatch(): Promise<PartitionOffsets> {
    if (this.#initial) return this.#initial;
    if (!this.ctx.streaming) return await this.#resolve(this.s.starting, await this.#latestOffsets(), "startingOffsets");
    return await this.#initialOffsets(await this.#latestOffsets());
  }

  /** Offsets the brokers no longer have: fail (failOnDataLoss) or move the range past the hole. */
  async #checkRanges(ranges: Map<string, { from: number; until: number }>): Promise<void> {
    const keys = [...ranges.keys()];
    const existing = await this.#topics(true);
    for (const key of keys) {
      const { topic, partition } = tpOf(key);
      const meta = existing.get(topic);
      if (!meta || partition >= meta.partitions.length) {
        this.#dataLoss(
          "COULD_NOT_READ_OFFSET_RANGE",
          `Could not read records in offset [${ranges.get(key)!.from}, ${ranges.get(key)!.until}) for topic partition ${tpName(key)} with consumer group ${this.#groupId}.`,
        );
        ranges.delete(key);
      }
    }
    const live = [...ranges.keys()];
    const earliest = await this.#listOffsets(live, BigInt(EARLIEST));
    const latest = await this.#listOffsets(live, BigInt(LATEST));
    for (const key of live) {
      const r = ranges.get(key)!;
      const first = earliest.get(key)!;
      const last = latest.get(key)!;
      if (r.from < first) {
        this.#dataLoss("START_OFFSET_RESET", `Starting offset for ${tpName(key)} was ${r.from} but now it's ${first}.`);
        r.from = Math.min(first, r.until);
      }
      if (r.until > last) {
        this.#dataLoss(
          "COULD_NOT_READ_OFFSET_RANGE",
          `Could not read records in offset [${r.from}, ${r.until}) for topic partition ${tpName(key)} with consumer group ${this.#groupId}.`,
        );
        r.until = Math.max(r.from, last);
      }
      if (r.from >= r.until) ranges.delete(key);
    }
  }

  /** What fetch_ranges.ts needs of this reader: the fetcher, leaders from the latest metadata, data-loss reporting. */
  #rangeContext(): RangeReadContext {
    return {
      lib: this.lib,
      fetcher: this.#fetcher,
      conn: this.conn,
      log: this.ctx.log,
      includeHeaders: this.s.includeHeaders,
      // Column pruning (pushdown.columns): keys and headers the query never reads are not decoded.
      readKey: this.ctx.requiredColumns?.includes("key") ?? true,
      readHeaders: this.ctx.requiredColumns?.includes("headers") ?? true,
      leaderOf: async (topic, partition, fresh) => {
        const meta = (await this.#topics(fresh)).get(topic);
        const p = meta?.partitions[partition];
        const address = p === undefined ? undefined : this.#brokers.get(p.leader);
        if (meta === undefined || p === undefined || p.leader < 0 || address === undefined) return undefined;
        return { nodeId: p.leader, address, epoch: p.leaderEpoch, topicId: meta.id };
      },
      dataLoss: (sub, message) => this.#dataLoss(sub, message),
      unreadable: (key, from, until) => this.#unreadable(key, from, until),
    };
  }

  #unreadable(key: string, from: number, until: number) {
    return externalError(
      "KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE",
      `${DATA_LOSS_PREFIX}Could not read records in offset [${from}, ${until}) for topic partition ${tpName(key)} with consumer group ${this.#groupId}.`,
    );
  }

  /** Spark's reportDataLoss: fail when failOnDataLoss, else warn and go on. */
  #dataLoss(sub: string, message: string): void {
    if (this.s.failOnDataLoss) {
      throw externalError(`KAFKA_DATA_LOSS.${sub}`, `${DATA_LOSS_PREFIX}${message}`, {
        hint: 'Set the source option failOnDataLoss to "false" to skip lost offsets with a warning instead.',
      });
    }
    this.ctx.log.warn(
      `${message} Some data may have been lost because they are not available in Kafka any more; either the data was aged out by Kafka or the topic may have been deleted before all the data in the topic was processed. failOnDataLoss is false, so the query goes on.`,
    );
  }

  // ---- after a batch -----------------------------------------------------------------------

  async commit(end: Offset): Promise<void> {
    const group = this.s.commitOffsetsToGroup;
    if (group === undefined || end === null) return;
    const offsets = fromJson(end);
    const byTopic = new Map<string, { partition: number; offset: bigint }[]>();
    for (const [key, off] of offsets) {
      const { topic, partition } = tpOf(key);
      (byTopic.get(topic) ?? byTopic.set(topic, []).get(topic)!).push({ partition, offset: BigInt(off) });
    }
    try {
      await withRetry(this.conn, () =>
        this.#admin.alterConsumerGroupOffsets({
          groupId: group,
          topics: [...byTopic].map(([name, partitionOffsets]) => ({ name, partitionOffsets })),
        }));
    } catch (e) {
      // The group is for monitoring only; the checkpoint has the offsets, so the query goes on.
      this.ctx.log.warn(`Could not commit offsets to consumer group '${group}': ${reason(e)}`);
    }
  }

  /** Spark's lag metrics: how far `end` is behind the newest offsets seen. */
  metrics(end: Offset): Record<string, string> {
    if (end === null || this.#latestAvailable === undefined || this.#latestAvailable.size === 0) return {};
    const consumed = fromJson(end);
    const behind = [...this.#latestAvailable].map(([k, latest]) => latest - (consumed.get(k) ?? 0));
    const avg = behind.reduce((a, b) => a + b, 0) / behind.length;
    return {
      avgOffsetsBehindLatest: javaDouble(avg),
      maxOffsetsBehindLatest: String(Math.max(...behind)),
      minOffsetsBehindLatest: String(Math.min(...behind)),
    };
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.#consumer?.close(true), this.#admin?.close()]);
  }
}

const DATA_LOSS_PREFIX =
  "Some data may have been lost because they are not available in Kafka any more; either the data was aged out by Kafka or the topic may have been deleted before all the data in the topic was processed. If you don't want your streaming query to fail on such cases, set the source option failOnDataLoss to false.\nReason: ";

/** Spark's rateLimit: `limit` offsets shared over partitions in proportion to their backlog. */
export function rateLimit(limit: number, from: PartitionOffsets, fromNew: Map<string, number>, until: PartitionOffsets): PartitionOffsets {
  const sizes = new Map<string, number>();
  for (const [key, end] of until) {
    const begin = from.get(key) ?? fromNew.get(key);
    if (begin !== undefined && end - begin > 0) sizes.set(key, end - begin);
  }
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  if (total < 1) return new Map(until);
  const out: PartitionOffsets = new Map();
  for (const [key, end] of until) {
    const size = sizes.get(key);
    if (size === undefined) {
      out.set(key, end);
      continue;
    }
    const begin = from.get(key) ?? fromNew.get(key)!;
    const prorate = limit * (size / total);
    const step = prorate < 1 ? Math.ceil(prorate) : Math.floor(prorate);
    out.set(key, Math.min(end, begin + step));
  }
  return out;
}

/** Java's Double.toString for the plain values lag averages take. */
function javaDouble(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

function strategyText(s: KafkaSourceSettings): string {
  const st = s.strategy;
  if (st.kind === "subscribe") return `Subscribe[${st.topics.join(",")}]`;
  if (st.kind === "subscribePattern") return `SubscribePattern[${st.source}]`;
  return `Assign[${st.partitions.map((p) => `${p.topic}-${p.partition}`).join(", ")}]`;
}
