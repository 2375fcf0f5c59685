// Exact 64-bit longs (Spark's BIGINT). A long value is a JS number while it is a safe integer
// (|v| <= 2^53 - 1) and a bigint beyond that, always this way round: the representation is
// canonical, so === , Map keys, grouping and hashing agree on equal values without converting,
// and the common case stays a plain number. Every producer of long values (readers, casts,
// arithmetic, aggregates, user input) goes through these helpers; consumers that need a JS number
// (double math) use longToDouble, consumers that need all 64 bits use longToBigInt.
//
// Comparison needs no helper: <, <=, >, >= compare a number and a bigint exactly in JS. Mixing
// them in + - * / throws a TypeError, which is why arithmetic has its own kernels (expr/arith.ts).

export type Long = number | bigint;

export const MAX_SAFE_LONG = 9007199254740991;
export const LONG_MAX = 9223372036854775807n;
export const LONG_MIN = -9223372036854775808n;
const SAFE_BIG = 9007199254740991n;

/** The canonical long for an exact value; the caller has checked it fits 64 bits (see fitsLong). */
export function longFromBigInt(v: bigint): Long {
  return v >= -SAFE_BIG && v <= SAFE_BIG ? Number(v) : v;
}

/** All 64 bits of a long as a bigint. */
export function longToBigInt(v: Long): bigint {
  return typeof v === "bigint" ? v : BigInt(v);
}

export function fitsLong(v: bigint): boolean {
  return v >= LONG_MIN && v <= LONG_MAX;
}

/** Java's two's complement wrap of any integer to a canonical long. */
export function wrapLong(v: bigint): Long {
  return longFromBigInt(BigInt.asIntN(64, v));
}

/**
 * An integral double (Math.trunc'ed, within the long range) as a canonical long. Doubles beyond
 * 2^53 are exact integers, so BigInt(d) keeps their value.
 */
export function longFromIntegralDouble(d: number): Long {
  if (d <= MAX_SAFE_LONG && d >= -MAX_SAFE_LONG) return d === 0 ? 0 : d;
  // 2^63 is where Long.MaxValue lands as a double: Java's (long) saturates there.
  if (d >= 9223372036854775807) return LONG_MAX;
  if (d <= -9223372036854775808) return LONG_MIN;
  return BigInt(d);
}

/** Java's (double) conversion: the nearest double (ties to even), as Number(bigint) rounds. */
export function longToDouble(v: Long): number {
  return typeof v === "number" ? v : Number(v);
}

/**
 * Java's (float) conversion: the nearest float, rounded once. Math.fround(Number(v)) would round
 * twice (to 53 bits, then to 24) and can land on the wrong float for big values.
 */
export function longToFloat(v: Long): number {
  if (typeof v === "number" && v <= 16777216 && v >= -16777216) return v;
  const big = longToBigInt(v);
  const neg = big < 0n, mag = neg ? -big : big;
  const bits = mag.toString(2).length;
  if (bits <= 24) return Math.fround(Number(big));
  const shift = BigInt(bits - 24);
  let q = mag >> shift;
  const rem = mag - (q << shift), half = 1n << (shift - 1n);
  if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  const f = Number(q) * 2 ** Number(shift);
  return Math.fround(neg ? -f : f);
}

/** Long.toString. */
export function longToString(v: Long): string {
  return String(v);
}

/** True for a value in the canonical long form (a safe integer number, or a bigint beyond it within 64 bits). */
export function isCanonicalLong(v: unknown): v is Long {
  if (typeof v === "number") return Number.isSafeInteger(v) && !Object.is(v, -0);
  return typeof v === "bigint" && (v > SAFE_BIG || v < -SAFE_BIG) && v >= LONG_MIN && v <= LONG_MAX;
}

/**
 * A canonical long from a value that may be in another valid form: a bigint in the safe range, or
 * a number that is an integer (however large). Null when it is not an integer in the long range.
 * For boundaries where values come from outside the engine (user rows, plugins, drivers).
 */
export function toCanonicalLong(v: unknown): Long | null {
  if (typeof v === "number") {
    if (Number.isSafeInteger(v)) return v === 0 ? 0 : v;
    if (!Number.isInteger(v) || v >= 9223372036854775807 || v < -9223372036854775808) return null;
    return BigInt(v);
  }
  if (typeof v === "bigint") return fitsLong(v) ? longFromBigInt(v) : null;
  return null;
}

/** A decimal string of digits with an optional sign (already validated) as a long, or null beyond 64 bits. */
export function longFromDigits(text: string): Long | null {
  if (text.length <= 16) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n === 0 ? 0 : n;
  }
  const big = BigInt(text);
  return fitsLong(big) ? longFromBigInt(big) : null;
}

// Timestamps and day-time intervals are microsecond longs in this same canonical form: a number up
// to ±2^53 µs (1685 to 2255, ±104 249 days), a bigint beyond, so Long.MaxValue µs stays exact.

/** seconds * 10^6 + micros as a canonical long (a timestamp or interval from its whole seconds and fraction). */
export function longFromSecondsAndMicros(seconds: number, micros: number): Long {
  const v = seconds * 1_000_000 + micros;
  if (v <= MAX_SAFE_LONG && v >= -MAX_SAFE_LONG) return v === 0 ? 0 : v;
  return longFromBigInt(BigInt(seconds) * 1_000_000n + BigInt(micros));
}

/** A microsecond long split into floor(v / 10^6) and the rest in [0, 10^6), both exact numbers. */
export function splitMicros(v: Long): [seconds: number, micros: number] {
  if (typeof v === "number") {
    const s = Math.floor(v / 1_000_000);
    return [s, v - s * 1_000_000];
  }
  let s = v / 1_000_000n, r = v % 1_000_000n;
  if (r < 0n) {
    s -= 1n;
    r += 1_000_000n;
  }
  return [Number(s), Number(r)];
}
