// Spark's truncation levels (DateTimeUtils.parseTruncLevel / truncDate / truncTimestamp), used by
// date_trunc() and trunc().
import { civilFromDays, daysFromCivil, floorDiv, isoDayOfWeek, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MILLI, MICROS_PER_MINUTE, MICROS_PER_SECOND } from "./civil_date.ts";
import type { TimeZone } from "./time_zone.ts";

export const TRUNC_INVALID = -1;
export const TRUNC_TO_MICROSECOND = 0;
export const TRUNC_TO_MILLISECOND = 1;
export const TRUNC_TO_SECOND = 2;
export const TRUNC_TO_MINUTE = 3;
export const TRUNC_TO_HOUR = 4;
export const TRUNC_TO_DAY = 5;
export const TRUNC_TO_WEEK = 6;
export const TRUNC_TO_MONTH = 7;
export const TRUNC_TO_QUARTER = 8;
export const TRUNC_TO_YEAR = 9;
/** The lowest level trunc(date, fmt) accepts. */
export const MIN_LEVEL_OF_DATE_TRUNC = TRUNC_TO_WEEK;

export function parseTruncLevel(format: string | null): number {
  if (format === null) return TRUNC_INVALID;
  switch (format.toUpperCase()) {
    case "MICROSECOND": return TRUNC_TO_MICROSECOND;
    case "MILLISECOND": return TRUNC_TO_MILLISECOND;
    case "SECOND": return TRUNC_TO_SECOND;
    case "MINUTE": return TRUNC_TO_MINUTE;
    case "HOUR": return TRUNC_TO_HOUR;
    case "DAY": case "DD": return TRUNC_TO_DAY;
    case "WEEK": return TRUNC_TO_WEEK;
    case "MON": case "MONTH": case "MM": return TRUNC_TO_MONTH;
    case "QUARTER": return TRUNC_TO_QUARTER;
    case "YEAR": case "YYYY": case "YY": return TRUNC_TO_YEAR;
    default: return TRUNC_INVALID;
  }
}

/** Truncates a date to a week (Monday), month, quarter or year level. */
export function truncDate(days: number, level: number): number {
  switch (level) {
    case TRUNC_TO_WEEK: return days - isoDayOfWeek(days) + 1;
    case TRUNC_TO_MONTH: {
      const [y, m] = civilFromDays(days);
      return daysFromCivil(y!, m!, 1);
    }
    case TRUNC_TO_QUARTER: {
      const [y, m] = civilFromDays(days);
      return daysFromCivil(y!, m! - ((m! - 1) % 3), 1);
    }
    case TRUNC_TO_YEAR: return daysFromCivil(civilFromDays(days)[0]!, 1, 1);
    default: throw new Error(`invalid trunc level ${level}`);
  }
}

/** Truncates an instant in `zone`; like java's ZonedDateTime.truncatedTo, keeps the offset when still valid. */
export function truncTimestamp(micros: number, level: number, zone: TimeZone): number {
  switch (level) {
    case TRUNC_TO_MICROSECOND: return micros;
    case TRUNC_TO_MILLISECOND: return micros - (micros - floorDiv(micros, MICROS_PER_MILLI) * MICROS_PER_MILLI);
    case TRUNC_TO_SECOND: return floorDiv(micros, MICROS_PER_SECOND) * MICROS_PER_SECOND;
    case TRUNC_TO_MINUTE: return truncWithZone(micros, MICROS_PER_MINUTE, zone);
    case TRUNC_TO_HOUR: return truncWithZone(micros, MICROS_PER_HOUR, zone);
    case TRUNC_TO_DAY: return truncWithZone(micros, MICROS_PER_DAY, zone);
    default: {
      const days = floorDiv(zone.toLocal(micros), MICROS_PER_DAY);
      return zone.toUtc(truncDate(days, level) * MICROS_PER_DAY);
    }
  }
}

function truncWithZone(micros: number, unit: number, zone: TimeZone): number {
  const offset = zone.offsetAtMicros(micros);
  const local = micros + offset;
  const t = floorDiv(local, unit) * unit;
  return zone.offsetAtMicros(t - offset) === offset ? t - offset : zone.toUtc(t);
}
