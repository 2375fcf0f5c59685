// pmod(a, b): the positive remainder ((a % b) + b) % b when a % b is negative; REMAINDER_BY_ZERO
// under ANSI, NULL otherwise.
import { decimalOp, isDecimal } from "../arith.ts";
import { castBound, checkBinaryOperands, coerceBinaryOperands, decimalResultType, NUMERIC, promoteArithmeticStrings } from "../coercion.ts";
import { remainderByZero } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE } from "../../types/data_type.ts";
import { longFromBigInt, longToBigInt, type Long } from "../../types/long.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "pmod",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    let [l, r] = promoteArithmeticStrings(args[0]!, args[1]!, ctx);
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
      const rs = r.type.scale;
      return {
        type: to, nullable: true, args: [l, r],
        impl: (a: bigint, b: bigint) => {
          if (b === 0n) return zero();
          const m = rem(a, b);
          if (m === null || m >= 0n) return m;
          // (m + b) % b, with b at the remainder's scale
          const bb = b * 10n ** BigInt(to.scale - rs);
          return (m + bb) % bb;
        },
      };
    }
    if (t.kind === "long") {
      return {
        type: t, nullable: true, args: [l, r],
        impl: (a: Long, b: Long) => {
          if (b === 0) return zero();
          // m + b stays exact while b > -2^52 (|m| < |b|).
          if (typeof a === "number" && typeof b === "number" && b > -4503599627370496) {
            const m = a % b;
            return (m < 0 ? (m + b) % b : m) || 0;
          }
          const x = longToBigInt(a), y = longToBigInt(b);
          const m = x % y;
          // (m + b) may leave the long range; Java wraps it before the second %.
          return longFromBigInt(m < 0n ? BigInt.asIntN(64, m + y) % y : m);
        },
      };
    }
    const finish = t.kind === "double" ? (v: number) => v
      : t.kind === "float" ? (v: number) => Math.fround(v)
      : t.kind === "byte" ? (v: number) => (v << 24) >> 24
      : t.kind === "short" ? (v: number) => (v << 16) >> 16
      : (v: number) => v || 0;
    return {
      type: t, nullable: true, args: [l, r],
      impl: (a: number, b: number) => {
        if (b === 0) return zero();
        const m = a % b;
        return finish(m < 0 ? (m + b) % b : m);
      },
    };
  },
};

export default fn;
