// timestampdiff(unit, start, end) (TIMESTAMPDIFF/DATEDIFF/DATE_DIFF(unit, …)): whole units from
// start to end, on their local date-times in the session zone, truncated toward zero as
// java.time's ChronoUnit.between counts them (QUARTER is MONTHS / 3).
import { longFromIntegralDouble } from "../../types/long.ts";
import { castArgs } from "../coercion.ts";
import { civilFromDays, floorDiv, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MILLI, MICROS_PER_MINUTE, MICROS_PER_SECOND } from "../datetime/civil_date.ts";
import { getTimeZone } from "../datetime/time_zone.ts";
import type { ScalarFunction } from "../function_def.ts";
import { LONG, TIMESTAMP } from "../../types/data_type.ts";
import { invalidDatetimeUnit, unitOf } from "./timestampadd.ts";

/** LocalDate.until(end, MONTHS) on day numbers. */
function monthsUntil(startDays: number, endDays: number): number {
  const a = civilFromDays(startDays, [0, 0, 0]), b = civilFromDays(endDays, [0, 0, 0]);
  const packed1 = (a[0]! * 12 + a[1]! - 1) * 32 + a[2]!;
  const packed2 = (b[0]! * 12 + b[1]! - 1) * 32 + b[2]!;
  return Math.trunc((packed2 - packed1) / 32);
}

/** LocalDateTime.until for a date-based unit: the end date moves a day when its time of day is on the other side. */
function dateBased(start: number, end: number, unit: (a: number, b: number) => number): number {
  const sd = floorDiv(start, MICROS_PER_DAY), st = start - sd * MICROS_PER_DAY;
  let ed = floorDiv(end, MICROS_PER_DAY);
  const et = end - ed * MICROS_PER_DAY;
  if (ed > sd && et < st) ed--;
  else if (ed < sd && et > st) ed++;
  return unit(sd, ed);
}

export function localDiff(unit: string, start: number, end: number): number | undefined {
  const per = (n: number) => Math.trunc((end - start) / n);
  switch (unit) {
    case "MICROSECOND": return end - start;
    case "MILLISECOND": return per(MICROS_PER_MILLI);
    case "SECOND": return per(MICROS_PER_SECOND);
    case "MINUTE": return per(MICROS_PER_MINUTE);
    case "HOUR": return per(MICROS_PER_HOUR);
    case "DAY": return dateBased(start, end, (a, b) => b - a);
    case "WEEK": return dateBased(start, end, (a, b) => Math.trunc((b - a) / 7));
    case "MONTH": return dateBased(start, end, monthsUntil);
    case "QUARTER": return Math.trunc(dateBased(start, end, monthsUntil) / 3);
    case "YEAR": return dateBased(start, end, (a, b) => Math.trunc(monthsUntil(a, b) / 12));
    default: return undefined;
  }
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "timestampdiff",
  minArgs: 3,
  maxArgs: 3,
  bind(args, ctx) {
    const unit = unitOf("timestampdiff", args[0]!, ctx.argSql[0] ?? "");
    const upper = unit.toUpperCase();
    if (localDiff(upper, 0, 0) === undefined) throw invalidDatetimeUnit("timestampdiff", unit);
    const [a, b] = castArgs(args.slice(1), [TIMESTAMP, TIMESTAMP], { ...ctx, argSql: ctx.argSql.slice(1) });
    const zone = getTimeZone(ctx.timeZone);
    return {
      type: LONG, nullable: a!.nullable || b!.nullable, args: [a!, b!],
      // A difference beyond 2^53 microseconds is a bigint long (types/long.ts).
      impl: (s: number, e: number) => longFromIntegralDouble(localDiff(upper, zone.toLocal(s), zone.toLocal(e))!),
    };
  },
};
export default fn;
