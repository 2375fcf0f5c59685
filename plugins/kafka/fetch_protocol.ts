// Kafka's Fetch request (API key 1) written and its response read by Sluice itself, versions 4 to
// 17, so that a response's record sections stay bytes (views of one buffer) for record_batch.ts
// instead of becoming objects per record. Field layout: Kafka's FetchRequest.json and
// FetchResponse.json; v12 made the messages "flexible" (compact arrays, tagged fields), v13 named
// topics by id, v15 moved replica_id out of the body.

export const FETCH_API_KEY = 1;
export const MIN_FETCH_VERSION = 4;
export const MAX_FETCH_VERSION = 17;

export interface FetchPartitionRequest {
  partition: number;
  currentLeaderEpoch: number;
  fetchOffset: number;
  partitionMaxBytes: number;
}

export interface FetchTopicRequest {
  /** The name (versions < 13) and id (13+); both are known from metadata. */
  topic: string;
  topicId: string;
  partitions: FetchPartitionRequest[];
}

export interface FetchRequest {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  isolationLevel: 0 | 1;
  topics: FetchTopicRequest[];
}

export interface AbortedTransaction {
  producerId: number;
  firstOffset: number;
}

export interface FetchPartitionResponse {
  partition: number;
  errorCode: number;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
  abortedTransactions: AbortedTransaction[] | null;
  /** The partition's record batches: [recordsStart, recordsEnd) of the response's `bytes`. */
  recordsStart: number;
  recordsEnd: number;
}

export interface FetchTopicResponse {
  /** Name for versions < 13; for 13+ the id (the caller maps it back). */
  topic: string;
  topicId: string;
  partitions: FetchPartitionResponse[];
}

export interface FetchResponse {
  throttleTimeMs: number;
  errorCode: number;
  /** The whole response body; every partition's records are a range of it. */
  bytes: Uint8Array;
  topics: FetchTopicResponse[];
}

/** A growable big-endian byte writer for requests (small: a few hundred bytes). */
class Out {
  buf = new Uint8Array(256);
  view = new DataView(this.buf.buffer);
  n = 0;

  #room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  i8(v: number): void {
    this.#room(1);
    this.view.setInt8(this.n, v);
    this.n += 1;
  }
  i16(v: number): void {
    this.#room(2);
    this.view.setInt16(this.n, v);
    this.n += 2;
  }
  i32(v: number): void {
    this.#room(4);
    this.view.setInt32(this.n, v);
    this.n += 4;
  }
  i64(v: number): void {
    this.#room(8);
    this.view.setBigInt64(this.n, BigInt(v));
    this.n += 8;
  }
  uvarint(v: number): void {
    this.#room(5);
    while (v >= 0x80) {
      this.buf[this.n++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.n++] = v;
  }
  bytes(b: Uint8Array): void {
    this.#room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }
  /** A string: int16 length (classic) or unsigned varint length + 1 (compact); null as -1 / 0. */
  string(s: string | null, compact: boolean): void {
    if (s === null) {
      if (compact) this.uvarint(0);
      else this.i16(-1);
      return;
    }
    const b = utf8.encode(s);
    if (compact) this.uvarint(b.length + 1);
    else this.i16(b.length);
    this.bytes(b);
  }
  arrayLength(n: number, compact: boolean): void {
    if (compact) this.uvarint(n + 1);
    else this.i32(n);
  }
  uuid(id: string): void {
    const hex = id.replaceAll("-", "");
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a topic id: ${id}`);
    this.bytes(Buffer.from(hex, "hex"));
  }
  done(): Uint8Array {
    return this.buf.subarray(0, this.n);
  }
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** The request body (after the request header) for `version`. */
export function encodeFetchRequest(version: number, r: FetchRequest): Uint8Array {
  if (version < MIN_FETCH_VERSION || version > MAX_FETCH_VERSION) throw new Error(`Fetch v${version} is not supported`);
  const flexible = version >= 12;
  const o = new Out();
  if (version < 15) o.i32(-1); // replica_id: a consumer
  o.i32(r.maxWaitMs);
  o.i32(r.minBytes);
  o.i32(r.maxBytes);
  o.i8(r.isolationLevel);
  if (version >= 7) {
    o.i32(0); // session_id: none
    o.i32(-1); // session_epoch: a full fetch outside any session
  }
  o.arrayLength(r.topics.length, flexible);
  for (const t of r.topics) {
    if (version >= 13) o.uuid(t.topicId);
    else o.string(t.topic, flexible);
    o.arrayLength(t.partitions.length, flexible);
    for (const p of t.partitions) {
      o.i32(p.partition);
      if (version >= 9) o.i32(p.currentLeaderEpoch);
      o.i64(p.fetchOffset);
      if (version >= 12) o.i32(-1); // last_fetched_epoch
      if (version >= 5) o.i64(-1); // log_start_offset (followers only)
      o.i32(p.partitionMaxBytes);
      if (flexible) o.uvarint(0);
    }
    if (flexible) o.uvarint(0);
  }
  if (version >= 7) o.arrayLength(0, flexible); // forgotten_topics_data
  if (version >= 11) o.string("", flexible); // rack_id
  if (flexible) o.uvarint(0);
  return o.done();
}

/** A big-endian reader over the response body. */
class In {
  p = 0;
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  #need(k: number): void {
    if (this.p + k > this.bytes.length) throw new Error(`Fetch response ends early (at byte ${this.p} of ${this.bytes.length})`);
  }
  i16(): number {
    this.#need(2);
    const v = this.view.getInt16(this.p);
    this.p += 2;
    return v;
  }
  i32(): number {
    this.#need(4);
    const v = this.view.getInt32(this.p);
    this.p += 4;
    return v;
  }
  i64(): number {
    this.#need(8);
    const v = this.view.getInt32(this.p) * 4294967296 + this.view.getUint32(this.p + 4);
    this.p += 8;
    return v;
  }
  uvarint(): number {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 5; i++) {
      this.#need(1);
      const b = this.bytes[this.p++]!;
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 128;
    }
    throw new Error("Fetch response has a varint longer than 5 bytes");
  }
  skip(k: number): void {
    this.#need(k);
    this.p += k;
  }
  string(compact: boolean): string {
    const n = compact ? this.uvarint() - 1 : this.i16();
    if (n < 0) return "";
    this.#need(n);
    const s = utf8Decoder.decode(this.bytes.subarray(this.p, this.p + n));
    this.p += n;
    return s;
  }
  arrayLength(compact: boolean): number {
    return compact ? this.uvarint() - 1 : this.i32();
  }
  uuid(): string {
    this.#need(16);
    const h = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.p, 16).toString("hex");
    this.p += 16;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  /** Skips a tagged-field section. */
  tags(): void {
    const n = this.uvarint();
    for (let i = 0; i < n; i++) {
      this.uvarint();
      this.skip(this.uvarint());
    }
  }
}

/** Reads a Fetch response body (after the response header) of `version`. */
export function parseFetchResponse(version: number, bytes: Uint8Array): FetchResponse {
  const flexible = version >= 12;
  const r = new In(bytes);
  const throttleTimeMs = r.i32();
  let errorCode = 0;
  if (version >= 7) {
    errorCode = r.i16();
    r.i32(); // session_id
  }
  const topics: FetchTopicResponse[] = [];
  const topicCount = r.arrayLength(flexible);
  for (let t = 0; t < topicCount; t++) {
    let topic = "";
    let topicId = "";
    if (version >= 13) topicId = r.uuid();
    else topic = r.string(flexible);
    const partitions: FetchPartitionResponse[] = [];
    const partitionCount = r.arrayLength(flexible);
    for (let i = 0; i < partitionCount; i++) {
      const partition = r.i32();
      const pError = r.i16();
      const highWatermark = r.i64();
      const lastStableOffset = r.i64();
      const logStartOffset = version >= 5 ? r.i64() : -1;
      let aborted: AbortedTransaction[] | null = null;
      const abortedCount = r.arrayLength(flexible);
      if (abortedCount >= 0) {
        aborted = [];
        for (let k = 0; k < abortedCount; k++) {
          aborted.push({ producerId: r.i64(), firstOffset: r.i64() });
          if (flexible) r.tags();
        }
      }
      if (version >= 11) r.i32(); // preferred_read_replica
      const size = flexible ? r.uvarint() - 1 : r.i32();
      const recordsStart = r.p;
      const recordsEnd = size > 0 ? recordsStart + size : recordsStart;
      if (size > 0) r.skip(size);
      if (flexible) r.tags(); // diverging_epoch, current_leader, snapshot_id: not needed by a consumer reading ranges
      partitions.push({ partition, errorCode: pError, highWatermark, lastStableOffset, logStartOffset, abortedTransactions: aborted, recordsStart, recordsEnd });
    }
    if (flexible) r.tags();
    topics.push({ topic, topicId, partitions });
  }
  if (flexible) r.tags();
  return { throttleTimeMs, errorCode, bytes, topics };
}
