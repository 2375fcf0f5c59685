// Spark's lenient string -> timestamp conversion (SparkDateTimeUtils.parseTimestampString and
// stringToTimestamp): what CAST('…' AS TIMESTAMP) and to_timestamp(str) without a pattern accept.
//   [+-]yyyy*  [+-]yyyy*-[m]m  [+-]yyyy*-[m]m-[d]d  [+-]yyyy*-[m]m-[d]d[T| ][h]h:[m]m:[s]s.[fraction][zone]
//   [h]h:[m]m:[s]s.[fraction][zone]  T[h]h:[m]m:[s]s.[fraction][zone]   (time only: today's date)
// zone: Z, +|-[h]h:[m]m, short ids (PST), UTC+/GMT+/UT+ offsets, region ids (Europe/Paris).
import { daysFromCivil, floorDiv, isValidDate, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from "./civil_date.ts";
import { getTimeZone, type TimeZone } from "./time_zone.ts";

/** Parsed segments: year, month, day, hour, minute, second, micros; the zone id text; time-only flag. */
export interface TimestampSegments {
  segments: number[];
  zone: string | null;
  justTime: boolean;
}

/** Spark's isWhitespaceOrISOControl on one UTF-8 byte: ASCII controls and spaces. */
export function isTrimmable(c: number): boolean {
  return c <= 32 || c === 127;
}

function isValidDigits(segment: number, digits: number): boolean {
  return segment === 6 || (segment === 0 && digits >= 4 && digits <= 6) || (segment === 7 && digits <= 2) ||
    (segment !== 0 && segment !== 6 && segment !== 7 && digits > 0 && digits <= 2);
}

/** Splits a timestamp string into segments the way Spark does; null when it is not a timestamp. */
export function parseTimestampString(s: string): TimestampSegments | null {
  let j = 0;
  let end = s.length;
  while (j < end && isTrimmable(s.charCodeAt(j))) j++;
  while (end > j + 1 && isTrimmable(s.charCodeAt(end - 1))) end--;
  if (j === end) return null;
  const segments = [1, 1, 1, 0, 0, 0, 0, 0, 0];
  let tz: string | null = null;
  let i = 0;
  let value = 0;
  let digits = 0;
  let digitsMilli = 0;
  let justTime = false;
  let yearSign = 0;
  const c0 = s.charCodeAt(j);
  if (c0 === 45 || c0 === 43) {
    yearSign = c0 === 45 ? -1 : 1;
    j++;
  }
  const close = (): boolean => {
    if (!isValidDigits(i, digits)) return false;
    segments[i] = value;
    value = 0;
    digits = 0;
    i++;
    return true;
  };
  while (j < end) {
    const b = s.charCodeAt(j);
    const d = b - 48;
    if (d < 0 || d > 9) {
      if (j === 0 && b === 84 /* T */) {
        justTime = true;
        i += 3;
      } else if (i < 2) {
        if (b === 45 /* - */) {
          if (!close()) return null;
        } else if (i === 0 && b === 58 /* : */ && yearSign === 0) {
          justTime = true;
          if (!isValidDigits(3, digits)) return null;
          segments[3] = value;
          value = 0;
          digits = 0;
          i = 4;
        } else {
          return null;
        }
      } else if (i === 2) {
        if (b === 32 || b === 84) {
          if (!close()) return null;
        } else {
          return null;
        }
      } else if (i === 3 || i === 4) {
        if (b === 58) {
          if (!close()) return null;
        } else {
          return null;
        }
      } else if (i === 5 || i === 6) {
        if (b === 46 /* . */ && i === 5) {
          if (!close()) return null;
        } else {
          if (!close()) return null;
          tz = s.slice(j, end);
          j = end - 1;
        }
        if (i === 6 && b !== 46) i++;
      } else {
        if (i < segments.length && (b === 58 || b === 32)) {
          if (!close()) return null;
        } else {
          return null;
        }
      }
    } else {
      if (i === 6) digitsMilli++;
      // Digits past the sixth fraction digit are dropped (nanoseconds are truncated).
      if (i !== 6 || digits < 6) value = value * 10 + d;
      digits++;
    }
    j++;
  }
  if (!isValidDigits(i, digits)) return null;
  segments[i] = value;
  while (digitsMilli < 6) {
    segments[6] = segments[6]! * 10;
    digitsMilli++;
  }
  if (yearSign !== 0) segments[0] = segments[0]! * yearSign;
  return { segments, zone: tz === null ? null : tz.trim(), justTime };
}

function timeOk(seg: number[]): boolean {
  return seg[3]! <= 23 && seg[4]! <= 59 && seg[5]! <= 59;
}

function localMicros(seg: number[], days: number): number {
  return days * MICROS_PER_DAY + seg[3]! * MICROS_PER_HOUR + seg[4]! * MICROS_PER_MINUTE + seg[5]! * MICROS_PER_SECOND + seg[6]!;
}

/** Spark's stringToTimestamp: micros since the epoch, or null when `s` is not a valid timestamp. */
export function stringToTimestamp(s: string, zone: TimeZone): number | null {
  const p = parseTimestampString(s);
  if (p === null) return null;
  const seg = p.segments;
  let z = zone;
  if (p.zone !== null) {
    try {
      z = getTimeZone(p.zone);
    } catch {
      return null;
    }
  }
  if (!timeOk(seg)) return null;
  let days: number;
  if (p.justTime) {
    days = floorDiv(z.toLocal(Date.now() * 1000), MICROS_PER_DAY);
  } else {
    if (!isValidDate(seg[0]!, seg[1]!, seg[2]!)) return null;
    days = daysFromCivil(seg[0]!, seg[1]!, seg[2]!);
  }
  return z.toUtc(localMicros(seg, days));
}

/**
 * Spark's stringToTimestampWithoutTimeZone (TIMESTAMP_NTZ): wall-clock micros, or null. A zone in the
 * text is ignored when `allowTimeZone`, else makes the result null; time-only strings are null.
 */
export function stringToTimestampWithoutTimeZone(s: string, allowTimeZone = true): number | null {
  const p = parseTimestampString(s);
  if (p === null || p.justTime || (!allowTimeZone && p.zone !== null)) return null;
  if (p.zone !== null) {
    try {
      getTimeZone(p.zone);
    } catch {
      return null;
    }
  }
  const seg = p.segments;
  if (!timeOk(seg) || !isValidDate(seg[0]!, seg[1]!, seg[2]!)) return null;
  return localMicros(seg, daysFromCivil(seg[0]!, seg[1]!, seg[2]!));
}
