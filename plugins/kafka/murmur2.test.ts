import { describe, expect, test } from "bun:test";
import { murmur2, partitionForKey } from "./murmur2.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("murmur2", () => {
  test("Kafka's test vectors (UtilsTest.testMurmur2)", () => {
    expect(murmur2(bytes("21"))).toBe(-973932308);
    expect(murmur2(bytes("foobar"))).toBe(-790332482);
    expect(murmur2(bytes("a-little-bit-long-string"))).toBe(-985981536);
    expect(murmur2(bytes("a-little-bit-longer-string"))).toBe(-1486304829);
    expect(murmur2(bytes("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"))).toBe(-58897971);
    expect(murmur2(bytes("abc"))).toBe(479470107);
  });

  test("the Java producer's partition: the hash made positive, modulo the partition count", () => {
    expect(partitionForKey(bytes("21"), 4)).toBe((-973932308 & 0x7fffffff) % 4);
    for (let i = 0; i < 100; i++) {
      const p = partitionForKey(bytes(`key-${i}`), 7);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(7);
    }
  });
});
