// timestampadd(unit, quantity, ts) (TIMESTAMPADD/DATEADD(unit, …)): ts plus quantity units, on
// the local date-time for DAY and longer units (DateTimeUtils.timestampAdd); a DATE becomes a
// TIMESTAMP. Overflow is DATETIME_OVERFLOW; an unknown unit INVALID_PARAMETER_VALUE.DATETIME_UNIT.
import { SluiceError } from "../../errors.ts";
import { ANY_TIMESTAMP, castArgs } from "../coercion.ts";
import { timestampAddInterval, timestampNTZAddInterval } from "../cast_datetime.ts";
import { MICROS_PER_HOUR, MICROS_PER_MILLI, MICROS_PER_MINUTE, MICROS_PER_SECOND } from "../datetime/civil_date.ts";
import { getTimeZone, UTC_ZONE } from "../datetime/time_zone.ts";
import { sqlValue } from "../expr_errors.ts";
import { foldValue, isFoldable } from "../foldable.ts";
import type { Bound } from "../bound.ts";
import type { ScalarFunction } from "../function_def.ts";
import { LONG, TIMESTAMP } from "../../types/data_type.ts";

const MAX_MICROS = 9_223_372_036_854_775_807;
const INT_MAX = 2_147_483_647;

export function invalidDatetimeUnit(fn: string, unit: string): SluiceError {
  return new SluiceError("INVALID_PARAMETER_VALUE.DATETIME_UNIT",
    `The value of parameter(s) \`unit\` in \`${fn}\` is invalid: expects one of the units without quotes YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal '${unit}'.`,
    { sqlState: "22023" });
}

/** The unit of a call: a foldable string (the parser passes the unit word as one). */
export function unitOf(fn: string, arg: Bound, argSql: string): string {
  if (!isFoldable(arg) || arg.type.kind !== "string") throw invalidDatetimeUnit(fn, argSql);
  return String(foldValue(arg));
}

function toIntExact(n: number): number {
  if (n > INT_MAX || n < -INT_MAX - 1) throw new RangeError("integer overflow");
  return n;
}
function multiplyExact(a: number, b: number): number {
  const r = a * b;
  if (Math.abs(r) > MAX_MICROS) throw new RangeError("long overflow");
  return r;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "timestampadd",
  minArgs: 3,
  maxArgs: 3,
  bind(args, ctx) {
    const unit = unitOf("timestampadd", args[0]!, ctx.argSql[0] ?? "");
    const [q, ts] = castArgs(args.slice(1), [LONG, ANY_TIMESTAMP], { ...ctx, argSql: ctx.argSql.slice(1) });
    const ntz = ts!.type.kind === "timestamp_ntz";
    const zone = ntz ? UTC_ZONE : getTimeZone(ctx.timeZone);
    const add = (micros: number, months: number, days: number, extra: number) =>
      ntz ? timestampNTZAddInterval(micros, months, days, extra) : timestampAddInterval(micros, months, days, extra, zone);
    const upper = unit.toUpperCase();
    const step: (q: number, micros: number) => number = (() => {
      switch (upper) {
        case "MICROSECOND": return (n: number, m: number) => add(m, 0, 0, n);
        case "MILLISECOND": return (n: number, m: number) => add(m, 0, 0, multiplyExact(n, MICROS_PER_MILLI));
        case "SECOND": return (n: number, m: number) => add(m, 0, 0, multiplyExact(n, MICROS_PER_SECOND));
        case "MINUTE": return (n: number, m: number) => add(m, 0, 0, multiplyExact(n, MICROS_PER_MINUTE));
        case "HOUR": return (n: number, m: number) => add(m, 0, 0, multiplyExact(n, MICROS_PER_HOUR));
        case "DAY": case "DAYOFYEAR": return (n: number, m: number) => add(m, 0, toIntExact(n), 0);
        case "WEEK": return (n: number, m: number) => add(m, 0, toIntExact(toIntExact(n) * 7), 0);
        case "MONTH": return (n: number, m: number) => add(m, toIntExact(n), 0, 0);
        case "QUARTER": return (n: number, m: number) => add(m, toIntExact(toIntExact(n) * 3), 0, 0);
        case "YEAR": return (n: number, m: number) => add(m, toIntExact(toIntExact(n) * 12), 0, 0);
        default: throw invalidDatetimeUnit("timestampadd", unit);
      }
    })();
    return {
      type: ts!.type, nullable: q!.nullable || ts!.nullable, args: [q!, ts!],
      impl: (n: number | bigint, micros: number) => {
        let r: number;
        try {
          // A quantity beyond 2^53 is a bigint (types/long.ts); as a number it still overflows every unit but microseconds.
          r = step(typeof n === "bigint" ? Number(n) : n, micros);
        } catch (e) {
          if (!(e instanceof RangeError)) throw e;
          r = NaN;
        }
        if (!Number.isFinite(r) || Math.abs(r) > MAX_MICROS) {
          throw new SluiceError("DATETIME_OVERFLOW",
            `Datetime operation overflow: add ${sqlValue(n, LONG)} ${unit} to ${sqlValue(micros, TIMESTAMP)}.`, { sqlState: "22008" });
        }
        return r;
      },
    };
  },
};
export default fn;
