// The common timestamp form, read without the general parser (stringToTimestamp gives the same
// value for it): the JSON and CSV readers try it first.
import { MICROS_PER_DAY, MICROS_PER_SECOND, daysFromCivil, daysInMonth } from "./civil_date.ts";
import type { TimeZone } from "./time_zone.ts";

/**
 * "yyyy-MM-dd[T ]HH:mm:ss[.f{1,6}][Z]" without going through the general parser; null for
 * anything else (the caller then uses Spark's full parser).
 */
export function fastTimestamp(s: string, zone: TimeZone): number | null {
  return fastTimestampIn(s, 0, s.length, zone);
}

/** fastTimestamp of text[from, to), read in place (a reader scanning a line needs no slice). */
export function fastTimestampIn(text: string, from: number, to: number, zone: TimeZone): number | null {
  const n = to - from;
  if (n < 19 || n > 27) return null;
  const s = text;
  const o = from;
  if (s.charCodeAt(o + 4) !== 45 || s.charCodeAt(o + 7) !== 45 || s.charCodeAt(o + 13) !== 58 || s.charCodeAt(o + 16) !== 58) return null;
  const sepChar = s.charCodeAt(o + 10);
  if (sepChar !== 84 && sepChar !== 32) return null;
  const d0 = s.charCodeAt(o + 0) - 48, d1 = s.charCodeAt(o + 1) - 48, d2 = s.charCodeAt(o + 2) - 48, d3 = s.charCodeAt(o + 3) - 48;
  const m0 = s.charCodeAt(o + 5) - 48, m1 = s.charCodeAt(o + 6) - 48, a0 = s.charCodeAt(o + 8) - 48, a1 = s.charCodeAt(o + 9) - 48;
  const h0 = s.charCodeAt(o + 11) - 48, h1 = s.charCodeAt(o + 12) - 48, i0 = s.charCodeAt(o + 14) - 48, i1 = s.charCodeAt(o + 15) - 48;
  const s0 = s.charCodeAt(o + 17) - 48, s1 = s.charCodeAt(o + 18) - 48;
  // One unsigned comparison per digit: anything outside 0..9 wraps above 9.
  if (((d0 | d1 | d2 | d3 | m0 | m1 | a0 | a1 | h0 | h1 | i0 | i1 | s0 | s1) >>> 0) > 15 ||
    d0 > 9 || d1 > 9 || d2 > 9 || d3 > 9 || m0 > 9 || m1 > 9 || a0 > 9 || a1 > 9 || h0 > 9 || h1 > 9 || i0 > 9 || i1 > 9 || s0 > 9 || s1 > 9) {
    return null;
  }
  let i = o + 19;
  let micros = 0;
  if (i < to && s.charCodeAt(i) === 46) {
    i++;
    let digits = 0;
    while (i < to) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (++digits > 6) return null;
      micros = micros * 10 + d;
      i++;
    }
    if (digits === 0) return null;
    for (let k = digits; k < 6; k++) micros *= 10;
  }
  let utc = false;
  if (i < to) {
    if (s.charCodeAt(i) !== 90 || i !== to - 1) return null;
    utc = true;
  }
  const year = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
  const month = m0 * 10 + m1;
  const day = a0 * 10 + a1;
  const hour = h0 * 10 + h1;
  const minute = i0 * 10 + i1;
  const second = s0 * 10 + s1;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > 28 && day > daysInMonth(year, month)) return null;
  const local = daysFromCivil(year, month, day) * MICROS_PER_DAY + ((hour * 60 + minute) * 60 + second) * MICROS_PER_SECOND + micros;
  if (utc || zone.fixedOffset === 0) return local;
  return zone.toUtc(local);
}
