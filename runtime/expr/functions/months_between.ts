// months_between(t1, t2[, roundOff]): months from t2 to t1 as a double; whole when the days of
// month match or both are month ends, else the day and time difference over 31 days, rounded to
// 8 digits unless roundOff is false (DateTimeUtils.monthsBetween).
import { castArgs } from "../coercion.ts";
import { civilFromDays, daysInMonth, MICROS_PER_SECOND } from "../datetime/civil_date.ts";
import { daysToMicros, microsToDays } from "../datetime/instant_fields.ts";
import { getTimeZone, type TimeZone } from "../datetime/time_zone.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BOOLEAN, DOUBLE, TIMESTAMP } from "../../types/data_type.ts";
import type { Bound } from "../bound.ts";

export function monthsBetween(m1: number, m2: number, roundOff: boolean, zone: TimeZone): number {
  const d1 = microsToDays(m1, zone), d2 = microsToDays(m2, zone);
  const [y1, mo1, day1] = civilFromDays(d1, [0, 0, 0]) as [number, number, number];
  const [y2, mo2, day2] = civilFromDays(d2, [0, 0, 0]) as [number, number, number];
  const monthDiff = y1 * 12 + mo1 - (y2 * 12 + mo2);
  const end1 = daysInMonth(y1, mo1) === day1, end2 = daysInMonth(y2, mo2) === day2;
  if (day1 === day2 || (end1 && end2)) return monthDiff;
  const sec1 = Math.trunc((m1 - daysToMicros(d1, zone)) / MICROS_PER_SECOND);
  const sec2 = Math.trunc((m2 - daysToMicros(d2, zone)) / MICROS_PER_SECOND);
  const secondsDiff = (day1 - day2) * 86400 + sec1 - sec2;
  const diff = monthDiff + secondsDiff / (31 * 86400);
  return roundOff ? Math.round(diff * 1e8) / 1e8 : diff;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "months_between",
  minArgs: 2,
  maxArgs: 3,
  bind(args, ctx) {
    const on: Bound = { kind: "lit", value: true, type: BOOLEAN, nullable: false };
    const typed = castArgs(args.length === 2 ? [...args, on] : args, [TIMESTAMP, TIMESTAMP, BOOLEAN], ctx);
    const zone = getTimeZone(ctx.timeZone);
    return {
      type: DOUBLE, nullable: typed.some((a) => a.nullable), args: typed,
      impl: (a: number, b: number, r: boolean) => monthsBetween(a, b, r, zone),
      printed: args.length === 2 ? (p) => `months_between(${p[0]}, ${p[1]}, true)` : undefined,
    };
  },
};
export default fn;
