import { describe, expect, test } from "bun:test";
import * as lib from "@platformatic/kafka";
import { encodeFetchRequest, parseFetchResponse } from "./fetch_protocol.ts";

const TOPIC_ID = "0123abcd-4567-89ef-0123-456789abcdef";

describe("Fetch requests", () => {
  for (let version = 4; version <= 17; version++) {
    test(`v${version}: the same bytes as the client library's encoder`, () => {
      const mine = encodeFetchRequest(version, {
        maxWaitMs: 100,
        minBytes: 1,
        maxBytes: 32 << 20,
        isolationLevel: 1,
        topics: [{ topic: "orders", topicId: TOPIC_ID, partitions: [
          { partition: 0, currentLeaderEpoch: 3, fetchOffset: 1234, partitionMaxBytes: 1 << 20 },
          { partition: 5, currentLeaderEpoch: -1, fetchOffset: 2 ** 40, partitionMaxBytes: 4096 },
        ] }],
      });
      const api = (lib as unknown as Record<string, { createRequest: (...a: unknown[]) => { buffer: Buffer } }>)[`fetchV${version}`]!;
      const theirs = api.createRequest(100, 1, 32 << 20, 1, 0, -1, [{
        topicId: version >= 13 ? TOPIC_ID : "orders",
        partitions: [
          { partition: 0, currentLeaderEpoch: 3, fetchOffset: 1234n, lastFetchedEpoch: -1, partitionMaxBytes: 1 << 20 },
          { partition: 5, currentLeaderEpoch: -1, fetchOffset: 2n ** 40n, lastFetchedEpoch: -1, partitionMaxBytes: 4096 },
        ],
      }], [], "");
      expect(Buffer.from(mine).toString("hex")).toBe(theirs.buffer.toString("hex"));
    });
  }
});

describe("Fetch responses", () => {
  /** A v17 response with two partitions, one holding `records` and aborted transactions. */
  function v17(records: Uint8Array): Uint8Array {
    const parts: number[] = [];
    const i8 = (v: number) => parts.push(v & 0xff);
    const i16 = (v: number) => { i8(v >> 8); i8(v); };
    const i32 = (v: number) => { i16(v >> 16); i16(v); };
    const i64 = (v: number) => { i32(Math.floor(v / 2 ** 32)); i32(v >>> 0); };
    const uv = (v: number) => { while (v >= 0x80) { i8((v & 0x7f) | 0x80); v >>>= 7; } i8(v); };
    i32(0); i16(0); i32(0); // throttle, error, session
    uv(2); // one topic
    for (const h of TOPIC_ID.replaceAll("-", "").match(/../g)!) i8(parseInt(h, 16));
    uv(3); // two partitions
    i32(0); i16(0); i64(10); i64(9); i64(0); uv(2); i64(77); i64(4); uv(0); i32(-1); uv(records.length + 1); parts.push(...records); uv(0);
    i32(1); i16(1); i64(-1); i64(-1); i64(-1); uv(0); i32(-1); uv(0);
    uv(1); i8(0); i8(1); i8(0); // a tagged field (current_leader-like), skipped
    uv(0); // topic tags
    uv(0); // response tags
    return Uint8Array.from(parts);
  }

  test("v17: partitions, errors, aborted transactions and the records' place in the buffer", () => {
    const records = Uint8Array.from([1, 2, 3, 4, 5]);
    const r = parseFetchResponse(17, v17(records));
    expect(r.topics[0]!.topicId).toBe(TOPIC_ID);
    const [p0, p1] = r.topics[0]!.partitions;
    expect([p0!.partition, p0!.errorCode, p0!.highWatermark, p0!.lastStableOffset]).toEqual([0, 0, 10, 9]);
    expect(p0!.abortedTransactions).toEqual([{ producerId: 77, firstOffset: 4 }]);
    expect([...r.bytes.subarray(p0!.recordsStart, p0!.recordsEnd)]).toEqual([1, 2, 3, 4, 5]);
    expect([p1!.partition, p1!.errorCode, p1!.abortedTransactions]).toEqual([1, 1, null]);
    expect(p1!.recordsEnd).toBe(p1!.recordsStart);
  });

  test("a response cut short is an error, not garbage", () => {
    const bytes = v17(Uint8Array.from([1, 2, 3]));
    expect(() => parseFetchResponse(17, bytes.subarray(0, bytes.length - 12))).toThrow(/ends early/);
  });
});
