// Date/time pieces of CAST and of the datetime operators (+, - on dates, timestamps, intervals):
// Spark's default formatting of dates, timestamps and intervals as strings, and java.time-style
// month/day arithmetic in a time zone. Parsing and zones come from datetime/ (one implementation).
import { CalendarInterval } from "../types/calendar_interval.ts";
import { splitMicros, type Long } from "../types/long.ts";
import {
  civilFromDays, daysFromCivil, daysInMonth, floorDiv, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
} from "./datetime/civil_date.ts";
import { stringToDate } from "./datetime/string_to_date.ts";
import { stringToTimestamp, stringToTimestampWithoutTimeZone } from "./datetime/string_to_timestamp.ts";
import { getTimeZone, type TimeZone } from "./datetime/time_zone.ts";
import { toStrippedPlainString } from "./decimal_ops.ts";

export { getTimeZone, type TimeZone };

/** CAST(string AS DATE): days since the epoch, or null when malformed. */
export function parseDate(s: string): number | null {
  return stringToDate(s);
}

/** CAST(string AS TIMESTAMP) in the session zone: micros, or null when malformed. */
export function parseTimestamp(s: string, zone: TimeZone): number | null {
  return stringToTimestamp(s, zone);
}

/** CAST(string AS TIMESTAMP_NTZ): wall-clock micros, or null when malformed. */
export function parseTimestampNTZ(s: string): number | null {
  return stringToTimestampWithoutTimeZone(s, true);
}

const pad2 = (n: number) => (n < 10 ? "0" + n : String(n));

/** java.time's `uuuu` with SignStyle.EXCEED_PAD: 4 digits, '+' beyond 9999, '-' for negatives. */
function formatYear(y: number): string {
  if (y < 0) {
    const a = String(-y);
    return "-" + (a.length < 4 ? "0".repeat(4 - a.length) + a : a);
  }
  const s = String(y);
  if (s.length > 4) return "+" + s;
  return "0".repeat(4 - s.length) + s;
}

const civil = [0, 0, 0];

/** Spark's default date format, yyyy-MM-dd. */
export function formatDate(days: number): string {
  civilFromDays(days, civil);
  return `${formatYear(civil[0]!)}-${pad2(civil[1]!)}-${pad2(civil[2]!)}`;
}

/** Wall-clock micros as yyyy-MM-dd HH:mm:ss[.ffffff] with trailing fraction zeros removed. */
export function formatLocalMicros(local: Long): string {
  if (typeof local === "bigint") return formatLocalSeconds(...splitMicros(local));
  const days = floorDiv(local, MICROS_PER_DAY);
  let rest = local - days * MICROS_PER_DAY;
  const h = Math.floor(rest / MICROS_PER_HOUR);
  rest -= h * MICROS_PER_HOUR;
  const m = Math.floor(rest / MICROS_PER_MINUTE);
  rest -= m * MICROS_PER_MINUTE;
  const s = Math.floor(rest / MICROS_PER_SECOND);
  const frac = rest - s * MICROS_PER_SECOND;
  let text = `${formatDate(days)} ${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  if (frac !== 0) {
    let f = String(frac).padStart(6, "0");
    let end = f.length;
    while (f.charCodeAt(end - 1) === 48) end--;
    f = f.slice(0, end);
    text += "." + f;
  }
  return text;
}

/** Wall-clock whole seconds and a microsecond fraction (a time beyond ±2^53 µs) as formatLocalMicros prints it. */
function formatLocalSeconds(seconds: number, micros: number): string {
  const days = floorDiv(seconds, 86_400);
  const inDay = seconds - days * 86_400;
  return formatLocalMicros(inDay * MICROS_PER_SECOND + micros).replace(/^[^ ]+/, formatDate(days));
}

/** A timestamp (instant) as Spark prints it in `zone`. */
export function formatTimestamp(micros: Long, zone: TimeZone): string {
  if (typeof micros === "bigint") {
    const [seconds, fraction] = splitMicros(micros);
    return formatLocalSeconds(seconds + zone.offsetAtSecond(seconds), fraction);
  }
  return formatLocalMicros(zone.toLocal(micros));
}

/** Spark's microsToDays: the local date of an instant. */
export function timestampToDate(micros: number, zone: TimeZone): number {
  return floorDiv(zone.toLocal(micros), MICROS_PER_DAY);
}

/** Spark's daysToMicros: local midnight of a date as an instant. */
export function dateToTimestamp(days: number, zone: TimeZone): number {
  return zone.toUtc(days * MICROS_PER_DAY);
}

/** ANSI year-month interval text: INTERVAL '1-2' YEAR TO MONTH, INTERVAL '14' MONTH … */
export function yearMonthIntervalToString(months: number, startField: number, endField: number): string {
  const sign = months < 0 ? "-" : "";
  const abs = Math.abs(months);
  const year = `${sign}${Math.floor(abs / 12)}`;
  if (startField === endField) return startField === 0 ? `INTERVAL '${year}' YEAR` : `INTERVAL '${months}' MONTH`;
  return `INTERVAL '${year}-${abs % 12}' YEAR TO MONTH`;
}

const DT_NAMES = ["DAY", "HOUR", "MINUTE", "SECOND"];

/** ANSI day-time interval text (Spark's toDayTimeIntervalString with ANSI_STYLE). */
export function dayTimeIntervalToString(micros: Long, startField: number, endField: number): string {
  if (typeof micros === "bigint") return bigDayTimeIntervalToString(micros, startField, endField);
  const from = DT_NAMES[startField]!, to = DT_NAMES[endField]!;
  const postfix = `' ${startField === endField ? from : `${from} TO ${to}`}`;
  let sign = "";
  let rest = micros;
  if (micros < 0) {
    sign = "-";
    rest = -rest;
  }
  const seconds = (r: number) => (r < 10 * MICROS_PER_SECOND ? "0" : "") + toStrippedPlainString(BigInt(r), 6);
  let out = sign;
  switch (startField) {
    case 0:
      out += String(Math.floor(rest / MICROS_PER_DAY));
      rest %= MICROS_PER_DAY;
      break;
    case 1:
      out += pad2(Math.floor(rest / MICROS_PER_HOUR));
      rest %= MICROS_PER_HOUR;
      break;
    case 2:
      out += pad2(Math.floor(rest / MICROS_PER_MINUTE));
      rest %= MICROS_PER_MINUTE;
      break;
    default:
      out += seconds(rest);
  }
  if (startField < 1 && 1 <= endField) {
    out += " " + pad2(Math.floor(rest / MICROS_PER_HOUR));
    rest %= MICROS_PER_HOUR;
  }
  if (startField < 2 && 2 <= endField) {
    out += ":" + pad2(Math.floor(rest / MICROS_PER_MINUTE));
    rest %= MICROS_PER_MINUTE;
  }
  if (startField < 3 && 3 <= endField) out += ":" + seconds(rest);
  return `INTERVAL '${out}${postfix}`;
}

/** dayTimeIntervalToString of an interval beyond ±2^53 µs, in bigint arithmetic. */
function bigDayTimeIntervalToString(micros: bigint, startField: number, endField: number): string {
  const from = DT_NAMES[startField]!, to = DT_NAMES[endField]!;
  const postfix = `' ${startField === endField ? from : `${from} TO ${to}`}`;
  const sign = micros < 0n ? "-" : "";
  let rest = micros < 0n ? -micros : micros;
  const units = [86_400_000_000n, 3_600_000_000n, 60_000_000n];
  const seconds = (r: bigint) => (r < 10_000_000n ? "0" : "") + toStrippedPlainString(r, 6);
  const p2 = (v: bigint) => String(v).padStart(2, "0");
  let out = sign;
  if (startField === 3) out += seconds(rest);
  else {
    const lead = rest / units[startField]!;
    rest %= units[startField]!;
    out += startField === 0 ? String(lead) : p2(lead);
  }
  for (let f = startField + 1; f <= endField; f++) {
    if (f === 3) out += ":" + seconds(rest);
    else {
      out += (f === 1 ? " " : ":") + p2(rest / units[f]!);
      rest %= units[f]!;
    }
  }
  return `INTERVAL '${out}${postfix}`;
}

/** CalendarInterval.toString: "1 years 2 months 3 days 4 hours 5 minutes 6.5 seconds". */
export function calendarIntervalToString(ci: CalendarInterval): string {
  if (ci.months === 0 && ci.days === 0 && ci.micros === 0) return "0 seconds";
  const parts: string[] = [];
  const unit = (v: number, name: string) => {
    if (v !== 0) parts.push(`${v} ${name}`);
  };
  if (ci.months !== 0) {
    unit(Math.trunc(ci.months / 12), "years");
    unit(ci.months % 12, "months");
  }
  unit(ci.days, "days");
  if (ci.micros !== 0) {
    let rest = ci.micros;
    unit(Math.trunc(rest / MICROS_PER_HOUR), "hours");
    rest %= MICROS_PER_HOUR;
    unit(Math.trunc(rest / MICROS_PER_MINUTE), "minutes");
    rest %= MICROS_PER_MINUTE;
    if (rest !== 0) parts.push(`${toStrippedPlainString(BigInt(rest), 6)} seconds`);
  }
  return parts.join(" ");
}

/** LocalDate.plusMonths on a day number: the day of month is clamped to the new month's length. */
export function dateAddMonths(days: number, months: number): number {
  if (months === 0) return days;
  civilFromDays(days, civil);
  const total = civil[0]! * 12 + (civil[1]! - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return daysFromCivil(y, m, Math.min(civil[2]!, daysInMonth(y, m)));
}

/** Wall-clock micros plus months (LocalDateTime.plusMonths). */
export function localAddMonths(local: number, months: number): number {
  const days = floorDiv(local, MICROS_PER_DAY);
  return dateAddMonths(days, months) * MICROS_PER_DAY + (local - days * MICROS_PER_DAY);
}

/**
 * ZonedDateTime.ofLocal with a preferred offset: in an overlap the previous offset is kept when it is
 * still valid, otherwise the zone's usual resolution applies (gaps move forward).
 */
function localToInstant(local: number, zone: TimeZone, preferredOffsetMicros: number): number {
  if (zone.fixedOffset !== null) return local - zone.fixedOffset * MICROS_PER_SECOND;
  const candidate = local - preferredOffsetMicros;
  if (zone.toLocal(candidate) === local) return candidate;
  return zone.toUtc(local);
}

/**
 * Spark's timestampAddInterval: ZonedDateTime.plusMonths(months).plusDays(days) on the local
 * date-time, then plus(micros) on the instant.
 */
export function timestampAddInterval(micros: number, months: number, days: number, extraMicros: number, zone: TimeZone): number {
  let t = micros;
  if (months !== 0 || days !== 0) {
    const offset = zone.offsetAtMicros(micros);
    let local = micros + offset;
    if (months !== 0) local = localAddMonths(local, months);
    local += days * MICROS_PER_DAY;
    t = localToInstant(local, zone, offset);
  }
  return t + extraMicros;
}

/** timestampAddInterval for TIMESTAMP_NTZ: all arithmetic on the wall clock. */
export function timestampNTZAddInterval(local: number, months: number, days: number, extraMicros: number): number {
  return localAddMonths(local, months) + days * MICROS_PER_DAY + extraMicros;
}

/** Spark's timestampAddDayTime: whole days on the local date-time, the rest on the instant. */
export function timestampAddDayTime(micros: number, dayTime: number, zone: TimeZone): number {
  const days = Math.trunc(dayTime / MICROS_PER_DAY);
  return timestampAddInterval(micros, 0, days, dayTime - days * MICROS_PER_DAY, zone);
}

/** Spark's subtractTimestamps: difference of the local date-times in `zone`, in micros. */
export function subtractTimestamps(end: number, start: number, zone: TimeZone): number {
  return zone.toLocal(end) - zone.toLocal(start);
}
