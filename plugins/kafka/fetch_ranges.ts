// Reads offset ranges of topic-partitions with Sluice's own Fetch requests, one partition after
// the other: the next request goes out as soon as a response's batch headers say where it ends,
// before its records are decoded, so the broker prepares the next response while this process
// turns the last one into rows and the query works through them.
import type { Logger, Row } from "sluice/plugin-sdk";
import { externalError } from "sluice/plugin-sdk";
import { type KafkaConnection, type KafkaLib, withRetry } from "./client.ts";
import type { FetchRequest, FetchResponse } from "./fetch_protocol.ts";
import { appendRows, batchesIn, nextOffsetAfter } from "./fetched_records.ts";
import { type BrokerAddress, fetchError, type Fetcher } from "./fetcher.ts";
import { tpName, tpOf } from "./offsets.ts";

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
  /** Column pruning: whether the query reads the key and the headers. */
  readKey: boolean;
  readHeaders: boolean;
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
 * The rows of every range, a fetch response at a time: partition after partition in the map's
 * order, each in offset order. Only the response being turned into rows and the next one (already
 * requested) are held, so a batch of any size reads in bounded memory.
 */
export async function* readRanges(ctx: RangeReadContext, ranges: Map<string, OffsetRange>): AsyncGenerator<Row[]> {
  for (const [key, range] of ranges) yield* readRange(ctx, key, range);
}

/** One partition's range: its leader's pipelined fetch loop, again after a leadership change or a response that brought nothing. */
async function* readRange(ctx: RangeReadContext, key: string, range: OffsetRange): AsyncGenerator<Row[]> {
  const { topic, partition } = tpOf(key);
  const state = { at: range.from, done: false, progressed: false, moved: false };
  let idle = 0;
  let fresh = false;
  while (!state.done && state.at < range.until) {
    const leader = await ctx.leaderOf(topic, partition, fresh);
    if (leader === undefined) throw ctx.unreadable(key, state.at, range.until);
    state.progressed = false;
    state.moved = false;
    yield* readFromLeader(ctx, leader, key, range, state);
    fresh = state.moved;
    idle = state.progressed ? 0 : idle + 1;
    if (idle >= MAX_EMPTY_FETCHES) throw ctx.unreadable(key, state.at, range.until);
    if (!state.progressed && !state.done && state.at < range.until) await new Promise((r) => setTimeout(r, Math.min(50 * idle, 500)));
  }
}

/** Kafka errors after which the partition's leader must be looked up again. */
const LEADERSHIP_ERRORS = new Set([
  "NOT_LEADER_OR_FOLLOWER", "LEADER_NOT_AVAILABLE", "FENCED_LEADER_EPOCH", "UNKNOWN_LEADER_EPOCH", "UNKNOWN_TOPIC_ID",
  "UNKNOWN_TOPIC_OR_PARTITION", "REPLICA_NOT_AVAILABLE", "KAFKA_STORAGE_ERROR", "OFFSET_NOT_AVAILABLE", "NOT_CONTROLLER",
]);

/** Where a partition's read stands: the next offset, whether it ended, and what the last loop saw. */
interface RangeState {
  at: number;
  done: boolean;
  progressed: boolean;
  moved: boolean;
}

/**
 * The pipelined fetch loop of one partition on its leader. Returns when the range is read, when
 * the partition needs a new leader (`moved`), or when a response brought nothing new.
 */
async function* readFromLeader(
  ctx: RangeReadContext,
  leader: Leader,
  key: string,
  range: OffsetRange,
  state: RangeState,
): AsyncGenerator<Row[]> {
  const { topic, partition } = tpOf(key);
  const request = (): FetchRequest => ({
    maxWaitMs: FETCH_MAX_WAIT_MS,
    minBytes: 1,
    maxBytes: ctx.conn.fetchMaxBytes,
    isolationLevel: ctx.conn.isolationLevel,
    topics: [{
      topic,
      topicId: leader.topicId,
      partitions: [{ partition, currentLeaderEpoch: leader.epoch, fetchOffset: state.at, partitionMaxBytes: ctx.conn.maxPartitionFetchBytes }],
    }],
  });
  const send = (r: FetchRequest) => withRetry(ctx.conn, () => ctx.fetcher.fetch(leader.address, r), ctx.log, "Kafka source");

  let pending: Promise<FetchResponse> | null = send(request());
  try {
    while (pending !== null) {
      const response: FetchResponse = await pending;
      pending = null;
      if (response.errorCode !== 0) {
        const err = fetchError(ctx.lib, response.errorCode);
        throw externalError("KAFKA_FETCH_FAILED", `Fetching ${topic} from broker ${leader.address.host}:${leader.address.port} failed: ${err.name} (${err.message})`);
      }
      const p = response.topics.flatMap((t) => t.partitions).find((x) => x.partition === partition);
      if (p === undefined) return;
      if (p.errorCode !== 0) {
        const err = fetchError(ctx.lib, p.errorCode);
        if (err.name === "OFFSET_OUT_OF_RANGE") {
          ctx.dataLoss(
            "COULD_NOT_READ_OFFSET_RANGE",
            `Could not read records in offset [${state.at}, ${range.until}) for topic partition ${tpName(key)}: the offset is out of range.`,
          );
          state.done = true;
          return;
        }
        if (LEADERSHIP_ERRORS.has(err.name) || err.retriable) {
          state.moved = true;
          return;
        }
        throw externalError("KAFKA_FETCH_FAILED", `Fetching ${tpName(key)} from broker ${leader.address.host}:${leader.address.port} failed: ${err.name} (${err.message})`);
      }
      const from = state.at;
      const batches = batchesIn(response.bytes, p.recordsStart, p.recordsEnd, topic, partition);
      const after = nextOffsetAfter(batches, from);
      if (after <= from) {
        if (p.highWatermark <= from && (ctx.conn.isolationLevel === 0 || p.lastStableOffset <= from)) {
          // Nothing more to read below `until`: records were compacted away or the log was truncated.
          ctx.dataLoss("COULD_NOT_READ_OFFSET_RANGE", `Could not read records in offset [${from}, ${range.until}) for topic partition ${tpName(key)}.`);
          state.done = true;
        }
        return;
      }
      state.progressed = true;
      state.at = after;
      if (after >= range.until) state.done = true;
      // Pipelining: the next request is on its way before this response is decoded.
      else pending = send(request());
      const rows: Row[] = [];
      appendRows(response.bytes, batches, {
        topic,
        partition,
        from,
        until: range.until,
        includeHeaders: ctx.includeHeaders,
        readKey: ctx.readKey,
        readHeaders: ctx.readHeaders,
        checkCrcs: ctx.conn.checkCrcs,
        aborted: ctx.conn.isolationLevel === 1 ? (p.abortedTransactions ?? []) : null,
      }, rows);
      if (rows.length > 0) yield rows;
    }
  } finally {
    // A request still in flight when decoding failed (or the reader stopped early) must not become an unhandled rejection.
    (pending as Promise<FetchResponse> | null)?.catch(() => {});
  }
}
