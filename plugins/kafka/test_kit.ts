// Helpers the Kafka tests share: topics and messages on the test broker (scripts/kafka/service.ts).
import { Admin, Consumer, Producer } from "@platformatic/kafka";

export interface TestMessage {
  key?: string | Uint8Array | null;
  value: string | Uint8Array | null;
  partition?: number;
  timestamp?: number;
  headers?: [string, string][];
}

const clients = new Map<string, { admin: Admin; producer: Producer }>();

function clientsFor(bootstrap: string) {
  let c = clients.get(bootstrap);
  if (!c) {
    const base = { clientId: "sluice-test", bootstrapBrokers: [bootstrap], retries: 5, retryDelay: 200 };
    c = { admin: new Admin(base), producer: new Producer({ ...base, autocreateTopics: false, idempotent: true }) };
    clients.set(bootstrap, c);
  }
  return c;
}

/** Closes the shared clients (call in afterAll). */
export async function closeTestClients(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  await Promise.allSettled(all.flatMap((c) => [c.admin.close(), c.producer.close()]));
}

export async function createTopic(bootstrap: string, topic: string, partitions = 1, configs: Record<string, string> = {}): Promise<void> {
  await clientsFor(bootstrap).admin.createTopics({
    topics: [topic],
    partitions,
    replicas: 1,
    configs: Object.entries(configs).map(([name, value]) => ({ name, value })),
  });
  await waitForLeaders(bootstrap, topic, partitions);
}

/** Waits until every partition of `topic` has a leader (a new topic takes a moment). */
async function waitForLeaders(bootstrap: string, topic: string, partitions: number): Promise<void> {
  const { admin } = clientsFor(bootstrap);
  for (let i = 0; i < 100; i++) {
    try {
      const md = await admin.metadata({ topics: [topic], forceUpdate: true });
      const t = md.topics.get(topic);
      if (t && t.partitionsCount >= partitions && t.partitions.every((p) => p.leader >= 0)) return;
    } catch {
      // not known yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function deleteTopic(bootstrap: string, topic: string): Promise<void> {
  await clientsFor(bootstrap).admin.deleteTopics({ topics: [topic] });
}

export async function addPartitions(bootstrap: string, topic: string, count: number): Promise<void> {
  await clientsFor(bootstrap).admin.createPartitions({ topics: [{ name: topic, count }] } as never);
  await waitForLeaders(bootstrap, topic, count);
}

const buf = (v: string | Uint8Array | null | undefined) =>
  v === null || v === undefined ? undefined : typeof v === "string" ? Buffer.from(v) : Buffer.from(v);

export async function produce(bootstrap: string, topic: string, messages: TestMessage[]): Promise<void> {
  const chunk = 5000;
  // Partition numbers are taken modulo the partition count the producer knows: refresh it.
  await clientsFor(bootstrap).producer.metadata({ topics: [topic], forceUpdate: true });
  for (let i = 0; i < messages.length; i += chunk) {
    await clientsFor(bootstrap).producer.send({
      acks: -1,
      messages: messages.slice(i, i + chunk).map((m) => ({
        topic,
        key: buf(m.key),
        value: buf(m.value),
        partition: m.partition ?? 0,
        timestamp: m.timestamp === undefined ? undefined : BigInt(m.timestamp),
        headers: m.headers === undefined ? undefined : new Map(m.headers.map(([k, v]) => [Buffer.from(k), Buffer.from(v)])),
      })),
    });
  }
}

export interface ReadMessage {
  key: string | null;
  value: string | null;
  partition: number;
  offset: number;
  headers: [string, string][];
}

/**
 * Reads every record of `topic` (all partitions, from the beginning) as text, optionally as a
 * read_committed consumer (only committed transactions).
 */
export async function readAll(bootstrap: string, topic: string, readCommitted = false): Promise<ReadMessage[]> {
  const consumer = new Consumer({ clientId: "sluice-test-read", groupId: `sluice-test-${crypto.randomUUID()}`, bootstrapBrokers: [bootstrap] });
  try {
    const isolationLevel = readCommitted ? 1 : 0;
    // A topic the sink just created may take a moment to reach the broker's metadata cache.
    for (let i = 0; ; i++) {
      try {
        await consumer.metadata({ topics: [topic], forceUpdate: true });
        break;
      } catch (e) {
        if (i >= 50 || !/Unknown topic/i.test(String((e as Error).message))) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    let ends = (await consumer.listOffsets({ topics: [topic], isolationLevel })).get(topic)!.map(Number);
    // A committed transaction's markers land just after the commit returns: wait for the stable
    // offset to catch up with the log end (or for a transaction that stays open).
    for (let i = 0; readCommitted && i < 50; i++) {
      const high = (await consumer.listOffsets({ topics: [topic], isolationLevel: 0 })).get(topic)!.map(Number);
      if (high.every((h, p) => h <= ends[p]! + 0)) break;
      await new Promise((r) => setTimeout(r, 100));
      ends = (await consumer.listOffsets({ topics: [topic], isolationLevel })).get(topic)!.map(Number);
    }
    const md = await consumer.metadata({ topics: [topic] });
    const meta = md.topics.get(topic)!;
    const out: ReadMessage[] = [];
    for (let p = 0; p < ends.length; p++) {
      let at = 0;
      while (at < ends[p]!) {
        const resp = await consumer.fetch({
          node: meta.partitions[p]!.leader,
          isolationLevel,
          maxWaitTime: 100,
          topics: [{ topicId: meta.id, partitions: [{ partition: p, currentLeaderEpoch: -1, fetchOffset: BigInt(at), lastFetchedEpoch: -1, partitionMaxBytes: 8 << 20 }] }],
        });
        const part = resp.responses[0]!.partitions[0]!;
        const rows: unknown[][] = [];
        const { nextOffset } = decodeBatches((part.records ?? []) as never, topic, p, at, ends[p]!, true, readCommitted ? (part.abortedTransactions ?? []) as never : null, rows);
        for (const r of rows) {
          const text = (b: unknown) => (b === null ? null : new TextDecoder().decode(b as Uint8Array));
          out.push({
            key: text(r[0]),
            value: text(r[1]),
            partition: p,
            offset: r[4] as number,
            headers: (r[7] as [string, Uint8Array][]).map(([k, v]) => [k, text(v)!]),
          });
        }
        if (nextOffset <= at) break;
        at = nextOffset;
      }
    }
    return out;
  } finally {
    await consumer.close(true);
  }
}

// ---- reading back what the sink wrote with the client library's own decoding (independent of
// Sluice's record_batch.ts), honouring read_committed as Kafka's consumer does ----

/** The parts of a fetched record batch this file reads (the client library's RecordsBatch). */
export interface FetchedBatch {
  firstOffset: bigint;
  lastOffsetDelta: number;
  attributes: number;
  firstTimestamp: bigint;
  maxTimestamp: bigint;
  producerId: bigint;
  records: {
    timestampDelta: bigint;
    offsetDelta: number;
    key: Uint8Array | null;
    value: Uint8Array | null;
    headers: [Uint8Array | null, Uint8Array | null][];
  }[];
}

export interface AbortedTransaction {
  producerId: bigint;
  firstOffset: bigint;
}

const TIMESTAMP_LOG_APPEND = 0x08;
const TRANSACTIONAL = 0x10;
const CONTROL = 0x20;
/** Control record type of an abort marker (the key is int16 version, int16 type). */
const ABORT_MARKER = 0;

const utf8 = new TextDecoder();

/** A plain Uint8Array view (the library hands out Buffers; binary values are Uint8Arrays). */
const bytes = (b: Uint8Array | null): Uint8Array | null => (b === null ? null : new Uint8Array(b.buffer, b.byteOffset, b.byteLength));

export interface DecodeResult {
  /** The offset to fetch next: one past the last offset the batches covered. */
  nextOffset: number;
}

/**
 * Appends to `out` the records with from <= offset < until, in offset order. With `aborted` (a
 * read_committed fetch), records of aborted transactions are skipped.
 */
export function decodeBatches(
  batches: readonly FetchedBatch[],
  topic: string,
  partition: number,
  from: number,
  until: number,
  includeHeaders: boolean,
  aborted: readonly AbortedTransaction[] | null,
  out: unknown[][],
): DecodeResult {
  let next = from;
  const pendingAborts = aborted === null ? [] : [...aborted].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : 1));
  const abortedProducers = new Set<bigint>();
  for (const batch of batches) {
    const first = batch.firstOffset;
    const last = first + BigInt(batch.lastOffsetDelta);
    while (pendingAborts.length > 0 && pendingAborts[0]!.firstOffset <= last) abortedProducers.add(pendingAborts.shift()!.producerId);
    const lastNumber = Number(last);
    if (lastNumber + 1 > next) next = lastNumber + 1;
    if ((batch.attributes & CONTROL) !== 0) {
      const key = batch.records[0]?.key;
      if (key && key.length >= 4 && ((key[2]! << 8) | key[3]!) === ABORT_MARKER) abortedProducers.delete(batch.producerId);
      continue;
    }
    if ((batch.attributes & TRANSACTIONAL) !== 0 && abortedProducers.has(batch.producerId)) continue;
    const logAppend = (batch.attributes & TIMESTAMP_LOG_APPEND) !== 0;
    const timestampType = logAppend ? 1 : 0;
    const firstNumber = Number(first);
    const firstTs = Number(batch.firstTimestamp);
    const maxTs = Number(batch.maxTimestamp);
    for (const r of batch.records) {
      const offset = firstNumber + r.offsetDelta;
      if (offset < from || offset >= until) continue;
      const ms = logAppend ? maxTs : firstTs + Number(r.timestampDelta);
      const row: unknown[] = [bytes(r.key), bytes(r.value), topic, partition, offset, ms * 1000, timestampType];
      if (includeHeaders) {
        row.push(r.headers.map(([k, v]) => [k === null ? null : utf8.decode(k), bytes(v)]));
      }
      out.push(row);
    }
  }
  return { nextOffset: next };
}
