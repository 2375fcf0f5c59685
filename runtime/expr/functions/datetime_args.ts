// Argument handling shared by the date/time functions: Spark's type-check errors and the implicit
// casts Spark's type coercion would insert (string -> date/timestamp, date <-> timestamp, …),
// done here as value converters so the functions stay self-contained.
import { SluiceError } from "../../errors.ts";
import { isIntegral, isNumeric, type DataType } from "../../types/data_type.ts";
import { longFromDigits, longFromIntegralDouble, wrapLong } from "../../types/long.ts";
import type { BindContext, Bound } from "../bound.ts";
import { floorDiv, MICROS_PER_DAY, MICROS_PER_SECOND } from "../datetime/civil_date.ts";
import { daysToMicros, microsToDays } from "../datetime/instant_fields.ts";
import { stringToDate } from "../datetime/string_to_date.ts";
import { stringToTimestamp } from "../datetime/string_to_timestamp.ts";
import { getTimeZone, type TimeZone } from "../datetime/time_zone.ts";
import { dateToString, timestampToString } from "../datetime/timestamp_to_string.ts";

const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/** Spark's DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE; `required` is Spark's text, e.g. "DATE" or ("INT" or "SMALLINT"). */
export function unexpectedInputType(ctx: BindContext, index: number, required: string, arg: Bound): SluiceError {
  const req = required.startsWith("(") && required.includes('"') ? required : `"${required}"`;
  return new SluiceError(
    "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
    `Cannot resolve "${ctx.sql}" due to data type mismatch: The ${ORDINALS[index]} parameter requires the ${req} type, however "${ctx.argSql[index]}" has the type "${arg.type.sql()}".`,
    { sqlState: "42K09" },
  );
}

/** Spark's toSQLValue for a string: single-quoted, quotes and backslashes escaped. */
export function sqlStringValue(s: string): string {
  return "'" + s.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
}

/** CAST_INVALID_INPUT, as an ANSI cast of a malformed string raises it. */
export function castInvalidInput(value: string, from: string, to: string): SluiceError {
  return new SluiceError(
    "CAST_INVALID_INPUT",
    `The value ${sqlStringValue(value)} of the type "${from}" cannot be cast to "${to}" because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead.`,
    { sqlState: "22018" },
  );
}

export function zoneOf(ctx: BindContext): TimeZone {
  return getTimeZone(ctx.timeZone);
}

/** A converter of one argument's values to another representation (null passes through as null). */
export type Conv = (v: any) => any;

/** Types Spark implicitly casts to STRING for a string parameter. */
export function castableToString(t: DataType): boolean {
  return t.kind === "string" || isNumeric(t) || t.kind === "boolean" || t.kind === "date" || t.kind === "timestamp" ||
    t.kind === "timestamp_ntz" || t.kind === "null";
}

/** Converts values of an atomic type to the string Spark's cast would give. */
export function toStringConv(t: DataType, zone: TimeZone): Conv {
  switch (t.kind) {
    case "string": return (v: string) => v;
    case "date": return (v: number) => dateToString(v);
    case "timestamp": return (v: number) => timestampToString(v, zone);
    case "timestamp_ntz": return (v: number) => timestampToString(v, getTimeZone("UTC"));
    case "boolean": return (v: boolean) => (v ? "true" : "false");
    case "decimal": {
      const scale = t.scale;
      return (v: bigint) => decimalToString(v, scale);
    }
    case "float":
    case "double": return (v: number) => javaDoubleString(v);
    default: return (v: unknown) => String(v);
  }
}

/** BigDecimal.toPlainString of an unscaled value. */
export function decimalToString(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  let digits = (neg ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, "0");
    digits = digits.slice(0, digits.length - scale) + "." + digits.slice(digits.length - scale);
  }
  return (neg ? "-" : "") + digits;
}

/** Java's Double.toString for the common cases (scientific outside [1e-3, 1e7)). */
export function javaDoubleString(d: number): string {
  if (Number.isNaN(d)) return "NaN";
  if (!Number.isFinite(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d === 0) return Object.is(d, -0) ? "-0.0" : "0.0";
  const a = Math.abs(d);
  if (a >= 1e-3 && a < 1e7) {
    const s = String(d);
    return s.includes(".") ? s : s + ".0";
  }
  const [m, e] = d.toExponential().split("e");
  const mant = m!.includes(".") ? m! : m + ".0";
  return `${mant}E${Number(e)}`;
}

/**
 * Values of `arg` as a DATE (days), the way Spark's implicit cast would produce them: string via
 * stringToDate (ANSI: CAST_INVALID_INPUT), timestamp via the session zone. Null when the type
 * cannot be cast implicitly.
 */
export function dateConv(arg: Bound, ctx: BindContext): Conv | null {
  const zone = zoneOf(ctx);
  switch (arg.type.kind) {
    case "date":
    case "null":
      return (v: number) => v;
    case "timestamp":
      return (v: number) => microsToDays(v, zone);
    case "timestamp_ntz":
      return (v: number) => floorDiv(v, MICROS_PER_DAY);
    case "string":
      return stringToDateConv(ctx);
    default:
      return null;
  }
}

export function stringToDateConv(ctx: BindContext): Conv {
  const ansi = ctx.ansi;
  return (s: string) => {
    const d = stringToDate(s);
    if (d === null && ansi) throw castInvalidInput(s, "STRING", "DATE");
    return d;
  };
}

export function stringToTimestampConv(ctx: BindContext): Conv {
  const ansi = ctx.ansi;
  const zone = zoneOf(ctx);
  return (s: string) => {
    const t = stringToTimestamp(s, zone);
    if (t === null && ansi) throw castInvalidInput(s, "STRING", "TIMESTAMP");
    return t;
  };
}

/** Values of `arg` as a TIMESTAMP (micros): string cast, date at midnight in the session zone, NTZ read in the zone. */
export function timestampConv(arg: Bound, ctx: BindContext): Conv | null {
  const zone = zoneOf(ctx);
  switch (arg.type.kind) {
    case "timestamp":
    case "null":
      return (v: number) => v;
    case "date":
      return (v: number) => daysToMicros(v, zone);
    case "timestamp_ntz":
      return (v: number) => zone.toUtc(v);
    case "string":
      return stringToTimestampConv(ctx);
    default:
      return null;
  }
}

/** Values of an INT parameter (INT/SMALLINT/TINYINT, or a string parsed as an int). */
export function intConv(arg: Bound, ctx: BindContext, allowLong = false): Conv | null {
  const k = arg.type.kind;
  if (k === "int" || k === "short" || k === "byte" || k === "null" || (allowLong && k === "long")) return (v: number) => v;
  if (k === "string") {
    const ansi = ctx.ansi;
    const target = allowLong ? "BIGINT" : "INT";
    return (s: string) => {
      const t = s.trim();
      const n = /^[+-]?\d+$/.test(t) ? longFromDigits(t) : null;
      if (n === null || (!allowLong && (n >= 2 ** 31 || n < -(2 ** 31)))) {
        if (ansi) throw castInvalidInput(s, "STRING", target);
        return null;
      }
      return n;
    };
  }
  return null;
}

/** Values of a BIGINT parameter (any integral type, a string, or a fractional number truncated). */
export function longConv(arg: Bound, ctx: BindContext): Conv | null {
  const t = arg.type;
  if (isIntegral(t) || t.kind === "null") return (v: number) => v;
  if (t.kind === "float" || t.kind === "double") return (v: number) => (Number.isFinite(v) ? longFromIntegralDouble(Math.trunc(v)) : null);
  if (t.kind === "decimal") {
    const p = 10n ** BigInt(t.scale);
    return (v: bigint) => wrapLong(v / p);
  }
  if (t.kind === "string") return intConv(arg, ctx, true);
  return null;
}

/** Values of a STRING parameter (atomic types are cast to string). */
export function stringConv(arg: Bound, ctx: BindContext): Conv | null {
  return castableToString(arg.type) ? toStringConv(arg.type, zoneOf(ctx)) : null;
}

/** A literal's value when the argument is a non-null literal (foldable), else undefined. */
export function literalValue(arg: Bound): unknown {
  return arg.kind === "lit" ? arg.value : undefined;
}

/** The micros of whole seconds, Spark's Math.floorDiv(micros, MICROS_PER_SECOND). */
export function microsToSeconds(micros: number): number {
  return floorDiv(micros, MICROS_PER_SECOND);
}
