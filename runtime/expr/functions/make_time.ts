// make_time(hour, minute, second): a TIME(6) from INT hour and minute and DECIMAL(16, 6) seconds
// (Spark's DateTimeUtils.makeTime: java.time's LocalTime.of checks). Fields out of range are
// DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION whatever the ANSI setting.
import { SluiceError } from "../../errors.ts";
import { DecimalType, INT, TIME } from "../../types/data_type.ts";
import { castArgs } from "../coercion.ts";
import { invalidTimeMessage } from "../datetime/local_time_checks.ts";
import { NANOS_PER_HOUR, NANOS_PER_MINUTE, NANOS_PER_SECOND, requireTimeType } from "../datetime/time_of_day.ts";
import type { ScalarFunction } from "../function_def.ts";

const SECONDS = new DecimalType(16, 6);

export function timeFieldOutOfBounds(rangeMessage: string): SluiceError {
  return new SluiceError("DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION", `${rangeMessage}. `, { sqlState: "22023" });
}

/** Nanoseconds of the day of (hours, minutes, seconds with micros as an unscaled DECIMAL(_, 6)). */
export function makeTime(hours: number, minutes: number, secsAndMicros: bigint): number {
  let fullSecs = secsAndMicros / 1_000_000n;
  let micros = secsAndMicros % 1_000_000n;
  if (micros < 0n) {
    fullSecs -= 1n;
    micros += 1_000_000n;
  }
  if (fullSecs > 2147483647n || fullSecs < 0n) {
    // Decimal.toLong truncates toward zero.
    throw timeFieldOutOfBounds(`Invalid value for SecondOfMinute (valid values 0 - 59): ${secsAndMicros / 1_000_000n}`);
  }
  const secs = Number(fullSecs), nanos = Number(micros) * 1000;
  const bad = invalidTimeMessage(hours, minutes, secs, nanos);
  if (bad !== null) throw timeFieldOutOfBounds(bad);
  return hours * NANOS_PER_HOUR + minutes * NANOS_PER_MINUTE + secs * NANOS_PER_SECOND + nanos;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "make_time",
  minArgs: 3,
  maxArgs: 3,
  bind(args, ctx) {
    requireTimeType(ctx.conf);
    const typed = castArgs(args, [INT, INT, SECONDS], ctx);
    return { type: TIME, nullable: typed.some((a) => a.nullable), args: typed, impl: makeTime };
  },
};
export default fn;
