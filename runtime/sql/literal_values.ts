// Values of SQL literals that need more than a number conversion: interval strings (Spark's
// IntervalUtils), DATE/TIMESTAMP strings (through the datetime core in expr/datetime) and the ANSI
// text of interval values used in column names. Errors carry Spark's classes and words.
import { SluiceError } from "../errors.ts";
import { stringToDate } from "../expr/datetime/string_to_date.ts";
import { parseTimestampString, stringToTimestamp, stringToTimestampWithoutTimeZone } from "../expr/datetime/string_to_timestamp.ts";
import { getTimeZone, type TimeZone } from "../expr/datetime/time_zone.ts";
import { dateToString, timestampNTZToString, timestampToString } from "../expr/datetime/timestamp_to_string.ts";
import { invalidIntervalFormat, stringToInterval, type IntervalParts } from "../expr/cast_interval.ts";

export { invalidIntervalFormat, stringToInterval, type IntervalParts };

export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
export const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
const MICROS_PER_DAY_N = BigInt(MICROS_PER_DAY);
const INT_MAX = 2147483647n;
const LONG_MAX = 9223372036854775807n;

/**
 * IntervalUtils.getDuration in microseconds (a month has no fixed length, so months must be 0):
 * beyond a long, INTERVAL_ARITHMETIC_OVERFLOW.
 */
export function intervalMicros(p: IntervalParts): number {
  const total = BigInt(p.days) * MICROS_PER_DAY_N + BigInt(p.micros);
  if (total > LONG_MAX || total < -LONG_MAX - 1n) {
    throw new SluiceError("INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION",
      "Integer overflow while operating with intervals. Try devising appropriate values for the interval parameters.", { sqlState: "22015" });
  }
  return Number(total);
}

// ---- interval field names ----

export const DT_NAMES = ["day", "hour", "minute", "second"] as const;

/** A legacy-style error (Spark prints it without an error class). */
export function legacyError(code: string, message: string): SluiceError {
  return new SluiceError(code, message);
}

// ---- ANSI text of interval values (IntervalUtils.toDayTimeIntervalString / toYearMonthIntervalString) ----

export function dayTimeIntervalSql(micros: number | bigint, start: number, end: number): string {
  const from = DT_NAMES[start]!.toUpperCase();
  const to = DT_NAMES[end]!.toUpperCase();
  const postfix = `' ${start === end ? from : `${from} TO ${to}`}`;
  let rest = BigInt(micros);
  let sign = "";
  if (rest < 0n) {
    sign = "-";
    rest = -rest;
  }
  const pad2 = (v: bigint) => v.toString().padStart(2, "0");
  const secs = (v: bigint) => {
    const lead = v < 10_000_000n ? "0" : "";
    const whole = v / 1_000_000n;
    const frac = (v % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
    return lead + whole.toString() + (frac ? "." + frac : "");
  };
  const unit = [MICROS_PER_DAY_N, BigInt(MICROS_PER_HOUR), BigInt(MICROS_PER_MINUTE)];
  let out = sign;
  if (start === 3) out += secs(rest);
  else {
    const lead = rest / unit[start]!;
    rest %= unit[start]!;
    out += start === 0 ? lead.toString() : pad2(lead);
  }
  if (start < 1 && end >= 1) {
    out += " " + pad2(rest / unit[1]!);
    rest %= unit[1]!;
  }
  if (start < 2 && end >= 2) {
    out += ":" + pad2(rest / unit[2]!);
    rest %= unit[2]!;
  }
  if (start < 3 && end >= 3) out += ":" + secs(rest);
  return `INTERVAL '${out}${postfix}`;
}

export function yearMonthIntervalSql(months: number, start: number, end: number): string {
  const sign = months < 0 ? "-" : "";
  const abs = Math.abs(months);
  const year = `${sign}${Math.trunc(abs / 12)}`;
  if (start === end) return start === 0 ? `INTERVAL '${year}' YEAR` : `INTERVAL '${months}' MONTH`;
  return `INTERVAL '${year}-${abs % 12}' YEAR TO MONTH`;
}

// ---- DATE / TIMESTAMP strings (Spark's AstBuilder: special values first, then the lenient parsers) ----

/** Spark's convertSpecialDate / convertSpecialTimestamp words: day offsets from today. */
const SPECIAL_DAYS: Record<string, number> = { yesterday: -1, today: 0, now: 0, tomorrow: 1 };

function todayIn(zone: TimeZone): number {
  return Math.floor(zone.toLocal(Date.now() * 1000) / MICROS_PER_DAY);
}

/** DATE 'text': days since the epoch, or null when invalid. `timeZone` gives "today". */
export function parseDateLiteral(text: string, timeZone: string): number | null {
  const special = text.trim().toLowerCase();
  if (special === "epoch") return 0;
  if (special in SPECIAL_DAYS) return todayIn(getTimeZone(timeZone)) + SPECIAL_DAYS[special]!;
  return stringToDate(text);
}

/**
 * TIMESTAMP 'text' (session zone unless the text has one) or, with `ntz`, TIMESTAMP_NTZ 'text'
 * (the wall clock; a zone in the text is ignored): microseconds, or null when invalid.
 */
export function parseTimestampLiteral(text: string, timeZone: string, ntz = false): number | null {
  const zone = getTimeZone(timeZone);
  const special = text.trim().toLowerCase();
  if (special === "epoch") return 0;
  if (special === "now") return ntz ? zone.toLocal(Date.now() * 1000) : Date.now() * 1000;
  if (special in SPECIAL_DAYS) {
    const local = (todayIn(zone) + SPECIAL_DAYS[special]!) * MICROS_PER_DAY;
    return ntz ? local : zone.toUtc(local);
  }
  return ntz ? stringToTimestampWithoutTimeZone(text) : stringToTimestamp(text, zone);
}

/** Whether TIMESTAMP 'text' depends on the session time zone (no zone of its own; not 'now' or 'epoch'). */
export function isZoneRelativeTimestamp(text: string): boolean {
  const special = text.trim().toLowerCase();
  if (special === "epoch" || special === "now") return false;
  if (special in SPECIAL_DAYS) return true;
  const p = parseTimestampString(text);
  return p !== null && p.zone === null;
}

/** 'yyyy-MM-dd' of days since the epoch. */
export function formatDate(days: number): string {
  return dateToString(days);
}

/** 'yyyy-MM-dd HH:mm:ss[.ffffff]' of a TIMESTAMP in `zone`, or of a TIMESTAMP_NTZ when `zone` is null. */
export function formatTimestamp(micros: number, zone: string | null): string {
  return zone === null ? timestampNTZToString(micros) : timestampToString(micros, getTimeZone(zone));
}

/** Hex digits of X'…' to bytes; an odd count gets a leading 0 (X'1' is 0x01). Null when not hex. */
export function parseHexLiteral(text: string): Uint8Array | null {
  if (!/^[0-9a-fA-F]*$/.test(text)) return null;
  const hex = text.length % 2 ? "0" + text : text;
  const out = new Uint8Array(hex.length / 2);
  for (let k = 0; k < out.length; k++) out[k] = parseInt(hex.slice(2 * k, 2 * k + 2), 16);
  return out;
}
