// to_time(str[, format]): a TIME(6) parsed from a string, without a format as CAST(str AS TIME)
// reads it, with one by the datetime pattern (date fields are ignored, missing time fields are 0).
// Text that does not parse is CANNOT_PARSE_TIME; try_to_time gives NULL instead.
import { SluiceError } from "../../errors.ts";
import { STRING, TIME } from "../../types/data_type.ts";
import type { Bound } from "../bound.ts";
import { requireType } from "../coercion.ts";
import { floorMod, MICROS_PER_DAY } from "../datetime/civil_date.ts";
import { compileDatetimePattern, DateTimeParseError } from "../datetime/datetime_pattern.ts";
import { NANOS_PER_MICRO, stringToTime, requireTimeType } from "../datetime/time_of_day.ts";
import { foldValue, isFoldable } from "../foldable.ts";
import type { BindContext } from "../bound.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import { sqlValue } from "../expr_errors.ts";

function cannotParse(input: string, format: string | undefined): SluiceError {
  return new SluiceError("CANNOT_PARSE_TIME",
    `The input string ${sqlValue(input, STRING)} cannot be parsed to a TIME value because it does not match to the datetime format ${sqlValue(format ?? "HH:mm:ss.SSSSSS", STRING)}.`,
    { sqlState: "22010" });
}

/** Nanoseconds of the day of `s` read with `format` (or as a cast), or CANNOT_PARSE_TIME. */
export function parseTime(s: string, format: string | undefined): number {
  if (format === undefined) {
    const t = stringToTime(s);
    if (t === null) throw cannotParse(s, format);
    return t;
  }
  const pattern = compileDatetimePattern(format, true);
  try {
    return floorMod(pattern.parseLocal(s), MICROS_PER_DAY) * NANOS_PER_MICRO;
  } catch (e) {
    if (e instanceof DateTimeParseError) throw cannotParse(s, format);
    throw e;
  }
}

export function bindToTime(args: readonly Bound[], ctx: BindContext, tolerant: boolean): BoundCall {
  requireTimeType(ctx.conf);
  // ToTime expects strings and casts nothing to them (ExpectsInputTypes): to_time(1) is refused.
  const named = { ...ctx, sql: `to_time(${ctx.argSql.join(", ")})` };
  const typed = args.map((a, i) => requireType(a, i, STRING, named));
  const wrap = (f: (...a: any[]) => number) => (tolerant ? (...a: any[]) => {
    try {
      return f(...a);
    } catch (e) {
      if (e instanceof SluiceError) return null;
      throw e;
    }
  } : f);
  const str = typed[0]!;
  if (typed.length === 2 && isFoldable(typed[1]!)) {
    const format = foldValue(typed[1]!) as string | null;
    if (format === null) return { type: TIME, nullable: true, args: [], nullSafe: true, impl: () => null };
    if (!tolerant) compileDatetimePattern(format, true);
    return { type: TIME, nullable: tolerant || str.nullable, args: [str], impl: wrap((s: string) => parseTime(s, format)) };
  }
  return {
    type: TIME, nullable: tolerant || typed.some((a) => a.nullable), args: typed,
    impl: wrap((s: string, format?: string) => parseTime(s, format)),
  };
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "to_time",
  minArgs: 1,
  maxArgs: 2,
  bind: (args, ctx) => bindToTime(args, ctx, false),
};
export default fn;
