// a div b: integral division returning BIGINT (integers as longs, decimals truncated, intervals of
// the same kind); DIVIDE_BY_ZERO and "Overflow in integral divide" under ANSI.
import { decimalOp, isDecimal } from "../arith.ts";
import { longFromBigInt, longToBigInt, wrapLong, type Long } from "../../types/long.ts";
import {
  ANY_DAY_TIME_INTERVAL, ANY_DECIMAL, ANY_YEAR_MONTH_INTERVAL, anyOf, castBound, checkBinaryOperands,
  coerceBinaryOperands, decimalResultType, promoteArithmeticStrings,
} from "../coercion.ts";
import { arithmeticOverflow, divideByZero } from "../expr_errors.ts";
import type { Bound, BindContext } from "../bound.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import { LONG } from "../../types/data_type.ts";

const ACCEPTS = anyOf(LONG, ANY_DECIMAL, ANY_YEAR_MONTH_INTERVAL, ANY_DAY_TIME_INTERVAL);

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "div",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    // IntegralDivide prints as the operator, also when called as div(a, b).
    return { ...bindDiv(args, ctx), printed: (a) => `(${a[0]} div ${a[1]})` };
  },
};

function bindDiv(args: readonly Bound[], ctx: BindContext): BoundCall {
  let [l, r] = [args[0]!, args[1]!];
  [l, r] = promoteArithmeticStrings(l, r, ctx);
  // IntegralDivision: byte, short and int operands are divided as longs.
  const toLong = (b: Bound) => (b.type.kind === "byte" || b.type.kind === "short" || b.type.kind === "int" ? castBound(b, LONG, ctx) : b);
  [l, r] = coerceBinaryOperands(toLong(l), toLong(r), ctx, ACCEPTS, false);
  [l, r] = [toLong(l), toLong(r)];
  if (l.type.kind === "null" && r.type.kind === "null") [l, r] = [castBound(l, LONG, ctx), castBound(r, LONG, ctx)];
  checkBinaryOperands(l, r, ctx, ACCEPTS, true);
  const ansi = ctx.ansi;
  const zero = () => {
    if (ansi) throw divideByZero();
    return null;
  };
  const t = l.type;
  if (isDecimal(t) && isDecimal(r.type)) {
    const to = decimalResultType("div", t, r.type);
    const quot = decimalOp("div", t, r.type, to, ansi);
    return {
      type: LONG, nullable: true, args: [l, r],
      impl: (a: bigint, b: bigint) => {
        if (b === 0n) return zero();
        const q = quot(a, b);
        return q === null ? null : wrapLong(q);
      },
    };
  }
  const checkOverflow = t.kind === "long" && ansi;
  return {
    type: LONG, nullable: true, args: [l, r],
    impl: (a: Long, b: Long) => {
      if (b === 0) return zero();
      // Below 2^52 the correctly rounded quotient never crosses an integer, so truncating it is exact.
      if (typeof a === "number" && typeof b === "number" && a < 4503599627370496 && a > -4503599627370496) return Math.trunc(a / b) || 0;
      const big = longToBigInt(a) / longToBigInt(b);
      if (big > 9223372036854775807n) {
        if (checkOverflow) throw arithmeticOverflow("Overflow in integral divide", "try_divide");
        return wrapLong(big);
      }
      return longFromBigInt(big);
    },
  };
}

export default fn;
