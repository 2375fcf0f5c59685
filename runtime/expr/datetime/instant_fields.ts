// Instants (micros since the epoch) seen through a time zone: the local date, the time of day, and
// back again. These are what hour(), to_date(), current_date() … are built from.
import { daysFromCivil, floorDiv, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from "./civil_date.ts";
import type { TimeZone } from "./time_zone.ts";

/** Local date (days since the epoch) of an instant in `zone` (Spark's microsToDays). */
export function microsToDays(micros: number, zone: TimeZone): number {
  return floorDiv(zone.toLocal(micros), MICROS_PER_DAY);
}

/** The instant of local midnight starting `days` in `zone` (Spark's daysToMicros). */
export function daysToMicros(days: number, zone: TimeZone): number {
  return zone.toUtc(days * MICROS_PER_DAY);
}

/** Micros since local midnight of an instant in `zone`. */
export function microsOfDay(micros: number, zone: TimeZone): number {
  const local = zone.toLocal(micros);
  return local - floorDiv(local, MICROS_PER_DAY) * MICROS_PER_DAY;
}

export function hourOf(micros: number, zone: TimeZone): number {
  return Math.floor(microsOfDay(micros, zone) / MICROS_PER_HOUR);
}

export function minuteOf(micros: number, zone: TimeZone): number {
  return Math.floor(microsOfDay(micros, zone) / MICROS_PER_MINUTE) % 60;
}

export function secondOf(micros: number, zone: TimeZone): number {
  return Math.floor(microsOfDay(micros, zone) / MICROS_PER_SECOND) % 60;
}

/** The instant of a local date-time in `zone` (fields are not validated). */
export function localDateTimeToMicros(
  year: number, month: number, day: number, hour: number, minute: number, second: number, micro: number, zone: TimeZone,
): number {
  const local = daysFromCivil(year, month, day) * MICROS_PER_DAY + hour * MICROS_PER_HOUR + minute * MICROS_PER_MINUTE +
    second * MICROS_PER_SECOND + micro;
  return zone.toUtc(local);
}
