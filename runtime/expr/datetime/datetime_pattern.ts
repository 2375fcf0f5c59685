// Spark's datetime patterns (sql-ref-datetime-pattern): the java.time DateTimeFormatter that Spark
// builds (DateTimeFormatterHelper: case-insensitive, STRICT resolver, 'y' read as 'u', variable-length
// seconds fraction when parsing) re-implemented for formatting and parsing, with Spark's errors:
// invalid patterns (INVALID_DATETIME_PATTERN.*, INCONSISTENT_BEHAVIOR_CROSS_VERSION.*) and java.time's
// parse messages ("Text '…' could not be parsed at index 0"), which callers wrap into
// CANNOT_PARSE_TIMESTAMP.
import { SluiceError } from "../../errors.ts";
import {
  civilFromDays, daysFromCivil, daysInMonth, floorDiv, isLeapYear, isoDayOfWeek, MICROS_PER_DAY, MICROS_PER_SECOND,
} from "./civil_date.ts";
import { getTimeZone, type TimeZone } from "./time_zone.ts";
import { zoneLongName, zoneShortName, zoneGenericName } from "./zone_names.ts";

type Field =
  | "era" | "year" | "yearOfEra" | "quarter" | "month" | "dayOfYear" | "dayOfMonth" | "alignedDayOfWeekInMonth"
  | "dayOfWeek" | "ampm" | "hourOfDay" | "clockHourOfDay" | "hourOfAmPm" | "clockHourOfAmPm" | "minute" | "second"
  | "nano" | "modifiedJulianDay";

type Sign = "normal" | "exceedsPad" | "notNegative";
type TextStyle = "short" | "full" | "narrow";

type Item =
  | { k: "lit"; text: string }
  | { k: "num"; field: Field; min: number; max: number; sign: Sign; subsequent: number }
  | { k: "reduced"; field: Field; subsequent: number }
  | { k: "frac"; min: number; max: number }
  | { k: "text"; field: Field; style: TextStyle }
  | { k: "offset"; type: number; noOffset: string }
  | { k: "locOffset"; full: boolean }
  | { k: "zoneText"; full: boolean; generic: boolean }
  | { k: "zoneId" }
  | { k: "opt"; items: Item[] };

/** What java.time's parser saw: field values and the zone, before resolution. */
interface Parsed {
  f: Map<Field, number>;
  offset: number | null;
  zone: TimeZone | null;
}

/** A failure inside java.time's parser/resolver; `message` is java's exception message. */
export class DateTimeParseError extends Error {}

// ---------------------------------------------------------------------------------------------
// Errors for patterns Spark refuses

const DOC = "https://spark.apache.org/docs/latest";

function sqlString(s: string): string {
  return "'" + s.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
}

class JavaPatternError extends Error {}

function weekBasedError(c: string): SluiceError {
  return new SluiceError(
    "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN",
    `You may get a different result due to the upgrading to Spark >= 3.0:\nAll week-based patterns are unsupported since Spark 3.0, detected week-based character: ${c}.\nPlease use the SQL function EXTRACT instead.`,
    { sqlState: "42K0B" },
  );
}

function illegalCharError(c: string, pattern: string): SluiceError {
  return new SluiceError(
    "INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER",
    `Unrecognized datetime pattern: ${pattern}. Illegal pattern character found in datetime pattern: ${c}. Please provide legal character.`,
    { sqlState: "22007" },
  );
}

function lengthError(style: string): SluiceError {
  return new SluiceError(
    "INVALID_DATETIME_PATTERN.LENGTH",
    `Unrecognized datetime pattern: ${style}. Too many letters in datetime pattern: ${style}. Please reduce pattern length.`,
    { sqlState: "22007" },
  );
}

function withSuggestionError(pattern: string): SluiceError {
  return new SluiceError(
    "INVALID_DATETIME_PATTERN.WITH_SUGGESTION",
    `Unrecognized datetime pattern: ${sqlString(pattern)}. You can form a valid datetime pattern with the guide from '${DOC}/sql-ref-datetime-pattern.html'.`,
    { sqlState: "22007" },
  );
}

function patternRecognitionError(pattern: string): SluiceError {
  return new SluiceError(
    "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION",
    `You may get a different result due to the upgrading to Spark >= 3.0:\nFail to recognize ${sqlString(pattern)} pattern in the DateTimeFormatter.\n1) You can set "spark.sql.legacy.timeParserPolicy" to "LEGACY" to restore the behavior before Spark 3.0.\n2) You can form a valid datetime pattern with the guide from '${DOC}/sql-ref-datetime-pattern.html'.`,
    { sqlState: "42K0B" },
  );
}

/** Whether java.text.SimpleDateFormat (Spark's legacy formatter) accepts the pattern. */
function legacyAccepts(pattern: string): boolean {
  const letters = "GyMdkHmsSEDFwWahKzZYuXL";
  let inQuote = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "'") {
      if (i + 1 < pattern.length && pattern[i + 1] === "'") {
        i++;
        continue;
      }
      inQuote = !inQuote;
      continue;
    }
    if (inQuote) continue;
    if ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z")) {
      if (!letters.includes(c)) return false;
      if (c === "X") {
        let n = 1;
        while (pattern[i + n] === "X") n++;
        if (n > 3) return false;
        i += n - 1;
      }
    }
  }
  return !inQuote;
}

// ---------------------------------------------------------------------------------------------
// Building (java.time DateTimeFormatterBuilder.appendPattern, as Spark drives it)

const WEEK_BASED = new Set(["Y", "W", "w", "u", "e", "c"]);
const UNSUPPORTED = new Set(["A", "B", "n", "N", "p"]);
const UNSUPPORTED_FOR_PARSING = new Set(["E", "F", "q", "Q"]);
const UNSUPPORTED_LENGTHS = ["GGGGG", "MMMMM", "LLLLL", "EEEEE", "QQQQQ", "qqqqq", "yyyyyyy"];

/** Spark's convertIncompatiblePattern: rejects some letters and turns 'y' into 'u' (unless there is an era). */
function convertIncompatiblePattern(pattern: string, isParsing: boolean): string {
  const parts = scalaSplitQuote(pattern);
  const hasEra = parts.some((p, i) => i % 2 === 0 && p.includes("G"));
  const out = scalaSplitQuote(pattern + " ").map((part, i) => {
    if (i % 2 !== 0) return part;
    for (const c of part) if (WEEK_BASED.has(c)) throw weekBasedError(c);
    for (const c of part) {
      if (UNSUPPORTED.has(c) || (isParsing && UNSUPPORTED_FOR_PARSING.has(c))) throw illegalCharError(c, pattern);
    }
    for (const style of UNSUPPORTED_LENGTHS) if (part.includes(style)) throw lengthError(style);
    return hasEra ? part : part.replaceAll("y", "u");
  });
  const joined = out.join("'");
  return joined.endsWith(" ") ? joined.slice(0, -1) : joined;
}

/** Scala's String.split("'"): trailing empty strings are dropped. */
function scalaSplitQuote(s: string): string[] {
  const parts = s.split("'");
  while (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length === 1 && parts[0] === "" && s.length > 0) return [];
  return parts;
}

class Builder {
  root: Item[] = [];
  stack: Item[][] = [this.root];
  valueIndex = -1;

  get active(): Item[] {
    return this.stack[this.stack.length - 1]!;
  }

  appendInternal(item: Item): number {
    this.active.push(item);
    this.valueIndex = -1;
    return this.active.length - 1;
  }

  /** DateTimeFormatterBuilder.appendValue(NumberPrinterParser): adjacent value parsing. */
  appendValue(item: Extract<Item, { k: "num" | "reduced" }>): void {
    const fixed = item.k === "reduced" || (item.min === item.max && item.sign === "notNegative");
    if (this.valueIndex >= 0) {
      const baseIndex = this.valueIndex;
      const base = this.active[baseIndex] as Extract<Item, { k: "num" | "reduced" }>;
      if (fixed) {
        base.subsequent += item.k === "reduced" ? 2 : item.max;
        this.active.push(item);
        this.valueIndex = baseIndex;
      } else {
        this.active.push(item);
        this.valueIndex = this.active.length - 1;
      }
    } else {
      this.active.push(item);
      this.valueIndex = this.active.length - 1;
    }
  }

  optionalStart(): void {
    const items: Item[] = [];
    this.active.push({ k: "opt", items });
    this.stack.push(items);
    this.valueIndex = -1;
  }

  optionalEnd(): void {
    this.stack.pop();
    this.valueIndex = -1;
  }

  literal(text: string): void {
    if (text.length > 0) this.appendInternal({ k: "lit", text });
  }

  num(field: Field, min: number, max: number, sign: Sign): void {
    this.appendValue({ k: "num", field, min, max, sign, subsequent: 0 });
  }

  /** java.time DateTimeFormatterBuilder.parsePattern. */
  appendPattern(pattern: string): void {
    for (let pos = 0; pos < pattern.length; pos++) {
      const cur = pattern[pos]!;
      if ((cur >= "A" && cur <= "Z") || (cur >= "a" && cur <= "z")) {
        const start = pos++;
        while (pos < pattern.length && pattern[pos] === cur) pos++;
        const count = pos - start;
        this.letter(cur, count);
        pos--;
      } else if (cur === "'") {
        const start = pos++;
        for (; pos < pattern.length; pos++) {
          if (pattern[pos] === "'") {
            if (pos + 1 < pattern.length && pattern[pos + 1] === "'") pos++;
            else break;
          }
        }
        if (pos >= pattern.length) throw new JavaPatternError("Pattern ends with an incomplete string literal: " + pattern);
        const str = pattern.slice(start + 1, pos);
        this.literal(str.length === 0 ? "'" : str.replaceAll("''", "'"));
      } else if (cur === "[") {
        this.optionalStart();
      } else if (cur === "]") {
        if (this.stack.length === 1) throw new JavaPatternError("Pattern invalid as it contains ] without previous [");
        this.optionalEnd();
      } else if (cur === "{" || cur === "}" || cur === "#") {
        throw new JavaPatternError(`Pattern includes reserved character: '${cur}'`);
      } else {
        this.literal(cur);
      }
    }
  }

  private letter(cur: string, count: number): void {
    const tooMany = () => new JavaPatternError("Too many pattern letters: " + cur);
    switch (cur) {
      case "G":
        if (count > 5) throw tooMany();
        this.appendInternal({ k: "text", field: "era", style: count === 4 ? "full" : count === 5 ? "narrow" : "short" });
        return;
      case "y":
      case "u": {
        const field: Field = cur === "y" ? "yearOfEra" : "year";
        if (count === 2) this.appendValue({ k: "reduced", field, subsequent: 0 });
        else if (count < 4) this.num(field, count, 19, "normal");
        else {
          if (count > 19) throw tooMany();
          this.num(field, count, 19, "exceedsPad");
        }
        return;
      }
      case "Q":
      case "q":
      case "M":
      case "L":
      case "E": {
        const field: Field = cur === "Q" || cur === "q" ? "quarter" : cur === "E" ? "dayOfWeek" : "month";
        if (count > 5) throw tooMany();
        if (count <= 2 && cur !== "E") {
          if (count === 1) this.num(field, 1, 19, "normal");
          else this.num(field, 2, 2, "notNegative");
        } else {
          const style: TextStyle = count === 4 ? "full" : count === 5 ? "narrow" : "short";
          this.appendInternal({ k: "text", field, style });
        }
        return;
      }
      case "a":
        if (count !== 1) throw tooMany();
        this.appendInternal({ k: "text", field: "ampm", style: "short" });
        return;
      case "S":
        if (count > 9) throw new JavaPatternError("Maximum width must be from 1 to 9 inclusive but was " + count);
        this.fraction(count, count);
        return;
      case "F":
        if (count !== 1) throw tooMany();
        this.num("alignedDayOfWeekInMonth", 1, 19, "normal");
        return;
      case "d":
      case "h":
      case "H":
      case "k":
      case "K":
      case "m":
      case "s": {
        const field: Field = ({ d: "dayOfMonth", h: "clockHourOfAmPm", H: "hourOfDay", k: "clockHourOfDay", K: "hourOfAmPm", m: "minute", s: "second" } as const)[cur];
        if (count === 1) this.num(field, 1, 19, "normal");
        else if (count === 2) this.num(field, 2, 2, "notNegative");
        else throw tooMany();
        return;
      }
      case "D":
        if (count === 1) this.num("dayOfYear", 1, 19, "normal");
        else if (count <= 3) this.num("dayOfYear", count, 3, "notNegative");
        else throw tooMany();
        return;
      case "g":
        this.num("modifiedJulianDay", count, 19, "normal");
        return;
      case "z":
        if (count > 4) throw tooMany();
        this.appendInternal({ k: "zoneText", full: count === 4, generic: false });
        return;
      case "v":
        if (count !== 1 && count !== 4) throw new JavaPatternError("Wrong number of pattern letters: " + cur);
        this.appendInternal({ k: "zoneText", full: count === 4, generic: true });
        return;
      case "V":
        if (count !== 2) throw new JavaPatternError("Pattern letter count must be 2: " + cur);
        this.appendInternal({ k: "zoneId" });
        return;
      case "Z":
        if (count < 4) this.appendInternal({ k: "offset", type: 3, noOffset: "+0000" });
        else if (count === 4) this.appendInternal({ k: "locOffset", full: true });
        else if (count === 5) this.appendInternal({ k: "offset", type: 6, noOffset: "Z" });
        else throw tooMany();
        return;
      case "O":
        if (count === 1) this.appendInternal({ k: "locOffset", full: false });
        else if (count === 4) this.appendInternal({ k: "locOffset", full: true });
        else throw new JavaPatternError("Pattern letter count must be 1 or 4: " + cur);
        return;
      case "X":
      case "x": {
        if (count > 5) throw tooMany();
        const type = count + (count === 1 ? 0 : 1);
        const zero = cur === "X" ? "Z" : count === 1 ? "+00" : count % 2 === 0 ? "+0000" : "+00:00";
        this.appendInternal({ k: "offset", type, noOffset: zero });
        return;
      }
      default:
        throw new JavaPatternError("Unknown pattern letter: " + cur);
    }
  }

  fraction(min: number, max: number): void {
    this.appendInternal({ k: "frac", min, max });
  }

  done(): Item[] {
    // java.time closes open optional sections at toFormatter().
    this.stack = [this.root];
    return this.root;
  }
}

/** Spark's createBuilderWithVarLengthSecondFraction: 'S…S' parses 1 to n digits. */
function buildVarLength(pattern: string, b: Builder): void {
  const parts = scalaSplitQuote(pattern);
  parts.forEach((part, idx) => {
    if (part === "" && idx !== 0) {
      b.literal("'");
    } else if (idx % 2 === 0) {
      let rest = part;
      while (rest.length > 0) {
        const m = /^([^S]*)(S*)([\s\S]*)$/.exec(rest)!;
        b.appendPattern(m[1]!);
        if (m[2]!.length > 0) b.fraction(1, m[2]!.length);
        rest = m[3]!;
      }
    } else {
      b.literal(part);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Formatting

const MONTHS_FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTHS_SHORT = MONTHS_FULL.map((m) => m.slice(0, 3));
const MONTHS_NARROW = MONTHS_FULL.map((m) => m[0]!);
const DAYS_FULL = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const DAYS_SHORT = DAYS_FULL.map((d) => d.slice(0, 3));
const DAYS_NARROW = DAYS_FULL.map((d) => d[0]!);
const ERAS = { short: ["BC", "AD"], full: ["Before Christ", "Anno Domini"], narrow: ["B", "A"] };
const QUARTERS = { short: ["Q1", "Q2", "Q3", "Q4"], full: ["1st quarter", "2nd quarter", "3rd quarter", "4th quarter"], narrow: ["1", "2", "3", "4"] };
const AMPM = ["AM", "PM"];

function textTable(field: Field, style: TextStyle): readonly string[] | null {
  switch (field) {
    case "month": return style === "full" ? MONTHS_FULL : style === "short" ? MONTHS_SHORT : MONTHS_NARROW;
    case "dayOfWeek": return style === "full" ? DAYS_FULL : style === "short" ? DAYS_SHORT : DAYS_NARROW;
    case "era": return ERAS[style];
    case "quarter": return QUARTERS[style];
    case "ampm": return AMPM;
    default: return null;
  }
}

/** Local fields of the value being formatted. */
class FormatContext {
  year = 0;
  month = 0;
  day = 0;
  days = 0;
  hour = 0;
  minute = 0;
  second = 0;
  nano = 0;
  offset = 0;
  zone: TimeZone | null = null;
  utcMicros = 0;

  set(local: number): void {
    const days = floorDiv(local, MICROS_PER_DAY);
    const tod = local - days * MICROS_PER_DAY;
    const ymd = civilFromDays(days);
    this.days = days;
    this.year = ymd[0]!;
    this.month = ymd[1]!;
    this.day = ymd[2]!;
    const secs = Math.floor(tod / MICROS_PER_SECOND);
    this.hour = Math.floor(secs / 3600);
    this.minute = Math.floor(secs / 60) % 60;
    this.second = secs % 60;
    this.nano = (tod - secs * MICROS_PER_SECOND) * 1000;
  }

  get(field: Field): number {
    switch (field) {
      case "era": return this.year >= 1 ? 1 : 0;
      case "year": return this.year;
      case "yearOfEra": return this.year >= 1 ? this.year : 1 - this.year;
      case "quarter": return Math.floor((this.month - 1) / 3) + 1;
      case "month": return this.month;
      case "dayOfYear": return this.days - daysFromCivil(this.year, 1, 1) + 1;
      case "dayOfMonth": return this.day;
      case "alignedDayOfWeekInMonth": return ((this.day - 1) % 7) + 1;
      case "dayOfWeek": return isoDayOfWeek(this.days);
      case "ampm": return this.hour >= 12 ? 1 : 0;
      case "hourOfDay": return this.hour;
      case "clockHourOfDay": return this.hour === 0 ? 24 : this.hour;
      case "hourOfAmPm": return this.hour % 12;
      case "clockHourOfAmPm": return this.hour % 12 === 0 ? 12 : this.hour % 12;
      case "minute": return this.minute;
      case "second": return this.second;
      case "nano": return this.nano;
      case "modifiedJulianDay": return this.days + 40587;
    }
  }
}

function zeroPad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : "0".repeat(width - s.length) + s;
}

function formatOffset(total: number, type: number, noOffset: string): string {
  if (total === 0) return noOffset;
  const abs = Math.abs(total);
  const h = Math.floor(abs / 3600), m = Math.floor(abs / 60) % 60, s = abs % 60;
  const colon = OFFSET_PATTERNS[type]!.includes(":");
  let out = (total < 0 ? "-" : "+") + zeroPad(h, 2);
  let output = h;
  if ((type >= 3 && type <= 8) || (type >= 9 && s > 0) || (type >= 1 && m > 0)) {
    out += (colon ? ":" : "") + zeroPad(m, 2);
    output += m;
    if (type === 7 || type === 8 || (type >= 5 && s > 0)) {
      out += (colon ? ":" : "") + zeroPad(s, 2);
      output += s;
    }
  }
  return output === 0 ? noOffset : out;
}

const OFFSET_PATTERNS = ["+HH", "+HHmm", "+HH:mm", "+HHMM", "+HH:MM", "+HHMMss", "+HH:MM:ss", "+HHMMSS", "+HH:MM:SS", "+HHmmss", "+HH:mm:ss"];

function formatLocalizedOffset(total: number, full: boolean): string {
  if (total === 0) return "GMT";
  const abs = Math.abs(total);
  const h = Math.floor(abs / 3600), m = Math.floor(abs / 60) % 60, s = abs % 60;
  let out = "GMT" + (total < 0 ? "-" : "+");
  if (full) {
    out += zeroPad(h, 2) + ":" + zeroPad(m, 2);
    if (s !== 0) out += ":" + zeroPad(s, 2);
  } else {
    out += String(h);
    if (m !== 0 || s !== 0) {
      out += ":" + zeroPad(m, 2);
      if (s !== 0) out += ":" + zeroPad(s, 2);
    }
  }
  return out;
}

function formatNumber(field: Field, value: number, min: number, max: number, sign: Sign): string {
  const str = String(Math.abs(value));
  if (str.length > max) {
    throw new DateTimeParseError(`Field ${fieldName(field)} cannot be printed as the value ${value} exceeds the maximum print width of ${max}`);
  }
  let prefix = "";
  if (value >= 0) {
    if (sign === "exceedsPad" && min < 19 && value >= 10 ** min) prefix = "+";
  } else if (sign === "notNegative") {
    throw new DateTimeParseError(`Field ${fieldName(field)} cannot be printed as the value ${value} cannot be negative according to the SignStyle`);
  } else {
    prefix = "-";
  }
  return prefix + (str.length < min ? "0".repeat(min - str.length) : "") + str;
}

function formatItems(items: readonly Item[], c: FormatContext, out: string[]): void {
  for (const it of items) {
    switch (it.k) {
      case "lit": out.push(it.text); break;
      case "num": out.push(formatNumber(it.field, c.get(it.field), it.min, it.max, it.sign)); break;
      case "reduced": out.push(zeroPad(Math.abs(c.get(it.field)) % 100, 2)); break;
      case "frac": {
        // java prints exactly `max` digits (truncating) when min === max.
        const digits = zeroPad(c.nano, 9).slice(0, it.max);
        let end = digits.length;
        while (end > it.min && digits.charCodeAt(end - 1) === 48) end--;
        out.push(digits.slice(0, end));
        break;
      }
      case "text": {
        const v = c.get(it.field);
        const table = textTable(it.field, it.style)!;
        out.push(it.field === "month" || it.field === "dayOfWeek" || it.field === "quarter" ? table[v - 1]! : table[v]!);
        break;
      }
      case "offset": out.push(formatOffset(c.offset, it.type, it.noOffset)); break;
      case "locOffset": out.push(formatLocalizedOffset(c.offset, it.full)); break;
      case "zoneText": {
        const z = c.zone!;
        if (z.isOffset) out.push(z.id);
        else if (it.generic) out.push(zoneGenericName(z, c.utcMicros, it.full));
        else out.push(it.full ? zoneLongName(z, c.utcMicros) : zoneShortName(z, c.utcMicros));
        break;
      }
      case "zoneId": out.push(c.zone!.id); break;
      case "opt": formatItems(it.items, c, out); break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing

function fieldName(f: Field): string {
  switch (f) {
    case "era": return "Era";
    case "year": return "Year";
    case "yearOfEra": return "YearOfEra";
    case "quarter": return "QuarterOfYear";
    case "month": return "MonthOfYear";
    case "dayOfYear": return "DayOfYear";
    case "dayOfMonth": return "DayOfMonth";
    case "alignedDayOfWeekInMonth": return "AlignedDayOfWeekInMonth";
    case "dayOfWeek": return "DayOfWeek";
    case "ampm": return "AmPmOfDay";
    case "hourOfDay": return "HourOfDay";
    case "clockHourOfDay": return "ClockHourOfDay";
    case "hourOfAmPm": return "HourOfAmPm";
    case "clockHourOfAmPm": return "ClockHourOfAmPm";
    case "minute": return "MinuteOfHour";
    case "second": return "SecondOfMinute";
    case "nano": return "NanoOfSecond";
    case "modifiedJulianDay": return "ModifiedJulianDay";
  }
}

/** Sets a parsed field; java fails the parse at `errorPos` when the field already holds another value. */
function setField(p: Parsed, field: Field, value: number, errorPos: number, successPos: number): number {
  const old = p.f.get(field);
  if (old !== undefined && old !== value) return ~errorPos;
  p.f.set(field, value);
  return successPos;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function parseNumber(it: Extract<Item, { k: "num" }>, text: string, position: number, p: Parsed): number {
  const length = text.length;
  if (position === length) return ~position;
  const sign = text[position];
  let negative = false, positive = false;
  if (sign === "+") {
    // SignStyle.parse(positive=true, strict=true, fixed): NORMAL and NOT_NEGATIVE refuse '+'.
    if (it.sign !== "exceedsPad") return ~position;
    positive = true;
    position++;
  } else if (sign === "-") {
    if (it.sign === "notNegative") return ~position;
    negative = true;
    position++;
  }
  const minEnd = position + it.min;
  if (minEnd > length) return ~position;
  let effMax = it.max + Math.max(it.subsequent, 0);
  let total = 0;
  let pos = position;
  for (let pass = 0; pass < 2; pass++) {
    const maxEnd = Math.min(pos + effMax, length);
    while (pos < maxEnd) {
      const ch = text.charCodeAt(pos++);
      if (!isDigit(ch)) {
        pos--;
        if (pos < minEnd) return ~position;
        break;
      }
      total = total * 10 + (ch - 48);
    }
    if (it.subsequent > 0 && pass === 0) {
      const parseLen = pos - position;
      effMax = Math.max(it.min, parseLen - it.subsequent);
      pos = position;
      total = 0;
    } else {
      break;
    }
  }
  if (negative) {
    if (total === 0) return ~(position - 1);
    total = -total;
  } else if (it.sign === "exceedsPad") {
    const parseLen = pos - position;
    if (positive) {
      if (parseLen <= it.min) return ~(position - 1);
    } else if (parseLen > it.min) {
      return ~position;
    }
  }
  return setField(p, it.field, total, position, pos);
}

function parseReduced(it: Extract<Item, { k: "reduced" }>, text: string, position: number, p: Parsed): number {
  if (position + 2 > text.length) return ~position;
  const a = text.charCodeAt(position), b = text.charCodeAt(position + 1);
  if (!isDigit(a)) return ~position;
  if (!isDigit(b)) return ~position;
  const v = (a - 48) * 10 + (b - 48);
  return setField(p, it.field, 2000 + v, position, position + 2);
}

function parseFraction(it: Extract<Item, { k: "frac" }>, text: string, position: number, p: Parsed): number {
  const length = text.length;
  const minEnd = position + it.min;
  if (minEnd > length) return ~position;
  const maxEnd = Math.min(position + it.max, length);
  let total = 0;
  let pos = position;
  while (pos < maxEnd) {
    const ch = text.charCodeAt(pos++);
    if (!isDigit(ch)) {
      if (pos < minEnd) return ~position;
      pos--;
      break;
    }
    total = total * 10 + (ch - 48);
  }
  const nanos = total * 10 ** (9 - (pos - position));
  return setField(p, "nano", nanos, position, pos);
}

function parseText(it: Extract<Item, { k: "text" }>, text: string, position: number, p: Parsed): number {
  const table = textTable(it.field, it.style)!;
  let best = -1, bestLen = 0;
  for (let i = 0; i < table.length; i++) {
    const t = table[i]!;
    if (t.length > bestLen && text.length - position >= t.length &&
      text.slice(position, position + t.length).toLowerCase() === t.toLowerCase()) {
      best = i;
      bestLen = t.length;
    }
  }
  if (best < 0) return ~position;
  const value = it.field === "month" || it.field === "dayOfWeek" || it.field === "quarter" ? best + 1 : best;
  return setField(p, it.field, value, position, position + bestLen);
}

/** java OffsetIdPrinterParser.parse in strict mode; offset seconds into p.offset. */
function parseOffset(type: number, noOffset: string, text: string, position: number, p: Parsed): number {
  const length = text.length;
  if (position === length) return ~position;
  if (text.slice(position, position + noOffset.length).toLowerCase() === noOffset.toLowerCase()) {
    return setOffset(p, 0, position, position + noOffset.length);
  }
  const sign = text[position];
  if (sign !== "+" && sign !== "-") return ~position;
  const negative = sign === "-" ? -1 : 1;
  const colon = OFFSET_PATTERNS[type]!.includes(":");
  let pos = position + 1;
  const two = (at: number): number => {
    if (at + 2 > length) return -1;
    const a = text.charCodeAt(at), b = text.charCodeAt(at + 1);
    return isDigit(a) && isDigit(b) ? (a - 48) * 10 + (b - 48) : -1;
  };
  const part = (mandatory: boolean): number | null => {
    let at = pos;
    if (colon) {
      if (text[at] !== ":") return mandatory ? null : 0;
      at++;
    }
    const v = two(at);
    if (v < 0) return mandatory ? null : 0;
    pos = at + 2;
    return v;
  };
  const hours = two(pos);
  if (hours < 0) return ~position;
  pos += 2;
  let minutes: number | null = 0, seconds: number | null = 0;
  switch (type) {
    case 0: break;
    case 1: case 2: minutes = part(false); break;
    case 3: case 4: minutes = part(true); break;
    case 5: case 6: minutes = part(true); if (minutes !== null) seconds = part(false); break;
    case 7: case 8: minutes = part(true); if (minutes !== null) seconds = part(true); break;
    default: {
      const save = pos;
      minutes = part(false);
      if (pos !== save) seconds = part(false);
    }
  }
  if (minutes === null || seconds === null) return ~position;
  if (hours > 23 || minutes > 59 || seconds > 59) {
    throw new DateTimeParseError("Value out of range: Hour[0-23], Minute[0-59], Second[0-59]");
  }
  return setOffset(p, negative * (hours * 3600 + minutes * 60 + seconds), position, pos);
}

function setOffset(p: Parsed, seconds: number, errorPos: number, successPos: number): number {
  if (p.offset !== null && p.offset !== seconds) return ~errorPos;
  p.offset = seconds;
  return successPos;
}

function parseLocalizedOffset(text: string, position: number, p: Parsed): number {
  if (text.slice(position, position + 3).toUpperCase() !== "GMT") return ~position;
  let pos = position + 3;
  const sign = text[pos];
  if (sign !== "+" && sign !== "-") return setOffset(p, 0, position, pos);
  pos++;
  let h = 0, digits = 0;
  while (pos < text.length && digits < 2 && isDigit(text.charCodeAt(pos))) {
    h = h * 10 + text.charCodeAt(pos) - 48;
    pos++;
    digits++;
  }
  if (digits === 0) return ~pos;
  let m = 0, s = 0;
  if (text[pos] === ":" && isDigit(text.charCodeAt(pos + 1)) && isDigit(text.charCodeAt(pos + 2))) {
    m = Number(text.slice(pos + 1, pos + 3));
    pos += 3;
    if (text[pos] === ":" && isDigit(text.charCodeAt(pos + 1)) && isDigit(text.charCodeAt(pos + 2))) {
      s = Number(text.slice(pos + 1, pos + 3));
      pos += 3;
    }
  }
  if (h > 23 || m > 59 || s > 59) return ~position;
  return setOffset(p, (sign === "-" ? -1 : 1) * (h * 3600 + m * 60 + s), position, pos);
}

const ZONE_ID_CHARS = /[A-Za-z0-9~/._+-]/;

/** ZoneIdPrinterParser: an offset, Z, UTC/GMT/UT[offset], or the longest region id at `position`. */
function parseZone(text: string, position: number, p: Parsed, names: boolean): number {
  const length = text.length;
  if (position >= length) return ~position;
  const c = text[position]!;
  if (c === "+" || c === "-") {
    const r = parseOffset(6, "Z", text, position, p);
    if (r >= 0) {
      p.zone = getTimeZone(formatOffsetSeconds(p.offset!));
    }
    return r;
  }
  let end = position;
  while (end < length && ZONE_ID_CHARS.test(text[end]!)) end++;
  for (let e = end; e > position; e--) {
    const cand = text.slice(position, e);
    const zone = names ? zoneFromName(cand) : zoneFromId(cand);
    if (zone !== null) {
      p.zone = zone;
      return e;
    }
  }
  return ~position;
}

function formatOffsetSeconds(s: number): string {
  if (s === 0) return "Z";
  const a = Math.abs(s);
  return (s < 0 ? "-" : "+") + zeroPad(Math.floor(a / 3600), 2) + ":" + zeroPad(Math.floor(a / 60) % 60, 2) +
    (a % 60 ? ":" + zeroPad(a % 60, 2) : "");
}

function zoneFromId(id: string): TimeZone | null {
  if (id === "Z") return getTimeZone("Z");
  // Region ids must contain a letter first; short ids (PST) are not zone ids for 'VV'.
  if (!/^[A-Za-z]/.test(id) || (/^[A-Z]{3}$/.test(id) && id !== "UTC" && id !== "GMT" && id !== "CET" && id !== "EET" && id !== "MET" && id !== "WET")) return null;
  try {
    return getTimeZone(id);
  } catch {
    return null;
  }
}

/** 'z' accepts zone ids and the short and long names of zones. */
const ZONE_NAMES: Readonly<Record<string, string>> = {
  PST: "America/Los_Angeles", PDT: "America/Los_Angeles", MST: "America/Denver", MDT: "America/Denver",
  CST: "America/Chicago", CDT: "America/Chicago", EST: "America/New_York", EDT: "America/New_York",
  AKST: "America/Anchorage", AKDT: "America/Anchorage", HST: "Pacific/Honolulu", UTC: "UTC", GMT: "GMT", UT: "UT",
  CET: "CET", CEST: "CET", EET: "EET", EEST: "EET", WET: "WET", WEST: "WET", BST: "Europe/London",
  JST: "Asia/Tokyo", KST: "Asia/Seoul", IST: "Asia/Kolkata", AEST: "Australia/Sydney", AEDT: "Australia/Sydney",
  "Coordinated Universal Time": "UTC", "Greenwich Mean Time": "GMT",
  "Pacific Standard Time": "America/Los_Angeles", "Pacific Daylight Time": "America/Los_Angeles",
  "Eastern Standard Time": "America/New_York", "Eastern Daylight Time": "America/New_York",
  "Central Standard Time": "America/Chicago", "Central Daylight Time": "America/Chicago",
  "Mountain Standard Time": "America/Denver", "Mountain Daylight Time": "America/Denver",
  "Central European Standard Time": "CET", "Central European Summer Time": "CET",
};

function zoneFromName(name: string): TimeZone | null {
  const region = ZONE_NAMES[name] ?? ZONE_NAMES[name.toUpperCase()];
  if (region !== undefined) return getTimeZone(region);
  return zoneFromId(name);
}

function parseItems(items: readonly Item[], text: string, position: number, p: Parsed): number {
  let pos = position;
  for (const it of items) {
    switch (it.k) {
      case "lit": {
        const n = it.text.length;
        if (pos + n > text.length || text.slice(pos, pos + n).toLowerCase() !== it.text.toLowerCase()) return ~pos;
        pos += n;
        break;
      }
      case "num": pos = parseNumber(it, text, pos, p); break;
      case "reduced": pos = parseReduced(it, text, pos, p); break;
      case "frac": pos = parseFraction(it, text, pos, p); break;
      case "text": pos = parseText(it, text, pos, p); break;
      case "offset": pos = parseOffset(it.type, it.noOffset, text, pos, p); break;
      case "locOffset": pos = parseLocalizedOffset(text, pos, p); break;
      case "zoneText": pos = parseZone(text, pos, p, true); break;
      case "zoneId": pos = parseZone(text, pos, p, false); break;
      case "opt": {
        const saved: Parsed = { f: new Map(p.f), offset: p.offset, zone: p.zone };
        const r = parseItems(it.items, text, pos, p);
        if (r < 0) {
          p.f = saved.f;
          p.offset = saved.offset;
          p.zone = saved.zone;
        } else {
          pos = r;
        }
        break;
      }
    }
    if (pos < 0) return pos;
  }
  return pos;
}

const MONTH_NAMES_UPPER = MONTHS_FULL.map((m) => m.toUpperCase());

/** java.time LocalDate.of validation message, or null when valid. */
export function invalidDateMessage(y: number, m: number, d: number): string | null {
  if (y < -999_999_999 || y > 999_999_999) return `Invalid value for Year (valid values -999999999 - 999999999): ${y}`;
  if (m < 1 || m > 12) return `Invalid value for MonthOfYear (valid values 1 - 12): ${m}`;
  if (d < 1 || d > 31) return `Invalid value for DayOfMonth (valid values 1 - 28/31): ${d}`;
  if (d > daysInMonth(y, m)) {
    return d === 29 ? `Invalid date 'February 29' as '${y}' is not a leap year` : `Invalid date '${MONTH_NAMES_UPPER[m - 1]} ${d}'`;
  }
  return null;
}

function yearDayMessage(y: number, doy: number): string | null {
  if (doy < 1 || doy > 366) return `Invalid value for DayOfYear (valid values 1 - 365/366): ${doy}`;
  if (doy === 366 && !isLeapYear(y)) return `Invalid date 'DayOfYear 366' as '${y}' is not a leap year`;
  return null;
}

function range(field: Field, v: number, lo: number, hi: number, display = `${lo} - ${hi}`): string | null {
  return v < lo || v > hi ? `Invalid value for ${fieldName(field)} (valid values ${display}): ${v}` : null;
}

/**
 * Resolves parsed fields the way java.time's STRICT resolver and then Spark's toLocalDate /
 * toLocalTime do. Returns local micros (wall clock) or throws DateTimeParseError; `javaPrefix` tells
 * the caller whether java (with "Text '…' could not be parsed: ") or Spark raised it.
 */
function resolve(p: Parsed, text: string): number {
  const f = new Map(p.f);
  const java = (msg: string | null) => {
    if (msg !== null) throw new DateTimeParseError(`Text '${abbreviate(text)}' could not be parsed: ${msg}`);
  };
  const spark = (msg: string | null) => {
    if (msg !== null) throw new DateTimeParseError(msg);
  };
  // Date fields (IsoChronology.resolveDate in STRICT mode).
  const yoe = f.get("yearOfEra");
  if (yoe !== undefined) {
    java(range("yearOfEra", yoe, 1, 999999999, "1 - 999999999/1000000000"));
    const era = f.get("era");
    if (era !== undefined) {
      const y = era === 1 ? yoe : 1 - yoe;
      const old = f.get("year");
      if (old !== undefined && old !== y) java(`Conflict found: Year ${old} differs from Year ${y}`);
      f.set("year", y);
      f.delete("yearOfEra");
      f.delete("era");
    }
  }
  let year = f.get("year");
  let date: number | null = null;
  if (year !== undefined) {
    const m = f.get("month"), d = f.get("dayOfMonth"), doy = f.get("dayOfYear");
    if (m !== undefined && d !== undefined) {
      java(invalidDateMessage(year, m, d));
      date = daysFromCivil(year, m, d);
      if (doy !== undefined) {
        const actual = date - daysFromCivil(year, 1, 1) + 1;
        if (actual !== doy) java(`Conflict found: Field DayOfYear ${actual} differs from DayOfYear ${doy} derived from ${isoDate(year, m, d)}`);
      }
    } else if (doy !== undefined) {
      java(yearDayMessage(year, doy));
      date = daysFromCivil(year, 1, 1) + doy - 1;
      const [, mm, dd] = civilFromDays(date);
      if (m !== undefined && m !== mm) java(`Conflict found: Field MonthOfYear ${mm} differs from MonthOfYear ${m} derived from ${isoDate(year, mm!, dd!)}`);
    }
  }
  // Time fields (Parsed.resolveTimeFields, STRICT).
  const t = new Map<Field, number>();
  for (const k of ["hourOfDay", "clockHourOfDay", "hourOfAmPm", "clockHourOfAmPm", "ampm", "minute", "second", "nano"] as const) {
    const v = f.get(k);
    if (v !== undefined) t.set(k, v);
  }
  const conflict = (field: Field, v: number) => {
    const old = t.get(field);
    if (old !== undefined && old !== v) java(`Conflict found: ${fieldName(field)} ${old} differs from ${fieldName(field)} ${v} while resolving`);
    t.set(field, v);
  };
  const ch = t.get("clockHourOfDay");
  if (ch !== undefined) {
    java(range("clockHourOfDay", ch, 1, 24));
    t.delete("clockHourOfDay");
    conflict("hourOfDay", ch === 24 ? 0 : ch);
  }
  const cha = t.get("clockHourOfAmPm");
  if (cha !== undefined) {
    java(range("clockHourOfAmPm", cha, 1, 12));
    t.delete("clockHourOfAmPm");
    conflict("hourOfAmPm", cha === 12 ? 0 : cha);
  }
  const ap = t.get("ampm"), hap = t.get("hourOfAmPm");
  if (ap !== undefined && hap !== undefined) {
    java(range("hourOfAmPm", hap, 0, 11));
    t.delete("ampm");
    t.delete("hourOfAmPm");
    conflict("hourOfDay", ap * 12 + hap);
  }
  // java validates every time field left (resolveTime, then "validate remaining" in STRICT mode).
  const hod = t.get("hourOfDay");
  const moh = t.get("minute"), som = t.get("second"), nos = t.get("nano");
  if (hod !== undefined) java(range("hourOfDay", hod, 0, 23));
  if (moh !== undefined) java(range("minute", moh, 0, 59));
  if (som !== undefined) java(range("second", som, 0, 59));
  const hapLeft = t.get("hourOfAmPm"), apLeft = t.get("ampm");
  if (hapLeft !== undefined) java(range("hourOfAmPm", hapLeft, 0, 11));
  // Spark's toLocalTime defaults what is missing; a lone hour-of-am-pm is taken as AM, a lone PM as 12:00.
  const hour = hod ?? hapLeft ?? (apLeft === 1 ? 12 : 0);
  const minute = moh ?? 0, second = som ?? 0, nano = nos ?? 0;
  if (date === null) {
    // Spark's toLocalDate: 1970 for a missing year, January and the 1st for a missing month/day.
    year ??= 1970;
    const doy = f.get("dayOfYear");
    if (doy !== undefined) {
      spark(yearDayMessage(year, doy));
      date = daysFromCivil(year, 1, 1) + doy - 1;
      const [, mm, dd] = civilFromDays(date);
      const m = f.get("month"), d = f.get("dayOfMonth");
      if (m !== undefined && m !== mm) spark(`Conflict found: Field MonthOfYear ${m} differs from MonthOfYear ${mm} derived from ${isoDate(year, mm!, dd!)}.`);
      if (d !== undefined && d !== dd) spark(`Conflict found: Field DayOfMonth ${d} differs from DayOfMonth ${dd} derived from ${isoDate(year, mm!, dd!)}.`);
    } else {
      const m = f.get("month") ?? 1, d = f.get("dayOfMonth") ?? 1;
      spark(invalidDateMessage(year, m, d));
      date = daysFromCivil(year, m, d);
    }
  }
  return date * MICROS_PER_DAY + ((hour * 60 + minute) * 60 + second) * MICROS_PER_SECOND + Math.floor(nano / 1000);
}

function isoDate(y: number, m: number, d: number): string {
  return `${y < 0 ? "-" + zeroPad(-y, 4) : y > 9999 ? "+" + y : zeroPad(y, 4)}-${zeroPad(m, 2)}-${zeroPad(d, 2)}`;
}

function abbreviate(text: string): string {
  return text.length > 64 ? text.slice(0, 64) + "..." : text;
}

// ---------------------------------------------------------------------------------------------
// The compiled pattern

export class DatetimePattern {
  private readonly ctx = new FormatContext();

  constructor(readonly pattern: string, private readonly items: readonly Item[]) {}

  /** Formats an instant in `zone` (Spark's Iso8601TimestampFormatter.format). */
  format(micros: number, zone: TimeZone): string {
    const c = this.ctx;
    const offsetMicros = zone.offsetAtMicros(micros);
    c.set(micros + offsetMicros);
    c.offset = offsetMicros / MICROS_PER_SECOND;
    c.zone = zone;
    c.utcMicros = micros;
    const out: string[] = [];
    formatItems(this.items, c, out);
    return out.join("");
  }

  /** Formats a wall-clock time (TIMESTAMP_NTZ, or a date at midnight); zone letters use UTC. */
  formatLocal(localMicros: number): string {
    const c = this.ctx;
    c.set(localMicros);
    c.offset = 0;
    c.zone = getTimeZone("UTC");
    c.utcMicros = localMicros;
    const out: string[] = [];
    formatItems(this.items, c, out);
    return out.join("");
  }

  /**
   * Parses `text` to micros since the epoch; a zone or offset in the text wins over `zone`.
   * Throws DateTimeParseError with java.time's message when the text does not match.
   */
  parse(text: string, zone: TimeZone): number {
    const p = this.parseFields(text);
    const local = resolve(p, text);
    if (p.zone !== null) return p.zone.toUtc(local);
    if (p.offset !== null) return local - p.offset * MICROS_PER_SECOND;
    return zone.toUtc(local);
  }

  /** Parses to wall-clock micros, ignoring any zone in the text (TIMESTAMP_NTZ). */
  parseLocal(text: string): number {
    return resolve(this.parseFields(text), text);
  }

  /** parse(), or null instead of an error. */
  tryParse(text: string, zone: TimeZone): number | null {
    try {
      return this.parse(text, zone);
    } catch (e) {
      if (e instanceof DateTimeParseError) return null;
      throw e;
    }
  }

  private parseFields(text: string): Parsed {
    const p: Parsed = { f: new Map(), offset: null, zone: null };
    const r = parseItems(this.items, text, 0, p);
    if (r < 0) throw new DateTimeParseError(`Text '${abbreviate(text)}' could not be parsed at index ${~r}`);
    if (r < text.length) throw new DateTimeParseError(`Text '${abbreviate(text)}' could not be parsed, unparsed text found at index ${r}`);
    return p;
  }
}

const compiled = new Map<string, DatetimePattern>();

/** Spark's default timestampFormat of the JSON and CSV options (DateFormatter.defaultPattern + 'T'HH:mm:ss.SSSXXX). */
export const DEFAULT_TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

/**
 * Compiles a Spark datetime pattern. `isParsing` selects Spark's parsing rules (no E/F/q/Q,
 * variable-length fractions). Throws Spark's pattern errors.
 */
export function compileDatetimePattern(pattern: string, isParsing: boolean): DatetimePattern {
  const key = (isParsing ? "p" : "f") + pattern;
  let c = compiled.get(key);
  if (c === undefined) {
    c = new DatetimePattern(pattern, buildItems(pattern, isParsing));
    if (compiled.size > 256) compiled.clear();
    compiled.set(key, c);
  }
  return c;
}

function buildItems(pattern: string, isParsing: boolean): Item[] {
  try {
    const converted = convertIncompatiblePattern(pattern, isParsing);
    const b = new Builder();
    if (isParsing && converted.includes("S")) buildVarLength(converted, b);
    else b.appendPattern(converted);
    return b.done();
  } catch (e) {
    if (!(e instanceof SluiceError || e instanceof JavaPatternError)) throw e;
    if (legacyAccepts(pattern)) throw patternRecognitionError(pattern);
    if (e instanceof SluiceError) throw e;
    throw withSuggestionError(pattern);
  }
}
