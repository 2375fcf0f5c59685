// sum(x): integral -> bigint (ANSI overflow error), float/double -> double,
// decimal(p, s) -> decimal(min(38, p + 10), s), intervals stay intervals. Null when no non-null input.
import type { AggregateFunction } from "../aggregate_def.ts";
import { DecimalType, DOUBLE, LONG, type DataType } from "../../types/data_type.ts";
import { arithmeticOverflow } from "../expr_errors.ts";
import { fitsPrecision } from "../decimal_ops.ts";
import { decimalOutOfRangeValue } from "../expr_errors.ts";
import { numericArg } from "./numeric_arg.ts";

const LONG_MAX = 9223372036854775807;

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
    const arg = numericArg(args[0]!, ctx, '("NUMERIC" or "ANSI INTERVAL")', true);
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
    const integral = type.kind === "long";
    return {
      name: "sum", args, type, nullable: true, bufferSchema: `sum:${type.simpleString()}`,
      init: () => [null],
      update(buf, [v]) {
        if (v === null) return;
        const s = (buf[0] === null ? 0 : (buf[0] as number)) + (v as number);
        if (integral && (s > LONG_MAX || s < -LONG_MAX - 1)) throw arithmeticOverflow("long overflow", "try_sum");
        buf[0] = s;
      },
      // coalesce(coalesce(left, 0) + right, left)
      merge(buf, other) {
        if (other[0] === null) return;
        const s = (buf[0] === null ? 0 : (buf[0] as number)) + (other[0] as number);
        if (integral && (s > LONG_MAX || s < -LONG_MAX - 1)) throw arithmeticOverflow("long overflow", "try_sum");
        buf[0] = s;
      },
      evaluate: (buf) => buf[0],
    };
  },
};
