// approx_count_distinct(x[, rsd]): Spark's HyperLogLog++ (HyperLogLogPlusPlusHelper) over the
// XXH64 hash (seed 42) of each value, with the same registers, bias-correction tables and
// estimator (linear counting below the threshold), so results equal Spark's.
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import { LONG } from "../../types/data_type.ts";
import { xxhash64Value } from "../functions/spark_hash.ts";
import { dataTypeMismatch } from "../expr_errors.ts";
import { BIAS_DATA, RAW_ESTIMATE_DATA } from "./hll_bias_data.ts";

/** Spark's THRESHOLDS table, indexed by p - 4. */
const THRESHOLDS = [10, 20, 40, 80, 220, 400, 900, 1800, 3100, 6500, 15500, 20000, 50000, 120000, 350000];
/** Spark's K: how many nearest raw estimates the bias is averaged over. */
const K = 6;

/** HyperLogLogPlusPlusHelper.estimateBias: the mean bias of the K raw estimates nearest to `e`. */
function estimateBias(e: number, p: number): number {
  const estimates = RAW_ESTIMATE_DATA[p - 4]!;
  const n = estimates.length;
  // java.util.Arrays.binarySearch's insertion point
  let lo = 0, hi = n - 1, nearest = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (estimates[mid]! < e) lo = mid + 1;
    else if (estimates[mid]! > e) hi = mid - 1;
    else {
      nearest = mid;
      break;
    }
  }
  if (nearest < 0) nearest = lo;
  const distance = (i: number) => (e - estimates[i]!) * (e - estimates[i]!);
  let low = Math.max(nearest - K + 1, 0);
  let high = Math.min(low + K, n);
  while (high < n && distance(high) < distance(low)) {
    low++;
    high++;
  }
  const biases = BIAS_DATA[p - 4]!;
  let sum = 0;
  for (let i = low; i < high; i++) sum += biases[i]!;
  return sum / (high - low);
}

export const approx_count_distinct: AggregateFunction = {
  kind: "aggregate",
  name: "approx_count_distinct",
  minArgs: 1,
  maxArgs: 2,
  bind(args, ctx): BoundAggregate {
    const rsdArg = args[1];
    const rsd = rsdArg ? Number(rsdArg.kind === "lit" ? (typeof rsdArg.value === "bigint" ? rsdArg.value : rsdArg.value) : NaN) : 0.05;
    if (!(rsd > 0)) {
      throw dataTypeMismatch("NON_FOLDABLE_INPUT", ctx.sql, `the input rsd should be a foldable "DOUBLE" expression; however, got "${ctx.argSql[1]}".`);
    }
    const p = Math.ceil((2.0 * Math.log(1.106 / rsd)) / Math.log(2.0));
    if (p < 4) throw dataTypeMismatch("HLL_INVALID_INPUT_SKETCH_BUFFER", ctx.sql, `The maximum allowed relative standard deviation is 0.39 (got ${rsd}).`);
    const m = 1 << p;
    const idxShift = BigInt(64 - p);
    const wPadding = 1n << BigInt(p - 1);
    const alphaM2 = (p === 4 ? 0.673 : p === 5 ? 0.697 : p === 6 ? 0.709 : 0.7213 / (1 + 1.079 / m)) * m * m;
    const t = args[0]!.type;
    return {
      name: "approx_count_distinct", args: [args[0]!], type: LONG, nullable: false, bufferSchema: `hll:${p}`,
      init: () => [new Array<number>(m).fill(0)],
      update(buf, [v]) {
        if (v === null) return;
        const x = xxhash64Value(v, t, 42n);
        const idx = Number(x >> idxShift);
        const w = BigInt.asUintN(64, (x << BigInt(p)) | wPadding);
        const pw = 64 - w.toString(2).length + 1;
        const regs = buf[0] as number[];
        if (pw > regs[idx]!) regs[idx] = pw;
      },
      merge(buf, other) {
        const regs = buf[0] as number[], o = other[0] as number[];
        for (let i = 0; i < regs.length; i++) if (o[i]! > regs[i]!) regs[i] = o[i]!;
      },
      evaluate(buf) {
        const regs = buf[0] as number[];
        let zInverse = 0, zeros = 0;
        for (const r of regs) {
          zInverse += 1 / 2 ** r;
          if (r === 0) zeros++;
        }
        const e = alphaM2 / zInverse;
        const corrected = p < 19 && e < 5 * m ? e - estimateBias(e, p) : e;
        if (zeros > 0) {
          const h = m * Math.log(m / zeros);
          // Linear counting below the threshold, or where plain HLL's 2.5m rule says so.
          if ((p < 19 && h <= THRESHOLDS[p - 4]!) || e <= 2.5 * m) return Math.round(h);
        }
        return Math.round(corrected);
      },
    };
  },
};
