// Converts parsed JSON values into the engine's representation for a Spark type, as Spark's
// JacksonParser does for JSON files. Lines are parsed with the runtime's JSON.parse (fast); a
// converter that meets a value JSON.parse cannot represent faithfully (a number bound for a
// STRING or DECIMAL field, an integer beyond 2^53) asks for the line to be parsed again with
// numbers kept as their source text (`JsonNumber`). A value that does not fit its type becomes
// null and marks the record as malformed (Spark's partial results).
import { MICROS_PER_DAY, MICROS_PER_SECOND, daysFromCivil, daysInMonth, floorDiv, stringToDate, stringToTimestamp, stringToTimestampWithoutTimeZone, decodeMimeBase64, type DatetimePattern, type TimeZone, type DataType, type StructType } from "sluice/plugin-sdk";

/** A number with its source text, from the exact re-parse. */
export class JsonNumber {
  constructor(readonly text: string, readonly value: number) {}
}

/** JSON.parse keeping every number's source text. */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(text, (_key, value, context?: { source?: string }) =>
    typeof value === "number" && context?.source !== undefined ? new JsonNumber(context.source, value) : value);
}

/** Flags shared by the converters of one record. */
export interface ConvertState {
  /** A value did not fit its type (the record is malformed; the value became null). */
  bad: boolean;
  /** The fast parse lost information a converter needs: parse the record again exactly. */
  needExact: boolean;
}

export interface JsonConvertOptions {
  zone: TimeZone;
  timestampFormat: DatetimePattern | null;
  timestampNTZFormat: DatetimePattern | null;
  dateFormat: DatetimePattern | null;
}

type Converter = (v: unknown, s: ConvertState) => unknown;

const FAIL = (s: ConvertState) => {
  s.bad = true;
  return null;
};

const SPECIAL_DOUBLES: Record<string, number> = {
  NaN: NaN, Infinity: Infinity, "+Infinity": Infinity, "-Infinity": -Infinity, INF: Infinity, "+INF": Infinity, "-INF": -Infinity,
};

const RANGES: Record<string, [number, number]> = {
  byte: [-128, 127], short: [-32768, 32767], int: [-2147483648, 2147483647], long: [-9223372036854775808, 9223372036854775807],
};
const BIG_RANGES: Record<string, [bigint, bigint]> = {
  byte: [-128n, 127n], short: [-32768n, 32767n], int: [-2147483648n, 2147483647n],
  long: [-9223372036854775808n, 9223372036854775807n],
};

/** JSON text of a parsed value (what Spark copies into a STRING field holding an object or array). */
export function jsonText(v: unknown): string {
  if (v instanceof JsonNumber) return v.text;
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jsonText).join(",")}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(",")}}`;
}

function hasNumber(v: unknown): boolean {
  if (typeof v === "number") return true;
  if (v === null || typeof v !== "object" || v instanceof JsonNumber) return false;
  return Array.isArray(v) ? v.some(hasNumber) : Object.values(v as object).some(hasNumber);
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

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof JsonNumber);

/**
 * "yyyy-MM-dd[T ]HH:mm:ss[.f{1,6}][Z]" without going through the general parser; null for
 * anything else (the caller then uses Spark's full parser).
 */
export function fastTimestamp(s: string, zone: TimeZone): number | null {
  const n = s.length;
  if (n < 19 || n > 27) return null;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  const sepChar = s.charCodeAt(10);
  if (sepChar !== 84 && sepChar !== 32) return null;
  const d0 = s.charCodeAt(0) - 48, d1 = s.charCodeAt(1) - 48, d2 = s.charCodeAt(2) - 48, d3 = s.charCodeAt(3) - 48;
  const m0 = s.charCodeAt(5) - 48, m1 = s.charCodeAt(6) - 48, a0 = s.charCodeAt(8) - 48, a1 = s.charCodeAt(9) - 48;
  const h0 = s.charCodeAt(11) - 48, h1 = s.charCodeAt(12) - 48, i0 = s.charCodeAt(14) - 48, i1 = s.charCodeAt(15) - 48;
  const s0 = s.charCodeAt(17) - 48, s1 = s.charCodeAt(18) - 48;
  // One unsigned comparison per digit: anything outside 0..9 wraps above 9.
  if (((d0 | d1 | d2 | d3 | m0 | m1 | a0 | a1 | h0 | h1 | i0 | i1 | s0 | s1) >>> 0) > 15 ||
    d0 > 9 || d1 > 9 || d2 > 9 || d3 > 9 || m0 > 9 || m1 > 9 || a0 > 9 || a1 > 9 || h0 > 9 || h1 > 9 || i0 > 9 || i1 > 9 || s0 > 9 || s1 > 9) {
    return null;
  }
  let i = 19;
  let micros = 0;
  if (i < n && s.charCodeAt(i) === 46) {
    i++;
    let digits = 0;
    while (i < n) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (++digits > 6) return null;
      micros = micros * 10 + d;
      i++;
    }
    if (digits === 0) return null;
    for (let k = digits; k < 6; k++) micros *= 10;
  }
  let utc = false;
  if (i < n) {
    if (s.charCodeAt(i) !== 90 || i !== n - 1) return null;
    utc = true;
  }
  const year = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
  const month = m0 * 10 + m1;
  const day = a0 * 10 + a1;
  const hour = h0 * 10 + h1;
  const minute = i0 * 10 + i1;
  const second = s0 * 10 + s1;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > 28 && day > daysInMonth(year, month)) return null;
  const local = daysFromCivil(year, month, day) * MICROS_PER_DAY + ((hour * 60 + minute) * 60 + second) * MICROS_PER_SECOND + micros;
  if (utc || zone.fixedOffset === 0) return local;
  return zone.toUtc(local);
}

export function converterFor(t: DataType, o: JsonConvertOptions): Converter {
  switch (t.kind) {
    case "string":
      return (v, s) => {
        if (typeof v === "string") return v;
        if (typeof v === "number") {
          s.needExact = true;
          return String(v);
        }
        if (v instanceof JsonNumber) return v.text;
        if (typeof v === "object" && hasNumber(v)) s.needExact = true;
        return jsonText(v);
      };
    case "boolean":
      return (v, s) => (typeof v === "boolean" ? v : FAIL(s));
    case "byte": case "short": case "int": case "long": {
      const [lo, hi] = RANGES[t.kind]!;
      const [blo, bhi] = BIG_RANGES[t.kind]!;
      return (v, s) => {
        if (typeof v === "number") {
          if (!Number.isInteger(v) || v < lo || v > hi) return FAIL(s);
          if (!Number.isSafeInteger(v)) s.needExact = true;
          return v;
        }
        if (v instanceof JsonNumber) {
          if (!/^-?\d+$/.test(v.text)) return FAIL(s);
          const b = BigInt(v.text);
          return b < blo || b > bhi ? FAIL(s) : Number(b);
        }
        return FAIL(s);
      };
    }
    case "float": case "double": {
      const round = t.kind === "float" ? Math.fround : (x: number) => x;
      return (v, s) => {
        if (typeof v === "number") return round(v);
        if (v instanceof JsonNumber) return round(v.value);
        if (typeof v === "string" && v in SPECIAL_DOUBLES) return round(SPECIAL_DOUBLES[v]!);
        return FAIL(s);
      };
    }
    case "decimal":
      return (v, s) => {
        if (typeof v === "number") {
          s.needExact = true;
          return decimalFromText(String(v), t.precision, t.scale) ?? FAIL(s);
        }
        if (v instanceof JsonNumber || typeof v === "string") {
          const text = typeof v === "string" ? v : v.text;
          return decimalFromText(text, t.precision, t.scale) ?? FAIL(s);
        }
        return FAIL(s);
      };
    case "timestamp": {
      const fmt = o.timestampFormat;
      const zone = o.zone;
      return (v, s) => {
        if (typeof v === "string") {
          if (fmt !== null) return fmt.tryParse(v, zone) ?? FAIL(s);
          return fastTimestamp(v, zone) ?? stringToTimestamp(v, zone) ?? FAIL(s);
        }
        if (typeof v === "number" && Number.isInteger(v)) return v * MICROS_PER_SECOND;
        if (v instanceof JsonNumber && /^-?\d+$/.test(v.text)) return Number(BigInt(v.text) * 1_000_000n);
        return FAIL(s);
      };
    }
    case "timestamp_ntz": {
      const fmt = o.timestampNTZFormat;
      return (v, s) => {
        if (typeof v !== "string") return FAIL(s);
        let r: number | null;
        try {
          r = fmt !== null ? fmt.parseLocal(v) : stringToTimestampWithoutTimeZone(v, false);
        } catch {
          r = null;
        }
        return r ?? FAIL(s);
      };
    }
    case "date": {
      const fmt = o.dateFormat;
      const zone = o.zone;
      return (v, s) => {
        if (typeof v !== "string") return FAIL(s);
        if (fmt !== null) {
          const m = fmt.tryParse(v, zone);
          return m === null ? FAIL(s) : floorDiv(zone.toLocal(m), MICROS_PER_DAY);
        }
        return stringToDate(v) ?? FAIL(s);
      };
    }
    case "binary":
      return (v, s) => {
        if (typeof v !== "string") return FAIL(s);
        try {
          return decodeMimeBase64(v);
        } catch {
          return FAIL(s);
        }
      };
    case "array": {
      const el = converterFor(t.elementType, o);
      return (v, s) => {
        if (!Array.isArray(v)) return FAIL(s);
        const out = new Array(v.length);
        for (let i = 0; i < v.length; i++) out[i] = v[i] === null ? null : el(v[i], s);
        return out;
      };
    }
    case "map": {
      const val = converterFor(t.valueType, o);
      return (v, s) => {
        if (!isPlainObject(v)) return FAIL(s);
        const m = new Map<string, unknown>();
        for (const k of Object.keys(v)) {
          const x = v[k];
          m.set(k, x === null ? null : val(x, s));
        }
        return m;
      };
    }
    case "struct": {
      const build = structBuilder(t, o);
      return (v, s) => (isPlainObject(v) ? build(v, s) : FAIL(s));
    }
    default:
      return (_v, s) => FAIL(s);
  }
}

/**
 * Builds a row (JS array in field order) from a parsed JSON object. With `only`, just those fields
 * are read and converted (the others are null), as Spark's parser reads only the required schema.
 */
export function structBuilder(
  t: StructType, o: JsonConvertOptions, only?: ReadonlySet<string>,
): (obj: Record<string, unknown>, s: ConvertState) => unknown[] {
  const n = t.fields.length;
  const read = t.fields.flatMap((f, i) => (only === undefined || only.has(f.name) ? [i] : []));
  const names = read.map((i) => t.fields[i]!.name);
  const convs = read.map((i) => converterFor(t.fields[i]!.dataType, o));
  // Names that are also Object.prototype members must be read as own properties only.
  const risky = names.map((name) => name in Object.prototype);
  const m = read.length;
  return (obj, s) => {
    const row = new Array(n);
    if (m < n) row.fill(null);
    for (let j = 0; j < m; j++) {
      const v = risky[j] ? (Object.hasOwn(obj, names[j]!) ? obj[names[j]!] : undefined) : obj[names[j]!];
      row[read[j]!] = v === undefined || v === null ? null : convs[j]!(v, s);
    }
    return row;
  };
}
