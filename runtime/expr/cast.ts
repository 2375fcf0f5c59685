// CAST between Spark types (Spark's Cast.scala): which casts are allowed in ANSI, legacy and TRY
// mode, the conversion functions with Spark's ANSI errors, the nullability of a cast, and Spark's
// CAST(x AS STRING) text for every type.
import { SluiceError } from "../errors.ts";
import {
  BINARY, BOOLEAN, DATE, DecimalType, DOUBLE, FLOAT, LONG, TIME, TIMESTAMP, TIMESTAMP_NTZ, type DataType, type TimeType,
} from "../types/data_type.ts";
import { formatTime, NANOS_PER_SECOND, stringToTime, truncateTimeToPrecision } from "./datetime/time_of_day.ts";
import {
  calendarIntervalToString, dateToTimestamp, dayTimeIntervalToString, formatDate, formatLocalMicros,
  formatTimestamp, getTimeZone, parseDate, parseTimestamp, parseTimestampNTZ, timestampToDate,
  yearMonthIntervalToString,
} from "./cast_datetime.ts";
import { stringToCalendarInterval, stringToDayTimeInterval, stringToYearMonthInterval } from "./cast_interval.ts";
import { floorDiv, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from "./datetime/civil_date.ts";
import {
  decimalFromDouble, decimalToDouble, digitCount, normalizeScale, parseBigDecimal, rescale, toJavaString,
  toPlainString, toPrecision, truncateToBigInt,
} from "./decimal_ops.ts";
import {
  castInvalidInput, castOverflow, dataTypeMismatch, decimalOutOfRange, sqlType, sqlValue, sqlValueIn,
} from "./expr_errors.ts";
import { javaDoubleToString, javaFloatToString } from "./java_format.ts";
import {
  fitsLong, LONG_MAX, LONG_MIN, longFromBigInt, longFromDigits, longFromIntegralDouble, longToBigInt, longToDouble,
  longToFloat, longToString, type Long,
} from "../types/long.ts";

export { longToBigInt, longToString };

export type CastMode = "ansi" | "legacy" | "try";

const isNumericKind = (k: string) =>
  k === "byte" || k === "short" || k === "int" || k === "long" || k === "float" || k === "double" || k === "decimal";
const isIntegralKind = (k: string) => k === "byte" || k === "short" || k === "int" || k === "long";
const isAnsiInterval = (k: string) => k === "daytime_interval" || k === "yearmonth_interval";

/** Types equal ignoring nullability flags (Spark's DataType equality for casts is exact; we compare shape). */
export function sameType(a: DataType, b: DataType): boolean {
  return a.simpleString() === b.simpleString();
}

/** Spark's Cast.canAnsiCast. */
export function canAnsiCast(from: DataType, to: DataType): boolean {
  const f = from.kind, t = to.kind;
  if (sameType(from, to) && (f !== "array" && f !== "map" && f !== "struct")) return true;
  if (f === "null") return true;
  if (t === "string") return true;
  if (f === "string") {
    return t === "binary" || t === "boolean" || t === "timestamp" || t === "timestamp_ntz" || t === "date" ||
      t === "time" || t === "calendar_interval" || isAnsiInterval(t) || isNumericKind(t);
  }
  if (f === "time") return t === "time" || t === "decimal" || isIntegralKind(t);
  if (t === "boolean") return isNumericKind(f);
  if (t === "timestamp") return f === "date" || f === "timestamp_ntz" || isNumericKind(f);
  if (t === "timestamp_ntz") return f === "date" || f === "timestamp";
  if (t === "date") return f === "timestamp" || f === "timestamp_ntz";
  if (isAnsiInterval(f) && (isIntegralKind(t) || t === "decimal")) return true;
  if ((isIntegralKind(f) || f === "decimal") && isAnsiInterval(t)) return true;
  if (f === "daytime_interval" && t === "daytime_interval") return true;
  if (f === "yearmonth_interval" && t === "yearmonth_interval") return true;
  if (isNumericKind(t)) return isNumericKind(f) || f === "boolean" || f === "timestamp";
  if (from.kind === "array" && to.kind === "array") {
    return canAnsiCast(from.elementType, to.elementType) && resolvableNullability(from.containsNull, to.containsNull);
  }
  if (from.kind === "map" && to.kind === "map") {
    return canAnsiCast(from.keyType, to.keyType) && canAnsiCast(from.valueType, to.valueType) &&
      resolvableNullability(from.valueContainsNull, to.valueContainsNull);
  }
  if (from.kind === "struct" && to.kind === "struct") {
    return from.fields.length === to.fields.length && from.fields.every((ff, i) => {
      const tf = to.fields[i]!;
      return canAnsiCast(ff.dataType, tf.dataType) && resolvableNullability(ff.nullable, tf.nullable);
    });
  }
  return false;
}

/** Spark's Cast.canCast (legacy, non-ANSI mode). */
export function canLegacyCast(from: DataType, to: DataType): boolean {
  const f = from.kind, t = to.kind;
  if (sameType(from, to) && (f !== "array" && f !== "map" && f !== "struct")) return true;
  if (f === "null") return true;
  if (t === "string") return true;
  if (t === "binary") return f === "string" || isIntegralKind(f);
  if (t === "boolean") return f === "string" || f === "date" || f === "timestamp" || isNumericKind(f);
  if (t === "timestamp") return f === "string" || f === "boolean" || f === "date" || isNumericKind(f) || f === "timestamp_ntz";
  if (t === "timestamp_ntz") return f === "string" || f === "date" || f === "timestamp";
  if (t === "date") return f === "string" || f === "timestamp" || f === "timestamp_ntz";
  if (t === "calendar_interval") return f === "string";
  if (t === "time") return f === "string" || f === "time";
  if (f === "time") return t === "decimal" || isIntegralKind(t);
  if (to.kind === "daytime_interval") {
    return f === "string" || f === "daytime_interval" || f === "decimal" || isIntegralKind(f);
  }
  if (to.kind === "yearmonth_interval") {
    return f === "string" || f === "yearmonth_interval" || f === "decimal" || isIntegralKind(f);
  }
  if (isAnsiInterval(f) && (isIntegralKind(t) || t === "decimal")) return true;
  if (isNumericKind(t)) return f === "string" || f === "boolean" || f === "date" || f === "timestamp" || isNumericKind(f);
  return canCastComplex(from, to, canLegacyCast);
}

/** Spark's Cast.canTryCast. */
export function canTryCast(from: DataType, to: DataType): boolean {
  if (from.kind === "array" || from.kind === "map" || from.kind === "struct") return canCastComplex(from, to, canLegacyCast);
  return canAnsiCast(from, to);
}

function canCastComplex(from: DataType, to: DataType, can: (a: DataType, b: DataType) => boolean): boolean {
  if (from.kind === "array" && to.kind === "array") {
    return can(from.elementType, to.elementType) &&
      resolvableNullability(from.containsNull || forceNullable(from.elementType, to.elementType), to.containsNull);
  }
  if (from.kind === "map" && to.kind === "map") {
    return can(from.keyType, to.keyType) && !forceNullable(from.keyType, to.keyType) && can(from.valueType, to.valueType) &&
      resolvableNullability(from.valueContainsNull || forceNullable(from.valueType, to.valueType), to.valueContainsNull);
  }
  if (from.kind === "struct" && to.kind === "struct") {
    return from.fields.length === to.fields.length && from.fields.every((ff, i) => {
      const tf = to.fields[i]!;
      return can(ff.dataType, tf.dataType) && resolvableNullability(ff.nullable || forceNullable(ff.dataType, tf.dataType), tf.nullable);
    });
  }
  return false;
}

const resolvableNullability = (from: boolean, to: boolean) => !from || to;

/** canCast for the mode: ANSI (`ansi` true), legacy (`ansi` false), TRY_CAST (`tryMode`). */
export function canCast(from: DataType, to: DataType, ansi: boolean, tryMode = false): boolean {
  if (tryMode) return canTryCast(from, to);
  return ansi ? canAnsiCast(from, to) : canLegacyCast(from, to);
}

/** Spark's typeCheckFailureMessage: the DATATYPE_MISMATCH.CAST_* error for a forbidden cast. */
export function castTypeCheckError(from: DataType, to: DataType, sql: string, mode: CastMode): SluiceError {
  const src = sqlType(from), tgt = sqlType(to);
  const withFunc = (...names: string[]) =>
    dataTypeMismatch("CAST_WITH_FUNC_SUGGESTION", sql,
      `cannot cast ${src} to ${tgt}.\nTo convert values from ${src} to ${tgt}, you can use the functions ${names.map((n) => `\`${n}\``).join("/")} instead.`);
  if (mode !== "legacy") {
    if (isNumericKind(from.kind) && to.kind === "timestamp") return withFunc("TIMESTAMP_SECONDS", "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS");
    if (from.kind === "timestamp" && isNumericKind(to.kind)) return withFunc("UNIX_SECONDS", "UNIX_MILLIS", "UNIX_MICROS");
    if (isNumericKind(from.kind) && to.kind === "date") return withFunc("DATE_FROM_UNIX_DATE");
    if (from.kind === "date" && isNumericKind(to.kind)) return withFunc("UNIX_DATE");
    if (mode === "ansi" && canLegacyCast(from, to)) {
      return dataTypeMismatch("CAST_WITH_CONF_SUGGESTION", sql,
        `cannot cast ${src} to ${tgt} with ANSI mode on.\nIf you have to cast ${src} to ${tgt}, you can set "spark.sql.ansi.enabled" as 'false'.`);
    }
  }
  return dataTypeMismatch("CAST_WITHOUT_SUGGESTION", sql, `cannot cast ${src} to ${tgt}.`);
}

/** Spark's DecimalType.isWiderThan for decimals and integral types. */
function decimalWiderThan(to: DecimalType, from: DataType): boolean {
  const d = from.kind === "decimal" ? from : integralDecimal(from.kind);
  if (!d) return false;
  return to.precision - to.scale >= d.precision - d.scale && to.scale >= d.scale;
}

function integralDecimal(kind: string): DecimalType | null {
  switch (kind) {
    case "byte": return new DecimalType(3, 0);
    case "short": return new DecimalType(5, 0);
    case "int": return new DecimalType(10, 0);
    case "long": return new DecimalType(20, 0);
    case "float": return new DecimalType(14, 7);
    case "double": return new DecimalType(30, 15);
    default: return null;
  }
}

function canNullSafeCastToDecimal(from: DataType, to: DecimalType): boolean {
  if (from.kind === "boolean") return decimalWiderThan(to, new DecimalType(1, 0));
  if (isNumericKind(from.kind) && decimalWiderThan(to, from)) return true;
  // A narrower decimal cannot overflow when it keeps more integer digits.
  if (from.kind === "decimal") return to.precision - to.scale > from.precision - from.scale;
  return false;
}

/** Spark's Cast.forceNullable: can a non-null input produce null (or, in ANSI, an error) here? */
export function forceNullable(from: DataType, to: DataType): boolean {
  const f = from.kind, t = to.kind;
  if (f === "null") return false;
  if (sameType(from, to)) return false;
  if (f === "string") return !(t === "binary" || t === "string");
  if (t === "string") return false;
  if (f === "timestamp" && (t === "byte" || t === "short" || t === "int")) return true;
  if (f === "time" && (t === "byte" || t === "short")) return true;
  if ((f === "float" || f === "double") && t === "timestamp") return true;
  if (f === "timestamp" && t === "date") return false;
  if (t === "date") return true;
  if (f === "date" && t === "timestamp") return false;
  if (f === "date") return true;
  if (t === "calendar_interval") return true;
  if (to.kind === "decimal" && !canNullSafeCastToDecimal(from, to)) return true;
  if ((f === "float" || f === "double" || f === "decimal") && isIntegralKind(t)) return true;
  return false;
}

/** Nullability of CAST(child AS to) (Spark's Cast.nullable). */
export function castNullable(from: DataType, to: DataType, childNullable: boolean, tryMode = false): boolean {
  if (!tryMode) return childNullable || forceNullable(from, to);
  if (from.kind === "string" && to.kind === "binary") return childNullable;
  if (from.kind === "decimal" && isIntegralKind(to.kind)) return true;
  return childNullable || !canUpCast(from, to);
}

const NUMERIC_PRECEDENCE = ["byte", "short", "int", "long", "float", "double"];

/** A subset of Spark's UpCastRule.canUpCast (only used for TRY_CAST nullability). */
function canUpCast(from: DataType, to: DataType): boolean {
  if (sameType(from, to)) return true;
  if (from.kind === "null") return true;
  if (to.kind === "string") return from.kind !== "binary";
  if (to.kind === "decimal") return from.kind === "decimal" ? decimalWiderThan(to, from) : isIntegralKind(from.kind) && decimalWiderThan(to, from);
  const fi = NUMERIC_PRECEDENCE.indexOf(from.kind), ti = NUMERIC_PRECEDENCE.indexOf(to.kind);
  if (fi >= 0 && ti >= 0) return fi <= ti;
  if (from.kind === "date" && (to.kind === "timestamp" || to.kind === "timestamp_ntz")) return true;
  if (from.kind === "timestamp_ntz" && to.kind === "timestamp") return true;
  return false;
}

// ---------- string parsing (UTF8String.toLong / toInt, Double.parseDouble, BigDecimal) ----------

/** Spark's isWhitespaceOrISOControl trimming used by UTF8String.toLong/toInt. */
function trimControl(s: string): [number, number] {
  let i = 0, j = s.length;
  while (i < j && (s.charCodeAt(i) <= 32 || s.charCodeAt(i) === 127)) i++;
  while (j > i && (s.charCodeAt(j - 1) <= 32 || s.charCodeAt(j - 1) === 127)) j--;
  return [i, j];
}

/** UTF8String.toLong(allowDecimal): integral value or null (range: long). */
export function stringToLong(s: string, allowDecimal: boolean): Long | null {
  const [start, end] = trimControl(s);
  if (start === end) return null;
  let i = start;
  const c0 = s.charCodeAt(i);
  const negative = c0 === 45;
  if (negative || c0 === 43) {
    if (end - i === 1) return null;
    i++;
  }
  let digitsEnd = i;
  while (digitsEnd < end) {
    const c = s.charCodeAt(digitsEnd);
    if (c >= 48 && c <= 57) digitsEnd++;
    else break;
  }
  if (digitsEnd < end) {
    if (!(allowDecimal && s.charCodeAt(digitsEnd) === 46)) return null;
    for (let k = digitsEnd + 1; k < end; k++) {
      const c = s.charCodeAt(k);
      if (c < 48 || c > 57) return null;
    }
  }
  const digits = s.slice(i, digitsEnd);
  if (digits.length === 0) return 0;
  if (digits.length <= 15) {
    const v = Number(digits);
    return negative ? (v === 0 ? 0 : -v) : v;
  }
  return longFromDigits(negative ? "-" + digits : digits);
}

const INT_RANGE: Record<string, [number, number]> = {
  byte: [-128, 127], short: [-32768, 32767], int: [-2147483648, 2147483647],
};

const JAVA_FLOAT = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/;
const JAVA_HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)[fFdD]?$/;

/** java.lang.Double.parseDouble plus Spark's special literals (inf, -infinity, nan …); null when malformed. */
export function stringToDouble(s: string): number | null {
  let i = 0, j = s.length;
  while (i < j && s.charCodeAt(i) <= 32) i++;
  while (j > i && s.charCodeAt(j - 1) <= 32) j--;
  const t = s.slice(i, j);
  if (JAVA_FLOAT.test(t)) {
    const last = t.charCodeAt(t.length - 1);
    const body = (last | 32) === 102 || (last | 32) === 100 ? t.slice(0, -1) : t;
    if (/NaN$/.test(body)) return NaN;
    return Number(body);
  }
  const hex = JAVA_HEX_FLOAT.exec(t);
  if (hex && (hex[2]!.length > 0 || hex[3]!.length > 0)) {
    const mant = parseInt((hex[2] || "0") + (hex[3] || ""), 16) / 16 ** hex[3]!.length;
    const v = mant * 2 ** Number(hex[4]);
    return hex[1] === "-" ? -v : v;
  }
  switch (t.toLowerCase()) {
    case "inf": case "+inf": case "infinity": case "+infinity": return Infinity;
    case "-inf": case "-infinity": return -Infinity;
    case "nan": return NaN;
    default: return null;
  }
}

const TRUE_STRINGS = new Set(["t", "true", "y", "yes", "1"]);
const FALSE_STRINGS = new Set(["f", "false", "n", "no", "0"]);

/** StringUtils.isTrueString / isFalseString after trimAll and lower-casing; null otherwise. */
export function stringToBoolean(s: string): boolean | null {
  let i = 0, j = s.length;
  while (i < j && s.charCodeAt(i) <= 32) i++;
  while (j > i && s.charCodeAt(j - 1) <= 32) j--;
  const t = s.slice(i, j).toLowerCase();
  if (TRUE_STRINGS.has(t)) return true;
  if (FALSE_STRINGS.has(t)) return false;
  return null;
}


const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8");

export function stringToBinary(s: string): Uint8Array {
  return utf8.encode(s);
}

export function binaryToString(b: Uint8Array): string {
  return utf8Decoder.decode(b);
}

// ---------- CAST(x AS STRING) ----------

/** The function Spark's CAST(x AS STRING) applies to non-null values of `type`. */
export function castToString(type: DataType, timeZone: string, ansi = true): (v: any) => string {
  switch (type.kind) {
    case "string":
      return (v: string) => v;
    case "boolean":
      return (v: boolean) => (v ? "true" : "false");
    case "byte":
    case "short":
    case "int":
      return (v: number) => String(v);
    case "long":
      return longToString;
    case "float":
      return javaFloatToString;
    case "double":
      return javaDoubleToString;
    case "decimal": {
      const scale = type.scale;
      return ansi ? (v: bigint) => toPlainString(v, scale) : (v: bigint) => toJavaString(v, scale);
    }
    case "date":
      return formatDate;
    case "timestamp": {
      const zone = getTimeZone(timeZone);
      return (v: number) => formatTimestamp(v, zone);
    }
    case "timestamp_ntz":
      return formatLocalMicros;
    case "time":
      return formatTime;
    case "binary":
      return binaryToString;
    case "daytime_interval": {
      const { startField: s, endField: e } = type;
      return (v: number) => dayTimeIntervalToString(v, s, e);
    }
    case "yearmonth_interval": {
      const { startField: s, endField: e } = type;
      return (v: number) => yearMonthIntervalToString(v, s, e);
    }
    case "calendar_interval":
      return calendarIntervalToString;
    case "null":
      return () => "null";
    case "array": {
      const el = castToString(type.elementType, timeZone, ansi);
      return (v: unknown[]) => {
        let out = "[";
        for (let i = 0; i < v.length; i++) {
          if (i > 0) out += ", ";
          const x = v[i];
          out += x === null || x === undefined ? "null" : el(x);
        }
        return out + "]";
      };
    }
    case "map": {
      const k = castToString(type.keyType, timeZone, ansi), val = castToString(type.valueType, timeZone, ansi);
      return (m: Map<unknown, unknown>) => {
        const parts: string[] = [];
        for (const [a, b] of m) parts.push(`${a === null ? "null" : k(a)} -> ${b === null || b === undefined ? "null" : val(b)}`);
        return `{${parts.join(", ")}}`;
      };
    }
    case "struct": {
      const fs = type.fields.map((f) => castToString(f.dataType, timeZone, ansi));
      return (row: unknown[]) => {
        const parts: string[] = [];
        for (let i = 0; i < fs.length; i++) {
          const x = row[i];
          parts.push(x === null || x === undefined ? "null" : fs[i]!(x));
        }
        return `{${parts.join(", ")}}`;
      };
    }
  }
}

// ---------- the conversion functions ----------

type Conv = (v: any) => unknown;

/**
 * The function CAST(x AS `to`) applies to a non-null value of `from`. `ansi` selects ANSI errors
 * (otherwise Spark's legacy nulls); `tryMode` (TRY_CAST) turns every failure, also inside arrays,
 * maps and structs, into null.
 */
export function castFunction(from: DataType, to: DataType, ansi: boolean, timeZone: string, tryMode = false): (v: any) => unknown {
  const conv = build(from, to, tryMode ? true : ansi, timeZone, tryMode);
  if (!tryMode) return conv;
  return (v: unknown) => {
    try {
      return conv(v);
    } catch (e) {
      if (e instanceof SluiceError) return null;
      throw e;
    }
  };
}

function build(from: DataType, to: DataType, ansi: boolean, tz: string, tryMode: boolean): Conv {
  if (sameType(from, to)) return identity;
  if (from.kind === "null") return () => null;
  switch (to.kind) {
    case "string": return castToString(from, tz, ansi);
    case "boolean": return toBoolean(from, ansi);
    case "byte": case "short": case "int": return toInt(from, to, ansi, tz);
    case "long": return toLong(from, ansi);
    case "float": return toFloat(from, ansi);
    case "double": return toDouble(from, ansi);
    case "decimal": return toDecimal(from, to, ansi);
    case "date": return toDate(from, ansi, tz);
    case "timestamp": return toTimestamp(from, ansi, tz);
    case "timestamp_ntz": return toTimestampNTZ(from, ansi, tz);
    case "time": return toTime(from, to, ansi);
    case "binary": return toBinary(from);
    case "daytime_interval": return toDayTime(from, to, ansi);
    case "yearmonth_interval": return toYearMonth(from, to, ansi);
    case "calendar_interval":
      if (from.kind === "string") return (s: string) => stringToCalendarInterval(s);
      break;
    case "array": {
      if (from.kind !== "array") break;
      const el = tryWrap(build(from.elementType, to.elementType, ansi, tz, tryMode), tryMode);
      return (a: unknown[]) => a.map((x) => (x === null ? null : el(x)));
    }
    case "map": {
      if (from.kind !== "map") break;
      const k = tryWrap(build(from.keyType, to.keyType, ansi, tz, tryMode), tryMode);
      const v = tryWrap(build(from.valueType, to.valueType, ansi, tz, tryMode), tryMode);
      return (m: Map<unknown, unknown>) => {
        const out = new Map<unknown, unknown>();
        for (const [a, b] of m) out.set(k(a), b === null ? null : v(b));
        return out;
      };
    }
    case "struct": {
      if (from.kind !== "struct") break;
      const fs = from.fields.map((f, i) => tryWrap(build(f.dataType, to.fields[i]!.dataType, ansi, tz, tryMode), tryMode));
      return (row: unknown[]) => fs.map((f, i) => (row[i] === null || row[i] === undefined ? null : f(row[i])));
    }
  }
  throw castTypeCheckError(from, to, `CAST(… AS ${to.sql()})`, ansi ? "ansi" : "legacy");
}

function tryWrap(f: Conv, tryMode: boolean): Conv {
  if (!tryMode) return f;
  return (v) => {
    try {
      return f(v);
    } catch (e) {
      if (e instanceof SluiceError) return null;
      throw e;
    }
  };
}

const identity: Conv = (v) => v;

function toBoolean(from: DataType, ansi: boolean): Conv {
  switch (from.kind) {
    case "string":
      return (s: string) => {
        const b = stringToBoolean(s);
        if (b === null && ansi) throw castInvalidInput(sqlValue(s, from), from, BOOLEAN);
        return b;
      };
    case "decimal":
      return (d: bigint) => d !== 0n;
    case "date":
      return () => null;
    default:
      return (x: number) => x !== 0;
  }
}

function integralRange(kind: string): [number, number] {
  return INT_RANGE[kind] ?? [-9223372036854775808, 9223372036854775807];
}

/** Java's narrowing of an integral value (a long may be a bigint) to byte/short/int (two's complement wrap). */
function wrap(v: Long, kind: string): number {
  const i = typeof v === "number" ? v | 0 : Number(BigInt.asIntN(32, v));
  if (kind === "int") return i;
  if (kind === "short") return i << 16 >> 16;
  return i << 24 >> 24;
}

/** Java's (int) / (long) conversion of a double: NaN -> 0, saturating. */
function javaDoubleToIntegral(d: number, kind: "int" | "long"): number {
  if (Number.isNaN(d)) return 0;
  const [lo, hi] = kind === "int" ? [-2147483648, 2147483647] : [-9223372036854775808, 9223372036854775807];
  return d >= hi ? hi : d <= lo ? lo : Math.trunc(d);
}

function toInt(from: DataType, to: DataType, ansi: boolean, tz: string): Conv {
  const kind = to.kind;
  const [lo, hi] = integralRange(kind);
  switch (from.kind) {
    case "string":
      return (s: string) => {
        const v = stringToLong(s, !ansi);
        if (v !== null && v >= lo && v <= hi) return v;
        if (ansi) throw castInvalidInput(sqlValue(s, from), from, to);
        return null;
      };
    case "boolean":
      return (b: boolean) => (b ? 1 : 0);
    case "date":
      return () => null;
    case "timestamp":
      return (t: number) => {
        const secs = floorDiv(t, MICROS_PER_SECOND);
        if (secs >= lo && secs <= hi) return secs;
        if (ansi) throw castOverflow(sqlValueIn(t, from, tz), from, to);
        return null;
      };
    case "time":
      // Cast.timeToLong: whole seconds of the day (an int always holds them).
      return (t: number) => {
        const secs = Math.floor(t / NANOS_PER_SECOND);
        if (secs >= lo && secs <= hi) return secs;
        if (ansi) throw castOverflow(sqlValue(t, from), from, to);
        return null;
      };
    case "byte": case "short": case "int": case "long":
      // A long may be a bigint: <= and >= compare it with the number bounds exactly.
      return (x: Long) => {
        if (x >= lo && x <= hi) return x;
        if (ansi) throw castOverflow(sqlValue(x, from), from, to);
        return wrap(x, kind);
      };
    case "float": case "double":
      return (d: number) => {
        if (ansi) {
          // ExactNumeric.toInt: the value must fit in int (then in the narrower type).
          if (!(Math.floor(d) <= 2147483647 && Math.ceil(d) >= -2147483648)) throw castOverflow(sqlValue(d, from), from, to);
          const i = Math.trunc(d);
          if (i < lo || i > hi) throw castOverflow(sqlValue(d, from), from, to);
          return i === 0 ? 0 : i;
        }
        const i = javaDoubleToIntegral(d, "int");
        return kind === "int" ? i : wrap(i, kind);
      };
    case "decimal": {
      const scale = from.scale;
      return (u: bigint) => {
        const t = truncateToBigInt(u, scale);
        if (t >= BigInt(lo) && t <= BigInt(hi)) return Number(t);
        if (ansi) throw castOverflow(sqlValue(u, from), from, to);
        return wrap(BigInt.asIntN(64, t), kind);
      };
    }
    case "daytime_interval": {
      const unit = DT_UNIT[from.endField]!;
      return (m: number) => {
        const v = Math.trunc(m / unit);
        if (v >= lo && v <= hi) return v === 0 ? 0 : v;
        throw castOverflow(sqlValue(m, from), from, to);
      };
    }
    case "yearmonth_interval": {
      const years = from.endField === 0;
      return (m: number) => {
        const v = years ? Math.trunc(m / 12) : m;
        if (v >= lo && v <= hi) return v === 0 ? 0 : v;
        throw castOverflow(sqlValue(m, from), from, to);
      };
    }
  }
  throw castTypeCheckError(from, to, "", ansi ? "ansi" : "legacy");
}

const DT_UNIT = [MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND];

function toLong(from: DataType, ansi: boolean): Conv {
  const to = LONG;
  switch (from.kind) {
    case "string":
      return (s: string) => {
        const v = stringToLong(s, !ansi);
        if (v === null && ansi) throw castInvalidInput(sqlValue(s, from), from, to);
        return v;
      };
    case "boolean":
      return (b: boolean) => (b ? 1 : 0);
    case "date":
      return () => null;
    case "timestamp":
      return (t: number) => floorDiv(t, MICROS_PER_SECOND);
    case "time":
      return (t: number) => Math.floor(t / NANOS_PER_SECOND);
    case "byte": case "short": case "int": case "long":
      return identity;
    case "float": case "double":
      return (d: number) => {
        // Spark compares with Long.MaxValue as a double (2^63), so 2^63 itself passes and saturates.
        if (ansi && !(Math.floor(d) <= 9223372036854775807 && Math.ceil(d) >= -9223372036854775808)) {
          throw castOverflow(sqlValue(d, from), from, to);
        }
        return d !== d ? 0 : longFromIntegralDouble(Math.trunc(d));
      };
    case "decimal": {
      const scale = from.scale;
      return (u: bigint) => {
        const t = truncateToBigInt(u, scale);
        if (fitsLong(t)) return longFromBigInt(t);
        if (ansi) throw castOverflow(sqlValue(u, from), from, to);
        return longFromBigInt(BigInt.asIntN(64, t));
      };
    }
    case "daytime_interval": {
      const unit = DT_UNIT[from.endField]!;
      return (m: number) => longFromIntegralDouble(Math.trunc(m / unit));
    }
    case "yearmonth_interval":
      return from.endField === 0 ? (m: number) => Math.trunc(m / 12) || 0 : identity;
  }
  throw castTypeCheckError(from, to, "", ansi ? "ansi" : "legacy");
}

function toDouble(from: DataType, ansi: boolean): Conv {
  const to = DOUBLE;
  switch (from.kind) {
    case "string":
      return (s: string) => {
        const d = stringToDouble(s);
        if (d === null && ansi) throw castInvalidInput(sqlValue(s, from), from, to);
        return d;
      };
    case "boolean":
      return (b: boolean) => (b ? 1 : 0);
    case "date":
      return () => null;
    case "timestamp":
      return (t: number) => t / MICROS_PER_SECOND;
    case "decimal": {
      const scale = from.scale;
      return (u: bigint) => decimalToDouble(u, scale);
    }
    case "long":
      return longToDouble;
    default:
      return identity;
  }
}

function toFloat(from: DataType, ansi: boolean): Conv {
  const to = FLOAT;
  switch (from.kind) {
    case "string":
      return (s: string) => {
        const d = stringToDouble(s);
        if (d === null) {
          if (ansi) throw castInvalidInput(sqlValue(s, from), from, to);
          return null;
        }
        return Math.fround(d);
      };
    case "boolean":
      return (b: boolean) => (b ? 1 : 0);
    case "date":
      return () => null;
    case "timestamp":
      return (t: number) => Math.fround(t / MICROS_PER_SECOND);
    case "decimal": {
      const scale = from.scale;
      return (u: bigint) => Math.fround(decimalToDouble(u, scale));
    }
    case "long":
      return longToFloat;
    default:
      return (x: number) => Math.fround(x);
  }
}

/** Decimal.changePrecision to the target type: the rounded value, null (legacy) or an ANSI error. */
function fitDecimal(unscaled: bigint, scale: number, to: DecimalType, ansi: boolean): bigint | null {
  const v = toPrecision(unscaled, scale, to.precision, to.scale);
  if (v !== null) return v;
  if (ansi) throw decimalOutOfRange(toPlainString(unscaled, scale), to.precision, to.scale);
  return null;
}

function toDecimal(from: DataType, to: DecimalType, ansi: boolean): Conv {
  switch (from.kind) {
    case "string":
      return (s: string) => {
        const d = parseJavaBigDecimal(s);
        if (d === null) {
          if (ansi) throw castInvalidInput(sqlValue(s, from), from, to);
          return null;
        }
        if (digitCount(d.unscaled) - d.scale > 38) {
          if (ansi) {
            throw new SluiceError("NUMERIC_OUT_OF_SUPPORTED_RANGE",
              `The value ${s} cannot be interpreted as a numeric since it has more than 38 digits.`, { sqlState: "22003" });
          }
          return null;
        }
        return fitDecimal(d.unscaled, d.scale, to, ansi);
      };
    case "boolean":
      return (b: boolean) => fitDecimal(b ? 1n : 0n, 0, to, ansi);
    case "date":
      return () => null;
    case "timestamp":
      return (t: number) => {
        const d = decimalFromDouble(t / MICROS_PER_SECOND);
        return fitDecimal(d.unscaled, d.scale, to, ansi);
      };
    case "time":
      // Decimal(nanos, 14, 9): seconds with nanoseconds.
      return (t: number) => fitDecimal(BigInt(t), 9, to, ansi);
    case "decimal": {
      const scale = from.scale;
      return (u: bigint) => fitDecimal(u, scale, to, ansi);
    }
    case "byte": case "short": case "int": case "long":
      return (x: Long) => fitDecimal(longToBigInt(x), 0, to, ansi);
    case "float": case "double":
      return (x: number) => {
        if (!Number.isFinite(x)) return null;
        const d = decimalFromDouble(x);
        return fitDecimal(d.unscaled, d.scale, to, ansi);
      };
    case "daytime_interval": {
      const end = from.endField;
      return (m: number) => {
        if (end === 3) return fitDecimal(BigInt(m), 6, to, true);
        return fitDecimal(BigInt(Math.trunc(m / DT_UNIT[end]!)), 0, to, true);
      };
    }
    case "yearmonth_interval": {
      const years = from.endField === 0;
      return (m: number) => fitDecimal(BigInt(years ? Math.trunc(m / 12) : m), 0, to, true);
    }
  }
  throw castTypeCheckError(from, to, "", ansi ? "ansi" : "legacy");
}

/** new BigDecimal(s.trim()) as Spark's Decimal.fromString does; negative scales normalized. */
export function parseJavaBigDecimal(s: string): { unscaled: bigint; scale: number } | null {
  let i = 0, j = s.length;
  while (i < j && s.charCodeAt(i) <= 32) i++;
  while (j > i && s.charCodeAt(j - 1) <= 32) j--;
  const d = parseBigDecimal(s.slice(i, j));
  return d === null ? null : normalizeScale(d);
}

function toDate(from: DataType, ansi: boolean, tz: string): Conv {
  const to = DATE;
  switch (from.kind) {
    case "string":
      return (s: string) => {
        const d = parseDate(s);
        if (d === null && ansi) throw castInvalidInput(sqlValue(s, from), from, to);
        return d;
      };
    case "timestamp": {
      const zone = getTimeZone(tz);
      return (t: number) => timestampToDate(t, zone);
    }
    case "timestamp_ntz":
      return (t: number) => floorDiv(t, MICROS_PER_DAY);
  }
  throw castTypeCheckError(from, to, "", ansi ? "ansi" : "legacy");
}

const MAX_LONG_NUM = 9223372036854775807;

function toTimestamp(from: DataType, ansi: boolean, tz: string): Conv {
  const to = TIMESTAMP;
  const zone = () => getTimeZone(tz);
  switch (from.kind) {
    case "string": {
      const z = zone();
      return (s: string) => {
        const t = parseTimestamp(s, z);
        if (t === null && ansi) throw castInvalidInput(sqlValue(s, from), from, to);
        return t;
      };
    }
    case "boolean":
      return (b: boolean) => (b ? 1 : 0);
    case "byte": case "short": case "int": case "long":
      // TimeUnit.SECONDS.toMicros: saturates at the long range.
      return (x: Long) => {
        const m = typeof x === "number" ? x * MICROS_PER_SECOND : Number(x) * MICROS_PER_SECOND;
        return m >= MAX_LONG_NUM ? MAX_LONG_NUM : m <= -MAX_LONG_NUM ? -MAX_LONG_NUM : m;
      };
    case "date": {
      const z = zone();
      return (d: number) => dateToTimestamp(d, z);
    }
    case "timestamp_ntz": {
      const z = zone();
      return (t: number) => z.toUtc(t);
    }
    case "decimal": {
      const scale = from.scale;
      return (u: bigint) => Number(BigInt.asIntN(64, truncateToBigInt(u * 1000000n, scale)));
    }
    case "float": case "double":
      return (d: number) => {
        if (!Number.isFinite(d)) {
          if (ansi) throw castInvalidInput(sqlValue(d, DOUBLE), DOUBLE, to);
          return null;
        }
        const m = d * MICROS_PER_SECOND;
        if (ansi && !(Math.floor(m) <= 9223372036854775807 && Math.ceil(m) >= -9223372036854775808)) {
          throw castOverflow(sqlValue(m, DOUBLE), DOUBLE, LONG);
        }
        return javaDoubleToIntegral(m, "long");
      };
  }
  throw castTypeCheckError(from, to, "", ansi ? "ansi" : "legacy");
}

function toTimestampNTZ(from: DataType, ansi: boolean, tz: string): Conv {
  const to = TIMESTAMP_NTZ;
  switch (from.kind) {
    case "string":
      return (s: string) => {
        const t = parseTimestampNTZ(s);
        if (t === null && ansi) throw castInvalidInput(sqlValue(s, from), from, to);
        return t;
      };
    case "date":
      return (d: number) => d * MICROS_PER_DAY;
    case "timestamp": {
      const z = getTimeZone(tz);
      return (t: number) => z.toLocal(t);
    }
  }
  throw castTypeCheckError(from, to, "", ansi ? "ansi" : "legacy");
}

function toTime(from: DataType, to: TimeType, ansi: boolean): Conv {
  const p = to.precision;
  switch (from.kind) {
    case "string":
      return (s: string) => {
        const t = stringToTime(s);
        if (t === null) {
          if (ansi) throw castInvalidInput(sqlValue(s, from), from, TIME);
          return null;
        }
        return truncateTimeToPrecision(t, p);
      };
    case "time":
      return (t: number) => truncateTimeToPrecision(t, p);
  }
  throw castTypeCheckError(from, to, "", ansi ? "ansi" : "legacy");
}

function toBinary(from: DataType): Conv {
  switch (from.kind) {
    case "string":
      return stringToBinary;
    case "byte": case "short": case "int": case "long": {
      const width = from.kind === "byte" ? 1 : from.kind === "short" ? 2 : from.kind === "int" ? 4 : 8;
      return (x: Long) => {
        let v = BigInt.asUintN(width * 8, longToBigInt(x));
        const out = new Uint8Array(width);
        for (let i = width - 1; i >= 0; i--) {
          out[i] = Number(v & 0xffn);
          v >>= 8n;
        }
        return out;
      };
    }
  }
  throw castTypeCheckError(from, BINARY, "", "legacy");
}

function toDayTime(from: DataType, to: Extract<DataType, { kind: "daytime_interval" }>, ansi: boolean): Conv {
  const unit = DT_UNIT[to.endField]!;
  switch (from.kind) {
    case "string":
      return (s: string) => stringToDayTimeInterval(s, to.startField, to.endField);
    case "daytime_interval":
      return (m: number) => {
        const r = to.endField === 3 ? m : m - (m % unit);
        return r === 0 ? 0 : r;
      };
    case "byte": case "short": case "int": case "long":
      return (x: Long) => {
        const r = longToDouble(x) * unit;
        if (!(Math.abs(r) <= MAX_LONG_NUM)) throw castOverflow(sqlValue(x, from), from, to);
        return r;
      };
    case "decimal": {
      const scale = from.scale;
      return (u: bigint) => {
        const micros = rescale(u * BigInt(unit), scale, 0, "HALF_UP");
        if (micros > LONG_MAX || micros < LONG_MIN) throw castOverflow(sqlValue(u, from), from, to);
        return Number(micros);
      };
    }
  }
  throw castTypeCheckError(from, to, "", ansi ? "ansi" : "legacy");
}

function toYearMonth(from: DataType, to: Extract<DataType, { kind: "yearmonth_interval" }>, ansi: boolean): Conv {
  const unit = to.endField === 0 ? 12 : 1;
  switch (from.kind) {
    case "string":
      return (s: string) => stringToYearMonthInterval(s, to.startField, to.endField);
    case "yearmonth_interval":
      return (m: number) => (unit === 12 ? m - (m % 12) : m) || 0;
    case "byte": case "short": case "int": case "long":
      return (x: Long) => {
        const r = longToDouble(x) * unit;
        if (!(Math.abs(r) <= 2147483647)) throw castOverflow(sqlValue(x, from), from, to);
        return r;
      };
    case "decimal": {
      const scale = from.scale;
      return (u: bigint) => {
        const months = rescale(u * BigInt(unit), scale, 0, "HALF_UP");
        if (months > 2147483647n || months < -2147483648n) throw castOverflow(sqlValue(u, from), from, to);
        return Number(months);
      };
    }
  }
  throw castTypeCheckError(from, to, "", ansi ? "ansi" : "legacy");
}

