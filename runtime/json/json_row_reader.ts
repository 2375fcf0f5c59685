// Reads one JSON record straight into rows of a schema, as Spark's JacksonParser converts a
// record: fields the schema names are converted as they are read (others skipped), a value that
// does not fit its field's type makes that field null and the record malformed while the fields
// that converted are kept (Spark's partial results), and a syntax error makes the whole record
// malformed. No intermediate object is built, and numbers are converted from their text, so a long
// keeps every digit and 2.0 is not an integer.
import { stringToCalendarInterval, stringToDayTimeInterval, stringToYearMonthInterval } from "../expr/cast_interval.ts";
import { SluiceError } from "../errors.ts";
import { MICROS_PER_DAY, MICROS_PER_SECOND, floorDiv } from "../expr/datetime/civil_date.ts";
import type { DatetimePattern } from "../expr/datetime/datetime_pattern.ts";
import { stringToDate } from "../expr/datetime/string_to_date.ts";
import { stringToTimestamp, stringToTimestampWithoutTimeZone } from "../expr/datetime/string_to_timestamp.ts";
import { fastTimestamp } from "../expr/datetime/fast_timestamp.ts";
import type { TimeZone } from "../expr/datetime/time_zone.ts";
import type { DataType, StructType } from "../types/data_type.ts";
import { longFromDigits } from "../types/long.ts";
import { JsonCursor, JsonKind, JsonSyntaxError, VALUE_ERROR } from "./json_cursor.ts";
import type { SourceFilter } from "../plugin/contract.ts";
import { fastRecordReader } from "./json_fast_reader.ts";
import { RECOUNTED, type StructFilters, structFilters } from "./json_filters.ts";
import type { JsonFeatures } from "./json_features.ts";

export interface JsonConvertOptions {
  features: JsonFeatures;
  /**
   * How a STRING field keeps a value that is not a string: its text exactly as written (Spark's
   * exact string parsing, which the file reader can use: it reads from bytes), or as Jackson's
   * generator writes it again, compact with floats through Double.toString (from_json).
   */
  exactStrings: boolean;
  zone: TimeZone;
  timestampFormat: DatetimePattern | null;
  timestampNTZFormat: DatetimePattern | null;
  dateFormat: DatetimePattern | null;
}

/** What one record gave: its rows and whether it was malformed (wholly, or a field of it). */
export interface RecordResult {
  /** "ok"; "partial": some fields did not convert (they are null); "bad": the record is malformed as a whole; "empty": no value at all. */
  status: "ok" | "partial" | "bad" | "empty";
  rows: unknown[][];
}

/** A field value that does not fit its type: the value has been consumed; the field becomes null. */
const MISMATCH = VALUE_ERROR;

/** Per-record flag set by converters that null a nested value instead of failing (maps, arrays in structs). */
interface State {
  partial: boolean;
}

type Conv = (c: JsonCursor, st: State) => unknown;

const SPECIAL_DOUBLE_STRINGS: Record<string, number> = {
  NaN: NaN, Infinity: Infinity, "+Infinity": Infinity, "-Infinity": -Infinity, INF: Infinity, "+INF": Infinity, "-INF": -Infinity,
};

// Jackson's getByteValue takes -128..255 and wraps 128..255 to negative bytes (an unsigned byte).
const INT_RANGES: Record<string, [number, number]> = {
  byte: [-128, 255], short: [-32768, 32767], int: [-2147483648, 2147483647],
};

/**
 * Jackson's getBinaryValue (Base64Variants.MIME_NO_LINEFEEDS): the standard alphabet, whitespace
 * between characters ignored, padding only at the end; null for anything else.
 */
function jacksonBase64(text: string): Uint8Array | null {
  const s = text.replace(/[\u0000-\u0020]/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(s, "base64"));
}

/** A flat copy of `s` (a slice references the text it was cut from; JSON.parse makes new strings). */
function own(s: string): string {
  return s.length === 0 ? s : JSON.parse(JSON.stringify(s)) as string;
}

/** Consumes the value at the cursor and reports a mismatch. */
function mismatch(c: JsonCursor): never {
  c.skip();
  throw MISMATCH;
}

/** Decimal text rounded HALF_UP to `scale`; null when it needs more than `precision` digits. */
export function decimalFromText(text: string, precision: number, scale: number): bigint | null {
  const m = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim()) ?? /^([+-]?)()\.(\d+)(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (m === null) return null;
  const frac = m[3] ?? "";
  const digits = BigInt((m[2] || "0") + frac);
  const shift = Number(m[4] ?? 0) - frac.length + scale;
  let v: bigint;
  if (shift >= 0) v = digits * 10n ** BigInt(shift);
  else {
    const d = 10n ** BigInt(-shift);
    v = digits / d;
    if ((digits % d) * 2n >= d) v += 1n;
  }
  if (v.toString().length > precision) return null;
  return m[1] === "-" ? -v : v;
}

/** A TIMESTAMP field's string: timestampFormat, else the common form, else Spark's full parser; null when it is none. */
export function timestampFromText(o: JsonConvertOptions): (s: string) => number | null {
  const fmt = o.timestampFormat, zone = o.zone;
  return fmt !== null ? (s) => fmt.tryParse(s, zone) : (s) => fastTimestamp(s, zone) ?? stringToTimestamp(s, zone);
}

export function timestampNtzFromText(o: JsonConvertOptions): (s: string) => number | null {
  const fmt = o.timestampNTZFormat;
  return (s) => {
    try {
      return fmt !== null ? fmt.parseLocal(s) : stringToTimestampWithoutTimeZone(s, false);
    } catch {
      return null;
    }
  };
}

export function dateFromText(o: JsonConvertOptions): (s: string) => number | null {
  const fmt = o.dateFormat, zone = o.zone;
  if (fmt === null) return stringToDate;
  return (s) => {
    const m = fmt.tryParse(s, zone);
    return m === null ? null : floorDiv(zone.toLocal(m), MICROS_PER_DAY);
  };
}

function converter(t: DataType, o: JsonConvertOptions): Conv {
  switch (t.kind) {
    // A row keeps its own copy of the text (own): a slice would keep the whole block of lines it
    // was read from alive for as long as the row lives (a batch, state).
    case "string":
      if (!o.exactStrings) return (c) => (c.kind() === JsonKind.String ? c.string(true, true) : own(c.raw()));
      return (c) => (c.kind() === JsonKind.String ? c.string(true, true) : own(c.source()));
    case "boolean":
      return (c) => {
        const k = c.kind();
        if (k === JsonKind.True) return c.literal("true"), true;
        if (k === JsonKind.False) return c.literal("false"), false;
        return mismatch(c);
      };
    case "long":
      return (c) => {
        if (c.kind() !== JsonKind.Number) return mismatch(c);
        c.number();
        if (!c.numInt) throw MISMATCH;
        const v = longFromDigits(c.numText);
        if (v === null) throw MISMATCH;
        return v;
      };
    case "byte": case "short": case "int": {
      const [lo, hi] = INT_RANGES[t.kind]!;
      return (c) => {
        if (c.kind() !== JsonKind.Number) return mismatch(c);
        c.number();
        if (!c.numInt || c.numText.length > 12) throw MISMATCH;
        const v = Number(c.numText);
        if (v < lo || v > hi) throw MISMATCH;
        return v > 127 && lo === -128 ? v - 256 : v === 0 ? 0 : v;
      };
    }
    case "float": case "double": {
      const round = t.kind === "float" ? Math.fround : (x: number) => x;
      return (c) => {
        const k = c.kind();
        if (k === JsonKind.Number) {
          c.number();
          return round(c.numSpecial ?? Number(c.numText));
        }
        if (k === JsonKind.String) {
          const s = c.string(true);
          const v = SPECIAL_DOUBLE_STRINGS[s];
          if (v === undefined) throw MISMATCH;
          return round(v);
        }
        return mismatch(c);
      };
    }
    case "decimal":
      return (c) => {
        const k = c.kind();
        let text: string;
        if (k === JsonKind.Number) {
          c.number();
          if (c.numSpecial !== undefined) throw MISMATCH;
          text = c.numText;
        } else if (k === JsonKind.String) {
          text = c.string(true);
        } else {
          return mismatch(c);
        }
        const v = decimalFromText(text, t.precision, t.scale);
        if (v === null) throw MISMATCH;
        return v;
      };
    case "timestamp": {
      const fromText = timestampFromText(o);
      return (c) => {
        const k = c.kind();
        if (k === JsonKind.String) {
          const v = fromText(c.string(true));
          if (v === null) throw MISMATCH;
          return v;
        }
        if (k === JsonKind.Number) {
          c.number();
          if (!c.numInt) throw MISMATCH;
          const secs = longFromDigits(c.numText);
          if (secs === null) throw MISMATCH;
          return Number(secs) * MICROS_PER_SECOND;
        }
        return mismatch(c);
      };
    }
    case "timestamp_ntz": case "date": {
      const fromText = t.kind === "date" ? dateFromText(o) : timestampNtzFromText(o);
      return (c) => {
        if (c.kind() !== JsonKind.String) return mismatch(c);
        const v = fromText(c.string(true));
        if (v === null) throw MISMATCH;
        return v;
      };
    }
    case "binary":
      return (c) => {
        if (c.kind() !== JsonKind.String) return mismatch(c);
        const v = jacksonBase64(c.string(true));
        if (v === null) throw MISMATCH;
        return v;
      };
    case "array": {
      const el = converter(t.elementType, o);
      return (c, st) => {
        if (c.kind() !== JsonKind.Array) return mismatch(c);
        const out: unknown[] = [];
        if (!c.openArray()) return out;
        let failed = false;
        do {
          if (failed) {
            c.skip();
            continue;
          }
          if (c.kind() === JsonKind.Null) {
            c.literal("null");
            out.push(null);
            continue;
          }
          try {
            out.push(el(c, st));
          } catch (e) {
            if (e !== MISMATCH) throw e;
            failed = true;
          }
        } while (c.nextElement());
        if (failed) throw MISMATCH;
        return out;
      };
    }
    case "map": {
      const val = converter(t.valueType, o);
      return (c, st) => {
        if (c.kind() !== JsonKind.Object) return mismatch(c);
        const m = new Map<string, unknown>();
        if (!c.openObject()) return m;
        let failed = false;
        do {
          const key = own(c.name());
          if (failed) {
            c.skip();
            continue;
          }
          if (c.kind() === JsonKind.Null) {
            c.literal("null");
            m.set(key, null);
            continue;
          }
          try {
            m.set(key, val(c, st));
          } catch (e) {
            if (e !== MISMATCH) throw e;
            failed = true;
          }
        } while (c.nextField());
        if (failed) throw MISMATCH;
        return m;
      };
    }
    case "struct": {
      const build = structConverter(t, o);
      return (c, st) => {
        if (c.kind() !== JsonKind.Object) return mismatch(c);
        return build(c, st);
      };
    }
    // JacksonParser: interval fields are strings, read as CAST(text AS <interval type>) reads them.
    case "yearmonth_interval": case "daytime_interval": case "calendar_interval": {
      const parse = intervalFromText(t);
      return (c) => {
        if (c.kind() !== JsonKind.String) return mismatch(c);
        const v = parse(c.string(true));
        if (v === null) throw MISMATCH;
        return v;
      };
    }
    default:
      return (c) => mismatch(c);
  }
}

function intervalFromText(t: DataType): (s: string) => unknown {
  if (t.kind === "calendar_interval") return stringToCalendarInterval;
  const read = t.kind === "yearmonth_interval"
    ? (s: string) => stringToYearMonthInterval(s, t.startField, t.endField)
    : t.kind === "daytime_interval" ? (s: string) => stringToDayTimeInterval(s, t.startField, t.endField) : () => null;
  return (s) => {
    try {
      return read(s);
    } catch (e) {
      if (e instanceof SluiceError) return null;
      throw e;
    }
  };
}

/**
 * Converts an object at the cursor into a row of `t`: each named field by its converter, a field
 * that does not fit is null and marks the state partial (the other fields are kept).
 */
function structConverter(t: StructType, o: JsonConvertOptions): (c: JsonCursor, st: State) => unknown[];
function structConverter(t: StructType, o: JsonConvertOptions, filters: StructFilters): (c: JsonCursor, st: State) => unknown[] | null;
function structConverter(t: StructType, o: JsonConvertOptions, filters?: StructFilters): (c: JsonCursor, st: State) => unknown[] | null {
  const index = new Map<string, number>();
  t.fields.forEach((f, i) => index.set(f.name, i));
  const convs = t.fields.map((f) => converter(f.dataType, o));
  const n = t.fields.length;
  // Records usually hold the fields in one order: the field after the last one found is tried
  // first by comparing the text in place (nameIs), for names that compare so, once in the schema.
  const names = t.fields.map((f) => f.name);
  const guessable = names.map((name, i) => /^[^"\\\u0000-\u001f\udfff]*$/.test(name) && index.get(name) === i && names.indexOf(name) === i);
  return (c, st) => {
    const row = new Array(n).fill(null);
    filters?.reset();
    if (!c.openObject()) return row;
    let guess = 0;
    do {
      const i = guess < n && guessable[guess] && c.nameIs(names[guess]!) ? guess : index.get(c.name());
      if (i === undefined) {
        c.skip();
        continue;
      }
      guess = i + 1;
      if (c.kind() === JsonKind.Null) {
        c.literal("null");
        row[i] = null;
      } else {
        try {
          row[i] = convs[i]!(c, st);
        } catch (e) {
          if (e !== MISMATCH) throw e;
          row[i] = null;
          st.partial = true;
          continue;
        }
      }
      // Pushed filters (JsonFilters): a row that fails one is not read further and gives nothing.
      if (filters !== undefined) {
        try {
          if (filters.skipRow(row, i)) return null;
        } catch (e) {
          if (e !== RECOUNTED) throw e;
          st.partial = true;
        }
      }
    } while (c.nextField());
    return row;
  };
}

/**
 * A reader of records: each record (one line, or one whole file with multiLine) holds an object
 * (a row) or an array of objects (a row each). Text that was not valid UTF-8 is given as
 * decodeLikeJackson made it (jackson_utf8.ts), with `decodedLikeJackson` set. `exactOnly`: without
 * the fast scanner (tests compare the two). `filters`: pushed into the scan, applied as Spark's
 * JsonFilters applies them (json_filters.ts): a record's object they skip gives no row.
 */
export function recordReader(
  schema: StructType, o: JsonConvertOptions, exactOnly = false, filters?: readonly SourceFilter[],
): (text: string, decodedLikeJackson?: boolean) => RecordResult {
  const cursor = new JsonCursor(o.features);
  const struct = structConverter(schema, o);
  const pushed = structFilters(filters, schema);
  const root = pushed === undefined ? struct : structConverter(schema, o, pushed);
  const st: State = { partial: false };
  // Plain records by the scanner first (json_fast_reader.ts gives up wherever the result could differ).
  const fast = exactOnly ? undefined : fastRecordReader(schema, o, undefined, filters);
  return (text, decodedLikeJackson = false) => {
    if (fast !== undefined && !decodedLikeJackson) {
      const row = fast(text);
      if (row === null) return { status: "ok", rows: [] };
      if (row !== undefined) return { status: "ok", rows: [row] };
    }
    cursor.reset(text, decodedLikeJackson);
    st.partial = false;
    try {
      const first = cursor.ws();
      if (first === -1) return { status: "empty", rows: [] };
      const k = cursor.kind();
      const rows: unknown[][] = [];
      if (k === JsonKind.Object) {
        // Skipped by a pushed filter: no row, whatever else the record holds.
        const row = root(cursor, st);
        if (row === null) return { status: "ok", rows: [] };
        rows.push(row);
      } else if (k === JsonKind.Array) {
        if (cursor.openArray()) {
          do {
            if (cursor.kind() !== JsonKind.Object) return { status: "bad", rows: [] };
            rows.push(struct(cursor, st));
          } while (cursor.nextElement());
        }
      } else {
        return { status: "bad", rows: [] };
      }
      return { status: st.partial ? "partial" : "ok", rows };
    } catch (e) {
      if (e instanceof JsonSyntaxError) return { status: "bad", rows: [] };
      throw e;
    }
  };
}

/** What one JSON text gave as a value of a type (from_json): "null" when the text is a JSON null. */
export interface ValueResult {
  status: RecordResult["status"] | "null";
  value: unknown;
}

/**
 * A reader of single JSON values of type `t` (a struct, an array or a map), for from_json: the
 * same conversions as records; an object where an array of structs is expected is read as a
 * one-element array, as Spark's JsonToStructs does.
 */
export function valueReader(t: DataType, o: JsonConvertOptions): (text: string) => ValueResult {
  const cursor = new JsonCursor(o.features);
  const conv = converter(t, o);
  const st: State = { partial: false };
  const single = t.kind === "array" && t.elementType.kind === "struct" ? converter(t.elementType, o) : undefined;
  return (text) => {
    cursor.reset(text);
    st.partial = false;
    try {
      if (cursor.ws() === -1) return { status: "empty", value: null };
      const k = cursor.kind();
      if (k === JsonKind.Null) {
        cursor.literal("null");
        return { status: "null", value: null };
      }
      const value = single !== undefined && k === JsonKind.Object ? [single(cursor, st)] : conv(cursor, st);
      return { status: st.partial ? "partial" : "ok", value };
    } catch (e) {
      if (e instanceof JsonSyntaxError || e === MISMATCH) return { status: "bad", value: null };
      throw e;
    }
  };
}
