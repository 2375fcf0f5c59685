// String -> interval conversions of CAST (Spark's IntervalUtils.castStringToDTInterval,
// castStringToYMInterval and safeStringToInterval), with Spark's INVALID_INTERVAL_FORMAT errors.
import { SluiceError } from "../errors.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from "./datetime/civil_date.ts";

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

function unmatched(input: string, kind: "ym" | "dt", s: number, e: number): SluiceError {
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

function parsingError(input: string, what: string, detail: string): SluiceError {
  return new SluiceError("INVALID_INTERVAL_FORMAT.INTERVAL_PARSING",
    `Error parsing '${input}' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Error parsing interval ${what} string: ${detail}.`,
    { sqlState: "22006" });
}

/** UTF8String.trimAll: drops leading and trailing whitespace and ISO control characters. */
function trimAll(s: string): string {
  let i = 0, j = s.length;
  while (i < j && s.charCodeAt(i) <= 32) i++;
  while (j > i && s.charCodeAt(j - 1) <= 32) j--;
  return s.slice(i, j);
}

function finalSign(first?: string, second?: string): number {
  if (first === "-" && second === "-") return 1;
  return first === "-" || second === "-" ? -1 : 1;
}

function withRange(input: string, what: string, field: string, text: string, min: number, max: number): number {
  const v = Number(text);
  if (!(v >= min && v <= max)) throw parsingError(input, what, `${field} ${text} outside range [${min}, ${max}]`);
  return v;
}

const MAX_DAY = 106751991, MAX_HOUR = 2562047788, MAX_MINUTE = 153722867280;

/** "ss[.nnnnnnnnn]" -> micros (nanos truncated). */
function secondNano(input: string, s: string): number {
  const neg = s.startsWith("-");
  const body = neg ? s.slice(1) : s;
  const [sec, frac] = body.split(".");
  let micros = (sec ? Number(sec) : 0) * MICROS_PER_SECOND;
  if (frac !== undefined) micros += Math.floor(Number((frac + "000000000").slice(0, 9)) / 1000);
  if (!Number.isFinite(micros)) throw parsingError(input, "day-time", `second ${s} outside range`);
  return neg ? -micros : micros;
}

const N = "(\\d{1,2})", MICRO = "(\\.\\d{1,9})?";
const dtPatterns: Record<string, string> = {
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
const dtRegexCache = new Map<string, [RegExp, RegExp]>();

/** CAST(string AS INTERVAL <day-time fields>): micros. */
export function stringToDayTimeInterval(text: string, s: number, e: number): number {
  const input = trimAll(text);
  const key = `${s}-${e}`;
  if (s !== e) {
    let rx = dtRegexCache.get(key);
    if (!rx) {
      rx = [new RegExp(`^${dtPatterns[key]}$`), new RegExp(`^INTERVAL\\s+([+|-])?'${dtPatterns[key]}'\\s+${DT_QUALIFIER[key]}$`, "i")];
      dtRegexCache.set(key, rx);
    }
    let m = rx[0].exec(input);
    let sign = 0, g: string[] = [];
    if (m) {
      sign = finalSign(m[1]);
      g = m.slice(2) as string[];
    } else if ((m = rx[1].exec(input))) {
      sign = finalSign(m[1], m[2]);
      g = m.slice(3) as string[];
    }
    if (sign !== 0) {
      const what = "day-time";
      let micros = 0, i = 0;
      if (s === 0) micros += withRange(input, what, "day", g[i++]!, 0, MAX_DAY) * MICROS_PER_DAY;
      if (s <= 1 && e >= 1) micros += withRange(input, what, "hour", g[i++]!, 0, s === 1 ? MAX_HOUR : 23) * MICROS_PER_HOUR;
      if (s <= 2 && e >= 2) micros += withRange(input, what, "minute", g[i++]!, 0, s === 2 ? MAX_MINUTE : 59) * MICROS_PER_MINUTE;
      if (e === 3) micros += secondNano(input, g[i]! + (g[i + 1] ?? ""));
      return sign * micros;
    }
  }
  const single = /^([+|-])?(\d{1,13})(\.\d{1,9})?$/.exec(input);
  const literal = single ? null : /^INTERVAL\s+([+|-])?'([+|-])?(\d{1,13})(\.\d{1,9})?'\s+(DAY|HOUR|MINUTE|SECOND)$/i.exec(input);
  if (single || literal) {
    const sign = single ? finalSign(single[1]) : finalSign(literal![1], literal![2]);
    const value = single ? single[2]! : literal![3]!;
    const suffix = single ? single[3] : literal![4];
    const unit = literal ? DT_NAMES.indexOf(literal[5]!.toLowerCase()) : -1;
    if (unit === -1 || (unit === s && unit === e)) {
      if (s === e && s === 0 && suffix === undefined && value.length <= 9) return sign * Number(value) * MICROS_PER_DAY;
      if (s === e && s === 1 && suffix === undefined && value.length <= 10) return sign * Number(value) * MICROS_PER_HOUR;
      if (s === e && s === 2 && suffix === undefined && value.length <= 12) return sign * Number(value) * MICROS_PER_MINUTE;
      if (s === e && s === 3) return secondNano(input, (sign < 0 ? "-" : "") + value + (suffix ?? ""));
    }
  }
  throw unmatched(input, "dt", s, e);
}

/** CAST(string AS INTERVAL <year-month fields>): months. */
export function stringToYearMonthInterval(text: string, s: number, e: number): number {
  const input = trimAll(text);
  const what = "year-month";
  const toMonths = (sign: number, y: string, m: string) =>
    sign * (withRange(input, what, "year", y, 0, Math.floor(2147483647 / 12)) * 12 + withRange(input, what, "month", m, 0, 11));
  let m: RegExpExecArray | null;
  if (s === 0 && e === 1) {
    if ((m = /^([+|-])?(\d+)-(\d+)$/.exec(input))) return toMonths(finalSign(m[1]), m[2]!, m[3]!);
    if ((m = /^INTERVAL\s+([+|-])?'([+|-])?(\d+)-(\d+)'\s+YEAR\s+TO\s+MONTH$/i.exec(input))) {
      return toMonths(finalSign(m[1], m[2]), m[3]!, m[4]!);
    }
  }
  const exact = (sign: number, v: string, years: boolean) => {
    const r = sign * Number(v) * (years ? 12 : 1);
    if (!(Math.abs(r) <= 2147483647)) throw parsingError(input, what, "integer overflow");
    return r;
  };
  if ((m = /^([+|-])?(\d+)$/.exec(input))) {
    if (e === 0) return exact(finalSign(m[1]), m[2]!, true);
    if (s === 1) return exact(finalSign(m[1]), m[2]!, false);
  } else if ((m = /^INTERVAL\s+([+|-])?'([+|-])?(\d+)'\s+(YEAR|MONTH)$/i.exec(input))) {
    const unit = m[4]!.toUpperCase();
    if (unit === "YEAR" && s === 0 && e === 0) return exact(finalSign(m[1], m[2]), m[3]!, true);
    if (unit === "MONTH" && s === 1 && e === 1) return exact(finalSign(m[1], m[2]), m[3]!, false);
  }
  throw unmatched(input, "ym", s, e);
}

const UNIT_MICROS: Record<string, number> = {
  week: 7 * MICROS_PER_DAY, hour: MICROS_PER_HOUR, minute: MICROS_PER_MINUTE, second: MICROS_PER_SECOND,
  millisecond: 1000, microsecond: 1,
};

/**
 * CAST(string AS INTERVAL): "[interval] <n> <unit> …" with units year, month, week, day, hour,
 * minute, second, millisecond, microsecond (plural allowed); null when the text is not an interval.
 */
export function stringToCalendarInterval(text: string): CalendarInterval | null {
  const words = text.trim().toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  let i = 0;
  if (words[0] === "interval") i++;
  if (i >= words.length) return null;
  let months = 0, days = 0, micros = 0;
  while (i < words.length) {
    let num = words[i]!;
    let unit = words[i + 1];
    // "1day" and "-1 days" forms
    const glued = /^([+-]?\d+(?:\.\d*)?)([a-z]+)$/.exec(num);
    if (glued) {
      num = glued[1]!;
      unit = glued[2]!;
      i += 1;
    } else {
      i += 2;
    }
    if (unit === undefined || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(num)) return null;
    if (unit.endsWith("s") && unit !== "s") unit = unit.slice(0, -1);
    const v = Number(num);
    const fractional = num.includes(".");
    switch (unit) {
      case "year":
        if (fractional) return null;
        months += v * 12;
        break;
      case "month":
        if (fractional) return null;
        months += v;
        break;
      case "day":
        if (fractional) return null;
        days += v;
        break;
      default: {
        const u = UNIT_MICROS[unit];
        if (u === undefined) return null;
        if (fractional && unit !== "second") return null;
        if (unit === "week") days += v * 7;
        else micros += Math.trunc(v * u);
      }
    }
  }
  if (Math.abs(months) > 2147483647 || Math.abs(days) > 2147483647) return null;
  return new CalendarInterval(months, days, micros);
}
