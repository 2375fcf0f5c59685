// Values of SQL literals that need more than a number conversion: interval strings (Spark's
// IntervalUtils), DATE/TIMESTAMP strings (through the datetime core in expr/datetime) and the ANSI
// text of interval values used in column names. Errors carry Spark's classes and words.
import { SluiceError } from "../errors.ts";
import { stringToDate } from "../expr/datetime/string_to_date.ts";
import { parseTimestampString, stringToTimestamp, stringToTimestampWithoutTimeZone } from "../expr/datetime/string_to_timestamp.ts";
import { getTimeZone, type TimeZone } from "../expr/datetime/time_zone.ts";
import { dateToString, timestampNTZToString, timestampToString } from "../expr/datetime/timestamp_to_string.ts";

export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
export const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
const MICROS_PER_DAY_N = BigInt(MICROS_PER_DAY);
const INT_MAX = 2147483647n;
const LONG_MAX = 9223372036854775807n;

export interface IntervalParts {
  months: number;
  days: number;
  micros: number;
}

/** INVALID_INTERVAL_FORMAT.<sub>: the shared first sentence plus the sub-class sentence. */
export function invalidIntervalFormat(input: string, sub: string, detail: string): SluiceError {
  return new SluiceError(
    `INVALID_INTERVAL_FORMAT.${sub}`,
    `Error parsing '${input}' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. ${detail}`,
    { sqlState: "22006" },
  );
}

const isWs = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/**
 * Spark's stringToInterval: "1 day 2 hours", "-3 months", "interval 1.5 seconds" → months, days,
 * microseconds. A port of the state machine so that the same inputs fail with the same words.
 */
export function stringToInterval(input: string): IntervalParts {
  const fail = (sub: string, detail: string): never => {
    throw invalidIntervalFormat(input, sub, detail);
  };
  const s = input.trim().toLowerCase();
  if (s.length === 0) fail("INPUT_IS_EMPTY", "Interval string cannot be empty.");
  let months = 0n;
  let days = 0n;
  let micros = 0n;
  let i = 0;
  const currentWord = (): string => {
    const words = s.split(/\s+/);
    const rest = s.slice(i).split(/\s+/).length;
    return words[words.length - rest] ?? "";
  };
  if (s.startsWith("interval")) {
    if (s.length === "interval".length) fail("INPUT_IS_EMPTY", "Interval string cannot be empty.");
    if (!isWs(s["interval".length])) fail("INVALID_PREFIX", `Invalid interval prefix ${currentWord()}.`);
    i = "interval".length + 1;
  }
  const arith = (): never => fail("ARITHMETIC_EXCEPTION", `Uncaught arithmetic exception while parsing '${input}'.`);
  const checkInt = (v: bigint) => (v > INT_MAX || v < -INT_MAX - 1n ? arith() : v);
  const checkLong = (v: bigint) => (v > LONG_MAX || v < -LONG_MAX - 1n ? arith() : v);
  let sawUnit = false;
  for (;;) {
    while (isWs(s[i])) i++;
    if (i >= s.length) {
      if (!sawUnit) fail("UNKNOWN_PARSING_ERROR", `Unknown error when parsing ${currentWord()}.`);
      break;
    }
    // sign
    let negative = false;
    let fractionDigits: string | null = null;
    let pointPrefixed = false;
    const c = s[i]!;
    if (c === "-" || c === "+") {
      negative = c === "-";
      i++;
    } else if (c === ".") {
      fractionDigits = "";
      pointPrefixed = true;
      i++;
    } else if (!isDigit(c)) {
      fail("UNRECOGNIZED_NUMBER", `Unrecognized number ${currentWord()}.`);
    }
    let value = 0n;
    if (fractionDigits === null) {
      while (isWs(s[i])) i++;
      if (i >= s.length) fail("MISSING_NUMBER", `Expect a number after ${currentWord()} but hit EOL.`);
      for (;;) {
        const ch = s[i];
        if (ch === undefined) fail("MISSING_UNIT", `Expect a unit name after ${currentWord()} but hit EOL.`);
        if (isDigit(ch)) {
          value = checkLong(value * 10n + BigInt(ch!.charCodeAt(0) - 48));
          i++;
        } else if (isWs(ch)) {
          i++;
          break;
        } else if (ch === ".") {
          fractionDigits = "";
          i++;
          break;
        } else {
          fail("INVALID_VALUE", `Invalid value ${currentWord()}.`);
        }
      }
    }
    if (fractionDigits !== null) {
      for (;;) {
        const ch = s[i];
        if (ch === undefined) fail("MISSING_UNIT", `Expect a unit name after ${currentWord()} but hit EOL.`);
        if (isDigit(ch) && fractionDigits.length < 9) {
          fractionDigits += ch;
          i++;
        } else if (isWs(ch) && (!pointPrefixed || fractionDigits.length > 0)) {
          i++;
          break;
        } else if (isDigit(ch)) {
          fail("INVALID_PRECISION", `Interval can only support nanosecond precision, ${currentWord()} is out of range.`);
        } else {
          fail("INVALID_VALUE", `Invalid value ${currentWord()}.`);
        }
      }
    }
    while (isWs(s[i])) i++;
    if (i >= s.length) fail("MISSING_UNIT", `Expect a unit name after ${currentWord()} but hit EOL.`);
    if (s[i] !== "s" && fractionDigits !== null) {
      fail("INVALID_FRACTION", `${currentWord()} cannot have fractional part.`);
    }
    const sign = negative ? -1n : 1n;
    const v = value * sign;
    const fractionMicros = fractionDigits === null ? 0n : BigInt((fractionDigits + "000000000").slice(0, 6)) * sign;
    const unit = ["year", "week", "day", "hour", "second", "month", "minute", "millisecond", "microsecond"]
      .find((u) => s.startsWith(u, i));
    switch (unit) {
      case "year": months = checkInt(months + checkInt(12n * v)); break;
      case "month": months = checkInt(months + checkInt(v)); break;
      case "week": days = checkInt(days + checkInt(7n * v)); break;
      case "day": days = checkInt(days + checkInt(v)); break;
      case "hour": micros = checkLong(micros + checkLong(v * BigInt(MICROS_PER_HOUR))); break;
      case "minute": micros = checkLong(micros + checkLong(v * BigInt(MICROS_PER_MINUTE))); break;
      case "second": micros = checkLong(micros + checkLong(v * 1_000_000n) + fractionMicros); break;
      case "millisecond": micros = checkLong(micros + checkLong(v * 1000n)); break;
      case "microsecond": micros = checkLong(micros + v); break;
      default: fail("INVALID_UNIT", `Invalid unit ${currentWord()}.`);
    }
    i += unit!.length;
    sawUnit = true;
    if (s[i] === "s") i++;
    if (i < s.length && !isWs(s[i])) fail("INVALID_UNIT", `Invalid unit ${currentWord()}.`);
  }
  return { months: Number(months), days: Number(days), micros: Number(micros) };
}

/** Total microseconds of a day-time interval (a month has no fixed length, so months must be 0). */
export function intervalMicros(p: IntervalParts, input: string): number {
  const total = BigInt(p.days) * MICROS_PER_DAY_N + BigInt(p.micros);
  if (total > LONG_MAX || total < -LONG_MAX - 1n) {
    throw invalidIntervalFormat(input, "ARITHMETIC_EXCEPTION", `Uncaught arithmetic exception while parsing '${input}'.`);
  }
  return Number(total);
}

// ---- unit-to-unit interval strings ('1 2:03:04' DAY TO SECOND, '1-2' YEAR TO MONTH) ----

export const DT_NAMES = ["day", "hour", "minute", "second"] as const;
const DT_LETTERS = ["d", "h", "m", "s.n"];
const DT_MAX = [106751991n, 2562047788n, 153722867280n, 9223372036854n];

function dtFormat(start: number, end: number): string {
  const parts = DT_LETTERS.slice(start, end + 1);
  let body = "";
  parts.forEach((p, k) => {
    if (k === 0) body = p;
    else body += (start + k === 1 ? " " : ":") + p;
  });
  const name = start === end ? DT_NAMES[start]!.toUpperCase() : `${DT_NAMES[start]!.toUpperCase()} TO ${DT_NAMES[end]!.toUpperCase()}`;
  return `\`[+|-]${body}\`, \`INTERVAL [+|-]'[+|-]${body}' ${name}\``;
}

/** A legacy-style error (Spark prints it without an error class). */
export function legacyError(code: string, message: string): SluiceError {
  return new SluiceError(code, message);
}

/** Spark's fromDayTimeString (ANSI form): microseconds of '[+|-]d h:m:s.n' for the given fields. */
export function fromDayTimeString(input: string, start: number, end: number): number {
  const typeName = start === end ? `interval ${DT_NAMES[start]}` : `interval ${DT_NAMES[start]} to ${DT_NAMES[end]}`;
  const mismatch = () =>
    invalidIntervalFormat(
      input,
      "UNMATCHED_FORMAT_STRING_WITH_NOTICE",
      `Interval string does not match day-time format of ${dtFormat(start, end)} when cast to ${typeName}: ${input}. Set "spark.sql.legacy.fromDayTimeString.enabled" to "true" to restore the behavior before Spark 3.0.`,
    );
  let text = input.trim();
  let outerNegative = false;
  const wrapped = /^INTERVAL\s+([+-])?'(.*)'\s+(\w+)(?:\s+TO\s+(\w+))?$/i.exec(text);
  if (wrapped) {
    const from = DT_NAMES.indexOf(wrapped[3]!.toLowerCase() as never);
    const to = wrapped[4] ? DT_NAMES.indexOf(wrapped[4].toLowerCase() as never) : from;
    if (from !== start || to !== end) throw mismatch();
    outerNegative = wrapped[1] === "-";
    text = wrapped[2]!;
  }
  const seps = [];
  for (let f = start + 1; f <= end; f++) seps.push(f === 1 ? " " : ":");
  let re = "^([+-])?(\\d+)";
  for (const sep of seps) re += (sep === " " ? " " : ":") + "(\\d{1,2})";
  if (end === 3) re += "(\\.\\d{1,9})?";
  re += "$";
  const m = new RegExp(re).exec(text);
  if (!m) throw mismatch();
  const negative = (m[1] === "-") !== outerNegative;
  let total = 0n;
  const units = [MICROS_PER_DAY_N, BigInt(MICROS_PER_HOUR), BigInt(MICROS_PER_MINUTE), 1_000_000n];
  const limits = [0n, 23n, 59n, 59n];
  for (let f = start, g = 2; f <= end; f++, g++) {
    const v = BigInt(m[g]!);
    const max = f === start ? DT_MAX[f]! : limits[f]!;
    if (v > max) {
      throw legacyError("_LEGACY_ERROR_TEMP_0063", `requirement failed: ${DT_NAMES[f]} ${v} outside range [0, ${max}].`);
    }
    total += v * units[f]!;
  }
  if (end === 3 && m[end - start + 3]) {
    total += BigInt((m[end - start + 3]!.slice(1) + "000000").slice(0, 6));
  }
  if (total > LONG_MAX) throw mismatch();
  return Number(negative ? -total : total);
}

/** Spark's fromYearMonthString: months of '[+|-]y-m'. */
export function fromYearMonthString(input: string): number {
  const m = /^([+-])?(\d+)-(\d+)$/.exec(input.trim());
  const fail = () => invalidIntervalFormat(input, "INTERVAL_PARSING", "Error parsing interval year-month string.");
  if (!m) throw fail();
  const years = BigInt(m[2]!);
  const months = BigInt(m[3]!);
  if (months > 11n || years > 178956970n) throw fail();
  const total = years * 12n + months;
  if (total > INT_MAX) throw fail();
  return Number(m[1] === "-" ? -total : total);
}

// ---- ANSI text of interval values (IntervalUtils.toDayTimeIntervalString / toYearMonthIntervalString) ----

export function dayTimeIntervalSql(micros: number, start: number, end: number): string {
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
