// Reads offset ranges of topic-partitions with Sluice's own Fetch requests: partitions of one
// leader share a request, and the next request to a leader goes out as soon as a response's batch
// headers say where it ends, before its records are decoded, so the broker prepares the next
// response while this process turns the last one into rows.
import type { Logger, Row } from "sluice/plugin-sdk";
import { externalError } from "sluice/plugin-sdk";
import { type KafkaConnection, type KafkaLib, withRetry } from "./client.ts";
import type { FetchPartitionResponse, FetchRequest, FetchResponse } from "./fetch_protocol.ts";
import { appendRows, batchesIn, nextOffsetAfter } from "./fetched_records.ts";
import { type BrokerAddress, fetchError, type Fetcher } from "./fetcher.ts";
import { tpKey, tpName, tpOf } from "./offsets.ts";

/** How long one fetch request waits on the broker for data, in ms (data is known to exist). */
const FETCH_MAX_WAIT_MS = 100;
/** Fetches of one read that bring no progress before the range is judged unreadable. */
const MAX_EMPTY_FETCHES = 20;

export interface Leader {
  nodeId: number;
  address: BrokerAddress;
  epoch: number;
  topicId: string;
}

export interface RangeReadContext {
  lib: KafkaLib;
  fetcher: Fetcher;
  conn: KafkaConnection;
  log: Logger;
  includeHeaders: boolean;
  /** The leader of a partition; `fresh` asks the brokers again (leadership may have moved). */
  leaderOf(topic: string, partition: number, fresh: boolean): Promise<Leader | undefined>;
  /** Spark's reportDataLoss: throws when failOnDataLoss, else warns. */
  dataLoss(sub: string, message: string): void;
  /** The error for a range that cannot be read to its end. */
  unreadable(key: string, from: number, until: number): Error;
}

export interface OffsetRange {
  from: number;
  until: number;
}

/**
 * Fetches every range to its end, handing each partition's rows to `onRows` in offset order as
 * responses arrive.
 */
export async function readRanges(
  ctx: RangeReadContext,
  ranges: Map<string, OffsetRange>,
  onRows: (key: string, rows: Row[]) => void,
): Promise<void> {
  const next = new Map<string, number>([...ranges].map(([k, r]) => [k, r.from]));
  let idle = 0;
  let fresh = false;
  while (next.size > 0) {
    // One loop per leader and topic (requests name one topic; loops share the leader's connection).
    const byLeader = new Map<string, { leader: Leader; keys: string[] }>();
    for (const key of next.keys()) {
      const { topic, partition } = tpOf(key);
      const leader = await ctx.leaderOf(topic, partition, fresh);
      if (leader === undefined) throw ctx.unreadable(key, next.get(key)!, ranges.get(key)!.until);
      const group = `${leader.nodeId}/${topic}`;
      (byLeader.get(group) ?? byLeader.set(group, { leader, keys: [] }).get(group)!).keys.push(key);
    }
    const results = await Promise.all(
      [...byLeader.values()].map(({ leader, keys }) => readFromLeader(ctx, leader, keys, ranges, next, onRows)),
    );
    const progressed = results.some((r) => r.progressed);
    fresh = results.some((r) => r.moved);
    idle = progressed ? 0 : idle + 1;
    if (idle >= MAX_EMPTY_FETCHES) {
      const [key, at] = [...next][0]!;
      throw ctx.unreadable(key, at, ranges.get(key)!.until);
    }
    if (!progressed && next.size > 0) await new Promise((r) => setTimeout(r, Math.min(50 * idle, 500)));
  }
}

/** Kafka errors after which the partition's leader must be looked up again. */
const LEADERSHIP_ERRORS = new Set([
  "NOT_LEADER_OR_FOLLOWER", "LEADER_NOT_AVAILABLE", "FENCED_LEADER_EPOCH", "UNKNOWN_LEADER_EPOCH", "UNKNOWN_TOPIC_ID",
  "UNKNOWN_TOPIC_OR_PARTITION", "REPLICA_NOT_AVAILABLE", "KAFKA_STORAGE_ERROR", "OFFSET_NOT_AVAILABLE", "NOT_CONTROLLER",
]);

/**
 * The pipelined fetch loop of one leader for partitions of one topic. Returns when its partitions are read, or when one of
 * them needs a new leader (`moved`), or when a response brought nothing new (the caller decides).
 */
async function readFromLeader(
  ctx: RangeReadContext,
  leader: Leader,
  keys: string[],
  ranges: Map<string, OffsetRange>,
  next: Map<string, number>,
  onRows: (key: string, rows: Row[]) => void,
): Promise<{ progressed: boolean; moved: boolean }> {
  const mine = new Set(keys);
  const topic = tpOf(keys[0]!).topic;
  let progressed = false;
  let moved = false;
  const request = (): FetchRequest | null => {
    if (mine.size === 0) return null;
    const partitions = [...mine].map((key) => ({
      partition: tpOf(key).partition,
      currentLeaderEpoch: leader.epoch,
      fetchOffset: next.get(key)!,
      partitionMaxBytes: ctx.conn.maxPartitionFetchBytes,
    }));
    return {
      maxWaitMs: FETCH_MAX_WAIT_MS,
      minBytes: 1,
      maxBytes: ctx.conn.fetchMaxBytes,
      isolationLevel: ctx.conn.isolationLevel,
      topics: [{ topic, topicId: leader.topicId, partitions }],
    };
  };
  const send = (r: FetchRequest) => withRetry(ctx.conn, () => ctx.fetcher.fetch(leader.address, r), ctx.log, "Kafka source");

  let current = request();
  let pending: Promise<FetchResponse> | null = current ? send(current) : null;
  try {
    while (pending !== null) {
      const response = await pending;
      pending = null;
      if (response.errorCode !== 0) {
        const err = fetchError(ctx.lib, response.errorCode);
        throw externalError("KAFKA_FETCH_FAILED", `Fetching ${topic} from broker ${leader.address.host}:${leader.address.port} failed: ${err.name} (${err.message})`);
      }
      const decode: { key: string; p: FetchPartitionResponse; batches: ReturnType<typeof batchesIn>; at: number }[] = [];
      let any = false;
      for (const t of response.topics) {
        for (const p of t.partitions) {
          const key = tpKey(topic, p.partition);
          const at = next.get(key);
          if (at === undefined || !mine.has(key)) continue;
          if (p.errorCode !== 0) {
            const err = fetchError(ctx.lib, p.errorCode);
            if (err.name === "OFFSET_OUT_OF_RANGE") {
              ctx.dataLoss(
                "COULD_NOT_READ_OFFSET_RANGE",
                `Could not read records in offset [${at}, ${ranges.get(key)!.until}) for topic partition ${tpName(key)}: the offset is out of range.`,
              );
              next.delete(key);
              mine.delete(key);
              continue;
            }
            if (LEADERSHIP_ERRORS.has(err.name) || err.retriable) {
              moved = true;
              mine.delete(key);
              continue;
            }
            throw externalError("KAFKA_FETCH_FAILED", `Fetching ${tpName(key)} from broker ${leader.address.host}:${leader.address.port} failed: ${err.name} (${err.message})`);
          }
          const range = ranges.get(key)!;
          const batches = batchesIn(response.bytes, p.recordsStart, p.recordsEnd, topic, p.partition);
          const after = nextOffsetAfter(batches, at);
          if (after > at) {
            any = true;
            if (after >= range.until) {
              next.delete(key);
              mine.delete(key);
            } else {
              next.set(key, after);
            }
            decode.push({ key, p, batches, at });
          } else if (p.highWatermark <= at && (ctx.conn.isolationLevel === 0 || p.lastStableOffset <= at)) {
            // Nothing more to read below `until`: records were compacted away or the log was truncated.
            ctx.dataLoss(
              "COULD_NOT_READ_OFFSET_RANGE",
              `Could not read records in offset [${at}, ${range.until}) for topic partition ${tpName(key)}.`,
            );
            next.delete(key);
            mine.delete(key);
          }
        }
      }
      // Pipelining: the next request is on its way before this response is decoded.
      current = any && !moved ? request() : null;
      pending = current ? send(current) : null;
      for (const { key, p, batches, at } of decode) {
        const rows: Row[] = [];
        appendRows(response.bytes, batches, {
          topic,
          partition: p.partition,
          from: at,
          until: ranges.get(key)!.until,
          includeHeaders: ctx.includeHeaders,
          checkCrcs: ctx.conn.checkCrcs,
          aborted: ctx.conn.isolationLevel === 1 ? (p.abortedTransactions ?? []) : null,
        }, rows);
        if (rows.length > 0) onRows(key, rows);
      }
      if (any) progressed = true;
    }
  } finally {
    // A request still in flight when decoding failed must not become an unhandled rejection.
    (pending as Promise<FetchResponse> | null)?.catch(() => {});
  }
  return { progressed, moved };
}
