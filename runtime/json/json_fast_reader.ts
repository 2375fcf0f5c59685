// The common record read by a scanner that takes only plain JSON: one object whose keys and
// strings hold no escapes or control characters, numbers in strict JSON form, and for each field
// of the schema a value of its own type (or null). It gives exactly the row the exact reader
// (json_row_reader.ts) gives for such a record, and gives up (undefined) on anything else, which the
// exact reader then reads with Spark's options and rules: relaxations (single quotes, NaN, comments,
// leading zeros, …), objects or arrays in fields it reads (those of other keys are checked and
// skipped), a value that does not fit its field (Spark's partial
// results), integers beyond 15 digits (longs keep every digit there), text after the object. A key
// named twice needs nothing more: when every value fits, both readers keep the last one.
import { MICROS_PER_SECOND } from "../expr/datetime/civil_date.ts";
import { fastTimestampIn } from "../expr/datetime/fast_timestamp.ts";
import type { DataType, StructType } from "../types/data_type.ts";
import type { SourceFilter } from "../plugin/contract.ts";
import { structFilters } from "./json_filters.ts";
import { dateFromText, type JsonConvertOptions, timestampFromText, timestampNtzFromText } from "./json_row_reader.ts";

/** Where a record's values come from: the text, a value's range in it, and for numbers what the scan saw. */
interface Scan {
  text: string;
  start: number;
  end: number;
  /** The number is written as an integer of at most 15 digits: `int` holds its value. */
  isInt: boolean;
  int: number;
}

/** How a field takes a string value and a number value; undefined: leave the record to the exact reader. */
interface FastConv {
  str(s: Scan): unknown;
  num(s: Scan): unknown;
  bool(v: boolean): unknown;
}

const NO = () => undefined;

/**
 * A STRING field's values: each a string of its own (JSON.parse of the plain token makes one; a
 * slice would keep the whole block of lines alive), and the same string again for a short value
 * seen before in its slot of a small table (categories, event types repeat), found by a hash of
 * its characters and compared in place.
 */
const SLOTS = 1024;
function stringTaker(): (s: Scan) => string {
  const table = new Array<string | undefined>(SLOTS).fill(undefined);
  return (s) => {
    const text = s.text, start = s.start, end = s.end;
    const len = end - start;
    if (len === 0) return "";
    if (len > 32) return JSON.parse(text.slice(start - 1, end + 1)) as string;
    let h = len;
    for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
    const slot = h & (SLOTS - 1);
    const seen = table[slot];
    if (seen !== undefined && seen.length === len && text.startsWith(seen, start)) return seen;
    const own = JSON.parse(text.slice(start - 1, end + 1)) as string;
    table[slot] = own;
    return own;
  };
}

const INT_RANGES: Record<string, [number, number]> = {
  byte: [-128, 255], short: [-32768, 32767], int: [-2147483648, 2147483647],
};

function fastConverter(t: DataType, o: JsonConvertOptions): FastConv | undefined {
  switch (t.kind) {
    case "string":
      return { str: stringTaker(), num: NO, bool: NO };
    case "boolean":
      return { str: NO, num: NO, bool: (v) => v };
    case "long":
      // longFromDigits makes -0 a 0.
      return { str: NO, num: (s) => (s.isInt ? (s.int === 0 ? 0 : s.int) : undefined), bool: NO };
    case "byte": case "short": case "int": {
      const [lo, hi] = INT_RANGES[t.kind]!;
      return {
        str: NO, bool: NO,
        num: (s) => {
          const v = s.int;
          if (!s.isInt || v < lo || v > hi) return undefined;
          // Jackson's getByteValue wraps 128..255 to negative bytes.
          return v > 127 && lo === -128 ? v - 256 : v === 0 ? 0 : v;
        },
      };
    }
    case "double":
      return { str: NO, bool: NO, num: (s) => (s.isInt ? s.int : Number(s.text.slice(s.start, s.end))) };
    case "float":
      return { str: NO, bool: NO, num: (s) => Math.fround(s.isInt ? s.int : Number(s.text.slice(s.start, s.end))) };
    case "timestamp": {
      const fromText = timestampFromText(o);
      const zone = o.zone, common = o.timestampFormat === null;
      return {
        bool: NO,
        // The common form in place (what timestampFromText tries first), else the text through it.
        str: (s) => (common ? fastTimestampIn(s.text, s.start, s.end, zone) : null) ?? fromText(s.text.slice(s.start, s.end)) ?? undefined,
        // Whole seconds.
        num: (s) => (s.isInt ? (s.int === 0 ? 0 : s.int) * MICROS_PER_SECOND : undefined),
      };
    }
    case "timestamp_ntz": case "date": {
      const fromText = t.kind === "date" ? dateFromText(o) : timestampNtzFromText(o);
      return { num: NO, bool: NO, str: (s) => fromText(s.text.slice(s.start, s.end)) ?? undefined };
    }
    default:
      return undefined;
  }
}

const isWs = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Characters the exact reader refuses straight after a scalar (Jackson: "1x", "truex"), and JSON's other non-delimiters. */
const ends = (c: number) => c === 44 || c === 125 || isWs(c) || Number.isNaN(c);
const CONTROL = /[\u0000-\u001f]/;

/**
 * Scans a strict JSON number at `i` into `s` (start, end, isInt, int); returns the index after it,
 * or -1 when it is not one (the exact reader decides: leading zeros, +1, .5, 1., NaN, …).
 */
function scanNumber(text: string, i: number, s: Scan): number {
  const start = i;
  let c = text.charCodeAt(i);
  const neg = c === 45;
  if (neg) c = text.charCodeAt(++i);
  if (!isDigit(c)) return -1;
  let v = 0;
  const digitsFrom = i;
  if (c === 48) {
    c = text.charCodeAt(++i);
    if (isDigit(c)) return -1;
  } else {
    while (isDigit(c)) {
      v = v * 10 + (c - 48);
      c = text.charCodeAt(++i);
    }
  }
  let isInt = i - digitsFrom <= 15;
  if (c === 46) {
    isInt = false;
    c = text.charCodeAt(++i);
    if (!isDigit(c)) return -1;
    while (isDigit(c)) c = text.charCodeAt(++i);
  }
  if (c === 101 || c === 69) {
    isInt = false;
    c = text.charCodeAt(++i);
    if (c === 43 || c === 45) c = text.charCodeAt(++i);
    if (!isDigit(c)) return -1;
    while (isDigit(c)) c = text.charCodeAt(++i);
  }
  s.start = start;
  s.end = i;
  s.isInt = isInt;
  s.int = neg ? -v : v;
  return i;
}

/** How deep skipNested goes before leaving the record to the exact reader. */
const MAX_SKIP_DEPTH = 32;

/**
 * Skips the strict JSON object or array at `i` (no escapes, no control characters: the line was
 * checked) and returns the index after it; -1 for anything else (the exact reader decides).
 */
function skipNested(text: string, i: number, depth: number, s: Scan): number {
  if (depth >= MAX_SKIP_DEPTH) return -1;
  const object = text.charCodeAt(i) === 123;
  const close = object ? 125 : 93;
  let c = text.charCodeAt(++i);
  while (c === 32) c = text.charCodeAt(++i);
  if (c === close) return i + 1;
  for (;;) {
    if (object) {
      if (c !== 34) return -1;
      const ke = text.indexOf('"', i + 1);
      if (ke < 0) return -1;
      i = ke + 1;
      c = text.charCodeAt(i);
      while (c === 32) c = text.charCodeAt(++i);
      if (c !== 58) return -1;
      c = text.charCodeAt(++i);
      while (c === 32) c = text.charCodeAt(++i);
    }
    if (c === 34) {
      const ve = text.indexOf('"', i + 1);
      if (ve < 0) return -1;
      i = ve + 1;
    } else if (c === 45 || isDigit(c)) {
      i = scanNumber(text, i, s);
      if (i < 0) return -1;
    } else if (c === 116 || c === 102 || c === 110) {
      const word = c === 116 ? "true" : c === 102 ? "false" : "null";
      if (!text.startsWith(word, i)) return -1;
      i += word.length;
    } else if (c === 123 || c === 91) {
      i = skipNested(text, i, depth + 1, s);
      if (i < 0) return -1;
    } else {
      return -1;
    }
    c = text.charCodeAt(i);
    while (c === 32) c = text.charCodeAt(++i);
    if (c === close) return i + 1;
    if (c !== 44) return -1;
    c = text.charCodeAt(++i);
    while (c === 32) c = text.charCodeAt(++i);
  }
}

/**
 * The fast reader of a record as a row of `schema` (only the fields `read` marks are read, the
 * others are null and skipped as keys the schema does not name), or undefined when a field read has
 * a type it does not take (decimal, binary, nested types, intervals). A record gives its row, null
 * when a pushed filter skips it, or undefined for the exact reader.
 */
export function fastRecordReader(
  schema: StructType, o: JsonConvertOptions, read: readonly boolean[] = schema.fields.map(() => true), filters?: readonly SourceFilter[],
): ((text: string) => unknown[] | null | undefined) | undefined {
  const n = schema.fields.length;
  const convs: FastConv[] = [];
  const names = schema.fields.map((f) => f.name);
  // Every name (its first field), read or not: records usually hold them in the schema's order.
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (!read[i]) {
      convs.push({ str: NO, num: NO, bool: NO });
      if (!index.has(names[i]!)) index.set(names[i]!, i);
      continue;
    }
    const conv = fastConverter(schema.fields[i]!.dataType, o);
    if (conv === undefined) return undefined;
    convs.push(conv);
    // A name read twice (or read and unread) is the exact reader's: its struct converter's lookup decides.
    if (index.has(names[i]!)) return undefined;
    index.set(names[i]!, i);
  }
  const reads = read.slice();
  // Pushed filters (json_filters.ts) over the fields read: run once the row is complete, which for a
  // record that reads cleanly gives what running each as soon as its columns are set gives, as long
  // as no field is named twice (then the exact reader decides).
  const pushed = structFilters(filters, schema, (i) => reads[i]!);
  const seenIn = new Array<number>(n).fill(0);
  let record = 0;
  const s: Scan = { text: "", start: 0, end: 0, isInt: false, int: 0 };

  return (text) => {
    // Escapes and control characters (raw ones are errors in strings, options decide) are the exact reader's.
    if (text.indexOf("\\") >= 0 || CONTROL.test(text)) return undefined;
    s.text = text;
    record++;
    const row = new Array(n).fill(null);
    const len = text.length;
    let i = 0;
    let c = text.charCodeAt(i);
    while (c === 32) c = text.charCodeAt(++i);
    if (c !== 123) return undefined;
    c = text.charCodeAt(++i);
    while (c === 32) c = text.charCodeAt(++i);
    let guess = 0;
    if (c !== 125) {
      for (;;) {
        if (c !== 34) return undefined;
        const ks = i + 1;
        const ke = text.indexOf('"', ks);
        if (ke < 0) return undefined;
        // Records usually hold the fields in the schema's order: the one after the last is tried first.
        let f: number;
        if (guess < n && ke - ks === names[guess]!.length && text.startsWith(names[guess]!, ks)) f = guess;
        else f = index.get(text.slice(ks, ke)) ?? -1;
        if (f >= 0) {
          guess = f + 1;
          if (!reads[f]) f = -1;
          else if (pushed !== undefined) {
            if (seenIn[f] === record) return undefined;
            seenIn[f] = record;
          }
        }
        i = ke + 1;
        c = text.charCodeAt(i);
        while (c === 32) c = text.charCodeAt(++i);
        if (c !== 58) return undefined;
        c = text.charCodeAt(++i);
        while (c === 32) c = text.charCodeAt(++i);
        let v: unknown = null;
        if (c === 34) {
          const ve = text.indexOf('"', i + 1);
          if (ve < 0) return undefined;
          if (f >= 0) {
            s.start = i + 1;
            s.end = ve;
            v = convs[f]!.str(s);
          }
          i = ve + 1;
        } else if (c === 45 || isDigit(c)) {
          i = scanNumber(text, i, s);
          if (i < 0 || !ends(text.charCodeAt(i))) return undefined;
          if (f >= 0) v = convs[f]!.num(s);
        } else if (c === 116 || c === 102) {
          const t = c === 116;
          const word = t ? "true" : "false";
          if (!text.startsWith(word, i) || !ends(text.charCodeAt(i + word.length))) return undefined;
          i += word.length;
          if (f >= 0) v = convs[f]!.bool(t);
        } else if (c === 110) {
          if (!text.startsWith("null", i) || !ends(text.charCodeAt(i + 4))) return undefined;
          i += 4;
        } else if ((c === 123 || c === 91) && f < 0) {
          // An object or array the schema does not read: checked as strict JSON and skipped.
          i = skipNested(text, i, 0, s);
          if (i < 0) return undefined;
        } else {
          return undefined;
        }
        if (v === undefined) return undefined;
        if (f >= 0) row[f] = v;
        c = text.charCodeAt(i);
        while (c === 32) c = text.charCodeAt(++i);
        if (c === 44) {
          c = text.charCodeAt(++i);
          while (c === 32) c = text.charCodeAt(++i);
          continue;
        }
        if (c === 125) break;
        return undefined;
      }
    }
    // Only spaces may follow the object.
    c = text.charCodeAt(++i);
    while (c === 32) c = text.charCodeAt(++i);
    if (i < len) return undefined;
    if (pushed !== undefined) {
      pushed.reset();
      for (let f = 0; f < n; f++) if (seenIn[f] === record && pushed.skipRow(row, f)) return null;
    }
    return row;
  };
}
