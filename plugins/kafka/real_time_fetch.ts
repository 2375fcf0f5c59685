// Real-time mode's read: every partition's records as they arrive. One fetch loop per leader
// long-polls all its partitions in one request (a broker answers a connection's requests in order,
// so one long poll per connection), sends the next request as soon as a response's batch headers
// say where it ends, and hands each partition's new records over with the offsets reached so far.
import type { Row } from "sluice/plugin-sdk";
import { externalError } from "sluice/plugin-sdk";
import { withRetry } from "./client.ts";
import type { FetchRequest, FetchResponse } from "./fetch_protocol.ts";
import { appendRows, batchesIn, nextOffsetAfter } from "./fetched_records.ts";
import type { Leader, RangeReadContext } from "./fetch_ranges.ts";
import { fetchError } from "./fetcher.ts";
import { tpKey, tpName, tpOf } from "./offsets.ts";

/** How long a fetch waits on the broker for new records, in ms: bounds how late a stop is noticed. */
const LONG_POLL_MS = 100;
/** Chunks waiting for the query before the fetch loops pause. */
const MAX_QUEUED = 16;

export interface PartitionRows {
  key: string;
  rows: Row[];
  /** The partition's next offset after these rows. */
  next: number;
}

const LEADERSHIP_ERRORS = new Set([
  "NOT_LEADER_OR_FOLLOWER", "LEADER_NOT_AVAILABLE", "FENCED_LEADER_EPOCH", "UNKNOWN_LEADER_EPOCH", "UNKNOWN_TOPIC_ID",
  "UNKNOWN_TOPIC_OR_PARTITION", "REPLICA_NOT_AVAILABLE", "KAFKA_STORAGE_ERROR", "OFFSET_NOT_AVAILABLE", "NOT_CONTROLLER",
]);

/** Thrown inside a leader's loop when a partition moved: the loops are regrouped by leader. */
class LeaderMoved extends Error {}
/** A fetch cut off by the end of the read. */
class Stopped extends Error {}

/**
 * The records after `from` (next offset per partition) as they arrive, until `stop` fires. Each
 * yielded chunk is one partition's records of one fetch response.
 */
export async function* readContinuously(ctx: RangeReadContext, from: Map<string, number>, stop: AbortSignal): AsyncGenerator<PartitionRows> {
  const next = new Map(from);
  const queue: PartitionRows[] = [];
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  stop.addEventListener("abort", notify);
  const room = async () => {
    while (queue.length >= MAX_QUEUED && !stop.aborted && failure === undefined) await new Promise<void>((r) => setTimeout(r, 1));
  };

  let fresh = false;
  const run = async () => {
    while (!stop.aborted) {
      const groups = new Map<number, { leader: Leader; keys: string[] }>();
      for (const key of next.keys()) {
        const { topic, partition } = tpOf(key);
        const leader = await ctx.leaderOf(topic, partition, fresh);
        if (leader === undefined) continue; // no leader now: looked up again after the next regroup
        (groups.get(leader.nodeId) ?? groups.set(leader.nodeId, { leader, keys: [] }).get(leader.nodeId)!).keys.push(key);
      }
      fresh = false;
      if (groups.size === 0) {
        await new Promise((r) => setTimeout(r, LONG_POLL_MS));
        fresh = true;
        continue;
      }
      try {
        await Promise.all([...groups.values()].map(({ leader, keys }) => leaderLoop(ctx, leader, keys, next, stop, (c) => {
          queue.push(c);
          notify();
        }, room)));
      } catch (e) {
        if (!(e instanceof LeaderMoved)) throw e;
        fresh = true;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const running = run().catch((e) => {
    failure = e;
  }).finally(notify);

  try {
    for (;;) {
      if (queue.length > 0) {
        yield queue.shift()!;
        continue;
      }
      if (failure !== undefined && !(failure instanceof Stopped)) throw failure;
      if (stop.aborted || failure !== undefined) return;
      await new Promise<void>((r) => {
        wake = r;
      });
    }
  } finally {
    stop.removeEventListener("abort", notify);
    // The loops end within one long poll once `stop` fires; the caller need not wait for them.
    void running;
  }
}

/** One leader's loop over its partitions of several topics (a request per topic, one at a time on the connection). */
async function leaderLoop(
  ctx: RangeReadContext,
  leader: Leader,
  keys: string[],
  next: Map<string, number>,
  stop: AbortSignal,
  emit: (c: PartitionRows) => void,
  room: () => Promise<void>,
): Promise<void> {
  // Requests name one topic (with its id); a leader with partitions of several topics takes turns.
  const byTopic = new Map<string, string[]>();
  for (const k of keys) {
    const t = tpOf(k).topic;
    (byTopic.get(t) ?? byTopic.set(t, []).get(t)!).push(k);
  }
  const topics = [...byTopic];
  const request = (topic: string, ks: string[], topicId: string): FetchRequest => ({
    maxWaitMs: LONG_POLL_MS,
    minBytes: 1,
    maxBytes: ctx.conn.fetchMaxBytes,
    isolationLevel: ctx.conn.isolationLevel,
    topics: [{
      topic,
      topicId,
      partitions: ks.map((k) => ({
        partition: tpOf(k).partition, currentLeaderEpoch: leader.epoch, fetchOffset: next.get(k)!, partitionMaxBytes: ctx.conn.maxPartitionFetchBytes,
      })),
    }],
  });
  // A fetch that fails because the query stopped (its connections close) is not retried.
  const send = (r: FetchRequest) =>
    withRetry(ctx.conn, () => ctx.fetcher.fetch(leader.address, r).catch((e) => Promise.reject(stop.aborted ? new Stopped() : e)), ctx.log, "Kafka source");
  let turn = 0;
  const topicIdOf = async (topic: string) => (await ctx.leaderOf(topic, tpOf(byTopic.get(topic)![0]!).partition, false))?.topicId ?? leader.topicId;
  let [topic, ks] = topics[0]!;
  let pending: Promise<FetchResponse> | null = send(request(topic, ks, await topicIdOf(topic)));
  try {
    while (pending !== null && !stop.aborted) {
      const response: FetchResponse = await pending;
      pending = null;
      if (stop.aborted) return;
      if (response.errorCode !== 0) {
        const err = fetchError(ctx.lib, response.errorCode);
        throw externalError("KAFKA_FETCH_FAILED", `Fetching ${topic} from broker ${leader.address.host}:${leader.address.port} failed: ${err.name} (${err.message})`);
      }
      const decode: { key: string; p: FetchResponse["topics"][number]["partitions"][number]; at: number; after: number; batches: ReturnType<typeof batchesIn> }[] = [];
      let moved = false;
      for (const t of response.topics) {
        for (const p of t.partitions) {
          const key = tpKey(topic, p.partition);
          const at = next.get(key);
          if (at === undefined) continue;
          if (p.errorCode !== 0) {
            const err = fetchError(ctx.lib, p.errorCode);
            if (err.name === "OFFSET_OUT_OF_RANGE") {
              ctx.dataLoss("COULD_NOT_READ_OFFSET_RANGE", `Could not read records from offset ${at} for topic partition ${tpName(key)}: the offset is out of range.`);
              // failOnDataLoss false: go on from the oldest offset the broker still has.
              if (p.logStartOffset > at) next.set(key, p.logStartOffset);
              continue;
            }
            if (LEADERSHIP_ERRORS.has(err.name) || err.retriable) {
              moved = true;
              continue;
            }
            throw externalError("KAFKA_FETCH_FAILED", `Fetching ${tpName(key)} from broker ${leader.address.host}:${leader.address.port} failed: ${err.name} (${err.message})`);
          }
          const batches = batchesIn(response.bytes, p.recordsStart, p.recordsEnd, topic, p.partition);
          const after = nextOffsetAfter(batches, at);
          if (after > at) {
            next.set(key, after);
            decode.push({ key, p, at, after, batches });
          }
        }
      }
      if (moved) throw new LeaderMoved();
      // The next long poll is on its way before this response is decoded (the next topic's, in turn).
      turn = (turn + 1) % topics.length;
      [topic, ks] = topics[turn]!;
      await room();
      if (stop.aborted) return;
      pending = send(request(topic, ks, await topicIdOf(topic)));
      for (const { key, p, at, after, batches } of decode) {
        const rows: Row[] = [];
        appendRows(response.bytes, batches, {
          topic: tpOf(key).topic,
          partition: p.partition,
          from: at,
          until: Number.MAX_VALUE,
          includeHeaders: ctx.includeHeaders,
          readKey: ctx.readKey,
          readHeaders: ctx.readHeaders,
          checkCrcs: ctx.conn.checkCrcs,
          aborted: ctx.conn.isolationLevel === 1 ? (p.abortedTransactions ?? []) : null,
        }, rows);
        emit({ key, rows, next: after });
      }
    }
  } finally {
    (pending as Promise<FetchResponse> | null)?.catch(() => {});
  }
}
