// from_json's fast path over UTF-8 bytes (a Kafka value, say), driven by the target struct: keys
// are matched as bytes, numbers and timestamps read digit by digit, and only the values of the
// schema's fields become JS values. Spark does the same (CreateJacksonParser.utf8String hands
// Jackson the bytes of the cast string). The fast path takes only plain JSON that converts
// cleanly: any escape, non-ASCII byte, unusual number, type mismatch or syntax it is not sure of
// returns undefined, and the caller runs the general parser (from_json.ts) on the decoded text,
// so every corner of Spark's semantics stays in one place.
import { MICROS_PER_DAY, MICROS_PER_SECOND, daysFromCivil, daysInMonth } from "../datetime/civil_date.ts";
import { stringToDate } from "../datetime/string_to_date.ts";
import { stringToTimestamp } from "../datetime/string_to_timestamp.ts";
import type { TimeZone } from "../datetime/time_zone.ts";
import type { DataType, StructType } from "../../types/data_type.ts";

/** Field kinds the fast path converts; a value of any other kind sends the record to the general parser. */
const KINDS = new Set(["string", "boolean", "byte", "short", "int", "long", "float", "double", "decimal", "timestamp", "date"]);

const INT_RANGE: Record<string, [number, number]> = {
  byte: [-128, 127], short: [-32768, 32767], int: [-2147483648, 2147483647], long: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** Integers with more digits than this go to the general parser (exactness beyond 2^53). */
const MAX_FAST_DIGITS = 15;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Strings up to this many bytes are interned: field values such as categories repeat a lot. */
const INTERN_MAX_BYTES = 24;
const INTERN_SLOTS = 4096;

const isSpace = (c: number | undefined) => c === 32 || c === 10 || c === 13 || c === 9;

const BAIL: unique symbol = Symbol("bail");
type Bail = typeof BAIL;

interface Field {
  name: Uint8Array;
  type: DataType;
}

/**
 * A parser of JSON objects in bytes into rows of `schema`, or null when the schema has no field
 * it converts. The parser returns undefined for input it leaves to the general parser.
 */
export function jsonBytesParser(schema: StructType, zone: TimeZone): ((bytes: Uint8Array) => unknown[] | undefined) | null {
  const fields: Field[] = schema.fields.map((f) => ({ name: new TextEncoder().encode(f.name), type: f.dataType }));
  if (!fields.some((f) => KINDS.has(f.type.kind))) return null;
  const parser = new BytesParser(fields, zone);
  return (bytes) => parser.parse(bytes);
}

// Field kinds as small integers, for a switch the JIT turns into a jump table.
const K_STRING = 0, K_BOOLEAN = 1, K_INTEGRAL = 2, K_FRACTIONAL = 3, K_DECIMAL = 4, K_TIMESTAMP = 5, K_DATE = 6, K_OTHER = 7;

function kindCode(t: DataType): number {
  switch (t.kind) {
    case "string": return K_STRING;
    case "boolean": return K_BOOLEAN;
    case "byte": case "short": case "int": case "long": return K_INTEGRAL;
    case "float": case "double": return K_FRACTIONAL;
    case "decimal": return K_DECIMAL;
    case "timestamp": return K_TIMESTAMP;
    case "date": return K_DATE;
    default: return K_OTHER;
  }
}

/** The parser's state: one instance per bound from_json, fed one record at a time. */
class BytesParser {
  readonly names: Uint8Array[];
  readonly kinds: Int32Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly precision: Int32Array;
  readonly scale: Int32Array;
  readonly isFloat: Uint8Array;
  readonly width: number;
  readonly intern: (string | undefined)[] = new Array(INTERN_SLOTS);
  b: Uint8Array = new Uint8Array(0);
  i = 0;
  n = 0;
  /** Hash of the last string scanned (for interning). */
  hash = 0;

  constructor(fields: Field[], readonly zone: TimeZone) {
    this.width = fields.length;
    this.names = fields.map((f) => f.name);
    this.kinds = Int32Array.from(fields, (f) => kindCode(f.type));
    this.lo = Float64Array.from(fields, (f) => INT_RANGE[f.type.kind]?.[0] ?? 0);
    this.hi = Float64Array.from(fields, (f) => INT_RANGE[f.type.kind]?.[1] ?? 0);
    this.precision = Int32Array.from(fields, (f) => (f.type.kind === "decimal" ? f.type.precision : 0));
    this.scale = Int32Array.from(fields, (f) => (f.type.kind === "decimal" ? f.type.scale : 0));
    this.isFloat = Uint8Array.from(fields, (f) => (f.type.kind === "float" ? 1 : 0));
  }

  parse(bytes: Uint8Array): unknown[] | undefined {
    this.b = bytes;
    this.n = bytes.length;
    this.i = 0;
    const b = bytes;
    if (isSpace(b[0])) this.ws();
    if (b[this.i] !== 123) return undefined;
    this.i++;
    const width = this.width;
    const row: unknown[] = new Array(width);
    for (let f = 0; f < width; f++) row[f] = null;
    if (isSpace(b[this.i])) this.ws();
    if (b[this.i] === 125) return row;
    // Records of one topic mostly name the fields in the same order: try the field after the
    // last one first, comparing the key in place.
    let expected = 0;
    for (;;) {
      if (isSpace(b[this.i])) this.ws();
      if (b[this.i] !== 34) return undefined;
      this.i++;
      let f = expected < width ? this.keyIs(expected) : -1;
      if (f < 0) {
        f = this.key();
        if (f === -2) return undefined;
      }
      if (isSpace(b[this.i])) this.ws();
      if (b[this.i] !== 58) return undefined;
      this.i++;
      if (isSpace(b[this.i])) this.ws();
      if (f < 0) {
        if (!this.skipValue(0)) return undefined;
      } else {
        const v = this.value(f);
        if (v === BAIL) return undefined;
        row[f] = v;
        expected = f + 1;
      }
      if (isSpace(b[this.i])) this.ws();
      const c = b[this.i];
      if (c === 44) {
        this.i++;
        continue;
      }
      if (c === 125) return row;
      return undefined;
    }
  }

  /** `f` if the key at i (just past its opening quote) is field f's name, moving past its closing quote; else -1. */
  keyIs(f: number): number {
    const name = this.names[f]!;
    const b = this.b;
    const i = this.i;
    const len = name.length;
    if (i + len >= this.n || b[i + len] !== 34) return -1;
    for (let k = 0; k < len; k++) if (b[i + k] !== name[k]) return -1;
    this.i = i + len + 1;
    return f;
  }

  ws(): void {
    const b = this.b;
    let i = this.i;
    const n = this.n;
    while (i < n) {
      const c = b[i]!;
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  /** Index of the field named by the key at i (just past its opening quote), -1 for none, -2 to bail. */
  key(): number {
    const b = this.b;
    const n = this.n;
    const start = this.i;
    let i = start;
    while (i < n) {
      const c = b[i]!;
      if (c === 34) break;
      if (c === 92 || c >= 0x80 || c < 32) return -2;
      i++;
    }
    if (i >= n) return -2;
    this.i = i + 1;
    const len = i - start;
    const names = this.names;
    outer: for (let f = 0; f < this.width; f++) {
      const name = names[f]!;
      if (name.length !== len) continue;
      for (let k = 0; k < len; k++) if (name[k] !== b[start + k]) continue outer;
      return f;
    }
    return -1;
  }

  /** Scans the string at i (its opening quote) to past its closing quote: its content's end, or -1 for escapes and non-ASCII. */
  scanString(): number {
    const b = this.b;
    const n = this.n;
    let i = this.i + 1;
    let h = 0x811c9dc5;
    while (i < n) {
      const c = b[i]!;
      if (c === 34) {
        this.hash = h;
        this.i = i + 1;
        return i;
      }
      if (c === 92 || c >= 0x80 || c < 32) return -1;
      h = Math.imul(h ^ c, 0x01000193);
      i++;
    }
    return -1;
  }

  /** The string value at i (its opening quote), interned when short; BAIL for escapes and non-ASCII. */
  string(): string | Bail {
    const start = this.i + 1;
    const end = this.scanString();
    if (end < 0) return BAIL;
    const b = this.b;
    const len = end - start;
    if (len > INTERN_MAX_BYTES) return latin1(b, start, end);
    const slot = (this.hash >>> 0) & (INTERN_SLOTS - 1);
    const cached = this.intern[slot];
    if (cached !== undefined && cached.length === len) {
      let k = 0;
      while (k < len && cached.charCodeAt(k) === b[start + k]) k++;
      if (k === len) return cached;
    }
    const s = latin1(b, start, end);
    this.intern[slot] = s;
    return s;
  }

  /** Skips a number token; false if it is not one Jackson reads. */
  skipNumber(): boolean {
    const b = this.b;
    const n = this.n;
    let i = this.i;
    if (b[i] === 45) i++;
    const first = b[i];
    if (first === 48) i++;
    else if (first !== undefined && first > 48 && first <= 57) {
      while (i < n && b[i]! >= 48 && b[i]! <= 57) i++;
    } else return false;
    if (b[i] === 46) {
      i++;
      const s = i;
      while (i < n && b[i]! >= 48 && b[i]! <= 57) i++;
      if (i === s) return false;
    }
    if (b[i] === 101 || b[i] === 69) {
      i++;
      if (b[i] === 43 || b[i] === 45) i++;
      const s = i;
      while (i < n && b[i]! >= 48 && b[i]! <= 57) i++;
      if (i === s) return false;
    }
    const next = b[i];
    if (next !== undefined && next >= 48 && next <= 57) return false;
    this.i = i;
    return true;
  }

  literal(word: Uint8Array): boolean {
    const b = this.b;
    const i = this.i;
    if (i + word.length > this.n) return false;
    for (let k = 0; k < word.length; k++) if (b[i + k] !== word[k]) return false;
    this.i = i + word.length;
    return true;
  }

  /** Skips the string at i (its opening quote); false for escapes and non-ASCII. */
  skipString(): boolean {
    const b = this.b;
    const n = this.n;
    let i = this.i + 1;
    while (i < n) {
      const c = b[i]!;
      if (c === 34) {
        this.i = i + 1;
        return true;
      }
      if (c === 92 || c >= 0x80 || c < 32) return false;
      i++;
    }
    return false;
  }

  /** Skips any JSON value at i, validating it; false on anything unusual. */
  skipValue(depth: number): boolean {
    const b = this.b;
    if (depth > 64 || this.i >= this.n) return false;
    const c = b[this.i]!;
    if (c === 34) return this.skipString();
    if (c === 123 || c === 91) {
      const close = c === 123 ? 125 : 93;
      this.i++;
      this.ws();
      if (b[this.i] === close) {
        this.i++;
        return true;
      }
      for (;;) {
        this.ws();
        if (c === 123) {
          if (b[this.i] !== 34) return false;
          this.i++;
          if (this.key() === -2) return false;
          this.ws();
          if (b[this.i] !== 58) return false;
          this.i++;
          this.ws();
        }
        if (!this.skipValue(depth + 1)) return false;
        this.ws();
        if (b[this.i] === 44) {
          this.i++;
          continue;
        }
        if (b[this.i] === close) {
          this.i++;
          return true;
        }
        return false;
      }
    }
    if (c === 116) return this.literal(TRUE);
    if (c === 102) return this.literal(FALSE);
    if (c === 110) return this.literal(NULL);
    return this.skipNumber();
  }

  /** An integer token of at most MAX_FAST_DIGITS digits, without fraction or exponent; BAIL otherwise. */
  integer(): number | Bail {
    const b = this.b;
    const n = this.n;
    let i = this.i;
    const negative = b[i] === 45;
    if (negative) i++;
    const digitsStart = i;
    let v = 0;
    while (i < n) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      i++;
    }
    const digits = i - digitsStart;
    if (digits === 0 || digits > MAX_FAST_DIGITS || (digits > 1 && b[digitsStart] === 48)) return BAIL;
    const next = b[i];
    if (next === 46 || next === 101 || next === 69) return BAIL;
    this.i = i;
    return negative ? 0 - v : v;
  }

  /** A plain decimal number (no exponent) that fits the type without rounding, as the unscaled bigint. */
  decimal(precision: number, scale: number): bigint | Bail {
    const b = this.b;
    const n = this.n;
    let i = this.i;
    const negative = b[i] === 45;
    if (negative) i++;
    const intStart = i;
    let v = 0;
    while (i < n) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      i++;
    }
    const intDigits = i - intStart;
    if (intDigits === 0 || (intDigits > 1 && b[intStart] === 48)) return BAIL;
    let fracDigits = 0;
    if (b[i] === 46) {
      i++;
      const fracStart = i;
      while (i < n) {
        const d = b[i]! - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
        i++;
      }
      fracDigits = i - fracStart;
      if (fracDigits === 0) return BAIL;
    }
    const next = b[i];
    if (next === 101 || next === 69 || (next !== undefined && next >= 48 && next <= 57)) return BAIL;
    if (intDigits + fracDigits > MAX_FAST_DIGITS || fracDigits > scale) return BAIL;
    const unscaled = v * POW10[scale - fracDigits]!;
    if (unscaled >= POW10[Math.min(precision, 22)]! || !Number.isSafeInteger(unscaled)) return BAIL;
    this.i = i;
    return BigInt(negative ? 0 - unscaled : unscaled);
  }

  /** The value at i converted for field f; BAIL when the general parser must decide. */
  value(f: number): unknown {
    const b = this.b;
    const c = b[this.i];
    if (c === 110) return this.literal(NULL) ? null : BAIL;
    const digitOrMinus = c === 45 || (c !== undefined && c >= 48 && c <= 57);
    switch (this.kinds[f]) {
      case K_STRING:
        return c === 34 ? this.string() : BAIL;
      case K_BOOLEAN:
        if (c === 116) return this.literal(TRUE) ? true : BAIL;
        if (c === 102) return this.literal(FALSE) ? false : BAIL;
        return BAIL;
      case K_INTEGRAL: {
        if (!digitOrMinus) return BAIL;
        const v = this.integer();
        if (v === BAIL) return BAIL;
        return v < this.lo[f]! || v > this.hi[f]! ? BAIL : v;
      }
      case K_FRACTIONAL: {
        if (!digitOrMinus) return BAIL;
        const start = this.i;
        if (!this.skipNumber()) return BAIL;
        const v = Number(latin1(b, start, this.i));
        return this.isFloat[f] === 1 ? Math.fround(v) : v;
      }
      case K_DECIMAL:
        return digitOrMinus ? this.decimal(this.precision[f]!, this.scale[f]!) : BAIL;
      case K_TIMESTAMP: {
        if (c === 34) {
          const start = this.i + 1;
          const end = this.scanString();
          if (end < 0) return BAIL;
          const v = timestampBytes(b, start, end, this.zone) ?? stringToTimestamp(latin1(b, start, end), this.zone);
          return v === null ? BAIL : v;
        }
        if (!digitOrMinus) return BAIL;
        const v = this.integer();
        return v === BAIL ? BAIL : v * MICROS_PER_SECOND;
      }
      case K_DATE: {
        if (c !== 34) return BAIL;
        const start = this.i + 1;
        const end = this.scanString();
        if (end < 0) return BAIL;
        const v = stringToDate(latin1(b, start, end));
        return v === null ? BAIL : v;
      }
      default:
        return BAIL;
    }
  }
}

const ascii = new TextDecoder("latin1");
const TRUE = new TextEncoder().encode("true");
const FALSE = new TextEncoder().encode("false");
const NULL = new TextEncoder().encode("null");

/** ASCII bytes as a string (the fast path has checked every byte is below 0x80). */
function latin1(b: Uint8Array, start: number, end: number): string {
  if (end - start < 16) {
    let s = "";
    for (let k = start; k < end; k++) s += String.fromCharCode(b[k]!);
    return s;
  }
  return ascii.decode(b.subarray(start, end));
}

/** Where the digits of "yyyy-MM-ddTHH:mm:ss" are. */
const TIMESTAMP_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/**
 * "yyyy-MM-ddTHH:mm:ss[.f{1,6}][Z]" (or a space for T) read from bytes; null for anything else,
 * which the caller parses with Spark's full rules.
 */
function timestampBytes(b: Uint8Array, start: number, end: number, zone: TimeZone): number | null {
  const len = end - start;
  if (len < 19 || len > 27) return null;
  if (b[start + 4] !== 45 || b[start + 7] !== 45 || b[start + 13] !== 58 || b[start + 16] !== 58) return null;
  const sep = b[start + 10];
  if (sep !== 84 && sep !== 32) return null;
  for (let k = 0; k < TIMESTAMP_DIGITS.length; k++) {
    const x = b[start + TIMESTAMP_DIGITS[k]!]! - 48;
    if (x < 0 || x > 9) return null;
  }
  const year = (b[start]! - 48) * 1000 + (b[start + 1]! - 48) * 100 + (b[start + 2]! - 48) * 10 + (b[start + 3]! - 48);
  const month = (b[start + 5]! - 48) * 10 + (b[start + 6]! - 48);
  const day = (b[start + 8]! - 48) * 10 + (b[start + 9]! - 48);
  const hour = (b[start + 11]! - 48) * 10 + (b[start + 12]! - 48);
  const minute = (b[start + 14]! - 48) * 10 + (b[start + 15]! - 48);
  const second = (b[start + 17]! - 48) * 10 + (b[start + 18]! - 48);
  let k = start + 19;
  let micros = 0;
  if (k < end && b[k] === 46) {
    k++;
    let count = 0;
    while (k < end) {
      const x = b[k]! - 48;
      if (x < 0 || x > 9) break;
      if (++count > 6) return null;
      micros = micros * 10 + x;
      k++;
    }
    if (count === 0) return null;
    micros *= POW10[6 - count]!;
  }
  let utc = false;
  if (k < end) {
    if (b[k] !== 90 || k !== end - 1) return null;
    utc = true;
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > 28 && day > daysInMonth(year, month)) return null;
  const local = daysFromCivil(year, month, day) * MICROS_PER_DAY + ((hour * 60 + minute) * 60 + second) * MICROS_PER_SECOND + micros;
  if (utc || zone.fixedOffset === 0) return local;
  return zone.toUtc(local);
}
