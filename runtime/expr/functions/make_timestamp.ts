// make_timestamp(year, month, day, hour, min, sec[, timezone]) and its _ntz / _ltz / try_ forms:
// sec is DECIMAL(16, 6) (60 with no fraction rolls into the next minute); the local date-time is
// read in `timezone` (default the session zone) for TIMESTAMP, kept as is for TIMESTAMP_NTZ.
// Invalid fields are DATETIME_FIELD_OUT_OF_BOUNDS with ANSI (NULL for the try_ forms).
import { SluiceError } from "../../errors.ts";
import type { Bound, BindContext } from "../bound.ts";
import { ANY_TIME, castArgs, requireType } from "../coercion.ts";
import { daysFromCivil, floorDiv, floorMod, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from "../datetime/civil_date.ts";
import { dateTimeFieldOutOfBounds, invalidDateMessage, invalidTimeMessage } from "../datetime/local_time_checks.ts";
import { getTimeZone, type TimeZone } from "../datetime/time_zone.ts";
import { longFromSecondsAndMicros } from "../../types/long.ts";
import { javaDoubleToString } from "../java_format.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import { DATE, DecimalType, INT, STRING, TIMESTAMP, TIMESTAMP_NTZ } from "../../types/data_type.ts";

type Variant = "make_timestamp" | "make_timestamp_ntz" | "make_timestamp_ltz" | "try_make_timestamp" | "try_make_timestamp_ntz" | "try_make_timestamp_ltz";

const SECONDS = new DecimalType(16, 6);

/**
 * Local whole seconds and the microsecond fraction of the fields (each exact as a number, where
 * their sum in micros may not be), or throws the java.time message (a plain Error) /
 * INVALID_FRACTION_OF_SECOND.
 */
function localSeconds(y: number, mo: number, d: number, h: number, mi: number, secMicros: bigint): [number, number] {
  const total = Number(secMicros);
  const seconds = floorDiv(total, MICROS_PER_SECOND);
  const micros = floorMod(total, MICROS_PER_SECOND);
  const dateError = invalidDateMessage(y, mo, d);
  if (seconds === 60) {
    if (micros !== 0) {
      throw new SluiceError("INVALID_FRACTION_OF_SECOND",
        `Valid range for seconds is [0, 60] (inclusive), but the provided value is ${javaDoubleToString(total / 1e6)}. To avoid this error, use \`try_make_timestamp\`, which returns NULL on error.\nIf you do not want to use the session default timestamp version of this function, use \`try_make_timestamp_ntz\` or \`try_make_timestamp_ltz\`.`,
        { sqlState: "22023" });
    }
    const bad = dateError ?? invalidTimeMessage(h, mi, 0);
    if (bad !== null) throw new RangeError(bad);
    return [daysFromCivil(y, mo, d) * 86_400 + h * 3_600 + (mi + 1) * 60, 0];
  }
  const bad = dateError ?? invalidTimeMessage(h, mi, seconds, micros * 1000);
  if (bad !== null) throw new RangeError(bad);
  return [daysFromCivil(y, mo, d) * 86_400 + h * 3_600 + mi * 60 + seconds, micros];
}

/** The instant of local whole seconds in `zone` (offsets are whole seconds), in seconds. */
function utcSeconds(zone: TimeZone, local: number): number {
  return Math.round(zone.toUtc(local * MICROS_PER_SECOND) / MICROS_PER_SECOND);
}

/**
 * The date-and-time forms (Spark 4.1): make_timestamp(date[, time[, timezone]]) and the _ltz forms
 * (MakeTimestampFromDateTime, always a TIMESTAMP), make_timestamp_ntz(date, time).
 */
function bindFromDateTime(args: readonly Bound[], ctx: BindContext, ntz: boolean): BoundCall {
  const date = requireType(args[0]!, 0, DATE, ctx);
  const time = args[1] ? requireType(args[1], 1, ANY_TIME, ctx) : undefined;
  const zoneArg = args[2] ? requireType(args[2], 2, STRING, ctx) : undefined;
  const session = getTimeZone(ctx.timeZone);
  const local = (d: number, t: number) => d * MICROS_PER_DAY + Math.floor(t / 1000);
  const typed = [date, ...(time ? [time] : []), ...(zoneArg ? [zoneArg] : [])];
  return {
    type: ntz ? TIMESTAMP_NTZ : TIMESTAMP,
    nullable: typed.some((a) => a.nullable),
    args: typed,
    impl: ntz
      ? (d: number, t: number) => local(d, t)
      : (d: number, t = 0, tz?: string) => (tz === undefined ? session : getTimeZone(tz)).toUtc(local(d, t)),
  };
}

export function makeTimestampFunction(name: Variant): ScalarFunction {
  const tolerant = name.startsWith("try_");
  const ntzOnly = name.endsWith("_ntz");
  const ltz = name.endsWith("_ltz");
  // The counts each builder takes, and (Spark's own) the counts its WRONG_NUM_ARGS names.
  const counts = ntzOnly ? [2, 6] : ltz ? [2, 3, 6, 7] : [1, 2, 3, 6, 7];
  const shown = ntzOnly ? (tolerant ? [6] : [2, 6]) : ltz ? (tolerant ? [6] : [2, 6]) : [1, 2, 3, 6, 7];
  return {
    kind: "scalar",
    name,
    minArgs: Math.min(...counts),
    maxArgs: Math.max(...counts),
    argCounts: counts,
    argCountsShown: shown,
    bind(args, ctx) {
      if (args.length <= 3) {
        const b = bindFromDateTime(args, ctx, ntzOnly);
        // The date-and-time form of make_timestamp_ltz and try_make_timestamp_ltz is Spark's
        // MakeTimestampFromDateTime, named make_timestamp.
        const named = ltz ? { ...b, printed: (a: readonly string[]) => `make_timestamp(${a.join(", ")})` } : b;
        return tolerant ? { ...named, nullable: true, impl: tryImpl(b.impl) } : named;
      }
      const typed = castArgs(args, [INT, INT, INT, INT, INT, SECONDS, STRING], ctx);
      const ntz = ntzOnly || (!name.endsWith("_ltz") && (ctx.conf?.("spark.sql.timestampType") ?? "").toUpperCase() === "TIMESTAMP_NTZ");
      const failOnError = !tolerant && ctx.ansi;
      const session = getTimeZone(ctx.timeZone);
      return {
        type: ntz ? TIMESTAMP_NTZ : TIMESTAMP,
        nullable: failOnError ? typed.some((a) => a.nullable) : true,
        args: typed,
        impl: (y: number, mo: number, d: number, h: number, mi: number, sec: bigint, tz?: string) => {
          try {
            const [local, fraction] = localSeconds(y, mo, d, h, mi, sec);
            if (ntz) return longFromSecondsAndMicros(local, fraction);
            return longFromSecondsAndMicros(utcSeconds(tz === undefined ? session : getTimeZone(tz), local), fraction);
          } catch (e) {
            if (e instanceof RangeError) {
              if (failOnError) throw dateTimeFieldOutOfBounds(e.message);
              return null;
            }
            if (e instanceof SluiceError && e.code === "INVALID_FRACTION_OF_SECOND" && !failOnError) return null;
            throw e;
          }
        },
      };
    },
  };
}

function tryImpl(f: (...a: any[]) => unknown): (...a: any[]) => unknown {
  return (...a) => {
    try {
      return f(...a);
    } catch (e) {
      if (e instanceof SluiceError) return null;
      throw e;
    }
  };
}

export const fn = makeTimestampFunction("make_timestamp");
export default fn;
