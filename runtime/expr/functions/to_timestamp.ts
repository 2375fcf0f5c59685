// to_timestamp(x [, fmt]). Without a pattern it is CAST(x AS TIMESTAMP): strings in Spark's lenient
// forms, dates at midnight in the session zone, numbers as seconds since the epoch. With a pattern,
// strings are parsed with it (CANNOT_PARSE_TIMESTAMP under ANSI); dates and timestamps pass through.
import { TIMESTAMP } from "../../types/data_type.ts";
import type { BindContext, Bound } from "../bound.ts";
import { MICROS_PER_SECOND } from "../datetime/civil_date.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import {
  stringConv, stringToTimestampConv, timestampConv, toStringConv, unexpectedInputType, zoneOf, type Conv,
} from "./datetime_args.ts";
import { parseWithPattern, patternGetter } from "./datetime_parse.ts";

/** CAST(number AS TIMESTAMP): seconds since the epoch, fractions truncated to micros. */
export function numberToTimestampConv(arg: Bound): Conv | null {
  const t = arg.type;
  switch (t.kind) {
    case "byte": case "short": case "int": case "long":
      // A long beyond 2^53 is a bigint (types/long.ts); its micros are a number like every timestamp.
      return (v: number | bigint) => Number(v) * MICROS_PER_SECOND;
    case "float": case "double":
      return (v: number) => (Number.isFinite(v) ? Math.trunc(v * MICROS_PER_SECOND) : null);
    case "decimal": {
      const scale = BigInt(t.scale);
      return (v: bigint) => Number((v * 1_000_000n) / 10n ** scale);
    }
    default:
      return null;
  }
}

/** Micros of `x` as to_timestamp/to_date see it before any pattern: null when the type is refused. */
export function timestampInputConv(x: Bound, ctx: BindContext): Conv | null {
  const direct = timestampConv(x, ctx) ?? numberToTimestampConv(x);
  if (direct !== null) return direct;
  // Anything else castable to a string (booleans …) is cast to a string, then to a timestamp.
  const str = stringConv(x, ctx);
  if (str === null) return null;
  const parse = stringToTimestampConv(ctx);
  return (v: unknown) => parse(str(v));
}

export function bindToTimestamp(args: readonly Bound[], ctx: BindContext, suggestedFunc: string, required: string): BoundCall {
  const x = args[0]!;
  if (args.length === 1) {
    const conv = timestampInputConv(x, ctx);
    if (conv === null) throw unexpectedInputType(ctx, 0, required, x);
    const nullable = x.nullable || !ctx.ansi || x.type.kind === "float" || x.type.kind === "double";
    return { type: TIMESTAMP, nullable, impl: conv };
  }
  const f = args[1]!;
  const fmtText = stringConv(f, ctx);
  if (fmtText === null) throw unexpectedInputType(ctx, 1, "STRING", f);
  const zone = zoneOf(ctx);
  const ansi = ctx.ansi;
  if (x.type.kind !== "string" && x.type.kind !== "null") {
    // Dates and timestamps ignore the pattern; other types are cast to strings and parsed.
    const conv = timestampConv(x, ctx);
    // Spark does not even evaluate the pattern here, so a null pattern still gives a value.
    if (conv !== null) {
      return { type: TIMESTAMP, nullable: x.nullable, nullSafe: true, impl: (v: unknown) => (v === null ? null : conv(v)) };
    }
    const str = stringConv(x, ctx);
    if (str === null) throw unexpectedInputType(ctx, 0, required, x);
    const pattern = patternGetter(f, toStringConv(f.type, zone) as (v: unknown) => string, true);
    return {
      type: TIMESTAMP,
      nullable: true,
      impl: (v: unknown, p: unknown) => parseWithPattern(str(v), pattern(p), zone, ansi, suggestedFunc),
    };
  }
  const pattern = patternGetter(f, fmtText as (v: unknown) => string, true);
  return {
    type: TIMESTAMP,
    nullable: true,
    impl: (s: string, p: unknown) => parseWithPattern(s, pattern(p), zone, ansi, suggestedFunc),
  };
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "to_timestamp",
  minArgs: 1,
  maxArgs: 2,
  bind: (args, ctx) => bindToTimestamp(args, ctx, "try_to_timestamp", "(STRING OR DATE OR TIMESTAMP OR TIMESTAMP_NTZ)"),
};
export default fn;
