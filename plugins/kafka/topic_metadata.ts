// How the Kafka sink waits for a topic's metadata, as Java's KafkaProducer.waitOnMetadata does:
// a topic the broker is auto-creating for this very request is answered UNKNOWN_TOPIC_OR_PARTITION
// or LEADER_NOT_AVAILABLE for a moment (KRaft forwards the creation to the controller), so the
// producer asks again, backing off, until the topic has its partitions and leaders or
// max.block.ms has passed. Network errors are not handled here (withRetry covers outages).
import { externalError, type Logger } from "sluice/plugin-sdk";
import type { KafkaLib } from "./client.ts";

export type ClusterMetadata = Awaited<ReturnType<InstanceType<KafkaLib["Producer"]>["metadata"]>>;

/** Java producer defaults: max.block.ms, retry.backoff.ms, retry.backoff.max.ms. */
export const DEFAULT_MAX_BLOCK_MS = 60_000;
export const DEFAULT_RETRY_BACKOFF_MS = 100;
export const DEFAULT_RETRY_BACKOFF_MAX_MS = 1_000;

export interface TopicWait {
  maxBlockMs: number;
  backoffMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_TOPIC_WAIT: TopicWait = { maxBlockMs: DEFAULT_MAX_BLOCK_MS, backoffMs: DEFAULT_RETRY_BACKOFF_MS, backoffMaxMs: DEFAULT_RETRY_BACKOFF_MAX_MS };

const UNKNOWN_TOPIC_OR_PARTITION = 3;
const LEADER_NOT_AVAILABLE = 5;

/**
 * The Kafka error name when `e` says a topic is not ready yet (unknown to the broker's metadata,
 * or without a leader), else undefined. The client library turns UNKNOWN_TOPIC_OR_PARTITION in a
 * Metadata response into a UserError "Unknown topic <name>.", and leaves other codes in a
 * ResponseError's list of ProtocolErrors (apiCode).
 */
export function topicNotReady(e: unknown): string | undefined {
  const seen = new Set<unknown>();
  const walk = (x: unknown): string | undefined => {
    if (x === null || typeof x !== "object" || seen.has(x)) return undefined;
    seen.add(x);
    const err = x as { code?: unknown; apiCode?: unknown; message?: unknown; errors?: unknown[]; cause?: unknown };
    if (err.apiCode === UNKNOWN_TOPIC_OR_PARTITION) return "UNKNOWN_TOPIC_OR_PARTITION";
    if (err.apiCode === LEADER_NOT_AVAILABLE) return "LEADER_NOT_AVAILABLE";
    if (err.code === "PLT_KFK_USER" && typeof err.message === "string" && /^Unknown topic /.test(err.message)) return "UNKNOWN_TOPIC_OR_PARTITION";
    for (const inner of Array.isArray(err.errors) ? err.errors : []) {
      const found = walk(inner);
      if (found) return found;
    }
    return walk(err.cause);
  };
  return walk(e);
}

/** Topics of `md` that lack partitions or a leader for one of them. */
function notReady(md: ClusterMetadata, topics: string[]): string[] {
  return topics.filter((t) => {
    const m = md.topics.get(t);
    if (m === undefined || m.partitions.length === 0) return true;
    for (let p = 0; p < m.partitions.length; p++) if (m.partitions[p] === undefined || m.partitions[p]!.leader < 0) return true;
    return false;
  });
}

/**
 * Asks `metadata` for `topics` until every one of them has partitions with leaders, backing off
 * from w.backoffMs doubling to w.backoffMaxMs; after w.maxBlockMs fails with Java's
 * "Topic <t> not present in metadata after <n> ms." (KAFKA_WRITE_FAILED).
 */
export async function awaitTopicMetadata(
  metadata: (topics: string[]) => Promise<ClusterMetadata>,
  topics: string[],
  w: TopicWait,
  servers: string[],
  log?: Logger,
): Promise<ClusterMetadata> {
  const started = Date.now();
  let delay = w.backoffMs;
  let warned = false;
  for (;;) {
    let waiting: string[];
    let why: string;
    try {
      const md = await metadata(topics);
      waiting = notReady(md, topics);
      if (waiting.length === 0) return md;
      why = "LEADER_NOT_AVAILABLE";
    } catch (e) {
      const code = topicNotReady(e);
      if (code === undefined) throw e;
      const named = /^Unknown topic (.*)\.$/.exec((e as Error).message ?? "");
      waiting = named && topics.includes(named[1]!) ? [named[1]!] : topics;
      why = code;
    }
    const waited = Date.now() - started;
    if (waited >= w.maxBlockMs) {
      const message = why === "UNKNOWN_TOPIC_OR_PARTITION"
        ? `Topic ${waiting[0]} not present in metadata after ${w.maxBlockMs} ms.`
        : `Topic ${waiting[0]} has partitions without a leader (LEADER_NOT_AVAILABLE) after ${w.maxBlockMs} ms.`;
      throw externalError("KAFKA_WRITE_FAILED", message, {
        hint: `Create the topic on ${servers.join(",")} (or let the brokers auto-create topics: auto.create.topics.enable); kafka.max.block.ms sets how long the sink waits for a topic's metadata.`,
      });
    }
    if (!warned) {
      warned = true;
      log?.info(`Kafka sink: topic ${waiting.join(", ")} not ready on ${servers.join(",")} (${why}); waiting up to ${w.maxBlockMs} ms (kafka.max.block.ms)`);
    }
    await new Promise((r) => setTimeout(r, Math.min(delay, w.maxBlockMs - waited)));
    delay = Math.min(delay * 2, w.backoffMaxMs);
  }
}
