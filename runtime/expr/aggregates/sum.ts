// sum(x): integral -> bigint, exact to 64 bits (ANSI: overflow error; otherwise Java's wrap), float/double -> double,
// decimal(p, s) -> decimal(min(38, p + 10), s), intervals stay intervals. Null when no non-null input.
import type { AggregateFunction } from "../aggregate_def.ts";
import { DecimalType, DOUBLE, LONG, type DataType } from "../../types/data_type.ts";
import { arithmeticOverflow } from "../expr_errors.ts";
import { fitsPrecision } from "../decimal_ops.ts";
import { decimalOutOfRangeValue } from "../expr_errors.ts";
import { numericArg } from "./numeric_arg.ts";
import { LONG_MAX, LONG_MIN, longFromBigInt, longToBigInt, type Long } from "../../types/long.ts";
import { castBound } from "../coercion.ts";

const MAX_SAFE = 9007199254740991;

/** sum + v on longs (types/long.ts): numbers while the total is a safe integer, then bigints. */
function addLong(ansi: boolean): (sum: Long, v: Long) => Long {
  return (sum, v) => {
    if (typeof sum === "number" && typeof v === "number") {
      const s = sum + v;
      if (s <= MAX_SAFE && s >= -MAX_SAFE) return s;
    }
    const big = longToBigInt(sum) + longToBigInt(v);
    if (big > LONG_MAX || big < LONG_MIN) {
      if (ansi) throw arithmeticOverflow("long overflow", "try_sum");
      return longFromBigInt(BigInt.asIntN(64, big));
    }
    return longFromBigInt(big);
  };
}

export function sumResultType(t: DataType): DataType {
  switch (t.kind) {
    case "decimal":
      return new DecimalType(Math.min(38, t.precision + 10), t.scale);
    case "float":
    case "double":
      return DOUBLE;
    case "daytime_interval":
    case "yearmonth_interval":
      return t;
    default:
      return LONG;
  }
}

export const sum: AggregateFunction = {
  kind: "aggregate",
  name: "sum",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    // TypeCoercion: "Hive lets you do aggregation of timestamps": a TIMESTAMP is cast to DOUBLE (seconds).
    const given = args[0]!.type.kind === "timestamp" ? castBound(args[0]!, DOUBLE, ctx) : args[0]!;
    const arg = numericArg(given, ctx, '("NUMERIC" or "ANSI INTERVAL")', true);
    args = [arg];
    const type = sumResultType(arg.type);
    if (type instanceof DecimalType) {
      return {
        name: "sum", args, type, nullable: true, bufferSchema: `sum:${type.simpleString()}`,
        init: () => [null],
        update(buf, [v]) {
          if (v === null) return;
          const s = (buf[0] === null ? 0n : (buf[0] as bigint)) + (v as bigint);
          if (!fitsPrecision(s, type.precision)) throw decimalOutOfRangeValue(s, type.scale, type.precision, type.scale);
          buf[0] = s;
        },
        merge(buf, other) {
          if (other[0] === null) return;
          const s = (buf[0] === null ? 0n : (buf[0] as bigint)) + (other[0] as bigint);
          if (!fitsPrecision(s, type.precision)) throw decimalOutOfRangeValue(s, type.scale, type.precision, type.scale);
          buf[0] = s;
        },
        evaluate: (buf) => buf[0],
      };
    }
    if (type.kind === "long") {
      const add = addLong(ctx.ansi);
      return {
        name: "sum", args, type, nullable: true, bufferSchema: `sum:${type.simpleString()}`,
        init: () => [null],
        update(buf, [v]) {
          if (v === null) return;
          buf[0] = buf[0] === null ? v : add(buf[0] as Long, v as Long);
        },
        // coalesce(coalesce(left, 0) + right, left)
        merge(buf, other) {
          if (other[0] === null) return;
          buf[0] = buf[0] === null ? other[0] : add(buf[0] as Long, other[0] as Long);
        },
        evaluate: (buf) => buf[0],
      };
    }
    return {
      name: "sum", args, type, nullable: true, bufferSchema: `sum:${type.simpleString()}`,
      init: () => [null],
      update(buf, [v]) {
        if (v === null) return;
        buf[0] = (buf[0] === null ? 0 : (buf[0] as number)) + (v as number);
      },
      // coalesce(coalesce(left, 0) + right, left)
      merge(buf, other) {
        if (other[0] === null) return;
        buf[0] = (buf[0] === null ? 0 : (buf[0] as number)) + (other[0] as number);
      },
      evaluate: (buf) => buf[0],
    };
  },
};
