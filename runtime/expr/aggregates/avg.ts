// avg(x) / mean(x): numbers -> double (sum / count); decimal(p, s) -> decimal(p + 4, s + 4)
// rounded HALF_UP, as Spark's Average. Null when there is no non-null input.
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import { DecimalType, DOUBLE } from "../../types/data_type.ts";
import { divRound, pow10 } from "../decimal_ops.ts";
import { boundedDecimal, castBound } from "../coercion.ts";
import { numericArg } from "./numeric_arg.ts";

/** The [sum, count] buffer of every avg variant; sums are numbers or bigints (decimals). */
function sumCount(zero: number | bigint): Pick<BoundAggregate, "init" | "update" | "merge"> {
  // Both operands always have the zero's type, so + is number + number or bigint + bigint.
  const add = (a: unknown, b: unknown) => (a as number) + (b as number);
  return {
    init: () => [zero, 0],
    update(buf, [v]) {
      if (v === null) return;
      buf[0] = add(buf[0], v);
      buf[1] = (buf[1] as number) + 1;
    },
    merge(buf, other) {
      buf[0] = add(buf[0], other[0]);
      buf[1] = (buf[1] as number) + (other[1] as number);
    },
  };
}

export const avg: AggregateFunction = {
  kind: "aggregate",
  name: "avg",
  aliases: ["mean"],
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    // TypeCoercion: "Hive lets you do aggregation of timestamps": a TIMESTAMP is cast to DOUBLE (seconds).
    const given = args[0]!.type.kind === "timestamp" ? castBound(args[0]!, DOUBLE, ctx) : args[0]!;
    const arg0 = numericArg(given, ctx, '("NUMERIC" or "ANSI INTERVAL")', true);
    // Spark's Average sums integral input as doubles; a long beyond 2^53 is a bigint until cast.
    const arg = arg0.type.kind === "long" ? castBound(arg0, DOUBLE, ctx) : arg0;
    args = [arg];
    const t = arg.type;
    if (t instanceof DecimalType) {
      const type = boundedDecimal(t.precision + 4, t.scale + 4);
      // Spark sums in decimal(p + 10, s), then divides into the result scale.
      const shift = pow10(type.scale - t.scale);
      return {
        name: "avg", args, type, nullable: true, bufferSchema: `avg:decimal,bigint`, ...sumCount(0n),
        evaluate: (buf) => (buf[1] === 0 ? null : divRound((buf[0] as bigint) * shift, BigInt(buf[1] as number), "HALF_UP")),
      };
    }
    if (t.kind === "daytime_interval" || t.kind === "yearmonth_interval") {
      return {
        name: "avg", args, type: t, nullable: true, bufferSchema: `avg:${t.simpleString()},bigint`, ...sumCount(0),
        evaluate: (buf) => (buf[1] === 0 ? null : Math.round((buf[0] as number) / (buf[1] as number))),
      };
    }
    return {
      name: "avg", args, type: DOUBLE, nullable: true, bufferSchema: "avg:double,bigint", ...sumCount(0),
      evaluate: (buf) => (buf[1] === 0 ? null : (buf[0] as number) / (buf[1] as number)),
    };
  },
};
