// Turns the record batches of a Kafka fetch response into rows of the source's schema, honouring
// read_committed (records of aborted transactions and control markers are dropped).
import type { Row } from "sluice/plugin-sdk";

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
  out: Row[],
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
      const row: Row = [bytes(r.key), bytes(r.value), topic, partition, offset, ms * 1000, timestampType];
      if (includeHeaders) {
        row.push(r.headers.map(([k, v]) => [k === null ? null : utf8.decode(k), bytes(v)]));
      }
      out.push(row);
    }
  }
  return { nextOffset: next };
}
