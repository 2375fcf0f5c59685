// Arithmetic kernels of the operator functions: exact integral math with Spark's overflow errors
// (or Java's wrap-around when ANSI is off), decimal math on bigints with Spark's MathContext(39,
// DOWN) followed by HALF_UP rounding to the result type, and ANSI interval math.
import { internalError } from "../errors.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import { DOUBLE, SHORT, type DataType, type DecimalType } from "../types/data_type.ts";
import type { Bound, BindContext } from "./bound.ts";
import { LONG_MAX, LONG_MIN, longFromBigInt, longToBigInt, type Long } from "../types/long.ts";
import {
  castBound, checkBinaryOperands, coerceBinaryOperands, decimalResultType, NUMERIC, NUMERIC_AND_INTERVAL,
} from "./coercion.ts";
import type { BoundCall } from "./function_def.ts";
import { digitCount, divRound, pow10, rescale, shiftRight, toPlainString } from "./decimal_ops.ts";
import {
  arithmeticOverflow, binaryArithmeticOverflow, decimalOutOfRange, intervalArithmeticOverflow, sqlValue,
} from "./expr_errors.ts";

export type IntegralKind = "byte" | "short" | "int" | "long";
export type ArithOp = "+" | "-" | "*";

const TRY_NAME: Record<ArithOp, string> = { "+": "try_add", "-": "try_subtract", "*": "try_multiply" };
const MAX_SAFE = 9007199254740991;

function applyBig(op: ArithOp, a: bigint, b: bigint): bigint {
  return op === "+" ? a + b : op === "-" ? a - b : a * b;
}

/** Java's two's complement narrowing of a bigint to a value of the integral kind (longs canonical). */
export function wrapTo(kind: IntegralKind, v: bigint): Long {
  switch (kind) {
    case "byte": return Number(BigInt.asIntN(8, v));
    case "short": return Number(BigInt.asIntN(16, v));
    case "int": return Number(BigInt.asIntN(32, v));
    case "long": return longFromBigInt(BigInt.asIntN(64, v));
  }
}

/**
 * +, - or * on two longs: ARITHMETIC_OVERFLOW in ANSI mode, Java wrap-around otherwise. Two
 * numbers whose result is still a safe integer never leave the fast path (the result of + - * on
 * safe integers is exact whenever it is itself within the safe range).
 */
export function longOp(op: ArithOp, ansi: boolean): (a: Long, b: Long) => Long {
  const slow = (a: Long, b: Long): Long => {
    const big = applyBig(op, longToBigInt(a), longToBigInt(b));
    if (big > LONG_MAX || big < LONG_MIN) {
      if (ansi) throw arithmeticOverflow("long overflow", TRY_NAME[op]);
      return longFromBigInt(BigInt.asIntN(64, big));
    }
    return longFromBigInt(big);
  };
  switch (op) {
    case "+":
      return (a, b) => {
        if (typeof a === "number" && typeof b === "number") {
          const r = a + b;
          if (r <= MAX_SAFE && r >= -MAX_SAFE) return r === 0 ? 0 : r;
        }
        return slow(a, b);
      };
    case "-":
      return (a, b) => {
        if (typeof a === "number" && typeof b === "number") {
          const r = a - b;
          if (r <= MAX_SAFE && r >= -MAX_SAFE) return r === 0 ? 0 : r;
        }
        return slow(a, b);
      };
    case "*":
      return (a, b) => {
        if (typeof a === "number" && typeof b === "number") {
          const r = a * b;
          if (r <= MAX_SAFE && r >= -MAX_SAFE) return r === 0 ? 0 : r;
        }
        return slow(a, b);
      };
  }
}

/** +, - or * on two values of an integral type: ARITHMETIC_OVERFLOW in ANSI mode, Java wrap-around otherwise. */
export function integralOp(op: ArithOp, kind: IntegralKind, ansi: boolean): (a: any, b: any) => Long {
  const calc = op === "+" ? (a: number, b: number) => a + b : op === "-" ? (a: number, b: number) => a - b : (a: number, b: number) => a * b;
  if (kind === "long") return longOp(op, ansi);
  if (kind === "int") {
    return (a, b) => {
      const r = calc(a, b);
      if (r > 2147483647 || r < -2147483648) {
        if (ansi) throw arithmeticOverflow("integer overflow", TRY_NAME[op]);
        return op === "*" ? Math.imul(a, b) : r | 0;
      }
      return r === 0 ? 0 : r;
    };
  }
  const [lo, hi] = kind === "byte" ? [-128, 127] : [-32768, 32767];
  const bits = kind === "byte" ? 24 : 16;
  return (a, b) => {
    const r = calc(a, b);
    if (r > hi || r < lo) {
      // Spark reports byte and short operands as SMALLINT literals ("127S + 1S").
      if (ansi) throw binaryArithmeticOverflow(sqlValue(a, SHORT), op, sqlValue(b, SHORT), TRY_NAME[op]);
      return (r << bits) >> bits;
    }
    return r === 0 ? 0 : r;
  };
}

/** Unary minus / abs overflow: "integer overflow", "long overflow", "byte overflow", "short overflow". */
export function negateIntegral(kind: IntegralKind, ansi: boolean): (a: any) => Long {
  if (kind === "long") {
    return (a: Long) => {
      if (typeof a === "number") return a === 0 ? 0 : -a;
      if (a === LONG_MIN) {
        if (ansi) throw arithmeticOverflow("long overflow");
        return a;
      }
      return -a;
    };
  }
  const [lo, name] = kind === "byte" ? [-128, "byte"] : kind === "short" ? [-32768, "short"] : kind === "int"
    ? [-2147483648, "integer"] : [-9223372036854775808, "long"];
  return (a) => {
    if (a <= lo) {
      if (ansi) throw arithmeticOverflow(`${name} overflow`);
      return a;
    }
    return a === 0 ? 0 : -a;
  };
}

// ---------- decimals ----------

/** Rounds an exact result to a decimal type (HALF_UP); NUMERIC_VALUE_OUT_OF_RANGE or null on overflow. */
export function checkDecimal(unscaled: bigint, scale: number, to: DecimalType, ansi: boolean): bigint | null {
  const v = rescale(unscaled, scale, to.scale, "HALF_UP");
  if ((v < 0n ? -v : v) < pow10(to.precision)) return v;
  if (ansi) throw decimalOutOfRange(toPlainString(unscaled, scale), to.precision, to.scale);
  return null;
}

/** Spark's Decimal MATH_CONTEXT: 39 significant digits, truncated (toPrecision rounds afterwards). */
const MC_DIGITS = 39;

/** Truncates to MC_DIGITS significant digits; returns [unscaled, scale]. */
function mathContext(unscaled: bigint, scale: number): [bigint, number] {
  const d = digitCount(unscaled);
  if (d <= MC_DIGITS) return [unscaled, scale];
  const drop = d - MC_DIGITS;
  return [shiftRight(unscaled, drop, "DOWN"), scale - drop];
}

/** Normalizes a negative scale to 0 as Spark's Decimal.set(BigDecimal) does. */
function nonNegativeScale(u: bigint, s: number): [bigint, number] {
  return s < 0 ? [u * pow10(-s), 0] : [u, s];
}

export type DecimalBinaryOp = "+" | "-" | "*" | "/" | "%" | "div";

/**
 * Decimal arithmetic: operands of types `a` and `b`, result rounded to `to` (HALF_UP).
 * Division/remainder by zero must be handled by the caller. `div` returns the truncated quotient.
 */
export function decimalOp(op: DecimalBinaryOp, a: DecimalType, b: DecimalType, to: DecimalType, ansi: boolean): (x: bigint, y: bigint) => bigint | null {
  const sa = a.scale, sb = b.scale, s = Math.max(sa, sb);
  const ka = pow10(s - sa), kb = pow10(s - sb);
  switch (op) {
    case "+":
      return (x, y) => checkDecimal(x * ka + y * kb, s, to, ansi);
    case "-":
      return (x, y) => checkDecimal(x * ka - y * kb, s, to, ansi);
    case "*":
      return (x, y) => {
        const [u, sc] = nonNegativeScale(...mathContext(x * y, sa + sb));
        return checkDecimal(u, sc, to, ansi);
      };
    case "/":
      return (x, y) => {
        const [u, sc] = nonNegativeScale(...divideMathContext(x, sa, y, sb));
        return checkDecimal(u, sc, to, ansi);
      };
    case "%":
      return (x, y) => checkDecimal((x * ka) % (y * kb), s, to, ansi);
    case "div":
      return (x, y) => checkDecimal((x * ka) / (y * kb), 0, to, ansi);
  }
}

/** BigDecimal.divide(divisor, MathContext(39, DOWN)): the quotient with 39 significant digits. */
export function divideMathContext(x: bigint, sx: number, y: bigint, sy: number): [bigint, number] {
  // q = (x / 10^sx) / (y / 10^sy) = N / D
  const N = sy >= sx ? x * pow10(sy - sx) : x, D = sy >= sx ? y : y * pow10(sx - sy);
  if (x === 0n) return [0n, 0];
  const an = N < 0n ? -N : N, ad = D < 0n ? -D : D;
  // number of integer digits e of |N / D|: 10^(e-1) <= |q| < 10^e
  let e = digitCount(an) - digitCount(ad);
  if (an * pow10(Math.max(0, -e)) >= ad * pow10(Math.max(0, e))) e += 1;
  const k = MC_DIGITS - e;
  const num = k >= 0 ? N * pow10(k) : N, den = k >= 0 ? D : D * pow10(-k);
  return [divRound(num, den, "DOWN"), k];
}

// ---------- intervals ----------

/** +/- on ANSI intervals (micros or months) with INTERVAL_ARITHMETIC_OVERFLOW. */
export function intervalOp(op: "+" | "-", months: boolean): (a: number, b: number) => number {
  const max = months ? 2147483647 : 9223372036854775807;
  const tryName = op === "+" ? "try_add" : "try_subtract";
  return (a, b) => {
    const r = op === "+" ? a + b : a - b;
    if (r > max || r < -max - 1 || (!months && Math.abs(r) > MAX_SAFE && exceedsLong(op, a, b))) {
      throw intervalArithmeticOverflow(tryName);
    }
    return r === 0 ? 0 : r;
  };
}

/** Interval micros are integral numbers; 2^63 (Long.MaxValue as a double) stands for Long.MaxValue. */
function microsToBigInt(v: number): bigint {
  return v >= 9223372036854775807 ? LONG_MAX : v <= -9223372036854775808 ? LONG_MIN : BigInt(v);
}

function exceedsLong(op: "+" | "-", a: number, b: number): boolean {
  const big = applyBig(op, microsToBigInt(a), microsToBigInt(b));
  return big > LONG_MAX || big < LONG_MIN;
}

export function isDecimal(t: DataType): t is DecimalType {
  return t.kind === "decimal";
}

// ---------- binding + - * of numbers and intervals ----------

/** Binds +, - or * of two numbers (or two intervals of the same kind for + and -) after coercion. */
export function bindNumericArithmetic(op: ArithOp, l0: Bound, r0: Bound, ctx: BindContext): BoundCall {
  const accepts = op === "*" ? NUMERIC : NUMERIC_AND_INTERVAL;
  let [l, r] = coerceBinaryOperands(l0, r0, ctx, accepts, false);
  if (l.type.kind === "null" && r.type.kind === "null") {
    // NULL op NULL: Spark types it as the operator's default (double).
    l = castBound(l, DOUBLE, ctx);
    r = castBound(r, DOUBLE, ctx);
  }
  checkBinaryOperands(l, r, ctx, accepts, true);
  const t = l.type;
  const nullable = l.nullable || r.nullable;
  const args = [l, r];
  switch (t.kind) {
    case "byte": case "short": case "int": case "long":
      return { type: t, nullable, args, impl: integralOp(op, t.kind, ctx.ansi) };
    case "double":
      return { type: t, nullable, args, impl: op === "+" ? (a: number, b: number) => a + b : op === "-" ? (a: number, b: number) => a - b : (a: number, b: number) => a * b,
        inline: ([a, b]) => `${a} ${op} ${b}` };
    case "float":
      return { type: t, nullable, args, impl: op === "+" ? (a: number, b: number) => Math.fround(a + b) : op === "-" ? (a: number, b: number) => Math.fround(a - b) : (a: number, b: number) => Math.fround(a * b),
        inline: ([a, b]) => `Math.fround(${a} ${op} ${b})` };
    case "decimal": {
      const rt = r.type as DecimalType;
      const to = decimalResultType(op, t, rt);
      return { type: to, nullable: nullable || !ctx.ansi, args, impl: decimalOp(op, t, rt, to, ctx.ansi) };
    }
    case "daytime_interval":
    case "yearmonth_interval":
      return { type: t, nullable, args, impl: intervalOp(op as "+" | "-", t.kind === "yearmonth_interval") };
    case "calendar_interval": {
      const sign = op === "+" ? 1 : -1;
      return { type: t, nullable, args, impl: (a: CalendarInterval, b: CalendarInterval) => {
        const months = a.months + sign * b.months, days = a.days + sign * b.days, micros = a.micros + sign * b.micros;
        if (Math.abs(months) > 2147483647 || Math.abs(days) > 2147483647 || Math.abs(micros) > 9223372036854775807) {
          throw arithmeticOverflow("integer overflow");
        }
        return new CalendarInterval(months, days, micros);
      } };
    }
    default:
      throw internalError(`arithmetic on ${t.simpleString()}`);
  }
}
