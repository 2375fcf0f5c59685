// The comparison operators (=, <=>, !=, <, <=, >, >=): Spark's coercion of the two sides, its
// ordering rules (NaN largest and equal to itself, strings by code point, null-first arrays and
// structs), and inline JavaScript for the types on the hot path.
import { BOOLEAN, LONG } from "../types/data_type.ts";
import { longFromBigInt } from "../types/long.ts";
import type { Bound, BindContext } from "./bound.ts";
import { ANY, castBound, coerceBinaryOperands, sameTypeIgnoringNullability } from "./coercion.ts";
import { dataTypeMismatch, sqlType } from "./expr_errors.ts";
import type { BoundCall, ScalarFunction } from "./function_def.ts";
import { comparatorFor, equalityFor, isOrderable } from "./value_ordering.ts";

export type ComparisonOp = "=" | "<=>" | "!=" | "<" | "<=" | ">" | ">=";

const isPlainNumber = (k: string) =>
  k === "byte" || k === "short" || k === "int" || k === "long" || k === "date" || k === "timestamp" ||
  k === "timestamp_ntz" || k === "time" || k === "daytime_interval" || k === "yearmonth_interval" || k === "decimal" || k === "boolean";

/** Inline JS for `a op b` on doubles with NaN equal to itself and larger than everything. */
function doubleInline(op: ComparisonOp, a: string, b: string): string {
  switch (op) {
    case "=": case "<=>": return `(${a} === ${b} || (${a} !== ${a} && ${b} !== ${b}))`;
    case "!=": return `!(${a} === ${b} || (${a} !== ${a} && ${b} !== ${b}))`;
    case "<": return `(${a} < ${b} || (${b} !== ${b} && ${a} === ${a}))`;
    case "<=": return `(${a} <= ${b} || ${b} !== ${b})`;
    case ">": return `(${a} > ${b} || (${a} !== ${a} && ${b} === ${b}))`;
    case ">=": return `(${a} >= ${b} || ${a} !== ${a})`;
  }
}

const LONG_MIN = -(1n << 63n), LONG_MAX = (1n << 63n) - 1n;
const isIntegral = (b: Bound) => b.type.kind === "byte" || b.type.kind === "short" || b.type.kind === "int" || b.type.kind === "long";
const decimalLiteral = (b: Bound) => b.kind === "lit" && b.type.kind === "decimal" && b.value !== null;

/** floor (or ceil) of a decimal literal's value, as a bigint. */
function roundDecimal(b: Bound, up: boolean): bigint {
  const scale = (b.type as { scale: number }).scale;
  const v = (b as { value: unknown }).value as bigint, p = 10n ** BigInt(Math.max(scale, 0));
  let q = scale > 0 ? v / p : v * 10n ** BigInt(-scale);
  if (scale > 0 && v % p !== 0n && (v < 0n) !== up) q += up ? 1n : -1n;
  return q;
}

/**
 * DecimalPrecisionTypeCoercion.integralAndDecimalLiteral: an integral value compared with a
 * decimal literal is compared with the literal's floor or ceiling as a BIGINT (or folded to
 * true/false beyond the long range), which is also how Spark prints it.
 */
function integralWithDecimalLiteral(op: ComparisonOp, left: Bound, right: Bound, ctx: BindContext): BoundCall | undefined {
  if (op !== "<" && op !== "<=" && op !== ">" && op !== ">=") return undefined;
  const intLeft = isIntegral(left) && decimalLiteral(right);
  if (!intLeft && !(decimalLiteral(left) && isIntegral(right))) return undefined;
  const lit = intLeft ? right : left;
  // Which rounding each case takes: `i > d` compares with floor(d), `i >= d` with ceil(d), … (mirrored when the literal is left).
  const greater = op === ">" || op === ">=";
  const useCeil = intLeft ? op === ">=" || op === "<" : op === ">" || op === "<=";
  const n = roundDecimal(lit, useCeil);
  const exact = (lit as { value: unknown }).value as bigint;
  const scale = (lit.type as { scale: number }).scale;
  const smaller = exact < LONG_MIN * 10n ** BigInt(Math.max(scale, 0)), larger = exact > LONG_MAX * 10n ** BigInt(Math.max(scale, 0));
  if (smaller || larger) {
    // i > tiny: true; i < tiny: false; … and the mirrored forms.
    const value = intLeft ? (smaller ? greater : !greater) : (smaller ? !greater : greater);
    return { type: BOOLEAN, nullable: false, args: [], nullSafe: true, impl: () => value, printed: () => String(value) };
  }
  const longLit: Bound = { kind: "lit", value: longFromBigInt(n), type: LONG, nullable: false };
  const bound = intLeft ? bindComparison(op, left, longLit, ctx) : bindComparison(op, longLit, right, ctx);
  return { ...bound, printed: (a) => (intLeft ? `(${a[0]} ${op} ${n})` : `(${n} ${op} ${a[1]})`) };
}

/** Binds a comparison of two values, coercing them to a common type first. */
export function bindComparison(op: ComparisonOp, left: Bound, right: Bound, ctx: BindContext): BoundCall {
  const folded = integralWithDecimalLiteral(op, left, right, ctx);
  if (folded) return folded;
  let [l, r] = coerceBinaryOperands(left, right, ctx, ANY, true);
  if (l.type.kind === "null" && r.type.kind !== "null") l = castBound(l, r.type, ctx);
  if (r.type.kind === "null" && l.type.kind !== "null") r = castBound(r, l.type, ctx);
  const t = l.type;
  if (!sameTypeIgnoringNullability(t, r.type)) {
    throw dataTypeMismatch("BINARY_OP_DIFF_TYPES", ctx.sql,
      `the left and right operands of the binary operator have incompatible types (${sqlType(t)} and ${sqlType(r.type)}).`);
  }
  if (!isOrderable(t)) {
    const symbol = op === "!=" ? "=" : op;
    throw dataTypeMismatch("INVALID_ORDERING_TYPE", ctx.sql, `The \`${symbol}\` does not support ordering on type ${sqlType(t)}.`);
  }
  const args = [l, r];
  if (op === "<=>") {
    const eq = equalityFor(t);
    const inline = t.kind === "float" || t.kind === "double"
      ? ([a, b]: readonly string[]) => `(${a} === null || ${b} === null ? ${a} === ${b} : ${doubleInline("=", a!, b!)})`
      : isPlainNumber(t.kind) || t.kind === "string"
        ? ([a, b]: readonly string[]) => `${a} === ${b}`
        : undefined;
    return {
      type: BOOLEAN, nullable: false, nullSafe: true, args, inline,
      impl: (a: unknown, b: unknown) => (a === null || b === null ? a === b : eq(a, b)),
      exactMicros: true,
    };
  }
  const nullable = l.nullable || r.nullable;
  // Timestamps and day-time intervals beyond ±2^53 µs are bigints, compared exactly (types/long.ts).
  if (t.kind === "timestamp" || t.kind === "timestamp_ntz" || t.kind === "daytime_interval") {
    const js = op === "=" ? "===" : op === "!=" ? "!==" : op;
    return { type: BOOLEAN, nullable, args, impl: predicate(op, comparatorFor(t), equalityFor(t)), inline: ([a, b]) => `${a} ${js} ${b}`, exactMicros: true };
  }
  if (t.kind === "float" || t.kind === "double") {
    const cmp = comparatorFor(t), eq = equalityFor(t);
    return { type: BOOLEAN, nullable, args, impl: predicate(op, cmp, eq), inline: ([a, b]) => doubleInline(op, a!, b!) };
  }
  if (isPlainNumber(t.kind) || t.kind === "null") {
    const js = op === "=" ? "===" : op === "!=" ? "!==" : op;
    return { type: BOOLEAN, nullable, args, impl: predicate(op, comparatorFor(t), equalityFor(t)), inline: ([a, b]) => `${a} ${js} ${b}` };
  }
  if (t.kind === "string" && (op === "=" || op === "!=")) {
    const js = op === "=" ? "===" : "!==";
    return { type: BOOLEAN, nullable, args, impl: op === "=" ? (a: string, b: string) => a === b : (a: string, b: string) => a !== b, inline: ([a, b]) => `${a} ${js} ${b}` };
  }
  return { type: BOOLEAN, nullable, args, impl: predicate(op, comparatorFor(t), equalityFor(t)) };
}

function predicate(op: ComparisonOp, cmp: (a: any, b: any) => number, eq: (a: any, b: any) => boolean): (a: any, b: any) => boolean {
  switch (op) {
    case "=": case "<=>": return eq;
    case "!=": return (a, b) => !eq(a, b);
    case "<": return (a, b) => cmp(a, b) < 0;
    case "<=": return (a, b) => cmp(a, b) <= 0;
    case ">": return (a, b) => cmp(a, b) > 0;
    case ">=": return (a, b) => cmp(a, b) >= 0;
  }
}

/** A ScalarFunction for one comparison operator. */
export function comparisonFunction(name: string, op: ComparisonOp, aliases: readonly string[] = []): ScalarFunction {
  return {
    kind: "scalar", name, aliases, minArgs: 2, maxArgs: 2,
    bind: (args, ctx) => bindComparison(op, args[0]!, args[1]!, ctx),
  };
}
