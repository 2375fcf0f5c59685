// String -> interval conversions (Spark's IntervalUtils): castStringToDTInterval and
// castStringToYMInterval (CAST and the INTERVAL '…' a TO b literals), stringToInterval (the
// "1 day 2 hours" form of literals and CAST … AS INTERVAL), with Spark's errors, including the
// Java exceptions Spark lets through.
import { SluiceError } from "../errors.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import { longFromBigInt, type Long } from "../types/long.ts";
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE } from "./datetime/civil_date.ts";

const DT_NAMES = ["day", "hour", "minute", "second"];
const YM_NAMES = ["year", "month"];

const SUPPORTED: Record<string, readonly string[]> = {
  "ym0-1": ["[+|-]y-m", "INTERVAL [+|-]'[+|-]y-m' YEAR TO MONTH"],
  "ym0-0": ["[+|-]y", "INTERVAL [+|-]'[+|-]y' YEAR"],
  "ym1-1": ["[+|-]m", "INTERVAL [+|-]'[+|-]m' MONTH"],
  "dt0-0": ["[+|-]d", "INTERVAL [+|-]'[+|-]d' DAY"],
  "dt0-1": ["[+|-]d h", "INTERVAL [+|-]'[+|-]d h' DAY TO HOUR"],
  "dt0-2": ["[+|-]d h:m", "INTERVAL [+|-]'[+|-]d h:m' DAY TO MINUTE"],
  "dt0-3": ["[+|-]d h:m:s.n", "INTERVAL [+|-]'[+|-]d h:m:s.n' DAY TO SECOND"],
  "dt1-1": ["[+|-]h", "INTERVAL [+|-]'[+|-]h' HOUR"],
  "dt1-2": ["[+|-]h:m", "INTERVAL [+|-]'[+|-]h:m' HOUR TO MINUTE"],
  "dt1-3": ["[+|-]h:m:s.n", "INTERVAL [+|-]'[+|-]h:m:s.n' HOUR TO SECOND"],
  "dt2-2": ["[+|-]m", "INTERVAL [+|-]'[+|-]m' MINUTE"],
  "dt2-3": ["[+|-]m:s.n", "INTERVAL [+|-]'[+|-]m:s.n' MINUTE TO SECOND"],
  "dt3-3": ["[+|-]s.n", "INTERVAL [+|-]'[+|-]s.n' SECOND"],
};

function typeName(names: string[], s: number, e: number): string {
  return s === e ? `interval ${names[s]}` : `interval ${names[s]} to ${names[e]}`;
}

/** The untrimmed input, as Spark's throwIllegalIntervalFormatException names it. */
function unmatchedInput(input: string, kind: "ym" | "dt", s: number, e: number): SluiceError {
  const formats = SUPPORTED[`${kind}${s}-${e}`]!.map((f) => `\`${f}\``).join(", ");
  const what = kind === "ym" ? "year-month" : "day-time";
  const name = typeName(kind === "ym" ? YM_NAMES : DT_NAMES, s, e);
  const head = `Error parsing '${input}' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. `;
  if (kind === "dt") {
    return new SluiceError("INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE",
      `${head}Interval string does not match ${what} format of ${formats} when cast to ${name}: ${input}. Set "spark.sql.legacy.fromDayTimeString.enabled" to "true" to restore the behavior before Spark 3.0.`,
      { sqlState: "22006" });
  }
  return new SluiceError("INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING",
    `${head}Interval string does not match ${what} format of ${formats} when cast to ${name}: ${input}.`, { sqlState: "22006" });
}

function parsingError(input: string, what: string): SluiceError {
  return new SluiceError("INVALID_INTERVAL_FORMAT.INTERVAL_PARSING",
    `Error parsing '${input}' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Error parsing interval ${what} string.`,
    { sqlState: "22006" });
}

/**
 * A Java exception Spark lets through without an error class (IllegalArgumentException of a
 * `require`, ArithmeticException of Math.*Exact, NumberFormatException of String.toLong): the
 * code names the exception, the message is Java's.
 */
export function javaException(name: "IllegalArgumentException" | "ArithmeticException" | "NumberFormatException", message: string): SluiceError {
  return new SluiceError(name, message, { sqlState: name === "ArithmeticException" ? "22003" : "22023" });
}

/** UTF8String.trimAll: drops leading and trailing whitespace and ISO control characters. */
function trimAll(s: string): string {
  let i = 0, j = s.length;
  while (i < j && s.charCodeAt(i) <= 32) i++;
  while (j > i && s.charCodeAt(j - 1) <= 32) j--;
  return s.slice(i, j);
}

function finalSign(first?: string, second?: string): bigint {
  if (first === "-" && second === "-") return 1n;
  return first === "-" || second === "-" ? -1n : 1n;
}

const LONG_MIN = -9223372036854775808n, LONG_MAX = 9223372036854775807n;

/** java.lang.Long.parseLong of digits (the regexes only let digits and a sign through). */
function toLong(text: string): bigint {
  const v = BigInt(text);
  if (v < LONG_MIN || v > LONG_MAX) throw javaException("NumberFormatException", `For input string: "${text}"`);
  return v;
}

/** IntervalUtils.toLongWithRange: `require(min <= v <= max)`. */
function toLongWithRange(field: string, text: string | undefined, min: bigint, max: bigint): bigint {
  const v = text === undefined ? 0n : toLong(text);
  if (v < min || v > max) throw javaException("IllegalArgumentException", `requirement failed: ${field} ${v} outside range [${min}, ${max}]`);
  return v;
}

function addExact(a: bigint, b: bigint): bigint {
  const r = a + b;
  if (r < LONG_MIN || r > LONG_MAX) throw javaException("ArithmeticException", "long overflow");
  return r;
}

/** Java's long multiplication (wraps). */
const wrapLong = (v: bigint) => BigInt.asIntN(64, v);

/** IntervalUtils.safeToInterval: what is not a Spark error becomes INTERVAL_PARSING. */
function safeToInterval<T>(what: string, input: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SluiceError && /^(IllegalArgumentException|ArithmeticException|NumberFormatException)$/.test(e.code)) {
      throw parsingError(input, what);
    }
    throw e;
  }
}

const MAX_DAY = 106751991n, MAX_HOUR = 2562047788n, MAX_MINUTE = 153722867280n;
const MAX_SECOND = 9223372036854n, MIN_SECOND = -9223372036854n;
const US_DAY = BigInt(MICROS_PER_DAY), US_HOUR = BigInt(MICROS_PER_HOUR), US_MINUTE = BigInt(MICROS_PER_MINUTE), US_SECOND = 1_000_000n;

function parseNanos(nanos: string | undefined, negative: boolean): bigint {
  if (nanos === undefined) return 0n;
  const aligned = nanos.length < 9 ? (nanos + "000000000").slice(0, 9) : nanos;
  const micros = toLongWithRange("nanosecond", aligned, 0n, 999999999n) / 1000n;
  return negative ? -micros : micros;
}

/** IntervalUtils.parseSecondNano: "ss[.nnnnnnnnn]" to microseconds. */
function parseSecondNano(text: string, min = MIN_SECOND, max = MAX_SECOND): bigint {
  const parts = text.split(".");
  const seconds = (t: string) => toLongWithRange("second", t, min, max) * US_SECOND;
  if (parts.length === 1) return seconds(parts[0]!);
  if (parts.length === 2 && parts[0] === "") return parseNanos(parts[1], false);
  if (parts.length === 2) {
    const secs = seconds(parts[0]!);
    return addExact(secs, parseNanos(parts[1], secs < 0n));
  }
  throw new SluiceError("INVALID_INTERVAL_FORMAT.SECOND_NANO_FORMAT",
    `Error parsing '${text}' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Interval string does not match second-nano format of ss.nnnnnnnnn.`,
    { sqlState: "22006" });
}

const N = "(\\d{1,2})", MICRO = "(\\.\\d{1,9})?";
const DT_BODY: Record<string, string> = {
  "0-1": `([+|-])?(\\d{1,9}) ${N}`,
  "0-2": `([+|-])?(\\d{1,9}) ${N}:${N}`,
  "0-3": `([+|-])?(\\d{1,9}) ${N}:${N}:${N}${MICRO}`,
  "1-2": `([+|-])?(\\d{1,10}):${N}`,
  "1-3": `([+|-])?(\\d{1,10}):${N}:${N}${MICRO}`,
  "2-3": `([+|-])?(\\d{1,12}):${N}${MICRO}`,
};
const DT_QUALIFIER: Record<string, string> = {
  "0-1": "DAY\\s+TO\\s+HOUR", "0-2": "DAY\\s+TO\\s+MINUTE", "0-3": "DAY\\s+TO\\s+SECOND",
  "1-2": "HOUR\\s+TO\\s+MINUTE", "1-3": "HOUR\\s+TO\\s+SECOND", "2-3": "MINUTE\\s+TO\\s+SECOND",
};
const DT_REGEXES = Object.keys(DT_BODY).map((key) => ({
  key,
  plain: new RegExp(`^${DT_BODY[key]}$`),
  literal: new RegExp(`^INTERVAL\\s+([+|-])?'${DT_BODY[key]}'\\s+${DT_QUALIFIER[key]}$`, "i"),
}));

/** IntervalUtils.toDTInterval of the fields [from, to] given as text (day, hour, minute, second). */
function toDTInterval(from: number, fields: (string | undefined)[], sign: bigint): bigint {
  let micros = 0n, i = 0;
  if (from === 0) micros = addExact(micros, wrapLong(sign * BigInt.asIntN(32, toLongWithRange("day", fields[i++], 0n, MAX_DAY)) * US_DAY));
  const hourMax = from === 1 ? MAX_HOUR : 23n, minuteMax = from === 2 ? MAX_MINUTE : 59n;
  if (from <= 1) micros = addExact(micros, wrapLong(sign * toLongWithRange("hour", fields[i++], 0n, hourMax) * US_HOUR));
  micros = addExact(micros, wrapLong(sign * toLongWithRange("minute", fields[i++], 0n, minuteMax) * US_MINUTE));
  return addExact(micros, wrapLong(sign * parseSecondNano(fields[i] ?? "0", 0n, 59n)));
}

/** CAST(string AS INTERVAL <day-time fields>) (IntervalUtils.castStringToDTInterval): micros. */
export function stringToDayTimeInterval(text: string, s: number, e: number): Long {
  const input = trimAll(text);
  const key = `${s}-${e}`;
  for (const rx of DT_REGEXES) {
    let m = rx.plain.exec(input);
    let sign: bigint, g: (string | undefined)[];
    if (m) {
      sign = finalSign(m[1]);
      g = m.slice(2);
    } else if ((m = rx.literal.exec(input))) {
      sign = finalSign(m[1], m[2]);
      g = m.slice(3);
    } else {
      continue;
    }
    if (rx.key !== key) continue;
    const from = Number(rx.key[0]), to = Number(rx.key[2]);
    // the fields as toDTInterval takes them: from the start field on, minutes and seconds "0" when absent
    const fields = g.slice(0, to - from + 1);
    const secondText = to === 3 ? fields[to - from]! + (g[to - from + 1] ?? "") : undefined;
    const byField: (string | undefined)[] = [];
    for (let f = from; f <= 3; f++) {
      if (f === 3) byField.push(secondText ?? "0");
      else byField.push(f <= to ? fields[f - from] : "0");
    }
    return longFromBigInt(toDTInterval(from, byField, sign));
  }
  const single = /^([+|-])?(\d{1,13})(\.\d{1,9})?$/.exec(input);
  const literal = single ? null : /^INTERVAL\s+([+|-])?'([+|-])?(\d{1,13})(\.\d{1,9})?'\s+(DAY|HOUR|MINUTE|SECOND)$/i.exec(input);
  if (single || literal) {
    return safeToInterval("day-time", input, () => {
      const sign = single ? finalSign(single[1]) : finalSign(literal![1], literal![2]);
      const value = single ? single[2]! : literal![3]!;
      const suffix = single ? single[3] : literal![4];
      const unit = literal ? DT_NAMES.indexOf(literal[5]!.toLowerCase()) : -1;
      const target = (f: number) => (unit === -1 || unit === f) && s === f && e === f;
      if (target(0) && suffix === undefined && value.length <= 9) return longFromBigInt(wrapLong(sign * toLong(value) * US_DAY));
      if (target(1) && suffix === undefined && value.length <= 10) return longFromBigInt(wrapLong(sign * toLong(value) * US_HOUR));
      if (target(2) && suffix === undefined && value.length <= 12) return longFromBigInt(wrapLong(sign * toLong(value) * US_MINUTE));
      if (target(3)) return longFromBigInt(parseSecondNano(`${sign < 0n ? "-" : ""}${value}${suffix ?? ""}`));
      throw unmatchedInput(text, "dt", s, e);
    });
  }
  throw unmatchedInput(text, "dt", s, e);
}

/** CAST(string AS INTERVAL <year-month fields>) (IntervalUtils.castStringToYMInterval): months. */
export function stringToYearMonthInterval(text: string, s: number, e: number): number {
  const input = trimAll(text);
  const what = "year-month";
  const toIntExact = (v: bigint) => {
    if (v < -2147483648n || v > 2147483647n) throw javaException("ArithmeticException", "integer overflow");
    return Number(v);
  };
  const toMonths = (sign: bigint, y: string, m: string) => safeToInterval(what, input, () =>
    toIntExact(sign * (toLongWithRange("year", y, 0n, 178956970n) * 12n + toLongWithRange("month", m, 0n, 11n))));
  const both = s === 0 && e === 1;
  let m: RegExpExecArray | null;
  if ((m = /^([+|-])?(\d+)-(\d+)$/.exec(input)) && both) return toMonths(finalSign(m[1]), m[2]!, m[3]!);
  if ((m = /^INTERVAL\s+([+|-])?'([+|-])?(\d+)-(\d+)'\s+YEAR\s+TO\s+MONTH$/i.exec(input)) && both) {
    return toMonths(finalSign(m[1], m[2]), m[3]!, m[4]!);
  }
  if ((m = /^([+|-])?(\d+)$/.exec(input))) {
    const [sign, value] = [finalSign(m[1]), m[2]!];
    return safeToInterval(what, input, () => {
      if (e === 0) return Number(sign) * toIntExact(wrapLong(toLong(value) * 12n));
      if (s === 1) return toIntExact(sign * toLong(value));
      throw unmatchedInput(text, "ym", s, e);
    });
  }
  if ((m = /^INTERVAL\s+([+|-])?'([+|-])?(\d+)'\s+(YEAR|MONTH)$/i.exec(input))) {
    const [sign, value, unit] = [finalSign(m[1], m[2]), m[3]!, m[4]!.toUpperCase()];
    return safeToInterval(what, input, () => {
      if (unit === "YEAR" && s === 0 && e === 0) return Number(sign) * toIntExact(wrapLong(toLong(value) * 12n));
      if (unit === "MONTH" && s === 1 && e === 1) return toIntExact(sign * toLong(value));
      throw unmatchedInput(text, "ym", s, e);
    });
  }
  throw unmatchedInput(text, "ym", s, e);
}

const INT_MAX = 2147483647n;

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

/**
 * CAST(string AS INTERVAL) (IntervalUtils.safeStringToInterval): stringToInterval, null where it
 * fails.
 */
export function stringToCalendarInterval(text: string): CalendarInterval | null {
  try {
    const p = stringToInterval(text);
    return new CalendarInterval(p.months, p.days, p.micros);
  } catch (e) {
    if (e instanceof SluiceError && e.code.startsWith("INVALID_INTERVAL_FORMAT.")) return null;
    throw e;
  }
}
