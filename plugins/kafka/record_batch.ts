// Kafka's record batches (message format v2, the only one Kafka 4 writes) decoded straight from
// the bytes of a fetch response: headers, CRC-32C, decompression (gzip, snappy, lz4, zstd) and a
// cursor over the records whose keys and values are positions in the buffer, so a value becomes
// a Uint8Array view without a copy. Layout: Kafka's DefaultRecordBatch and DefaultRecord.
import { gunzipSync, zstdDecompressSync } from "node:zlib";
import { codecs } from "./codecs.ts";
import { crc32c } from "./crc32c.ts";

/** baseOffset(8) batchLength(4): what precedes every batch's length-counted part. */
const LOG_OVERHEAD = 12;
/** From baseOffset to the first record. */
export const BATCH_HEADER_BYTES = 61;
const MAGIC_AT = 16;
const CRC_AT = 17;
const ATTRIBUTES_AT = 21;

export const COMPRESSION_MASK = 0x07;
export const TIMESTAMP_LOG_APPEND = 0x08;
export const TRANSACTIONAL = 0x10;
export const CONTROL = 0x20;

const CODECS = ["none", "gzip", "snappy", "lz4", "zstd"];

/** A record batch's header, located at [start, end) of the buffer it was read from. */
export interface BatchHeader {
  start: number;
  end: number;
  baseOffset: number;
  lastOffsetDelta: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  count: number;
}

/** A batch that cannot be read: corrupt, or in a form this reader does not take. */
export class RecordBatchError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = "RecordBatchError";
  }
}

const int64 = (v: DataView, at: number): number => v.getInt32(at) * 4294967296 + v.getUint32(at + 4);

/**
 * The complete batches in bytes[start, end). A fetch response may end with a batch cut short by
 * the size limit: it is left out (the next fetch starts at its offset). Only magic 2 is decoded;
 * older message formats (magic 0 and 1, Kafka before 0.11) are refused.
 */
export function readBatchHeaders(bytes: Uint8Array, start = 0, end = bytes.length): BatchHeader[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: BatchHeader[] = [];
  let at = start;
  while (end - at >= LOG_OVERHEAD) {
    const length = view.getInt32(at + 8);
    const batchEnd = at + LOG_OVERHEAD + length;
    if (batchEnd > end) break;
    const baseOffset = int64(view, at);
    if (length < BATCH_HEADER_BYTES - LOG_OVERHEAD) {
      if (length >= 5 && bytes[at + MAGIC_AT]! < 2) throw oldFormat(bytes[at + MAGIC_AT]!, baseOffset);
      throw new RecordBatchError(`Record batch at offset ${baseOffset} is too short (${length} bytes)`, baseOffset);
    }
    const magic = bytes[at + MAGIC_AT]!;
    if (magic !== 2) {
      if (magic < 2) throw oldFormat(magic, baseOffset);
      throw new RecordBatchError(`Record batch at offset ${baseOffset} has unknown magic byte ${magic}`, baseOffset);
    }
    out.push({
      start: at,
      end: batchEnd,
      baseOffset,
      partitionLeaderEpoch: view.getInt32(at + 12),
      magic,
      crc: view.getUint32(at + CRC_AT),
      attributes: view.getInt16(at + ATTRIBUTES_AT),
      lastOffsetDelta: view.getInt32(at + 23),
      baseTimestamp: int64(view, at + 27),
      maxTimestamp: int64(view, at + 35),
      producerId: int64(view, at + 43),
      producerEpoch: view.getInt16(at + 51),
      baseSequence: view.getInt32(at + 53),
      count: view.getInt32(at + 57),
    });
    at = batchEnd;
  }
  return out;
}

function oldFormat(magic: number, offset: number): RecordBatchError {
  return new RecordBatchError(
    `Record batch at offset ${offset} uses message format v${magic} (Kafka before 0.11), which Sluice does not read; ` +
      "the topic's data must be in format v2 (any producer since Kafka 0.11 writes it).",
    offset,
  );
}

/** Whether the batch's stored CRC-32C matches its bytes (attributes to the end). */
export function crcMatches(bytes: Uint8Array, h: BatchHeader): boolean {
  return crc32c(bytes, h.start + ATTRIBUTES_AT, h.end) === h.crc;
}

/** The compression codec's name for a batch's attributes. */
export function codecOf(attributes: number): string {
  return CODECS[attributes & COMPRESSION_MASK] ?? `unknown codec ${attributes & COMPRESSION_MASK}`;
}

/** xerial snappy-java's stream header (Java producers frame snappy blocks this way). */
const XERIAL_MAGIC = [0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00];

function snappy(data: Uint8Array): Uint8Array {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const { snappyDecompress } = codecs();
  if (data.length < 16 || XERIAL_MAGIC.some((b, i) => data[i] !== b)) return snappyDecompress(buf);
  const parts: Uint8Array[] = [];
  let at = 16;
  while (at < data.length) {
    if (at + 4 > data.length) throw new Error("truncated xerial snappy block length");
    const n = buf.readUInt32BE(at);
    at += 4;
    if (at + n > data.length) throw new Error("truncated xerial snappy block");
    parts.push(snappyDecompress(buf.subarray(at, at + n)));
    at += n;
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/**
 * The bytes holding a batch's records: a view of `bytes` when the batch is not compressed, else
 * the decompressed records.
 */
export function recordBytes(bytes: Uint8Array, h: BatchHeader): { bytes: Uint8Array; start: number; end: number } {
  const start = h.start + BATCH_HEADER_BYTES;
  const codec = h.attributes & COMPRESSION_MASK;
  if (codec === 0) return { bytes, start, end: h.end };
  const data = bytes.subarray(start, h.end);
  let out: Uint8Array;
  try {
    switch (codec) {
      case 1: out = gunzipSync(data); break;
      case 2: out = snappy(data); break;
      case 3: out = codecs().lz4Decompress(Buffer.from(data.buffer, data.byteOffset, data.byteLength)); break;
      case 4: out = zstdDecompressSync(data); break;
      default:
        throw new RecordBatchError(`Record batch at offset ${h.baseOffset} uses an unknown compression codec (${codec})`, h.baseOffset);
    }
  } catch (e) {
    if (e instanceof RecordBatchError) throw e;
    throw new RecordBatchError(
      `Record batch at offset ${h.baseOffset} could not be decompressed (${codecOf(h.attributes)}): ${(e as Error).message}`,
      h.baseOffset,
    );
  }
  return { bytes: out, start: 0, end: out.length };
}

/**
 * Walks the records of one batch. After next() returns true the fields describe the record:
 * key and value as (start, length) in `bytes`, length -1 for null.
 */
export class RecordCursor {
  offsetDelta = 0;
  timestampDelta = 0;
  keyStart = 0;
  keyLength = -1;
  valueStart = 0;
  valueLength = -1;
  headersStart = 0;
  headerCount = 0;
  #p: number;
  #left: number;

  constructor(readonly bytes: Uint8Array, start: number, private readonly end: number, count: number, private readonly baseOffset = 0) {
    this.#p = start;
    this.#left = count;
  }

  next(): boolean {
    if (this.#left === 0) {
      if (this.#p !== this.end) this.#corrupt("records end before the batch does");
      return false;
    }
    this.#left--;
    const length = this.#varint();
    const recordEnd = this.#p + length;
    if (length < 0 || recordEnd > this.end) this.#corrupt("a record runs past its batch");
    this.#p++; // attributes (unused)
    this.timestampDelta = this.#varlong();
    this.offsetDelta = this.#varint();
    let n = this.#varint();
    this.keyStart = this.#p;
    this.keyLength = n;
    if (n > 0) this.#p += n;
    n = this.#varint();
    this.valueStart = this.#p;
    this.valueLength = n;
    if (n > 0) this.#p += n;
    this.headerCount = this.#varint();
    this.headersStart = this.#p;
    if (this.#p > recordEnd || (this.headerCount === 0 && this.#p !== recordEnd)) this.#corrupt("a record's length does not match its fields");
    this.#p = recordEnd;
    return true;
  }

  /** The current record's headers: [key, value] with null values kept. */
  headers(): [string, Uint8Array | null][] {
    const out: [string, Uint8Array | null][] = [];
    const saved = this.#p;
    this.#p = this.headersStart;
    for (let i = 0; i < this.headerCount; i++) {
      const kn = this.#varint();
      if (kn < 0) this.#corrupt("a header has a null key");
      const key = utf8.decode(this.bytes.subarray(this.#p, this.#p + kn));
      this.#p += kn;
      const vn = this.#varint();
      out.push([key, vn < 0 ? null : this.bytes.subarray(this.#p, this.#p + vn)]);
      if (vn > 0) this.#p += vn;
    }
    if (this.#p !== saved) this.#corrupt("a record's length does not match its headers");
    return out;
  }

  #corrupt(what: string): never {
    throw new RecordBatchError(`Corrupt record batch at offset ${this.baseOffset}: ${what}`, this.baseOffset);
  }

  /** A zigzag varint of up to 32 bits. */
  #varint(): number {
    const b = this.bytes;
    let p = this.#p;
    let x = b[p++]!;
    let v = x & 0x7f;
    if (x >= 0x80) {
      x = b[p++]!;
      v |= (x & 0x7f) << 7;
      if (x >= 0x80) {
        x = b[p++]!;
        v |= (x & 0x7f) << 14;
        if (x >= 0x80) {
          x = b[p++]!;
          v |= (x & 0x7f) << 21;
          if (x >= 0x80) {
            x = b[p++]!;
            if (x > 0x0f) this.#corrupt("a varint is longer than 5 bytes");
            v |= x << 28;
          }
        }
      }
    }
    this.#p = p;
    return (v >>> 1) ^ -(v & 1);
  }

  /** A zigzag varint of up to 64 bits, as a number (exact below 2^53). */
  #varlong(): number {
    const b = this.bytes;
    let p = this.#p;
    let x = b[p++]!;
    if (x < 0x80) {
      this.#p = p;
      return (x >>> 1) ^ -(x & 1);
    }
    let v = x & 0x7f;
    let scale = 128;
    for (let i = 1; ; i++) {
      if (i >= 10) this.#corrupt("a varlong is longer than 10 bytes");
      x = b[p++]!;
      v += (x & 0x7f) * scale;
      if (x < 0x80) break;
      scale *= 128;
    }
    this.#p = p;
    // zigzag: even → v/2, odd → -(v+1)/2
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }
}

const utf8 = new TextDecoder();

/** Control record type of an abort marker (a control record's key is int16 version, int16 type). */
export const ABORT_MARKER = 0;
export const COMMIT_MARKER = 1;

/** The type of the control record that a control batch holds (-1 if it holds none). */
export function controlType(bytes: Uint8Array, h: BatchHeader): number {
  const r = recordBytes(bytes, h);
  const c = new RecordCursor(r.bytes, r.start, r.end, h.count, h.baseOffset);
  if (!c.next() || c.keyLength < 4) return -1;
  return (r.bytes[c.keyStart + 2]! << 8) | r.bytes[c.keyStart + 3]!;
}
