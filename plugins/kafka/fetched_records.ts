// Turns one partition's record batches in a fetch response into rows of the source's schema:
// key and value are views of the fetched buffer (no copy), offsets from..until only, and under
// read_committed the records of aborted transactions and the control markers are left out
// (Kafka's consumer does the same with the response's aborted-transaction list).
import { externalError, longFromBigInt, type Row } from "sluice/plugin-sdk";
import type { AbortedTransaction } from "./fetch_protocol.ts";
import {
  ABORT_MARKER, type BatchHeader, CONTROL, codecOf, controlType, crcMatches, readBatchHeaders, RecordBatchError, recordBytes,
  RecordCursor, TIMESTAMP_LOG_APPEND, TRANSACTIONAL,
} from "./record_batch.ts";

export interface PartitionRecords {
  topic: string;
  partition: number;
  /** The first offset wanted and one past the last. */
  from: number;
  until: number;
  /** The schema has the headers column (includeHeaders). */
  includeHeaders: boolean;
  /** Column pruning: the query reads the key / the headers (a column it does not read is left null, never decoded). */
  readKey?: boolean;
  readHeaders?: boolean;
  /** kafka.check.crcs: verify each batch's CRC-32C (Kafka's default). */
  checkCrcs: boolean;
  /** read_committed: the response's aborted transactions; null under read_uncommitted. */
  aborted: readonly AbortedTransaction[] | null;
}

/** The complete batches of a partition's records section (the last one may be cut short and is left out). */
export function batchesIn(bytes: Uint8Array, start: number, end: number, topic: string, partition: number): BatchHeader[] {
  try {
    return readBatchHeaders(bytes, start, end);
  } catch (e) {
    throw corrupt(e, topic, partition);
  }
}

/** One past the last offset the batches cover (where the next fetch starts), or `at` if none. */
export function nextOffsetAfter(batches: readonly BatchHeader[], at: number): number {
  if (batches.length === 0) return at;
  const last = batches[batches.length - 1]!;
  return Math.max(at, last.baseOffset + last.lastOffsetDelta + 1);
}

function corrupt(e: unknown, topic: string, partition: number): Error {
  if (!(e instanceof RecordBatchError)) return e as Error;
  return externalError("KAFKA_CORRUPT_RECORD", `Topic partition ${topic}-${partition}: ${e.message}`, {
    hint: "The fetched data does not decode as Kafka record batches; check the broker and the topic's data.",
    cause: e,
  });
}

/** Appends the wanted records of `batches` (read from `bytes`) to `out` as rows. */
export function appendRows(bytes: Uint8Array, batches: readonly BatchHeader[], p: PartitionRecords, out: Row[]): void {
  const { topic, partition, from, until, includeHeaders } = p;
  const readKey = p.readKey ?? true;
  const readHeaders = p.readHeaders ?? true;
  const pendingAborts = p.aborted === null ? [] : [...p.aborted].sort((a, b) => a.firstOffset - b.firstOffset);
  const abortedProducers = new Set<number>();
  try {
    for (const h of batches) {
      const last = h.baseOffset + h.lastOffsetDelta;
      if (last < from || h.baseOffset >= until) continue;
      if (p.checkCrcs && !crcMatches(bytes, h)) {
        throw new RecordBatchError(
          `Record batch at offset ${h.baseOffset} is corrupt: its CRC does not match its bytes (${codecOf(h.attributes)}, ${h.end - h.start} bytes)`,
          h.baseOffset,
        );
      }
      while (pendingAborts.length > 0 && pendingAborts[0]!.firstOffset <= last) abortedProducers.add(pendingAborts.shift()!.producerId);
      if ((h.attributes & CONTROL) !== 0) {
        if (controlType(bytes, h) === ABORT_MARKER) abortedProducers.delete(h.producerId);
        continue;
      }
      if ((h.attributes & TRANSACTIONAL) !== 0 && abortedProducers.has(h.producerId)) continue;
      const logAppend = (h.attributes & TIMESTAMP_LOG_APPEND) !== 0;
      const timestampType = logAppend ? 1 : 0;
      const r = recordBytes(bytes, h);
      const b = r.bytes;
      const c = new RecordCursor(b, r.start, r.end, h.count, h.baseOffset);
      const base = h.baseOffset;
      // Offsets beyond 2^53 are bigints (exact longs), read from the batch's own 64 bits.
      const bigBase = last > Number.MAX_SAFE_INTEGER ? new DataView(bytes.buffer, bytes.byteOffset).getBigInt64(h.start) : null;
      const baseTs = h.baseTimestamp;
      const appendMicros = h.maxTimestamp * 1000;
      while (c.next()) {
        let offset: number | bigint = base + c.offsetDelta;
        if (offset < from || offset >= until) continue;
        if (bigBase !== null) offset = longFromBigInt(bigBase + BigInt(c.offsetDelta));
        const key = c.keyLength < 0 || !readKey ? null : b.subarray(c.keyStart, c.keyStart + c.keyLength);
        const value = c.valueLength < 0 ? null : b.subarray(c.valueStart, c.valueStart + c.valueLength);
        const micros = logAppend ? appendMicros : (baseTs + c.timestampDelta) * 1000;
        if (includeHeaders) {
          out.push([key, value, topic, partition, offset, micros, timestampType, readHeaders ? c.headers() : null]);
        } else {
          out.push([key, value, topic, partition, offset, micros, timestampType]);
        }
      }
    }
  } catch (e) {
    throw corrupt(e, topic, partition);
  }
}
