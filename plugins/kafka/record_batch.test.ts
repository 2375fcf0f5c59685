import { beforeAll, describe, expect, test } from "bun:test";
import { loadCodecs } from "./codecs.ts";
import { createRecordsBatch } from "@platformatic/kafka";
import { gzipSync } from "node:zlib";
import { crc32c } from "./crc32c.ts";
import { appendRows } from "./fetched_records.ts";
import {
  BATCH_HEADER_BYTES, crcMatches, readBatchHeaders, RecordBatchError, recordBytes, RecordCursor,
} from "./record_batch.ts";

const text = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString());

/** A batch as a producer writes it (the client library's encoder), at base offset `base`. */
function batch(messages: { key?: string; value: string | null; ts?: number; headers?: [string, string][] }[], compression = "none", base = 0): Uint8Array {
  const w = createRecordsBatch(
    messages.map((m) => ({
      topic: "t",
      key: m.key === undefined ? undefined : Buffer.from(m.key),
      value: m.value === null ? null : Buffer.from(m.value),
      timestamp: BigInt(m.ts ?? 1_700_000_000_000),
      headers: new Map((m.headers ?? []).map(([k, v]) => [Buffer.from(k), Buffer.from(v)])),
    })) as never,
    { compression } as never,
  );
  const bytes = new Uint8Array(w.buffer);
  // The encoder writes base offset 0; a broker assigns it (outside the CRC).
  new DataView(bytes.buffer, bytes.byteOffset).setBigInt64(0, BigInt(base));
  return bytes;
}

function decode(bytes: Uint8Array) {
  const out: { offset: number; ts: number; key: string | null; value: string | null; headers: [string, string | null][] }[] = [];
  for (const h of readBatchHeaders(bytes)) {
    expect(crcMatches(bytes, h)).toBe(true);
    const r = recordBytes(bytes, h);
    const c = new RecordCursor(r.bytes, r.start, r.end, h.count, h.baseOffset);
    while (c.next()) {
      out.push({
        offset: h.baseOffset + c.offsetDelta,
        ts: h.baseTimestamp + c.timestampDelta,
        key: c.keyLength < 0 ? null : text(r.bytes.subarray(c.keyStart, c.keyStart + c.keyLength)),
        value: c.valueLength < 0 ? null : text(r.bytes.subarray(c.valueStart, c.valueStart + c.valueLength)),
        headers: c.headers().map(([k, v]) => [k, text(v)]),
      });
    }
  }
  return out;
}

beforeAll(loadCodecs);

describe("crc32c", () => {
  test("the check value of the Castagnoli polynomial", () => {
    expect(crc32c(new TextEncoder().encode("123456789"))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(0);
    // Lengths around the 8-byte stride agree with a byte-at-a-time reference.
    const data = new Uint8Array(40).map((_, i) => (i * 37 + 11) & 0xff);
    const slow = (b: Uint8Array) => {
      let c = 0xffffffff;
      for (const x of b) {
        c ^= x;
        for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
      }
      return (c ^ 0xffffffff) >>> 0;
    };
    for (let n = 0; n <= 40; n++) expect(crc32c(data, 0, n)).toBe(slow(data.subarray(0, n)));
    expect(crc32c(data, 3, 29)).toBe(slow(data.subarray(3, 29)));
  });
});

describe("record batches", () => {
  const messages = [
    { key: "k1", value: '{"a":1}', ts: 1_700_000_000_000 },
    { value: null, ts: 1_700_000_000_250 },
    { key: "", value: "", ts: 1_699_999_999_000, headers: [["h", "x"], ["empty", ""]] as [string, string][] },
    { key: "long", value: "v".repeat(300), ts: 1_700_000_100_000 },
  ];

  for (const codec of ["none", "gzip", "snappy", "lz4", "zstd"]) {
    test(`decodes a ${codec} batch: offsets, timestamps, null and empty keys and values, headers`, () => {
      const got = decode(batch(messages, codec, 1000));
      expect(got.map((r) => r.offset)).toEqual([1000, 1001, 1002, 1003]);
      expect(got.map((r) => r.ts)).toEqual(messages.map((m) => m.ts));
      expect(got.map((r) => r.key)).toEqual(["k1", null, "", "long"]);
      expect(got.map((r) => r.value)).toEqual(['{"a":1}', null, "", "v".repeat(300)]);
      expect(got[2]!.headers).toEqual([["h", "x"], ["empty", ""]]);
    });
  }

  test("uncompressed values are views of the fetched buffer, not copies", () => {
    const bytes = batch([{ value: "hello" }]);
    const [h] = readBatchHeaders(bytes);
    const r = recordBytes(bytes, h!);
    expect(r.bytes).toBe(bytes);
    const c = new RecordCursor(r.bytes, r.start, r.end, h!.count);
    expect(c.next()).toBe(true);
    expect(c.valueStart).toBeGreaterThan(BATCH_HEADER_BYTES);
  });

  test("several batches back to back; a batch cut short at the end is left for the next fetch", () => {
    const a = batch([{ value: "a" }, { value: "b" }], "none", 0);
    const b = batch([{ value: "c" }], "gzip", 2);
    const c = batch([{ value: "d" }], "none", 3);
    const all = Buffer.concat([a, b, c.subarray(0, c.length - 5)]);
    const headers = readBatchHeaders(all);
    expect(headers.map((h) => [h.baseOffset, h.lastOffsetDelta, h.count])).toEqual([[0, 1, 2], [2, 0, 1]]);
    expect(decode(new Uint8Array(all.subarray(0, a.length + b.length))).map((r) => r.value)).toEqual(["a", "b", "c"]);
    // Fewer bytes than a batch's size field: nothing.
    expect(readBatchHeaders(all.subarray(0, 10))).toEqual([]);
  });

  test("a flipped bit fails the CRC check", () => {
    const bytes = batch([{ value: "payload" }]);
    bytes[bytes.length - 3]! ^= 0x01;
    const [h] = readBatchHeaders(bytes);
    expect(crcMatches(bytes, h!)).toBe(false);
  });

  test("offsets and timestamps beyond 32 bits are exact", () => {
    const bytes = batch([{ value: "x", ts: 4_102_444_800_000 }], "none", 2 ** 40 + 7);
    const [h] = readBatchHeaders(bytes);
    expect(h!.baseOffset).toBe(2 ** 40 + 7);
    expect(h!.baseTimestamp).toBe(4_102_444_800_000);
  });

  test("rows carry offsets beyond 2^53 exactly, as canonical longs (bigints)", () => {
    const base = 2n ** 53n - 1n;
    const bytes = batch([{ value: "a" }, { value: "b" }, { value: "c" }], "none", 0);
    new DataView(bytes.buffer, bytes.byteOffset).setBigInt64(0, base);
    const rows: unknown[][] = [];
    const p = { topic: "t", partition: 0, from: 0, until: Number.MAX_VALUE, includeHeaders: false, checkCrcs: true, aborted: null };
    appendRows(bytes, readBatchHeaders(bytes), p, rows as never);
    expect(rows.map((r) => r[4])).toEqual([9007199254740991, 9007199254740992n, 9007199254740993n]);
    const small: unknown[][] = [];
    appendRows(batch([{ value: "a" }], "none", 5), readBatchHeaders(batch([{ value: "a" }], "none", 5)), p, small as never);
    expect(small[0]![4]).toBe(5);
  });

  test("column pruning: a key or headers the query does not read are left null, not decoded", () => {
    const bytes = batch([{ key: "k", value: "v", headers: [["h", "x"]] }]);
    const p = { topic: "t", partition: 0, from: 0, until: 10, includeHeaders: true, checkCrcs: true, aborted: null };
    const all: unknown[][] = [];
    appendRows(bytes, readBatchHeaders(bytes), p, all as never);
    expect(text(all[0]![0] as Uint8Array)).toBe("k");
    expect((all[0]![7] as unknown[]).length).toBe(1);
    const pruned: unknown[][] = [];
    appendRows(bytes, readBatchHeaders(bytes), { ...p, readKey: false, readHeaders: false }, pruned as never);
    expect(pruned[0]!.length).toBe(8);
    expect([pruned[0]![0], pruned[0]![7]]).toEqual([null, null]);
    expect(text(pruned[0]![1] as Uint8Array)).toBe("v");
  });

  test("message formats v0/v1 are refused with a clear error", () => {
    const old = new Uint8Array(40);
    const v = new DataView(old.buffer);
    v.setBigInt64(0, 5n);
    v.setInt32(8, 28);
    old[16] = 1; // magic at the same position as v2's
    expect(() => readBatchHeaders(old)).toThrow(/message format v1/);
    expect(() => readBatchHeaders(old)).toThrow(RecordBatchError);
  });

  test("a corrupt record length is an error, not a read past the batch", () => {
    const bytes = batch([{ value: "abc" }]);
    const [h] = readBatchHeaders(bytes);
    bytes[h!.start + BATCH_HEADER_BYTES] = 0x7e; // record length 63: beyond the batch
    const c = new RecordCursor(bytes, h!.start + BATCH_HEADER_BYTES, h!.end, h!.count, 0);
    expect(() => c.next()).toThrow(/runs past its batch/);
  });

  test("a compressed batch that does not decompress names the codec", () => {
    const bytes = batch([{ value: "abc" }], "gzip");
    const [h] = readBatchHeaders(bytes);
    bytes.fill(0, h!.start + BATCH_HEADER_BYTES, h!.end);
    expect(() => recordBytes(bytes, h!)).toThrow(/could not be decompressed \(gzip\)/);
  });

  test("gzip from another encoder (node's zlib) decodes the same", () => {
    const plain = batch([{ value: "one" }, { value: "two" }]);
    const [h] = readBatchHeaders(plain);
    const records = plain.subarray(h!.start + BATCH_HEADER_BYTES, h!.end);
    const z = gzipSync(records);
    const out = new Uint8Array(BATCH_HEADER_BYTES + z.length);
    out.set(plain.subarray(0, BATCH_HEADER_BYTES));
    out.set(z, BATCH_HEADER_BYTES);
    const view = new DataView(out.buffer);
    view.setInt32(8, out.length - 12);
    view.setInt16(21, view.getInt16(21) | 1);
    view.setUint32(17, crc32c(out, 21, out.length));
    expect(decode(out).map((r) => r.value)).toEqual(["one", "two"]);
  });
});
