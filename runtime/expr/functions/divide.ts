// a / b: always fractional. Integers are divided as doubles, decimals with Spark's result type
// (rounded HALF_UP), intervals by a number. Division by zero is DIVIDE_BY_ZERO under ANSI, else NULL.
import { decimalOp } from "../arith.ts";
import {
  anyOf, ANY_DECIMAL, castBound, checkBinaryOperands, coerceBinaryOperands, decimalResultType, isNumericType,
  promoteArithmeticStrings,
} from "../coercion.ts";
import { resolveIntervalDivide } from "../datetime_arith.ts";
import { divideByZero } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE, type DecimalType } from "../../types/data_type.ts";

const DOUBLE_OR_DECIMAL = anyOf(DOUBLE, ANY_DECIMAL);

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "divide",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const iv = resolveIntervalDivide(args[0]!, args[1]!, ctx);
    if (iv) return iv;
    let [l, r] = promoteArithmeticStrings(args[0]!, args[1]!, ctx);
    [l, r] = coerceBinaryOperands(l, r, ctx, DOUBLE_OR_DECIMAL, false);
    const numericOrNull = (k: typeof l) => isNumericType(k.type) || k.type.kind === "null";
    // Spark's Division rule: anything that is not already double or decimal is divided as doubles.
    if (!(l.type.kind === "decimal" && r.type.kind === "decimal") && !(l.type.kind === "double" && r.type.kind === "double") &&
      numericOrNull(l) && numericOrNull(r)) {
      l = castBound(l, DOUBLE, ctx);
      r = castBound(r, DOUBLE, ctx);
    }
    checkBinaryOperands(l, r, ctx, DOUBLE_OR_DECIMAL, true);
    const ansi = ctx.ansi;
    if (l.type.kind === "decimal") {
      const lt = l.type, rt = r.type as DecimalType;
      const to = decimalResultType("/", lt, rt);
      const div = decimalOp("/", lt, rt, to, ansi);
      return {
        type: to, nullable: true, args: [l, r],
        impl: (a: bigint, b: bigint) => {
          if (b === 0n) {
            if (ansi) throw divideByZero();
            return null;
          }
          return div(a, b);
        },
      };
    }
    return {
      type: DOUBLE, nullable: true, args: [l, r],
      impl: (a: number, b: number) => {
        if (b === 0) {
          if (ansi) throw divideByZero();
          return null;
        }
        return a / b;
      },
    };
  },
};

export default fn;
