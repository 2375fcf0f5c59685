// rand([seed]) (random): uniform doubles in [0, 1) from Spark's XORShiftRandom seeded with
// seed + partition index (MurmurHash3-mixed), so the same seed gives Spark's exact sequence in
// each partition of each batch. Without a seed a random one is drawn at bind time.
import { webcrypto } from "node:crypto";
import type { Bound, BindContext, EvalContext } from "../bound.ts";
import { strictLog } from "../fdlibm.ts";
import { anyOf, constantValue, requireType } from "../coercion.ts";
import { dataTypeMismatch, sqlType } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE, INT, LONG } from "../../types/data_type.ts";
import { longToBigInt } from "../../types/long.ts";

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function mixLast(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  return h ^ k;
}

function mix(h: number, k: number): number {
  h = mixLast(h, k);
  h = rotl(h, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** scala.util.hashing.MurmurHash3.bytesHash. */
export function murmur3BytesHash(data: Uint8Array, seed: number): number {
  let h = seed | 0;
  let i = 0;
  let len = data.length;
  while (len >= 4) {
    const k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    h = mix(h, k);
    i += 4;
    len -= 4;
  }
  let k = 0;
  if (len === 3) k ^= data[i + 2]! << 16;
  if (len >= 2) k ^= data[i + 1]! << 8;
  if (len >= 1) {
    k ^= data[i]!;
    h = mixLast(h, k);
  }
  h ^= data.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

const ARRAY_SEED = 0x3c074a61;

/** Spark's XORShiftRandom (java.util.Random with Spark's next(bits)), state kept as two 32-bit halves. */
export class XorShiftRandom {
  private hi = 0;
  private lo = 0;

  constructor(seed: bigint) {
    // XORShiftRandom.hashSeed: MurmurHash3 of the seed's 8 big-endian bytes, twice.
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigInt64(0, BigInt.asIntN(64, seed));
    const low = murmur3BytesHash(bytes, ARRAY_SEED);
    const high = murmur3BytesHash(bytes, low);
    this.hi = high | 0;
    this.lo = low | 0;
  }

  private next(bits: number): number {
    let hi = this.hi, lo = this.lo;
    // s ^= s << 21
    hi ^= (hi << 21) | (lo >>> 11);
    lo ^= lo << 21;
    // s ^= s >>> 35
    lo ^= hi >>> 3;
    // s ^= s << 4
    hi ^= (hi << 4) | (lo >>> 28);
    lo ^= lo << 4;
    this.hi = hi;
    this.lo = lo;
    return (lo >>> 0) & ((1 << bits) - 1);
  }

  /** java.util.Random.nextDouble. */
  nextDouble(): number {
    return (this.next(26) * 134217728 + this.next(27)) * 1.1102230246251565e-16;
  }

  private nextNextGaussian: number | null = null;

  /** java.util.Random.nextGaussian (the polar method, with StrictMath.log). */
  nextGaussian(): number {
    if (this.nextNextGaussian !== null) {
      const g = this.nextNextGaussian;
      this.nextNextGaussian = null;
      return g;
    }
    let v1: number, v2: number, s: number;
    do {
      v1 = 2 * this.nextDouble() - 1;
      v2 = 2 * this.nextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s === 0);
    const multiplier = Math.sqrt(-2 * strictLog(s) / s);
    this.nextNextGaussian = v2 * multiplier;
    return v1 * multiplier;
  }
}

function randomSeed(): bigint {
  const b = new BigInt64Array(1);
  webcrypto.getRandomValues(b);
  return b[0]!;
}

/** Binds rand (uniform) or randn (gaussian) with Spark's per-partition seeding. */
export function bindRand(seed: bigint, _ctx: BindContext, gaussian = false) {
  // This call's generator for the batch lives in the batch's scratch map, keyed by this object:
  // each batch, partition and query starts its own, as Spark re-initializes per task.
  const owner = {};
  return {
    type: DOUBLE, nullable: false, nullSafe: true, deterministic: false, contextual: true, args: [],
    impl: (batch: EvalContext) => {
      const mine = batch.scratch.get(owner) as { partition: number; rng: XorShiftRandom } | undefined;
      let rng = mine?.partition === batch.partitionIndex ? mine.rng : undefined;
      if (rng === undefined) {
        rng = new XorShiftRandom(seed + BigInt(batch.partitionIndex));
        batch.scratch.set(owner, { partition: batch.partitionIndex, rng });
      }
      return gaussian ? rng.nextGaussian() : rng.nextDouble();
    },
  };
}

/** Binds rand([seed]) or randn([seed]): the seed must be an INT or BIGINT literal. */
export function bindRandom(args: readonly Bound[], ctx: BindContext, gaussian: boolean) {
  if (args.length === 0) return bindRand(randomSeed(), ctx, gaussian);
  const s = args[0]!;
  if (s.kind !== "lit") {
    throw dataTypeMismatch("NON_FOLDABLE_INPUT", ctx.sql,
      `the input \`seed\` should be a foldable ${sqlType(s.type)} expression; however, got "${ctx.argSql[0] ?? ""}".`);
  }
  // The seed is an INT or BIGINT literal (Spark's ExpectsInputTypes: no implicit cast).
  const typed = requireType(s, 0, anyOf(INT, LONG), ctx);
  const v = constantValue(typed)?.value ?? null;
  return bindRand(v === null ? 0n : longToBigInt(v as number | bigint), ctx, gaussian);
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "rand",
  aliases: ["random"],
  minArgs: 0,
  maxArgs: 1,
  bind: (args, ctx) => bindRandom(args, ctx, false),
};

export default fn;
