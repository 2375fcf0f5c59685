// width_bucket(value, min, max, numBucket): the bucket of value among numBucket equal-width
// buckets spanning [min, max) (0 below, numBucket + 1 above; reversed when min > max); NULL for
// numBucket <= 0, NaN or infinite bounds, or min = max. Doubles, or three intervals of one kind.
import { anyOf, castArgs, ANY_DAY_TIME_INTERVAL, ANY_YEAR_MONTH_INTERVAL } from "../coercion.ts";
import { dataTypeMismatch, sqlType } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE, LONG } from "../../types/data_type.ts";
import { LONG_MAX, longFromBigInt, longFromIntegralDouble, longToBigInt, type Long } from "../../types/long.ts";

/** WidthBucket.computeBucketNumber: the bucket as a long (exact), null for invalid inputs. */
export function bucketNumber(value: number, min: number, max: number, numBucket: Long): Long | null {
  const n = longToBigInt(numBucket);
  if (n <= 0n || n === LONG_MAX || Number.isNaN(value) || min === max || !Number.isFinite(min) || !Number.isFinite(max)) return null;
  const lower = Math.min(min, max), upper = Math.max(min, max);
  // Java: (numBucket.toDouble * …).toLong + 1L, and numBucket + 1L at the top end.
  const inner = (x: number) => longFromBigInt(longToBigInt(longFromIntegralDouble(Math.trunc(x))) + 1n);
  if (min < max) {
    if (value < lower) return 0;
    if (value >= upper) return longFromBigInt(n + 1n);
    return inner((Number(n) * (value - lower)) / (upper - lower));
  }
  if (value > upper) return 0;
  if (value <= lower) return longFromBigInt(n + 1n);
  return inner((Number(n) * (upper - value)) / (upper - lower));
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "width_bucket",
  minArgs: 4,
  maxArgs: 4,
  bind(args, ctx) {
    const valueType = anyOf(DOUBLE, ANY_YEAR_MONTH_INTERVAL, ANY_DAY_TIME_INTERVAL);
    const typed = castArgs(args, [valueType, valueType, valueType, LONG], ctx);
    const kinds = typed.slice(0, 3).map((a) => a.type.kind);
    const sameInterval = kinds.every((k) => k === "yearmonth_interval") || kinds.every((k) => k === "daytime_interval");
    if (!sameInterval && !kinds.every((k) => k === "double")) {
      throw dataTypeMismatch("DATA_DIFF_TYPES", ctx.sql,
        `Input to \`width_bucket\` should all be the same type, but it's [${typed.slice(0, 3).map((a) => sqlType(a.type)).join(", ")}].`);
    }
    return {
      type: LONG, nullable: true, args: typed,
      impl: (v: number, lo: number, hi: number, n: Long) => bucketNumber(Number(v), Number(lo), Number(hi), n),
    };
  },
};
export default fn;
