// The golden value encoding shared by the PySpark generators (scripts/goldens/common.py) and the
// conformance runners, and its conversion to and from Sluice's in-memory values
// (runtime/types/data_type.ts). The encoding is plain JSON so that golden files can be diffed:
//
//   null -> null            boolean -> true/false       tinyint … bigint -> number
//   (a bigint beyond ±(2^53 - 1) -> its decimal digits as a string: a JSON number would round)
//   float/double -> number, but NaN/Infinity/-Infinity -> "NaN", "Infinity", "-Infinity"
//   decimal(p,s) -> "12.50" (exactly s fraction digits)  string -> string   binary -> lowercase hex
//   date -> "YYYY-MM-DD"    timestamp(_ntz) -> "YYYY-MM-DD HH:MM:SS.ffffff" (UTC)
//   interval day-second -> microseconds    interval year-month -> months
//   calendar interval -> {"months", "days", "micros"}
//   array -> array          map -> [[key, value], …] in map order    struct -> [field values…]
//
// Types are read structurally (by `kind` and the field names data_type.ts uses), so the
// converters accept Sluice's DataType objects and the small descriptors `parseSchema` returns.

import { CalendarInterval } from "../../runtime/types/calendar_interval.ts";
import { isCanonicalLong, longFromDigits } from "../../runtime/types/long.ts";

export type Encoded =
  | null
  | boolean
  | number
  | string
  | Encoded[]
  | { months: number; days: number; micros: number };

/** The parts of a Sluice DataType the converters read. */
export interface TypeLike {
  readonly kind: string;
  readonly precision?: number;
  readonly scale?: number;
  readonly startField?: number;
  readonly endField?: number;
  readonly elementType?: TypeLike;
  readonly keyType?: TypeLike;
  readonly valueType?: TypeLike;
  readonly fields?: readonly { readonly name: string; readonly dataType: TypeLike }[];
}

const MICROS_PER_DAY = 86_400_000_000;
const MICROS_PER_SECOND = 1_000_000;

// ------------------------------------------------------------------ encoded -> internal

/** One encoded value of type `t` -> Sluice's in-memory value. */
export function toInternal(v: Encoded, t: TypeLike): unknown {
  if (v === null) return null;
  switch (t.kind) {
    case "null":
      throw new Error(`a void value must be null, got ${JSON.stringify(v)}`);
    case "boolean":
      return expectType(v, "boolean", t);
    case "long":
      if (typeof v === "string" && /^-?\d+$/.test(v)) return longFromDigits(v);
      return expectType(v, "number", t);
    case "byte": case "short": case "int":
    case "daytime_interval": case "yearmonth_interval":
      return expectType(v, "number", t);
    case "float":
      return Math.fround(decodeDouble(v, t));
    case "double":
      return decodeDouble(v, t);
    case "decimal":
      return parseDecimal(expectType(v, "string", t), t.scale ?? 0);
    case "string":
      return expectType(v, "string", t);
    case "binary":
      return hexToBytes(expectType(v, "string", t));
    case "date":
      return parseDate(expectType(v, "string", t));
    case "timestamp": case "timestamp_ntz":
      return parseTimestamp(expectType(v, "string", t));
    case "calendar_interval": {
      const o = v as { months: number; days: number; micros: number };
      return new CalendarInterval(o.months, o.days, o.micros);
    }
    case "array":
      return expectArray(v, t).map((e) => toInternal(e, t.elementType!));
    case "map":
      return new Map(expectArray(v, t).map((pair) => {
        const [k, val] = expectArray(pair, t);
        return [toInternal(k!, t.keyType!), toInternal(val!, t.valueType!)];
      }));
    case "struct":
      return t.fields!.map((f, i) => toInternal(expectArray(v, t)[i] ?? null, f.dataType));
    default:
      throw new Error(`no golden decoding for type kind ${t.kind}`);
  }
}

/** One encoded row -> Sluice's internal row (an array in schema order). */
export function toInternalRow(row: readonly Encoded[], schema: TypeLike): unknown[] {
  return schema.fields!.map((f, i) => toInternal(row[i] ?? null, f.dataType));
}

// ------------------------------------------------------------------ internal -> encoded

/** One Sluice value of type `t` -> the golden encoding. Throws if the value breaks the contract. */
export function toEncoded(v: unknown, t: TypeLike): Encoded {
  if (v === null || v === undefined) {
    if (v === undefined) throw new Error(`undefined where a ${t.kind} value (or null) was expected`);
    return null;
  }
  switch (t.kind) {
    case "null":
      throw new Error(`a void value must be null, got ${String(v)}`);
    case "boolean":
      return expectType(v, "boolean", t);
    case "long":
      // The engine's long contract (runtime/types/long.ts): a safe-integer number or, beyond it, a bigint.
      if (!isCanonicalLong(v) && !Object.is(v, -0)) throw contractError(v, t, "a canonical long (a safe integer number, or a bigint beyond 2^53)");
      return typeof v === "bigint" ? String(v) : v === 0 ? 0 : (v as number);
    case "byte": case "short": case "int":
    case "daytime_interval": case "yearmonth_interval":
      return expectInteger(v, t);
    case "float": case "double":
      return encodeDouble(expectType(v, "number", t));
    case "decimal":
      return formatDecimal(expectType(v, "bigint", t), t.scale ?? 0);
    case "string":
      return expectType(v, "string", t);
    case "binary":
      if (!(v instanceof Uint8Array)) throw contractError(v, t, "a Uint8Array");
      return bytesToHex(v);
    case "date":
      return formatDate(expectInteger(v, t));
    case "timestamp": case "timestamp_ntz":
      return formatTimestamp(expectInteger(v, t));
    case "calendar_interval": {
      const c = v as CalendarInterval;
      if (typeof c !== "object" || typeof c.months !== "number") throw contractError(v, t, "a CalendarInterval");
      return { months: c.months, days: c.days, micros: c.micros };
    }
    case "array":
      if (!Array.isArray(v)) throw contractError(v, t, "an array");
      return v.map((e) => toEncoded(e, t.elementType!));
    case "map":
      if (!(v instanceof Map)) throw contractError(v, t, "a Map");
      return [...v].map(([k, val]) => [toEncoded(k, t.keyType!), toEncoded(val, t.valueType!)]);
    case "struct":
      if (!Array.isArray(v)) throw contractError(v, t, "an array of field values");
      if (v.length !== t.fields!.length) throw contractError(v, t, `${t.fields!.length} field values`);
      return t.fields!.map((f, i) => toEncoded(v[i], f.dataType));
    default:
      throw new Error(`no golden encoding for type kind ${t.kind}`);
  }
}

/** One Sluice row (array in schema order) -> encoded row. */
export function toEncodedRow(row: readonly unknown[], schema: TypeLike): Encoded[] {
  if (!Array.isArray(row) || row.length !== schema.fields!.length) {
    throw new Error(`row ${describe(row)} does not have ${schema.fields!.length} values`);
  }
  return schema.fields!.map((f, i) => toEncoded(row[i], f.dataType));
}

// ------------------------------------------------------------------ scalars

function decodeDouble(v: Encoded, t: TypeLike): number {
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  return expectType(v, "number", t);
}

function encodeDouble(v: number): number | string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "-Infinity";
  return v;
}

/** "12.50" with scale 2 -> 1250n. */
export function parseDecimal(text: string, scale: number): bigint {
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) throw new Error(`not a plain decimal: ${JSON.stringify(text)}`);
  const frac = m[3] ?? "";
  if (frac.length > scale) throw new Error(`decimal ${text} has more than ${scale} fraction digits`);
  const unscaled = BigInt(m[2]! + frac.padEnd(scale, "0"));
  return m[1] === "-" ? -unscaled : unscaled;
}

/** 1250n with scale 2 -> "12.50"; Java's BigDecimal.toPlainString for that scale. */
export function formatDecimal(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString();
  if (scale <= 0) return (neg ? "-" : "") + digits + "0".repeat(-scale);
  const padded = digits.padStart(scale + 1, "0");
  return (neg ? "-" : "") + padded.slice(0, -scale) + "." + padded.slice(-scale);
}

export function hexToBytes(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new Error(`not lowercase hex: ${JSON.stringify(hex)}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

// Proleptic Gregorian day arithmetic (Howard Hinnant's civil calendar algorithms), exact for any
// year, so pre-1970 and pre-1900 values need no Date object.
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function formatYear(y: number): string {
  return y < 0 ? "-" + pad(-y, 4) : pad(y, 4);
}

/** "YYYY-MM-DD" -> days since 1970-01-01. */
export function parseDate(text: string): number {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(text)}`);
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Days since 1970-01-01 -> "YYYY-MM-DD". */
export function formatDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${formatYear(y)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** "YYYY-MM-DD HH:MM:SS.ffffff" (UTC) -> microseconds since the epoch. */
export function parseTimestamp(text: string): number {
  const m = /^(-?\d{4,}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{6})$/.exec(text);
  if (!m) throw new Error(`not a YYYY-MM-DD HH:MM:SS.ffffff timestamp: ${JSON.stringify(text)}`);
  const secondOfDay = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return parseDate(m[1]!) * MICROS_PER_DAY + secondOfDay * MICROS_PER_SECOND + Number(m[5]);
}

/** Microseconds since the epoch -> "YYYY-MM-DD HH:MM:SS.ffffff" (UTC). */
export function formatTimestamp(micros: number): string {
  const timeOfDay = ((micros % MICROS_PER_DAY) + MICROS_PER_DAY) % MICROS_PER_DAY;
  const days = (micros - timeOfDay) / MICROS_PER_DAY;
  const secs = Math.floor(timeOfDay / MICROS_PER_SECOND);
  const frac = timeOfDay - secs * MICROS_PER_SECOND;
  const hh = Math.floor(secs / 3600), mm = Math.floor((secs % 3600) / 60), ss = secs % 60;
  return `${formatDate(days)} ${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}.${pad(frac, 6)}`;
}

// ------------------------------------------------------------------ schema strings

const SIMPLE_KINDS: Record<string, string> = {
  void: "null", string: "string", binary: "binary", boolean: "boolean",
  tinyint: "byte", byte: "byte", smallint: "short", short: "short",
  int: "int", integer: "int", bigint: "long", long: "long",
  float: "float", real: "float", double: "double",
  date: "date", timestamp: "timestamp", timestamp_ltz: "timestamp", timestamp_ntz: "timestamp_ntz",
};
const DT_FIELDS = ["day", "hour", "minute", "second"];
const YM_FIELDS = ["year", "month"];

/**
 * Parses a DDL schema ("i INT, st STRUCT<x: INT, y: STRING>") or a single type in DDL or
 * simpleString form ("array<int>", "decimal(10,2)", "interval day to second") into a descriptor
 * with the same shape as Sluice's DataType objects. A schema comes back as a struct.
 */
export function parseSchema(text: string): TypeLike {
  const p = new TypeParser(text);
  const t = p.parseTopLevel();
  return t;
}

class TypeParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseTopLevel(): TypeLike {
    // A lone type ("array<int>") or a field list ("a INT, b STRING").
    const save = this.pos;
    try {
      const t = this.parseType();
      this.skipSpace();
      if (this.pos === this.text.length) return t;
    } catch {
      // not a lone type: fall through to the field list
    }
    this.pos = save;
    const fields = this.parseFields(null);
    this.skipSpace();
    if (this.pos !== this.text.length) this.fail("end of schema");
    return { kind: "struct", fields };
  }

  private parseFields(close: string | null): { name: string; dataType: TypeLike }[] {
    const fields: { name: string; dataType: TypeLike }[] = [];
    this.skipSpace();
    if (close !== null && this.peek() === close) return fields;
    for (;;) {
      const name = this.parseName();
      this.skipSpace();
      if (this.peek() === ":") this.pos++;
      const dataType = this.parseType();
      this.skipNotNull();
      fields.push({ name, dataType });
      this.skipSpace();
      if (this.peek() !== ",") return fields;
      this.pos++;
    }
  }

  private parseType(): TypeLike {
    const word = this.parseWord().toLowerCase();
    switch (word) {
      case "array": {
        this.expect("<");
        const elementType = this.parseType();
        this.expect(">");
        return { kind: "array", elementType };
      }
      case "map": {
        this.expect("<");
        const keyType = this.parseType();
        this.expect(",");
        const valueType = this.parseType();
        this.expect(">");
        return { kind: "map", keyType, valueType };
      }
      case "struct": {
        this.expect("<");
        const fields = this.parseFields(">");
        this.expect(">");
        return { kind: "struct", fields };
      }
      case "decimal": case "dec": case "numeric": {
        this.skipSpace();
        if (this.peek() !== "(") return { kind: "decimal", precision: 10, scale: 0 };
        this.pos++;
        const precision = Number(this.parseWord());
        this.skipSpace();
        let scale = 0;
        if (this.peek() === ",") {
          this.pos++;
          scale = Number(this.parseWord());
        }
        this.expect(")");
        return { kind: "decimal", precision, scale };
      }
      case "varchar": case "char": {
        this.expect("(");
        this.parseWord();
        this.expect(")");
        return { kind: "string" };
      }
      case "interval":
        return this.parseIntervalFields();
      default: {
        const kind = SIMPLE_KINDS[word];
        if (!kind) this.fail("a data type", word);
        return { kind };
      }
    }
  }

  private parseIntervalFields(): TypeLike {
    const save = this.pos;
    const first = this.tryWord()?.toLowerCase();
    if (first === undefined || (!DT_FIELDS.includes(first) && !YM_FIELDS.includes(first))) {
      this.pos = save;
      return { kind: "calendar_interval" };
    }
    let last = first;
    const afterFirst = this.pos;
    if (this.tryWord()?.toLowerCase() === "to") last = this.parseWord().toLowerCase();
    else this.pos = afterFirst;
    if (DT_FIELDS.includes(first)) {
      return { kind: "daytime_interval", startField: DT_FIELDS.indexOf(first), endField: DT_FIELDS.indexOf(last) };
    }
    return { kind: "yearmonth_interval", startField: YM_FIELDS.indexOf(first), endField: YM_FIELDS.indexOf(last) };
  }

  private skipNotNull(): void {
    const save = this.pos;
    if (this.tryWord()?.toLowerCase() === "not" && this.tryWord()?.toLowerCase() === "null") return;
    this.pos = save;
  }

  private parseName(): string {
    this.skipSpace();
    if (this.peek() === "`") {
      let name = "";
      this.pos++;
      for (;;) {
        const c = this.text[this.pos++];
        if (c === undefined) this.fail("a closing backquote");
        if (c === "`") {
          if (this.peek() === "`") { name += "`"; this.pos++; continue; }
          return name;
        }
        name += c;
      }
    }
    return this.parseWord();
  }

  private parseWord(): string {
    const w = this.tryWord();
    if (w === undefined) this.fail("a word");
    return w;
  }

  private tryWord(): string | undefined {
    this.skipSpace();
    const m = /^[A-Za-z0-9_]+/.exec(this.text.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  private expect(c: string): void {
    this.skipSpace();
    if (this.peek() !== c) this.fail(`"${c}"`);
    this.pos++;
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  private fail(expected: string, got?: string): never {
    const at = got ?? this.text.slice(this.pos, this.pos + 10);
    throw new Error(`cannot parse type ${JSON.stringify(this.text)}: expected ${expected} at ${this.pos}, found ${JSON.stringify(at)}`);
  }
}

/** Spark's simpleString of a descriptor (or of a Sluice DataType, read structurally). */
export function simpleString(t: TypeLike): string {
  switch (t.kind) {
    case "null": return "void";
    case "byte": return "tinyint";
    case "short": return "smallint";
    case "long": return "bigint";
    case "decimal": return `decimal(${t.precision},${t.scale})`;
    case "calendar_interval": return "interval";
    case "daytime_interval": return intervalString(DT_FIELDS, t);
    case "yearmonth_interval": return intervalString(YM_FIELDS, t);
    case "array": return `array<${simpleString(t.elementType!)}>`;
    case "map": return `map<${simpleString(t.keyType!)},${simpleString(t.valueType!)}>`;
    case "struct": return `struct<${t.fields!.map((f) => `${f.name}:${simpleString(f.dataType)}`).join(",")}>`;
    default: return t.kind;
  }
}

function intervalString(names: string[], t: TypeLike): string {
  const s = names[t.startField ?? 0]!, e = names[t.endField ?? names.length - 1]!;
  return s === e ? `interval ${s}` : `interval ${s} to ${e}`;
}

// ------------------------------------------------------------------ helpers

function expectType<K extends "boolean" | "number" | "string" | "bigint">(
  v: unknown, js: K, t: TypeLike,
): K extends "boolean" ? boolean : K extends "number" ? number : K extends "string" ? string : bigint {
  if (typeof v !== js) throw contractError(v, t, `a ${js}`);
  return v as never;
}

function expectInteger(v: unknown, t: TypeLike): number {
  if (typeof v !== "number" || !Number.isInteger(v)) throw contractError(v, t, "an integral number");
  return v === 0 ? 0 : v; // integral types have no negative zero: -0 is the same value as 0
}

function expectArray(v: unknown, t: TypeLike): Encoded[] {
  if (!Array.isArray(v)) throw contractError(v, t, "an array");
  return v;
}

function contractError(v: unknown, t: TypeLike, wanted: string): Error {
  return new Error(`a ${simpleString(t)} value must be ${wanted}, got ${describe(v)}`);
}

function describe(v: unknown): string {
  if (typeof v === "bigint") return `${v}n (bigint)`;
  if (v instanceof Uint8Array) return `Uint8Array(${v.length})`;
  if (v instanceof Map) return `Map(${v.size})`;
  try {
    return `${JSON.stringify(v)} (${Array.isArray(v) ? "array" : typeof v})`;
  } catch {
    return String(v);
  }
}
