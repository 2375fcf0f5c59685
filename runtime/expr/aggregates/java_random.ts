// java.util.Random's linear congruential generator (48-bit seed), for the aggregates whose Spark
// implementation draws from it with a fixed seed (histogram_numeric's tie-breaking).
const MULTIPLIER = 0x5deece66dn, ADDEND = 0xbn, MASK = (1n << 48n) - 1n;

export function javaRandomSeed(seed: number): bigint {
  return (BigInt(seed) ^ MULTIPLIER) & MASK;
}

/** next(bits) on a seed: the new seed and the value. */
function next(seed: bigint, bits: number): [bigint, number] {
  const s = (seed * MULTIPLIER + ADDEND) & MASK;
  return [s, Number(BigInt.asIntN(32, s >> BigInt(48 - bits)))];
}

/** nextDouble(): the new seed (as a number: 48 bits are exact in a double) and the value in [0, 1). */
export function nextDouble(seed: number): [number, number] {
  const [s1, a] = next(BigInt(seed), 26);
  const [s2, b] = next(s1, 27);
  return [Number(s2), (a * 2 ** 27 + b) * 2 ** -53];
}
