// Writes Kafka record batches (message format v2) straight into one buffer: each record's key
// and value are copied once (strings encoded in place), the CRC-32C computed over the result, the
// records section compressed when asked. The inverse of record_batch.ts, for the Kafka sink.
import { gzipSync, zstdCompressSync } from "node:zlib";
import { codecs } from "./codecs.ts";
import { crc32c } from "./crc32c.ts";
import { BATCH_HEADER_BYTES, TRANSACTIONAL } from "./record_batch.ts";

export const CODEC_BITS: Record<string, number> = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 };

const utf8 = new TextEncoder();

const zigzag = (v: number) => (v >= 0 ? v * 2 : -v * 2 - 1);

function varintSize(v: number): number {
  let u = zigzag(v);
  let n = 1;
  while (u >= 128) {
    u = Math.floor(u / 128);
    n++;
  }
  return n;
}

export type Bytes = Uint8Array | string | null;

export interface BatchOptions {
  /** Bits 0-2 of the attributes: none, gzip, snappy, lz4, zstd. */
  compression: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  transactional?: boolean;
}

/** Collects records of one topic-partition and writes them as one batch. */
export class RecordBatchBuilder {
  #buf: Uint8Array;
  #p = BATCH_HEADER_BYTES;
  #count = 0;
  #firstTimestamp = 0;
  #maxTimestamp = 0;

  constructor(initialBytes = 64 * 1024) {
    this.#buf = new Uint8Array(Math.max(initialBytes, 256));
  }

  get count(): number {
    return this.#count;
  }

  /** Bytes written so far (header included). */
  get size(): number {
    return this.#p;
  }

  #room(k: number): void {
    if (this.#p + k <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.#p + k));
    next.set(this.#buf.subarray(0, this.#p));
    this.#buf = next;
  }

  #varint(v: number): void {
    let u = zigzag(v);
    const b = this.#buf;
    while (u >= 128) {
      b[this.#p++] = (u % 128) | 0x80;
      u = Math.floor(u / 128);
    }
    b[this.#p++] = u;
  }

  #bytes(x: Bytes, length: number): void {
    if (x === null) {
      this.#varint(-1);
      return;
    }
    this.#varint(length);
    if (typeof x === "string") {
      this.#p += utf8.encodeInto(x, this.#buf.subarray(this.#p, this.#p + length)).written;
    } else {
      this.#buf.set(x, this.#p);
      this.#p += length;
    }
  }

  /** Appends a record; `timestampMs` is its CreateTime. */
  add(key: Bytes, value: Bytes, timestampMs: number, headers?: readonly (readonly [string, Uint8Array | null])[]): void {
    if (this.#count === 0) {
      this.#firstTimestamp = timestampMs;
      this.#maxTimestamp = timestampMs;
    } else if (timestampMs > this.#maxTimestamp) this.#maxTimestamp = timestampMs;
    const keyLen = key === null ? -1 : typeof key === "string" ? Buffer.byteLength(key, "utf8") : key.length;
    const valueLen = value === null ? -1 : typeof value === "string" ? Buffer.byteLength(value, "utf8") : value.length;
    const tsDelta = timestampMs - this.#firstTimestamp;
    const offsetDelta = this.#count;
    let headersLen = varintSize(headers?.length ?? 0);
    const headerKeys: Uint8Array[] = [];
    if (headers) {
      for (const [k, v] of headers) {
        const kb = utf8.encode(k);
        headerKeys.push(kb);
        headersLen += varintSize(kb.length) + kb.length + (v === null ? varintSize(-1) : varintSize(v.length) + v.length);
      }
    }
    const bodyLen = 1 + varintSize(tsDelta) + varintSize(offsetDelta) +
      (keyLen < 0 ? 1 : varintSize(keyLen) + keyLen) + (valueLen < 0 ? 1 : varintSize(valueLen) + valueLen) + headersLen;
    this.#room(bodyLen + 5);
    this.#varint(bodyLen);
    this.#buf[this.#p++] = 0; // attributes
    this.#varint(tsDelta);
    this.#varint(offsetDelta);
    this.#bytes(key, keyLen);
    this.#bytes(value, valueLen);
    this.#varint(headers?.length ?? 0);
    if (headers) {
      for (let h = 0; h < headers.length; h++) {
        this.#bytes(headerKeys[h]!, headerKeys[h]!.length);
        const v = headers[h]![1];
        this.#bytes(v, v === null ? -1 : v.length);
      }
    }
    this.#count++;
  }

  /** The finished batch (base offset 0: the broker assigns offsets). The builder starts over. */
  finish(o: BatchOptions): Uint8Array {
    if (this.#count === 0) throw new Error("an empty record batch");
    let out: Uint8Array;
    // Whether `out` is a copy, so the buffer can take the next batch.
    let copied = true;
    if (o.compression === 0) {
      // A small batch (real-time mode sends what it has) is copied out; a big one is handed over.
      if (this.#p * 4 < this.#buf.length) out = this.#buf.slice(0, this.#p);
      else {
        out = this.#buf.subarray(0, this.#p);
        copied = false;
      }
    } else {
      const records = this.#buf.subarray(BATCH_HEADER_BYTES, this.#p);
      let packed: Uint8Array;
      switch (o.compression) {
        case 1: packed = gzipSync(records); break;
        case 2: packed = codecs().snappyCompress(Buffer.from(records.buffer, records.byteOffset, records.byteLength)); break;
        case 3: packed = codecs().lz4Compress(Buffer.from(records.buffer, records.byteOffset, records.byteLength)); break;
        case 4: packed = zstdCompressSync(records); break;
        default: throw new Error(`unknown compression codec ${o.compression}`);
      }
      out = new Uint8Array(BATCH_HEADER_BYTES + packed.length);
      out.set(packed, BATCH_HEADER_BYTES);
    }
    const v = new DataView(out.buffer, out.byteOffset, out.byteLength);
    v.setBigInt64(0, 0n);
    v.setInt32(8, out.length - 12);
    v.setInt32(12, -1); // partition leader epoch: set by the broker
    out[16] = 2; // magic
    v.setInt16(21, o.compression | (o.transactional ? TRANSACTIONAL : 0));
    v.setInt32(23, this.#count - 1);
    v.setBigInt64(27, BigInt(this.#firstTimestamp));
    v.setBigInt64(35, BigInt(this.#maxTimestamp));
    v.setBigInt64(43, BigInt(o.producerId));
    v.setInt16(51, o.producerEpoch);
    v.setInt32(53, o.baseSequence);
    v.setInt32(57, this.#count);
    v.setUint32(17, crc32c(out, 21, out.length));
    // A fresh buffer for the next batch when the finished one is handed to the network as it is.
    if (!copied) this.#buf = new Uint8Array(this.#buf.length);
    this.#p = BATCH_HEADER_BYTES;
    this.#count = 0;
    return out;
  }
}
