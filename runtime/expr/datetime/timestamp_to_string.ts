// Spark's default text forms of dates and timestamps (what CAST(x AS STRING) and show() print):
// date 'yyyy-MM-dd', timestamp 'yyyy-MM-dd HH:mm:ss' plus the fraction without trailing zeros.
// Years outside 0000-9999 follow java.time's EXCEEDS_PAD sign style: +10000-01-01, -0044-03-15.
import { civilFromDays, floorDiv, MICROS_PER_DAY } from "./civil_date.ts";
import type { TimeZone } from "./time_zone.ts";

const ymd = [0, 0, 0];

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

/** Year as java.time prints 'uuuu': at least 4 digits, '+' when above 9999, '-' when negative. */
export function formatYear4(y: number): string {
  const a = Math.abs(y);
  const digits = a < 1000 ? String(a).padStart(4, "0") : String(a);
  return y < 0 ? "-" + digits : y > 9999 ? "+" + digits : digits;
}

/** 'yyyy-MM-dd' of a day number. */
export function dateToString(days: number): string {
  civilFromDays(days, ymd);
  return formatYear4(ymd[0]!) + "-" + pad2(ymd[1]!) + "-" + pad2(ymd[2]!);
}

/** Spark's fraction formatter: wall-clock micros as 'yyyy-MM-dd HH:mm:ss[.ffffff]', trailing zeros dropped. */
export function localMicrosToString(local: number): string {
  const days = floorDiv(local, MICROS_PER_DAY);
  const tod = local - days * MICROS_PER_DAY;
  const secs = Math.floor(tod / 1_000_000);
  const micros = tod - secs * 1_000_000;
  let s = dateToString(days) + " " + pad2(Math.floor(secs / 3600)) + ":" + pad2(Math.floor(secs / 60) % 60) + ":" + pad2(secs % 60);
  if (micros !== 0) {
    let frac = String(micros).padStart(6, "0");
    let end = 6;
    while (frac.charCodeAt(end - 1) === 48) end--;
    frac = frac.slice(0, end);
    s += "." + frac;
  }
  return s;
}

/** A TIMESTAMP as text in the session time zone. */
export function timestampToString(micros: number, zone: TimeZone): string {
  return localMicrosToString(zone.toLocal(micros));
}

/** A TIMESTAMP_NTZ as text. */
export function timestampNTZToString(micros: number): string {
  return localMicrosToString(micros);
}
