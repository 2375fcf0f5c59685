// round / bround / ceil(x, d) / floor(x, d) (Spark's RoundBase): decimals exactly on bigints,
// doubles through the decimal Java's Double.toString writes (BigDecimal.valueOf), integers with
// a negative scale through BigDecimal.setScale, ARITHMETIC_OVERFLOW when they no longer fit.
import { SluiceError } from "../errors.ts";
import { DecimalType, DOUBLE, INT, LONG, type DataType } from "../types/data_type.ts";
import type { Bound, BindContext } from "./bound.ts";
import { ANY_DECIMAL, anyOf, castArgs, castBound, constantValue, decimalForType, isNumericType, NUMERIC } from "./coercion.ts";
import { parseBigDecimal, pow10, rescale, type RoundingMode } from "./decimal_ops.ts";
import { arithmeticOverflow, dataTypeMismatch, sqlType } from "./expr_errors.ts";
import type { BoundCall } from "./function_def.ts";
import { javaDoubleToString } from "./java_format.ts";
import { longFromBigInt, longFromIntegralDouble, longToBigInt, type Long } from "../types/long.ts";

/** BigDecimal.valueOf(d).setScale(scale, mode).doubleValue() for a finite double. */
export function roundDouble(d: number, scale: number, mode: RoundingMode): number {
  if (!Number.isFinite(d)) return d;
  const p = parseBigDecimal(javaDoubleToString(d))!;
  const u = rescale(p.unscaled, p.scale, scale, mode);
  // A BigDecimal has no negative zero: round(-0.4) is 0.0.
  return u === 0n ? 0 : Number(`${u}e${-scale}`);
}

const INTEGRAL_RANGE: Record<string, [bigint, bigint]> = {
  byte: [-128n, 127n], short: [-32768n, 32767n], int: [-2147483648n, 2147483647n],
  long: [-9223372036854775808n, 9223372036854775807n],
};

/** RoundBase's result type. */
export function roundResultType(t: DataType, scale: number): DataType {
  if (t.kind !== "decimal") return t;
  const { precision: p, scale: s } = t;
  const intDigits = p - s + 1;
  if (scale < 0) return new DecimalType(Math.min(Math.max(intDigits, -scale + 1), 38), 0);
  const newScale = Math.min(s, scale);
  return new DecimalType(Math.min(intDigits + newScale, 38), newScale);
}

/** The integer value of a foldable scale argument (Spark requires a literal INT). */
function literalScale(b: Bound | undefined, name: string, ctx: BindContext): number | null {
  if (b === undefined) return 0;
  const c = constantValue(b);
  if (c === undefined) {
    throw dataTypeMismatch("NON_FOLDABLE_INPUT", ctx.sql,
      `the input \`scale\` should be a foldable ${sqlType(b.type)} expression; however, got "${ctx.argSql[1] ?? ""}".`);
  }
  if (c.value === null) return null;
  if (typeof c.value !== "number") throw new SluiceError("INTERNAL_ERROR", `${name}: scale is not an int`, { kind: "internal" });
  return c.value;
}

/**
 * Binds round-like functions: (x[, scale]). `decimalOnly` is ceil/floor with a scale, whose input is
 * first made a decimal (doubles become DECIMAL(30,15)).
 */
export function bindRound(args: readonly Bound[], ctx: BindContext, mode: RoundingMode, name: string, decimalOnly = false): BoundCall {
  const [x, s] = castArgs(args, [decimalOnly ? ANY_DECIMAL : NUMERIC, INT], ctx) as [Bound, Bound | undefined];
  const scale = literalScale(s, name, ctx);
  const t = x.type;
  const args2 = s ? [x, s] : [x];
  if (scale === null) return { type: roundResultType(t, 0), nullable: true, args: args2, impl: () => null };
  const type = roundResultType(t, scale);
  const base = { type, nullable: true, args: [x] };
  switch (t.kind) {
    case "decimal": {
      const to = type as DecimalType, from = t.scale;
      if (scale >= 0) {
        return { ...base, impl: (u: bigint) => {
          const v = rescale(u, from, to.scale, mode);
          return (v < 0n ? -v : v) < pow10(to.precision) ? v : null;
        } };
      }
      return { ...base, impl: (u: bigint) => {
        const v = rescale(rescale(u, from, scale, mode), scale, 0);
        return (v < 0n ? -v : v) < pow10(to.precision) ? v : null;
      } };
    }
    case "double":
      return { ...base, impl: (d: number) => roundDouble(d, scale, mode) };
    case "float":
      return { ...base, impl: (f: number) => (Number.isFinite(f) ? Math.fround(roundDouble(f, scale, mode)) : f) };
    case "byte": case "short": case "int": case "long": {
      if (scale >= 0) return { ...base, impl: (v: Long) => v };
      const [lo, hi] = INTEGRAL_RANGE[t.kind]!;
      const ansi = ctx.ansi;
      const bits = t.kind === "byte" ? 8 : t.kind === "short" ? 16 : t.kind === "int" ? 32 : 64;
      return { ...base, impl: (v: Long) => {
        const r = rescale(rescale(longToBigInt(v), 0, scale, mode), scale, 0);
        if (r < lo || r > hi) {
          if (ansi) throw arithmeticOverflow("Overflow");
          return longFromBigInt(BigInt.asIntN(bits, r));
        }
        return longFromBigInt(r);
      } };
    }
    default:
      return { ...base, impl: (v: unknown) => v };
  }
}

/** ceil/floor with one argument: BIGINT for numbers, DECIMAL(p - s + 1, 0) for decimals (always nullable, as Spark's). */
export function bindCeilFloor(args: readonly Bound[], ctx: BindContext, mode: "CEILING" | "FLOOR", name: string): BoundCall {
  if (args.length === 2) {
    const x = args[0]!;
    const t = x.type.kind === "string" || x.type.kind === "null" ? DOUBLE : x.type;
    const d = x.type.kind === "decimal" || !isNumericType(t) ? x : castBound(x, decimalForType(t), ctx);
    return bindRound([d, args[1]!], ctx, mode, name, true);
  }
  const [x] = castArgs(args, [anyOf(DOUBLE, ANY_DECIMAL, LONG)], ctx);
  const t = x!.type;
  if (t.kind === "decimal") {
    if (t.scale === 0) return { type: t, nullable: true, args: [x!], impl: (u: bigint) => u };
    const to = new DecimalType(Math.min(t.precision - t.scale + 1, 38), 0);
    const from = t.scale;
    return { type: to, nullable: true, args: [x!], impl: (u: bigint) => rescale(u, from, 0, mode) };
  }
  if (t.kind === "long") return { type: t, nullable: true, args: [x!], impl: (v: Long) => v, inline: ([v]) => v! };
  const f = mode === "CEILING" ? Math.ceil : Math.floor;
  return {
    type: LONG, nullable: true, args: [x!],
    impl: (d: number) => {
      // Java's (long) conversion: NaN -> 0, saturating at the long range.
      if (d !== d) return 0;
      return longFromIntegralDouble(f(d));
    },
  };
}
