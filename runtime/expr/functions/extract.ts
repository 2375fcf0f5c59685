// extract(field FROM source) / date_part(field, source) / datepart: a field of a date, timestamp
// or interval (Spark's Extract with DatePart / ExtractIntervalPart). The field is a foldable
// string (NULL gives a NULL double); SECOND of a timestamp keeps its fraction as DECIMAL(8, 6).
import { SluiceError, quoteIdent } from "../../errors.ts";
import type { Bound } from "../bound.ts";
import { castArgs } from "../coercion.ts";
import {
  dayOfMonthOfDays, dayOfYearOfDays, floorMod, isoDayOfWeek, isoWeekOfYear, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE,
  monthOfDays, yearOfDays,
} from "../datetime/civil_date.ts";
import { getTimeZone } from "../datetime/time_zone.ts";
import { NANOS_PER_HOUR, NANOS_PER_MINUTE, NANOS_PER_SECOND, requireTimeType } from "../datetime/time_of_day.ts";
import { foldValue, isFoldable } from "../foldable.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import type { CalendarInterval } from "../../types/calendar_interval.ts";
import { BYTE, DATE, DecimalType, DOUBLE, INT, TIMESTAMP, type DataType } from "../../types/data_type.ts";

const SECONDS = new DecimalType(8, 6);
const MICROS_PER_MONTH_DAY = MICROS_PER_DAY;

const DATE_FIELDS: Record<string, string> = {
  YEAR: "YEAR", Y: "YEAR", YEARS: "YEAR", YR: "YEAR", YRS: "YEAR", YEAROFWEEK: "YEAROFWEEK", QUARTER: "QUARTER", QTR: "QUARTER",
  MONTH: "MONTH", MON: "MONTH", MONS: "MONTH", MONTHS: "MONTH", WEEK: "WEEK", W: "WEEK", WEEKS: "WEEK", DAY: "DAY", D: "DAY",
  DAYS: "DAY", DAYOFWEEK: "DAYOFWEEK", DOW: "DAYOFWEEK", DAYOFWEEK_ISO: "DAYOFWEEK_ISO", DOW_ISO: "DAYOFWEEK_ISO", DOY: "DOY",
  HOUR: "HOUR", H: "HOUR", HOURS: "HOUR", HR: "HOUR", HRS: "HOUR", MINUTE: "MINUTE", M: "MINUTE", MIN: "MINUTE", MINS: "MINUTE",
  MINUTES: "MINUTE", SECOND: "SECOND", S: "SECOND", SEC: "SECOND", SECONDS: "SECOND", SECS: "SECOND",
};

const DATE_PARTS: Record<string, (d: number) => number> = {
  YEAR: yearOfDays,
  YEAROFWEEK: (d) => yearOfDays(d - isoDayOfWeek(d) + 4),
  QUARTER: (d) => Math.floor((monthOfDays(d) - 1) / 3) + 1,
  MONTH: monthOfDays,
  WEEK: isoWeekOfYear,
  DAY: dayOfMonthOfDays,
  DAYOFWEEK: (d) => (isoDayOfWeek(d) % 7) + 1,
  DAYOFWEEK_ISO: isoDayOfWeek,
  DOY: dayOfYearOfDays,
};

function invalidField(field: string, sourceSql: string): SluiceError {
  return new SluiceError("INVALID_EXTRACT_FIELD", `Cannot extract ${quoteIdent(field)} from "${sourceSql}".`, { sqlState: "42601" });
}

/** What to compute for a field of a source type: the result type and the function of the value. */
function part(field: string, source: Bound, timeZone: string, sourceSql: string, conf?: (key: string) => string | undefined): { type: DataType; impl: (v: any) => unknown } {
  const upper = field.toUpperCase();
  const t = source.type;
  if (t.kind === "time") {
    requireTimeType(conf);
    // TimePart.parseExtractField: HOUR and MINUTE as INT, SECOND with the fraction the TIME keeps.
    const canonical = DATE_FIELDS[upper];
    if (canonical === "HOUR") return { type: INT, impl: (n: number) => Math.floor(n / NANOS_PER_HOUR) };
    if (canonical === "MINUTE") return { type: INT, impl: (n: number) => Math.floor((n % NANOS_PER_HOUR) / NANOS_PER_MINUTE) };
    if (canonical === "SECOND") {
      const scale = 10 ** t.precision, unit = 10 ** (6 - t.precision);
      return {
        type: SECONDS,
        impl: (n: number) => {
          const secs = Math.floor((n % NANOS_PER_MINUTE) / NANOS_PER_SECOND);
          const fraction = Math.floor(((n % NANOS_PER_SECOND) * scale) / NANOS_PER_SECOND);
          return BigInt(secs * 1_000_000 + fraction * unit);
        },
      };
    }
    throw invalidField(field, sourceSql);
  }
  if (t.kind === "yearmonth_interval") {
    const unit = { YEAR: 0, Y: 0, YEARS: 0, YR: 0, YRS: 0, MONTH: 1, MON: 1, MONS: 1, MONTHS: 1 }[upper];
    if (unit === undefined || unit < t.startField || unit > t.endField) throw invalidField(field, sourceSql);
    return unit === 0 ? { type: INT, impl: (m: number) => Math.trunc(m / 12) } : { type: BYTE, impl: (m: number) => m % 12 };
  }
  if (t.kind === "daytime_interval" || t.kind === "calendar_interval") {
    const unit = { DAY: 0, D: 0, DAYS: 0, HOUR: 1, H: 1, HOURS: 1, HR: 1, HRS: 1, MINUTE: 2, M: 2, MIN: 2, MINS: 2, MINUTES: 2, SECOND: 3, S: 3, SEC: 3, SECONDS: 3, SECS: 3 }[upper];
    if (t.kind === "calendar_interval") {
      const ym = { YEAR: 0, Y: 0, YEARS: 0, YR: 0, YRS: 0, MONTH: 1, MON: 1, MONS: 1, MONTHS: 1 }[upper];
      if (ym === 0) return { type: INT, impl: (c: CalendarInterval) => Math.trunc(c.months / 12) };
      if (ym === 1) return { type: BYTE, impl: (c: CalendarInterval) => c.months % 12 };
      if (unit === undefined) throw invalidField(field, sourceSql);
      return dayTimePart(unit, (c: CalendarInterval) => c.micros, (c: CalendarInterval) => c.days);
    }
    if (unit === undefined || unit < t.startField || unit > t.endField) throw invalidField(field, sourceSql);
    return dayTimePart(unit, (m: number) => m, () => 0);
  }
  const canonical = DATE_FIELDS[upper];
  if (canonical === undefined) throw invalidField(field, sourceSql);
  const datePart = DATE_PARTS[canonical];
  if (datePart) {
    const zone = getTimeZone(timeZone);
    if (t.kind === "timestamp") return { type: INT, impl: (m: number) => datePart(Math.floor(zone.toLocal(m) / MICROS_PER_DAY)) };
    if (t.kind === "timestamp_ntz") return { type: INT, impl: (m: number) => datePart(Math.floor(m / MICROS_PER_DAY)) };
    return { type: INT, impl: datePart };
  }
  const zone = getTimeZone(timeZone);
  const ofDay = t.kind === "timestamp_ntz" ? (m: number) => floorMod(m, MICROS_PER_DAY) : (m: number) => floorMod(zone.toLocal(m), MICROS_PER_DAY);
  switch (canonical) {
    case "HOUR": return { type: INT, impl: (m: number) => Math.floor(ofDay(m) / MICROS_PER_HOUR) };
    case "MINUTE": return { type: INT, impl: (m: number) => Math.floor((ofDay(m) % MICROS_PER_HOUR) / MICROS_PER_MINUTE) };
    default: return { type: SECONDS, impl: (m: number) => BigInt(ofDay(m) % MICROS_PER_MINUTE) };
  }
}

function dayTimePart(unit: number, micros: (v: any) => number, days: (v: any) => number): { type: DataType; impl: (v: any) => unknown } {
  switch (unit) {
    case 0: return { type: INT, impl: (v) => days(v) + Math.trunc(micros(v) / MICROS_PER_MONTH_DAY) };
    case 1: return { type: BYTE, impl: (v) => Math.trunc((micros(v) % MICROS_PER_DAY) / MICROS_PER_HOUR) };
    case 2: return { type: BYTE, impl: (v) => Math.trunc((micros(v) % MICROS_PER_HOUR) / MICROS_PER_MINUTE) };
    default: return { type: SECONDS, impl: (v) => BigInt(micros(v) % MICROS_PER_MINUTE) };
  }
}

export function extractFunction(name: "extract" | "date_part" | "datepart"): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args, ctx): BoundCall {
      const [f, source] = args as [Bound, Bound];
      if (!isFoldable(f) || (f.type.kind !== "string" && f.type.kind !== "null")) {
        throw new SluiceError("NON_FOLDABLE_ARGUMENT",
          `The function \`${name}\` requires the parameter \`field\` to be a foldable expression of the type "STRING", but the actual argument is a non-foldable.`,
          { sqlState: "42K08" });
      }
      const field = foldValue(f);
      if (field === null) return { type: DOUBLE, nullable: true, args: [], nullSafe: true, impl: () => null };
      let src = source;
      const k = src.type.kind;
      if (k !== "date" && k !== "timestamp" && k !== "timestamp_ntz" && k !== "time" && k !== "yearmonth_interval" && k !== "daytime_interval" && k !== "calendar_interval") {
        // Spark casts other sources to the type the field's function expects (DATE, or TIMESTAMP for time fields).
        const canonical = DATE_FIELDS[String(field).toUpperCase()];
        const to = canonical === "HOUR" || canonical === "MINUTE" || canonical === "SECOND" ? TIMESTAMP : DATE;
        src = castArgs([source], [to], { ...ctx, argSql: ctx.argSql.slice(1), sql: ctx.sql })[0]!;
      }
      const p = part(String(field), src!, ctx.timeZone, ctx.argSql[1] ?? "", ctx.conf);
      return { type: p.type, nullable: src!.nullable, args: [src!], impl: p.impl };
    },
  };
}

export const fn = extractFunction("extract");
export default fn;
