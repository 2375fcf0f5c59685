// Spark's row hashes: Murmur3 x86_32 (hash(), seed 42) and XXH64 (xxhash64(), seed 42) exactly as
// Spark's Murmur3_x86_32 / XXH64 classes compute them, over values as Spark's HashExpression feeds
// them (ints as 4 bytes, longs as 8, doubles by their bits with -0.0 as 0, strings as UTF-8 bytes
// with Spark's own tail handling, decimals by unscaled value, arrays and structs element by element).
import type { DataType } from "../../types/data_type.ts";
import { CalendarInterval } from "../../types/calendar_interval.ts";

const C1 = 0xcc9e2d51, C2 = 0x1b873593;

function mixK1(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixH1(h: number, k: number): number {
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix32(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

export function murmur3HashInt(input: number, seed: number): number {
  return fmix32(mixH1(seed, mixK1(input | 0)), 4);
}

/** hashLong over the two 32-bit halves of a 64-bit integer given as (low, high). */
export function murmur3HashLongParts(low: number, high: number, seed: number): number {
  let h = mixH1(seed, mixK1(low | 0));
  h = mixH1(h, mixK1(high | 0));
  return fmix32(h, 8);
}

/** hashLong of a long (a bigint beyond 2^53, types/long.ts) or of a number of micros. */
export function murmur3HashLong(input: number | bigint, seed: number): number {
  if (typeof input === "bigint") {
    const x = BigInt.asUintN(64, input);
    return murmur3HashLongParts(Number(x & 0xffffffffn) | 0, Number(x >> 32n) | 0, seed);
  }
  const high = Math.floor(input / 4294967296);
  const low = input - high * 4294967296;
  return murmur3HashLongParts(low | 0, high | 0, seed);
}

/** Spark's hashUnsafeBytes: 4-byte little-endian words, then each tail byte (sign-extended) on its own. */
export function murmur3HashBytes(bytes: Uint8Array, seed: number): number {
  const n = bytes.length;
  const aligned = n - (n % 4);
  let h = seed;
  for (let i = 0; i < aligned; i += 4) {
    const word = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    h = mixH1(h, mixK1(word));
  }
  for (let i = aligned; i < n; i++) {
    h = mixH1(h, mixK1((bytes[i]! << 24) >> 24));
  }
  return fmix32(h, n);
}

// ---- XXH64 (BigInt, masked to 64 bits)

const M64 = (1n << 64n) - 1n;
const P1 = 0x9E3779B185EBCA87n, P2 = 0xC2B2AE3D27D4EB4Fn, P3 = 0x165667B19E3779F9n, P4 = 0x85EBCA77C2B2AE63n, P5 = 0x27D4EB2F165667C5n;

const rotl64 = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & M64;
const mul64 = (a: bigint, b: bigint) => (a * b) & M64;
const add64 = (a: bigint, b: bigint) => (a + b) & M64;

function fmix64(h: bigint): bigint {
  h ^= h >> 33n;
  h = mul64(h, P2);
  h ^= h >> 29n;
  h = mul64(h, P3);
  h ^= h >> 32n;
  return h;
}

export function xxhashInt(input: number, seed: bigint): bigint {
  let h = add64(add64(seed, P5), 4n);
  h ^= mul64(BigInt(input >>> 0), P1);
  h = add64(mul64(rotl64(h, 23n), P2), P3);
  return fmix64(h);
}

export function xxhashLong(input: bigint, seed: bigint): bigint {
  let h = add64(add64(seed, P5), 8n);
  h ^= mul64(rotl64(mul64(input & M64, P2), 31n), P1);
  h = add64(mul64(rotl64(h, 27n), P1), P4);
  return fmix64(h);
}

function readLong(b: Uint8Array, i: number): bigint {
  let v = 0n;
  for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(b[i + k]!);
  return v;
}

function round(acc: bigint, input: bigint): bigint {
  return mul64(rotl64(add64(acc, mul64(input, P2)), 31n), P1);
}

export function xxhashBytes(b: Uint8Array, seed: bigint): bigint {
  const n = b.length;
  let off = 0;
  let h: bigint;
  if (n >= 32) {
    let v1 = add64(add64(seed, P1), P2), v2 = add64(seed, P2), v3 = seed & M64, v4 = (seed - P1) & M64;
    const limit = n - 32;
    do {
      v1 = round(v1, readLong(b, off));
      v2 = round(v2, readLong(b, off + 8));
      v3 = round(v3, readLong(b, off + 16));
      v4 = round(v4, readLong(b, off + 24));
      off += 32;
    } while (off <= limit);
    h = add64(add64(rotl64(v1, 1n), rotl64(v2, 7n)), add64(rotl64(v3, 12n), rotl64(v4, 18n)));
    for (const v of [v1, v2, v3, v4]) {
      h ^= round(0n, v);
      h = add64(mul64(h, P1), P4);
    }
  } else {
    h = add64(seed, P5);
  }
  h = add64(h, BigInt(n));
  while (off <= n - 8) {
    h ^= round(0n, readLong(b, off));
    h = add64(mul64(rotl64(h, 27n), P1), P4);
    off += 8;
  }
  if (off + 4 <= n) {
    const w = (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0;
    h ^= mul64(BigInt(w), P1);
    h = add64(mul64(rotl64(h, 23n), P2), P3);
    off += 4;
  }
  while (off < n) {
    h ^= mul64(BigInt(b[off]!), P5);
    h = mul64(rotl64(h, 11n), P1);
    off++;
  }
  return fmix64(h);
}

// ---- values as Spark feeds them

const encoder = new TextEncoder();
const f64 = new DataView(new ArrayBuffer(8));

/** java Double.doubleToLongBits with -0.0 folded into 0 (Spark normalizes it before hashing). */
function doubleBits(d: number): [low: number, high: number] {
  if (d === 0) return [0, 0];
  if (Number.isNaN(d)) return [0, 0x7ff80000];
  f64.setFloat64(0, d, true);
  return [f64.getInt32(0, true), f64.getInt32(4, true)];
}

function floatBits(f: number): number {
  if (f === 0) return 0;
  if (Number.isNaN(f)) return 0x7fc00000;
  f64.setFloat32(0, f, true);
  return f64.getInt32(0, true);
}

/** BigInteger.toByteArray: minimal two's complement, big-endian. */
export function bigIntToByteArray(v: bigint): Uint8Array {
  const bytes: number[] = [];
  let x = v;
  for (;;) {
    const b = Number(x & 0xffn);
    bytes.unshift(b);
    x >>= 8n;
    if ((x === 0n && (b & 0x80) === 0) || (x === -1n && (b & 0x80) !== 0)) break;
  }
  return Uint8Array.from(bytes);
}

const toLong64 = (n: number | bigint) => BigInt.asUintN(64, BigInt(n));

/** Murmur3 of one value of type `t` with `seed` (Spark's Murmur3Hash.computeHash); null keeps the seed. */
export function murmur3Value(v: unknown, t: DataType, seed: number): number {
  if (v === null || v === undefined) return seed;
  switch (t.kind) {
    case "boolean": return murmur3HashInt(v ? 1 : 0, seed);
    case "byte": case "short": case "int": case "date": case "yearmonth_interval":
      return murmur3HashInt(v as number, seed);
    case "long": case "timestamp": case "timestamp_ntz": case "time": case "daytime_interval":
      return murmur3HashLong(v as number | bigint, seed);
    case "float": return murmur3HashInt(floatBits(v as number), seed);
    case "double": {
      const [lo, hi] = doubleBits(v as number);
      return murmur3HashLongParts(lo, hi, seed);
    }
    case "decimal": {
      const u = v as bigint;
      if (t.precision <= 18) {
        const x = BigInt.asUintN(64, u);
        return murmur3HashLongParts(Number(x & 0xffffffffn) | 0, Number(x >> 32n) | 0, seed);
      }
      return murmur3HashBytes(bigIntToByteArray(u), seed);
    }
    case "string": return murmur3HashBytes(encoder.encode(v as string), seed);
    case "binary": return murmur3HashBytes(v as Uint8Array, seed);
    case "calendar_interval": {
      const c = v as CalendarInterval;
      return murmur3HashInt(c.months, murmur3HashInt(c.days, murmur3HashLong(c.micros, seed)));
    }
    case "array": {
      let h = seed;
      for (const e of v as unknown[]) h = murmur3Value(e, t.elementType, h);
      return h;
    }
    case "map": {
      let h = seed;
      for (const [k, x] of v as Map<unknown, unknown>) {
        h = murmur3Value(k, t.keyType, h);
        h = murmur3Value(x, t.valueType, h);
      }
      return h;
    }
    case "struct": {
      let h = seed;
      const row = v as unknown[];
      t.fields.forEach((f, i) => {
        h = murmur3Value(row[i], f.dataType, h);
      });
      return h;
    }
    case "null": return seed;
  }
}

/** XXH64 of one value (Spark's XxHash64.computeHash), as an unsigned 64-bit BigInt. */
export function xxhash64Value(v: unknown, t: DataType, seed: bigint): bigint {
  if (v === null || v === undefined) return seed;
  switch (t.kind) {
    case "boolean": return xxhashInt(v ? 1 : 0, seed);
    case "byte": case "short": case "int": case "date": case "yearmonth_interval":
      return xxhashInt(v as number, seed);
    case "long": case "timestamp": case "timestamp_ntz": case "time": case "daytime_interval":
      return xxhashLong(toLong64(v as number | bigint), seed);
    case "float": return xxhashInt(floatBits(v as number), seed);
    case "double": {
      const [lo, hi] = doubleBits(v as number);
      return xxhashLong((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0), seed);
    }
    case "decimal": {
      const u = v as bigint;
      if (t.precision <= 18) return xxhashLong(BigInt.asUintN(64, u), seed);
      return xxhashBytes(bigIntToByteArray(u), seed);
    }
    case "string": return xxhashBytes(encoder.encode(v as string), seed);
    case "binary": return xxhashBytes(v as Uint8Array, seed);
    case "calendar_interval": {
      const c = v as CalendarInterval;
      return xxhashInt(c.months, xxhashInt(c.days, xxhashLong(toLong64(c.micros), seed)));
    }
    case "array": {
      let h = seed;
      for (const e of v as unknown[]) h = xxhash64Value(e, t.elementType, h);
      return h;
    }
    case "map": {
      let h = seed;
      for (const [k, x] of v as Map<unknown, unknown>) {
        h = xxhash64Value(k, t.keyType, h);
        h = xxhash64Value(x, t.valueType, h);
      }
      return h;
    }
    case "struct": {
      let h = seed;
      const row = v as unknown[];
      t.fields.forEach((f, i) => {
        h = xxhash64Value(row[i], f.dataType, h);
      });
      return h;
    }
    case "null": return seed;
  }
}
