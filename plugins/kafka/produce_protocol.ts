// Kafka's Produce request (API key 0) written and its response read by Sluice, versions 3 to 12,
// for the Kafka sink's record batches built by record_batch_builder.ts. Field layout: Kafka's
// ProduceRequest.json and ProduceResponse.json; v9 made the messages flexible.

export const PRODUCE_API_KEY = 0;
export const MIN_PRODUCE_VERSION = 3;
export const MAX_PRODUCE_VERSION = 12;

export interface ProduceRequest {
  /** -1 (all in-sync replicas), 0 (none: no response at all) or 1 (the leader). */
  acks: number;
  timeoutMs: number;
  topics: { topic: string; partitions: { partition: number; batch: Uint8Array }[] }[];
}

export interface ProducePartitionResponse {
  partition: number;
  errorCode: number;
  baseOffset: number;
  errorMessage: string | null;
}

export interface ProduceResponse {
  topics: { topic: string; partitions: ProducePartitionResponse[] }[];
  throttleTimeMs: number;
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

class Out {
  parts: Uint8Array[] = [];
  cur = new Uint8Array(512);
  view = new DataView(this.cur.buffer);
  n = 0;

  #room(k: number): void {
    if (this.n + k <= this.cur.length) return;
    this.flush();
    if (k > this.cur.length) {
      this.cur = new Uint8Array(k);
      this.view = new DataView(this.cur.buffer);
    }
  }
  flush(): void {
    if (this.n > 0) this.parts.push(this.cur.slice(0, this.n));
    this.n = 0;
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
  uvarint(v: number): void {
    this.#room(5);
    while (v >= 0x80) {
      this.cur[this.n++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.cur[this.n++] = v;
  }
  string(s: string | null, compact: boolean): void {
    if (s === null) {
      if (compact) this.uvarint(0);
      else this.i16(-1);
      return;
    }
    const b = utf8.encode(s);
    if (compact) this.uvarint(b.length + 1);
    else this.i16(b.length);
    this.#room(b.length);
    this.cur.set(b, this.n);
    this.n += b.length;
  }
  /** Large byte blocks (record batches) are kept as they are, not copied. */
  block(b: Uint8Array): void {
    this.flush();
    this.parts.push(b);
  }
  done(): Uint8Array[] {
    this.flush();
    return this.parts;
  }
}

/** The request body (after the request header) for `version`, as a list of buffers to send in order. */
export function encodeProduceRequest(version: number, r: ProduceRequest): Uint8Array[] {
  if (version < MIN_PRODUCE_VERSION || version > MAX_PRODUCE_VERSION) throw new Error(`Produce v${version} is not supported`);
  const flexible = version >= 9;
  const o = new Out();
  o.string(null, flexible); // transactional_id
  o.i16(r.acks);
  o.i32(r.timeoutMs);
  const len = (n: number) => (flexible ? o.uvarint(n + 1) : o.i32(n));
  len(r.topics.length);
  for (const t of r.topics) {
    o.string(t.topic, flexible);
    len(t.partitions.length);
    for (const p of t.partitions) {
      o.i32(p.partition);
      if (flexible) o.uvarint(p.batch.length + 1);
      else o.i32(p.batch.length);
      o.block(p.batch);
      if (flexible) o.uvarint(0);
    }
    if (flexible) o.uvarint(0);
  }
  if (flexible) o.uvarint(0);
  return o.done();
}

class In {
  p = 0;
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  #need(k: number): void {
    if (this.p + k > this.bytes.length) throw new Error(`Produce response ends early (at byte ${this.p} of ${this.bytes.length})`);
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
    throw new Error("Produce response has a varint longer than 5 bytes");
  }
  string(compact: boolean): string | null {
    const n = compact ? this.uvarint() - 1 : this.i16();
    if (n < 0) return null;
    this.#need(n);
    const s = utf8Decoder.decode(this.bytes.subarray(this.p, this.p + n));
    this.p += n;
    return s;
  }
  arrayLength(compact: boolean): number {
    return compact ? this.uvarint() - 1 : this.i32();
  }
  tags(): void {
    const n = this.uvarint();
    for (let i = 0; i < n; i++) {
      this.uvarint();
      const size = this.uvarint();
      this.#need(size);
      this.p += size;
    }
  }
}

export function parseProduceResponse(version: number, bytes: Uint8Array): ProduceResponse {
  const flexible = version >= 9;
  const r = new In(bytes);
  const topics: ProduceResponse["topics"] = [];
  const topicCount = r.arrayLength(flexible);
  for (let t = 0; t < topicCount; t++) {
    const topic = r.string(flexible) ?? "";
    const partitions: ProducePartitionResponse[] = [];
    const count = r.arrayLength(flexible);
    for (let i = 0; i < count; i++) {
      const partition = r.i32();
      const errorCode = r.i16();
      const baseOffset = r.i64();
      r.i64(); // log_append_time_ms
      if (version >= 5) r.i64(); // log_start_offset
      let errorMessage: string | null = null;
      if (version >= 8) {
        const recordErrors = r.arrayLength(flexible);
        for (let k = 0; k < recordErrors; k++) {
          r.i32();
          r.string(flexible);
          if (flexible) r.tags();
        }
        errorMessage = r.string(flexible);
      }
      if (flexible) r.tags();
      partitions.push({ partition, errorCode, baseOffset, errorMessage });
    }
    if (flexible) r.tags();
    topics.push({ topic, partitions });
  }
  const throttleTimeMs = r.i32();
  if (flexible) r.tags();
  return { topics, throttleTimeMs };
}
