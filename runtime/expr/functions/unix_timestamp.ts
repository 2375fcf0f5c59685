// unix_timestamp([x [, fmt]]): seconds since the epoch. No argument: the batch's timestamp. Strings
// are parsed with fmt (default 'yyyy-MM-dd HH:mm:ss'); dates and timestamps are converted.
import { LONG, STRING } from "../../types/data_type.ts";
import type { BindContext, Bound, EvalContext } from "../bound.ts";
import { floorDiv, MICROS_PER_SECOND } from "../datetime/civil_date.ts";
import { daysToMicros } from "../datetime/instant_fields.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import { stringConv, unexpectedInputType, zoneOf } from "./datetime_args.ts";
import { parseWithPattern, patternGetter } from "./datetime_parse.ts";

export const DEFAULT_PATTERN = "yyyy-MM-dd HH:mm:ss";

export function bindUnixTimestamp(args: readonly Bound[], ctx: BindContext): BoundCall {
  if (args.length === 0) {
    return { type: LONG, nullable: false, deterministic: false, contextual: true, impl: (batch: EvalContext) => floorDiv(batch.batchTimestampMicros, MICROS_PER_SECOND) };
  }
  const x = args[0]!;
  const zone = zoneOf(ctx);
  const fmt: Bound = args[1] ?? { kind: "lit", value: DEFAULT_PATTERN, type: STRING, nullable: false };
  // Spark divides with Scala's `/`, which rounds toward zero (-0.5 s gives 0).
  const toSeconds = (m: number) => {
    const q = floorDiv(m, MICROS_PER_SECOND);
    return m < 0 && q * MICROS_PER_SECOND !== m ? q + 1 : q;
  };
  switch (x.type.kind) {
    case "timestamp":
    case "timestamp_ntz":
      return { type: LONG, nullable: x.nullable, nullSafe: true, impl: (v: number | null) => (v === null ? null : toSeconds(v)) };
    case "date":
      return { type: LONG, nullable: x.nullable, nullSafe: true, impl: (v: number | null) => (v === null ? null : toSeconds(daysToMicros(v, zone))) };
  }
  const str = stringConv(x, ctx);
  if (str === null) throw unexpectedInputType(ctx, 0, "(STRING OR DATE OR TIMESTAMP OR TIMESTAMP_NTZ)", x);
  const fmtText = stringConv(fmt, ctx);
  if (fmtText === null) throw unexpectedInputType(ctx, 1, "STRING", fmt);
  const pattern = patternGetter(fmt, fmtText as (v: unknown) => string, true);
  const ansi = ctx.ansi;
  const args2 = args.length === 1 ? [x, fmt] : args;
  return {
    type: LONG,
    nullable: true,
    args: args2,
    impl: (v: unknown, p: unknown) => {
      const m = parseWithPattern(str(v), pattern(p), zone, ansi, "try_to_timestamp");
      return m === null ? null : toSeconds(m);
    },
  };
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "unix_timestamp",
  minArgs: 0,
  maxArgs: 2,
  bind: bindUnixTimestamp,
};
export default fn;
