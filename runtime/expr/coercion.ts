// Spark's ANSI implicit type coercion (AnsiTypeCoercion, TypeCoercionHelper, DecimalPrecision,
// AnsiStringPromotionTypeCoercion): the wider/common type of several types, numeric precedence,
// decimal result types, string promotion, implicit casts of function arguments, and the
// DATATYPE_MISMATCH errors that follow when no coercion applies.
import { SluiceError } from "../errors.ts";
import {
  ArrayType, CALENDAR_INTERVAL, DayTimeIntervalType, DecimalType, DOUBLE, LONG, MapType, NULL, STRING, StructField,
  StructType, TIME, TIMESTAMP, TIMESTAMP_NTZ, YearMonthIntervalType, type DataType,
} from "../types/data_type.ts";
import type { Bound, BindContext } from "./bound.ts";
import { castFunction, castNullable, forceNullable, sameType } from "./cast.ts";
import { digitCount } from "./decimal_ops.ts";
import { dataTypeMismatch, sqlType, unexpectedInputType } from "./expr_errors.ts";

export { sameType };

// ---------- type predicates ----------

export const isIntegralType = (t: DataType) => t.kind === "byte" || t.kind === "short" || t.kind === "int" || t.kind === "long";
export const isFloatType = (t: DataType) => t.kind === "float" || t.kind === "double";
export const isNumericType = (t: DataType) => isIntegralType(t) || isFloatType(t) || t.kind === "decimal";
export const isAnsiIntervalType = (t: DataType) => t.kind === "daytime_interval" || t.kind === "yearmonth_interval";
export const isDatetimeType = (t: DataType) => t.kind === "date" || t.kind === "timestamp" || t.kind === "timestamp_ntz";
export const isAnyTimestamp = (t: DataType) => t.kind === "timestamp" || t.kind === "timestamp_ntz";
export const isAtomicType = (t: DataType) =>
  t.kind !== "array" && t.kind !== "map" && t.kind !== "struct" && t.kind !== "null" && t.kind !== "calendar_interval";

/** byte < short < int < long < float < double (UpCastRule.numericPrecedence). */
export const NUMERIC_PRECEDENCE = ["byte", "short", "int", "long", "float", "double"] as const;

// ---------- decimals (DecimalType and DecimalPrecision) ----------

export const MAX_PRECISION = 38;
export const MINIMUM_ADJUSTED_SCALE = 6;

/** DecimalType.bounded: precision and scale capped at 38. */
export function boundedDecimal(precision: number, scale: number): DecimalType {
  return new DecimalType(Math.min(precision, MAX_PRECISION), Math.min(scale, MAX_PRECISION));
}

/** DecimalType.adjustPrecisionScale (spark.sql.decimalOperations.allowPrecisionLoss = true). */
export function adjustPrecisionScale(precision: number, scale: number): DecimalType {
  if (precision <= MAX_PRECISION) return new DecimalType(precision, scale);
  if (scale < 0) return new DecimalType(MAX_PRECISION, scale);
  const intDigits = precision - scale;
  const minScale = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
  return new DecimalType(MAX_PRECISION, Math.max(MAX_PRECISION - intDigits, minScale));
}

/** DecimalType.forType: the decimal that holds every value of a numeric type. */
export function decimalForType(t: DataType): DecimalType {
  switch (t.kind) {
    case "byte": return new DecimalType(3, 0);
    case "short": return new DecimalType(5, 0);
    case "int": return new DecimalType(10, 0);
    case "long": return new DecimalType(20, 0);
    case "float": return new DecimalType(14, 7);
    case "double": return new DecimalType(30, 15);
    case "decimal": return t;
    default: throw new Error(`decimalForType: ${t.simpleString()}`);
  }
}

/** DecimalType.fromLiteral for an integral literal: just the digits the value needs. */
export function decimalForLiteral(value: number | bigint): DecimalType {
  const v = typeof value === "bigint" ? value : BigInt(Math.trunc(value));
  return new DecimalType(Math.max(digitCount(v), 1), 0);
}

/** DecimalType.isWiderThan. */
export function isWiderDecimal(d: DecimalType, other: DataType): boolean {
  const o = other.kind === "decimal" ? other : isIntegralType(other) ? decimalForType(other) : null;
  if (!o) return false;
  return d.precision - d.scale >= o.precision - o.scale && d.scale >= o.scale;
}

/** DecimalPrecision.widerDecimalType: enough integer and fraction digits for both. */
export function widerDecimalType(a: DecimalType, b: DecimalType): DecimalType {
  const scale = Math.max(a.scale, b.scale);
  const range = Math.max(a.precision - a.scale, b.precision - b.scale);
  return boundedDecimal(range + scale, scale);
}

export type DecimalOp = "+" | "-" | "*" | "/" | "%" | "div";

/** The result type of a decimal arithmetic operator (the resultDecimalType of each BinaryArithmetic). */
export function decimalResultType(op: DecimalOp, a: DecimalType, b: DecimalType): DecimalType {
  const { precision: p1, scale: s1 } = a, { precision: p2, scale: s2 } = b;
  switch (op) {
    case "+":
    case "-": {
      const scale = Math.max(s1, s2);
      return adjustPrecisionScale(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
    }
    case "*":
      return adjustPrecisionScale(p1 + p2 + 1, s1 + s2);
    case "/": {
      const intDig = p1 - s1 + s2;
      const scale = Math.max(MINIMUM_ADJUSTED_SCALE, s1 + p2 + 1);
      return adjustPrecisionScale(intDig + scale, scale);
    }
    case "%": {
      const scale = Math.max(s1, s2);
      return adjustPrecisionScale(Math.min(p1 - s1, p2 - s2) + scale, scale);
    }
    case "div": {
      const intDig = p1 - s1 + s2;
      return boundedDecimal(intDig === 0 ? 1 : intDig, 0);
    }
  }
}

// ---------- common types ----------

function numericIndex(t: DataType): number {
  return (NUMERIC_PRECEDENCE as readonly string[]).indexOf(t.kind);
}

/** AnsiTypeCoercion.findTightestCommonType. */
export function tightestCommonType(a: DataType, b: DataType): DataType | null {
  if (sameType(a, b)) return mergeNullability(a, b);
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (isIntegralType(a) && b.kind === "decimal") return isWiderDecimal(b, a) ? b : null;
  if (a.kind === "decimal" && isIntegralType(b)) return isWiderDecimal(a, b) ? a : null;
  const ia = numericIndex(a), ib = numericIndex(b);
  if (ia >= 0 && ib >= 0) {
    const wider = NUMERIC_PRECEDENCE[Math.max(ia, ib)]!;
    // Integral with float widens to double to avoid losing precision.
    return wider === "float" ? DOUBLE : (ia > ib ? a : b);
  }
  if (isDatetimeType(a) && isDatetimeType(b)) return widerDatetimeType(a, b);
  if (a.kind === "daytime_interval" && b.kind === "daytime_interval") {
    return new DayTimeIntervalType(Math.min(a.startField, b.startField), Math.max(a.endField, b.endField));
  }
  if (a.kind === "yearmonth_interval" && b.kind === "yearmonth_interval") {
    return new YearMonthIntervalType(Math.min(a.startField, b.startField), Math.max(a.endField, b.endField));
  }
  return complexCommonType(a, b, tightestCommonType);
}

function widerDatetimeType(a: DataType, b: DataType): DataType {
  if (a.kind === "timestamp" || b.kind === "timestamp") return TIMESTAMP;
  return TIMESTAMP_NTZ;
}

/** Same types that differ only in nullability flags: keep the more permissive flags. */
function mergeNullability(a: DataType, b: DataType): DataType {
  if (a.kind === "array" && b.kind === "array") {
    return new ArrayType(mergeNullability(a.elementType, b.elementType), a.containsNull || b.containsNull);
  }
  if (a.kind === "map" && b.kind === "map") {
    return new MapType(a.keyType, mergeNullability(a.valueType, b.valueType), a.valueContainsNull || b.valueContainsNull);
  }
  if (a.kind === "struct" && b.kind === "struct") {
    return new StructType(a.fields.map((f, i) =>
      new StructField(f.name, mergeNullability(f.dataType, b.fields[i]!.dataType), f.nullable || b.fields[i]!.nullable, f.metadata)));
  }
  return a;
}

/** TypeCoercionHelper.findTypeForComplex. */
function complexCommonType(a: DataType, b: DataType, find: (x: DataType, y: DataType) => DataType | null): DataType | null {
  if (a.kind === "array" && b.kind === "array") {
    const et = find(a.elementType, b.elementType);
    if (!et) return null;
    return new ArrayType(et, a.containsNull || b.containsNull || forceNullable(a.elementType, et) || forceNullable(b.elementType, et));
  }
  if (a.kind === "map" && b.kind === "map") {
    const kt = find(a.keyType, b.keyType);
    if (!kt || forceNullable(a.keyType, kt) || forceNullable(b.keyType, kt)) return null;
    const vt = find(a.valueType, b.valueType);
    if (!vt) return null;
    return new MapType(kt, vt,
      a.valueContainsNull || b.valueContainsNull || forceNullable(a.valueType, vt) || forceNullable(b.valueType, vt));
  }
  if (a.kind === "struct" && b.kind === "struct" && a.fields.length === b.fields.length) {
    const fields: StructField[] = [];
    for (let i = 0; i < a.fields.length; i++) {
      const fa = a.fields[i]!, fb = b.fields[i]!;
      if (fa.name.toLowerCase() !== fb.name.toLowerCase()) return null;
      const dt = find(fa.dataType, fb.dataType);
      if (!dt) return null;
      fields.push(new StructField(fa.name, dt,
        fa.nullable || fb.nullable || forceNullable(fa.dataType, dt) || forceNullable(fb.dataType, dt)));
    }
    return new StructType(fields);
  }
  return null;
}

/** TypeCoercionHelper.findWiderTypeForDecimal. */
function widerTypeForDecimal(a: DataType, b: DataType): DataType | null {
  if (a.kind === "decimal" && b.kind === "decimal") return widerDecimalType(a, b);
  if (isIntegralType(a) && b.kind === "decimal") return widerDecimalType(decimalForType(a), b);
  if (a.kind === "decimal" && isIntegralType(b)) return widerDecimalType(decimalForType(b), a);
  if ((isFloatType(a) && b.kind === "decimal") || (a.kind === "decimal" && isFloatType(b))) return DOUBLE;
  return null;
}

/** AnsiStringPromotionTypeCoercion.findWiderTypeForString. */
export function widerTypeForString(a: DataType, b: DataType): DataType | null {
  if (a.kind === "string") {
    if (isIntegralType(b)) return LONG;
    if (isFloatType(b) || b.kind === "decimal") return DOUBLE;
    if (b.kind === "null") return a;
    if (isAnsiIntervalType(b)) return null;
    if (isAtomicType(b)) return b;
    return null;
  }
  if (b.kind === "string") return widerTypeForString(b, a);
  return null;
}

/**
 * PromoteStrings for the two sides of an arithmetic operator. ANSI: both sides become the wider
 * type (string + int is bigint). Legacy (ANSI off): the string side becomes a double.
 */
export function promoteArithmeticStrings(l: Bound, r: Bound, ctx: BindContext): [Bound, Bound] {
  if (!ctx.ansi) {
    const ls = l.type.kind === "string", rs = r.type.kind === "string";
    if (ls && r.type.kind !== "calendar_interval" && !isAnsiIntervalType(r.type)) l = castBound(l, DOUBLE, ctx);
    if (rs && l.type.kind !== "calendar_interval" && !isAnsiIntervalType(l.type)) r = castBound(r, DOUBLE, ctx);
    return [l, r];
  }
  const promoted = widerTypeForString(l.type, r.type);
  return promoted === null ? [l, r] : [castBound(l, promoted, ctx), castBound(r, promoted, ctx)];
}

/** AnsiTypeCoercion.findWiderTypeForTwo: the type both sides can be implicitly cast to, or null. */
export function widerType(a: DataType, b: DataType): DataType | null {
  return tightestCommonType(a, b) ?? widerTypeForDecimal(a, b) ?? widerTypeForString(a, b) ?? complexCommonType(a, b, widerType);
}

/** findWiderTypeWithoutStringPromotionForTwo (greatest, least). */
export function widerTypeWithoutStringPromotion(a: DataType, b: DataType): DataType | null {
  return tightestCommonType(a, b) ?? widerTypeForDecimal(a, b) ?? complexCommonType(a, b, widerTypeWithoutStringPromotion);
}

/** findWiderCommonType over a list (NullType when empty); null when there is none. */
export function findCommonType(types: readonly DataType[], stringPromotion = true): DataType | null {
  let r: DataType | null = NULL;
  for (const t of types) {
    if (r === null) return null;
    r = stringPromotion ? widerType(r, t) : widerTypeWithoutStringPromotion(r, t);
  }
  return r;
}

/** Functions whose DATA_DIFF_TYPES message lists types as ["A", "B"] instead of ("A" or "B"). */
const BRACKET_STYLE = new Set(["in", "casewhen", "if", "greatest", "least"]);

/** The function name Spark puts in DATA_DIFF_TYPES for the expression text `sql`. */
function functionNameOf(sql: string): string {
  const s = sql.replace(/^\(+/, "");
  if (/^CASE\b/i.test(s)) return "casewhen";
  if (/^IF\s*\(/i.test(s)) return "if";
  if (/ IN \(/i.test(sql)) return "in";
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(s);
  return m ? m[1]!.toLowerCase() : "coalesce";
}

/** [DATATYPE_MISMATCH.DATA_DIFF_TYPES] Input to `f` should all be the same type, but it's … */
export function dataDiffTypes(sql: string, functionName: string, types: readonly DataType[]): SluiceError {
  const list = BRACKET_STYLE.has(functionName)
    ? `[${types.map(sqlType).join(", ")}]`
    : `(${types.map(sqlType).join(" or ")})`;
  return dataTypeMismatch("DATA_DIFF_TYPES", sql, `Input to \`${functionName}\` should all be the same type, but it's ${list}.`);
}

/**
 * The common type of CASE/IF branches, coalesce, IN lists, array elements, union columns
 * (findWiderCommonType), or Spark's DATA_DIFF_TYPES error. `functionName` defaults to the
 * function named by ctx.sql ("casewhen" for CASE, "in" for IN).
 */
export function commonType(types: readonly DataType[], ctx: BindContext, functionName?: string, stringPromotion = true): DataType {
  const t = findCommonType(types, stringPromotion);
  if (t !== null) return t;
  throw dataDiffTypes(ctx.sql, functionName ?? functionNameOf(ctx.sql), types);
}

// ---------- implicit casts ----------

/** Types whose values are microsecond longs: a bigint beyond ±2^53 µs. */
export const isMicrosType = (t: DataType) => t.kind === "timestamp" || t.kind === "timestamp_ntz" || t.kind === "daytime_interval";

/** A node computing CAST(arg AS to); typed null literals stay literals, the same type is returned as is. */
export function castBound(arg: Bound, to: DataType, ctx: Pick<BindContext, "ansi" | "timeZone">, tryMode = false): Bound {
  if (sameType(arg.type, to)) return arg;
  if (arg.type.kind === "null" || (arg.kind === "lit" && arg.value === null)) {
    return { kind: "lit", value: null, type: to, nullable: true };
  }
  const impl = castFunction(arg.type, to, tryMode ? true : ctx.ansi, ctx.timeZone, tryMode);
  const nullable = castNullable(arg.type, to, arg.nullable, tryMode);
  // Only the casts to strings print a timestamp or interval beyond ±2^53 µs exactly (types/long.ts).
  const exactMicros = to.kind === "string";
  if (arg.kind === "lit") {
    // Casting a literal is computed once. The result stays a cast node rather than a literal:
    // Spark's coercion rules treat CAST(1 AS BIGINT) differently from the literal 1. A failing
    // cast is left to run, so it fails only if it is evaluated.
    try {
      const value = impl(typeof arg.value === "bigint" && !exactMicros && isMicrosType(arg.type) ? Number(arg.value) : arg.value);
      return {
        kind: "fn", name: "cast", args: [], type: to, nullable: nullable || value === null, impl: () => value,
        inline: constantInline(value),
      };
    } catch (e) {
      if (!(e instanceof SluiceError)) throw e;
    }
  }
  return {
    kind: "fn", name: "cast", args: [arg], type: to, nullable, impl,
    inline: wideningInline(arg.type, to), exactMicros,
  };
}

/** JS source for a primitive constant, or undefined (the impl returns it). */
function constantInline(v: unknown): ((args: readonly string[]) => string) | undefined {
  if (v === null) return () => "null";
  if (typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v) && !Object.is(v, -0))) return () => String(v);
  if (typeof v === "string") return () => JSON.stringify(v);
  if (typeof v === "bigint") return () => `${v}n`;
  return undefined;
}

/** Casts that leave a JS number unchanged (integral or float widening) are inlined as the value itself. */
function wideningInline(from: DataType, to: DataType): ((args: readonly string[]) => string) | undefined {
  const fi = numericIndex(from), ti = numericIndex(to);
  if (fi < 0 || ti < 0 || fi > ti) return undefined;
  // A long beyond 2^53 is a bigint (types/long.ts): Number() rounds it as Java's (double) does.
  if (from.kind === "long" && to.kind === "double") return ([a]) => `Number(${a})`;
  const exact = to.kind === "double" || (to.kind === "float" ? fi <= 1 : ti <= 3);
  return exact ? ([a]) => a! : undefined;
}

/** Implicitly casts `arg` to `to` (no-op when it already has that type). */
export function implicitCast(arg: Bound, to: DataType, ctx: BindContext): Bound {
  return castBound(arg, to, ctx);
}

/** What a function argument may be: a concrete type, an abstract family, or any of several. */
export type TypeExpectation =
  | DataType
  | { readonly kind: "abstract"; readonly name: AbstractName }
  | { readonly kind: "collection"; readonly types: readonly TypeExpectation[] };

export type AbstractName =
  | "any" | "numeric" | "integral" | "fractional" | "decimal" | "string" | "any_timestamp" | "array" | "map" | "struct"
  | "day_time_interval" | "year_month_interval" | "any_time";

const abstract = (name: AbstractName): TypeExpectation => ({ kind: "abstract", name });

export const ANY = abstract("any");
export const NUMERIC = abstract("numeric");
export const INTEGRAL = abstract("integral");
export const ANY_DECIMAL = abstract("decimal");
export const ANY_TIMESTAMP = abstract("any_timestamp");
/** AnyTimeType: TIME of any precision. */
export const ANY_TIME = abstract("any_time");
export const ANY_ARRAY = abstract("array");
export const ANY_MAP = abstract("map");
export const ANY_STRUCT = abstract("struct");
export const ANY_DAY_TIME_INTERVAL = abstract("day_time_interval");
export const ANY_YEAR_MONTH_INTERVAL = abstract("year_month_interval");
export const anyOf = (...types: TypeExpectation[]): TypeExpectation => ({ kind: "collection", types });

/** TypeCollection.NumericAndInterval: what + and - accept. */
export const NUMERIC_AND_INTERVAL = anyOf(NUMERIC, ANY_DAY_TIME_INTERVAL, ANY_YEAR_MONTH_INTERVAL, CALENDAR_INTERVAL);
export const NUMERIC_AND_ANSI_INTERVAL = anyOf(NUMERIC, ANY_DAY_TIME_INTERVAL, ANY_YEAR_MONTH_INTERVAL);

function isConcrete(e: TypeExpectation): e is DataType {
  return e.kind !== "abstract" && e.kind !== "collection";
}

/** AbstractDataType.acceptsType. */
export function acceptsType(e: TypeExpectation, t: DataType): boolean {
  if (isConcrete(e)) {
    if (e.kind === "calendar_interval") return t.kind === "calendar_interval";
    if (e.kind === "decimal" || e.kind === "array" || e.kind === "map" || e.kind === "struct") return sameType(e, t);
    return e.kind === t.kind && (e.kind !== "daytime_interval" && e.kind !== "yearmonth_interval" ? true : sameType(e, t));
  }
  if (e.kind === "collection") return e.types.some((x) => acceptsType(x, t));
  switch (e.name) {
    case "any": return true;
    case "numeric": return isNumericType(t);
    case "integral": return isIntegralType(t);
    case "fractional": return isFloatType(t) || t.kind === "decimal";
    case "decimal": return t.kind === "decimal";
    case "string": return t.kind === "string";
    case "any_timestamp": return isAnyTimestamp(t);
    case "array": return t.kind === "array";
    case "map": return t.kind === "map";
    case "struct": return t.kind === "struct";
    case "day_time_interval": return t.kind === "daytime_interval";
    case "year_month_interval": return t.kind === "yearmonth_interval";
    case "any_time": return t.kind === "time";
  }
}

/** AbstractDataType.defaultConcreteType. */
export function defaultConcreteType(e: TypeExpectation): DataType {
  if (isConcrete(e)) return e;
  if (e.kind === "collection") return defaultConcreteType(e.types[0]!);
  switch (e.name) {
    case "numeric": case "fractional": return DOUBLE;
    case "integral": return LONG;
    case "decimal": return new DecimalType(38, 18);
    case "any_timestamp": return TIMESTAMP;
    case "day_time_interval": return new DayTimeIntervalType(0, 3);
    case "year_month_interval": return new YearMonthIntervalType(0, 1);
    case "array": return new ArrayType(NULL, true);
    case "any_time": return TIME;
    default: return STRING;
  }
}

/** Spark's toSQLType of an expected type: "NUMERIC", ("INT" or "SMALLINT"), "(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)". */
export function expectationSql(e: TypeExpectation): string {
  if (isConcrete(e)) return e.kind === "calendar_interval" ? `"INTERVAL"` : sqlType(e);
  if (e.kind === "collection") return `(${e.types.map(expectationSql).join(" or ")})`;
  switch (e.name) {
    case "any": return `"ANY"`;
    case "numeric": return `"NUMERIC"`;
    case "integral": return `"INTEGRAL"`;
    case "fractional": return `"FRACTIONAL"`;
    case "decimal": return `"DECIMAL"`;
    case "string": return `"STRING"`;
    case "any_timestamp": return `"(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)"`;
    case "array": return `"ARRAY"`;
    case "map": return `"MAP"`;
    case "struct": return `"STRUCT"`;
    case "day_time_interval": return `"INTERVAL DAY TO SECOND"`;
    case "year_month_interval": return `"INTERVAL YEAR TO MONTH"`;
    case "any_time": return `"TIME"`;
  }
}

/** Cast.canANSIStoreAssign. */
export function canAnsiStoreAssign(from: DataType, to: DataType): boolean {
  if (sameType(from, to)) return true;
  if (from.kind === "null") return true;
  if (isNumericType(from) && isNumericType(to)) return true;
  if (to.kind === "string") return isAtomicType(from) || from.kind === "calendar_interval";
  if (isDatetimeType(from) && isDatetimeType(to)) return true;
  if (from.kind === "array" && to.kind === "array") {
    return (!from.containsNull || to.containsNull) && canAnsiStoreAssign(from.elementType, to.elementType);
  }
  if (from.kind === "map" && to.kind === "map") {
    return (!from.valueContainsNull || to.valueContainsNull) && canAnsiStoreAssign(from.keyType, to.keyType) &&
      canAnsiStoreAssign(from.valueType, to.valueType);
  }
  if (from.kind === "struct" && to.kind === "struct") {
    return from.fields.length === to.fields.length && from.fields.every((f, i) =>
      (!f.nullable || to.fields[i]!.nullable) && canAnsiStoreAssign(f.dataType, to.fields[i]!.dataType));
  }
  return false;
}

/** AnsiTypeCoercion.implicitCast on types: the type `from` becomes for `expected`, or null. */
export function implicitCastType(from: DataType, expected: TypeExpectation): DataType | null {
  if (acceptsType(expected, from)) return from;
  if (isNumericType(from) && !isConcrete(expected) && expected.kind === "abstract" && expected.name === "decimal") {
    return decimalForType(from);
  }
  if (from.kind === "string" && (isConcrete(expected) ? expected.kind === "string" : expected.kind === "abstract" && expected.name === "string")) {
    return null;
  }
  if ((isFloatType(from) || from.kind === "decimal") && !isConcrete(expected) && expected.kind === "abstract" && expected.name === "integral") {
    return null;
  }
  if (from.kind === "string") {
    if (isConcrete(expected)) {
      if (isAtomicType(expected)) return expected;
    } else if (expected.kind === "abstract" && (expected.name === "numeric" || expected.name === "decimal" || expected.name === "any_timestamp" ||
      expected.name === "integral" || expected.name === "fractional")) {
      return defaultConcreteType(expected);
    }
  }
  if (!isConcrete(expected) && expected.kind === "abstract" && (expected.name === "array" || expected.name === "map" || expected.name === "struct")) {
    return null;
  }
  if (expected.kind !== "collection") {
    if (!isConcrete(expected) && expected.name === "any") return from;
    const concrete = defaultConcreteType(expected);
    return canAnsiStoreAssign(from, concrete) ? concrete : null;
  }
  for (const t of expected.types) {
    const r = implicitCastType(from, t);
    if (r !== null) return r;
  }
  return null;
}

/**
 * ImplicitCastInputTypes: casts each argument to what the function expects, throwing Spark's
 * UNEXPECTED_INPUT_TYPE for the first one that cannot be. NULL arguments become typed nulls.
 */
export function castArgs(args: readonly Bound[], expected: readonly TypeExpectation[], ctx: BindContext): Bound[] {
  return args.map((a, i) => {
    const e = expected[Math.min(i, expected.length - 1)]!;
    if (a.type.kind === "null") return castBound(a, defaultConcreteType(e), ctx);
    const t = implicitCastType(a.type, e);
    if (t === null) throw unexpectedInputType(ctx.sql, i, expectationSql(e), ctx.argSql[i] ?? "", a.type);
    return castBound(a, t, ctx);
  });
}

/** Throws UNEXPECTED_INPUT_TYPE unless `arg` already has an accepted type (ExpectsInputTypes). */
export function requireType(arg: Bound, index: number, expected: TypeExpectation, ctx: BindContext): Bound {
  if (arg.type.kind === "null" && !acceptsType(expected, arg.type)) return castBound(arg, defaultConcreteType(expected), ctx);
  if (!acceptsType(expected, arg.type)) throw unexpectedInputType(ctx.sql, index, expectationSql(expected), ctx.argSql[index] ?? "", arg.type);
  return arg;
}

// ---------- binary operators ----------

const isLiteral = (b: Bound) => b.kind === "lit" && b.value !== null;

/**
 * The coercions Spark applies to the two operands of a binary operator before checking them:
 * string promotion, decimal precision (integral literals take the digits they need), then the
 * tightest common type when `accepts` takes it. `comparison` widens two decimals to one type.
 */
export function coerceBinaryOperands(
  left: Bound, right: Bound, ctx: BindContext, accepts: TypeExpectation, comparison: boolean,
): [Bound, Bound] {
  // PromoteStrings (the ANSI rule; the legacy rule for arithmetic is promoteArithmeticStrings)
  let [l, r] = [left, right];
  const promoted = widerTypeForString(l.type, r.type);
  if (promoted !== null) {
    l = castBound(l, promoted, ctx);
    r = castBound(r, promoted, ctx);
  }
  const lt = l.type, rt = r.type;
  // DecimalPrecision
  if (lt.kind === "decimal" && rt.kind === "decimal") {
    if (comparison && !sameType(lt, rt)) {
      const w = widerDecimalType(lt, rt);
      return [castBound(l, w, ctx), castBound(r, w, ctx)];
    }
    return [l, r];
  }
  if (lt.kind === "decimal" || rt.kind === "decimal") {
    if (isIntegralType(lt)) {
      const d = isLiteral(l) ? decimalForLiteral(l.kind === "lit" ? (l.value as number) : 0) : decimalForType(lt);
      return coerceBinaryOperands(castBound(l, d, ctx), r, ctx, accepts, comparison);
    }
    if (isIntegralType(rt)) {
      const d = isLiteral(r) ? decimalForLiteral(r.kind === "lit" ? (r.value as number) : 0) : decimalForType(rt);
      return coerceBinaryOperands(l, castBound(r, d, ctx), ctx, accepts, comparison);
    }
    if (isFloatType(lt)) return coerceBinaryOperands(l, castBound(r, DOUBLE, ctx), ctx, accepts, comparison);
    if (isFloatType(rt)) return coerceBinaryOperands(castBound(l, DOUBLE, ctx), r, ctx, accepts, comparison);
    if (lt.kind === "null" || rt.kind === "null") {
      const t = lt.kind === "null" ? rt : lt;
      return [castBound(l, t, ctx), castBound(r, t, ctx)];
    }
    return [l, r];
  }
  // ImplicitTypeCasts
  if (!sameType(lt, rt)) {
    const common = tightestCommonType(lt, rt);
    if (common !== null && acceptsType(accepts, common)) return [castBound(l, common, ctx), castBound(r, common, ctx)];
  }
  return [l, r];
}

/** BinaryOperator.checkInputDataTypes: same types, of a kind the operator accepts. */
export function checkBinaryOperands(l: Bound, r: Bound, ctx: BindContext, accepts: TypeExpectation, allowDecimalMix = false): void {
  const lt = l.type, rt = r.type;
  if (allowDecimalMix && lt.kind === "decimal" && rt.kind === "decimal") return;
  if (!sameTypeIgnoringNullability(lt, rt)) {
    throw dataTypeMismatch("BINARY_OP_DIFF_TYPES", ctx.sql,
      `the left and right operands of the binary operator have incompatible types (${sqlType(lt)} and ${sqlType(rt)}).`);
  }
  if (!acceptsType(accepts, lt)) {
    throw dataTypeMismatch("BINARY_OP_WRONG_TYPE", ctx.sql,
      `the binary operator requires the input type ${expectationSql(accepts)}, not ${sqlType(lt)}.`);
  }
}

/** DataTypeUtils.sameType: equal ignoring nullability flags of nested types. */
export function sameTypeIgnoringNullability(a: DataType, b: DataType): boolean {
  return a.simpleString() === b.simpleString();
}

/** The value of a constant argument (a literal, or a folded cast of one); undefined when not constant. */
export function constantValue(b: Bound): { value: unknown } | undefined {
  if (b.kind === "lit") return { value: b.value };
  if (b.kind === "fn" && b.args.length === 0 && b.name === "cast") return { value: b.impl() };
  return undefined;
}
