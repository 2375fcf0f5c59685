import { beforeAll, describe, expect, test } from "bun:test";
import { loadCodecs } from "./codecs.ts";
import { Reader, readRecordsBatch } from "@platformatic/kafka";
import { CODEC_BITS, RecordBatchBuilder } from "./record_batch_builder.ts";
import { crcMatches, readBatchHeaders, recordBytes, RecordCursor } from "./record_batch.ts";

const text = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString());

beforeAll(loadCodecs);

describe("record batches written by the sink", () => {
  for (const codec of Object.keys(CODEC_BITS)) {
    test(`${codec}: read back by Sluice's decoder and by the client library's`, () => {
      const builder = new RecordBatchBuilder(64);
      builder.add("k1", '{"a":1}', 1_700_000_000_000);
      builder.add(null, null, 1_700_000_000_500);
      builder.add(new Uint8Array([1, 2, 3]), "żółw 🐢", 1_699_999_999_000, [["h", new Uint8Array([9])], ["n", null]]);
      builder.add("", "x".repeat(1000), 1_700_000_000_001);
      const bytes = builder.finish({ compression: CODEC_BITS[codec]!, producerId: 42, producerEpoch: 3, baseSequence: 7 });
      expect(builder.count).toBe(0);

      const [h] = readBatchHeaders(bytes);
      expect(crcMatches(bytes, h!)).toBe(true);
      expect([h!.count, h!.lastOffsetDelta, h!.producerId, h!.producerEpoch, h!.baseSequence]).toEqual([4, 3, 42, 3, 7]);
      expect([h!.baseTimestamp, h!.maxTimestamp]).toEqual([1_700_000_000_000, 1_700_000_000_500]);
      const r = recordBytes(bytes, h!);
      const c = new RecordCursor(r.bytes, r.start, r.end, h!.count);
      const got: unknown[] = [];
      while (c.next()) {
        got.push([
          c.keyLength < 0 ? null : text(r.bytes.subarray(c.keyStart, c.keyStart + c.keyLength)),
          c.valueLength < 0 ? null : text(r.bytes.subarray(c.valueStart, c.valueStart + c.valueLength)),
          h!.baseTimestamp + c.timestampDelta,
          c.headers().map(([k, v]) => [k, v === null ? null : [...v]]),
        ]);
      }
      expect(got).toEqual([
        ["k1", '{"a":1}', 1_700_000_000_000, []],
        [null, null, 1_700_000_000_500, []],
        ["\u0001\u0002\u0003", "żółw 🐢", 1_699_999_999_000, [["h", [9]], ["n", null]]],
        ["", "x".repeat(1000), 1_700_000_000_001, []],
      ]);

      // An independent reader: the client library's.
      const lib = readRecordsBatch(Reader.from(Buffer.from(bytes)));
      expect(lib.records.map((x: { value: Buffer | null }) => (x.value === null ? null : x.value.toString()))).toEqual([
        '{"a":1}', null, "żółw 🐢", "x".repeat(1000),
      ]);
    });
  }

  test("a builder grows past its initial size and starts over after finish", () => {
    const b = new RecordBatchBuilder(256);
    for (let i = 0; i < 1000; i++) b.add(String(i), `value-${i}`, 1000 + i);
    const first = b.finish({ compression: 0, producerId: -1, producerEpoch: -1, baseSequence: -1 });
    b.add("a", "b", 5);
    const second = b.finish({ compression: 0, producerId: -1, producerEpoch: -1, baseSequence: -1 });
    expect(readBatchHeaders(first)[0]!.count).toBe(1000);
    expect(readBatchHeaders(second)[0]!.count).toBe(1);
    expect(crcMatches(first, readBatchHeaders(first)[0]!)).toBe(true);
  });
});
