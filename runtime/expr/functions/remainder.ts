// a % b (and mod(a, b)): the remainder with the sign of the dividend, as Java computes it;
// REMAINDER_BY_ZERO under ANSI, NULL otherwise.
import { decimalOp, isDecimal } from "../arith.ts";
import { longFromBigInt, longToBigInt, type Long } from "../../types/long.ts";
import {
  castBound, checkBinaryOperands, coerceBinaryOperands, decimalResultType, NUMERIC, promoteArithmeticStrings,
} from "../coercion.ts";
import { remainderByZero } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "mod",
  aliases: ["remainder"],
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    let [l, r] = [args[0]!, args[1]!];
    [l, r] = promoteArithmeticStrings(l, r, ctx);
    [l, r] = coerceBinaryOperands(l, r, ctx, NUMERIC, false);
    if (l.type.kind === "null" && r.type.kind === "null") [l, r] = [castBound(l, DOUBLE, ctx), castBound(r, DOUBLE, ctx)];
    checkBinaryOperands(l, r, ctx, NUMERIC, true);
    const ansi = ctx.ansi;
    const zero = () => {
      if (ansi) throw remainderByZero();
      return null;
    };
    const t = l.type;
    if (isDecimal(t) && isDecimal(r.type)) {
      const to = decimalResultType("%", t, r.type);
      const rem = decimalOp("%", t, r.type, to, ansi);
      return { type: to, nullable: true, args: [l, r], impl: (a: bigint, b: bigint) => (b === 0n ? zero() : rem(a, b)) };
    }
    if (t.kind === "float") {
      return { type: t, nullable: true, args: [l, r], impl: (a: number, b: number) => (b === 0 ? zero() : Math.fround(a % b)) };
    }
    if (t.kind === "long") {
      return {
        type: t, nullable: true, args: [l, r],
        impl: (a: Long, b: Long) => {
          if (b === 0) return zero();
          if (typeof a === "number" && typeof b === "number") return a % b || 0;
          return longFromBigInt(longToBigInt(a) % longToBigInt(b));
        },
      };
    }
    if (t.kind === "double") {
      return { type: t, nullable: true, args: [l, r], impl: (a: number, b: number) => (b === 0 ? zero() : a % b) };
    }
    return { type: t, nullable: true, args: [l, r], impl: (a: number, b: number) => (b === 0 ? zero() : a % b || 0) };
  },
};

export default fn;
