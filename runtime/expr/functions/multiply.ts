// a * b: numbers and decimals, or an interval times a number.
import { bindNumericArithmetic } from "../arith.ts";
import { promoteArithmeticStrings } from "../coercion.ts";
import { resolveIntervalMultiply } from "../datetime_arith.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "multiply",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    let [l, r] = [args[0]!, args[1]!];
    const iv = resolveIntervalMultiply(l, r, ctx);
    if (iv) return iv;
    [l, r] = promoteArithmeticStrings(l, r, ctx);
    return bindNumericArithmetic("*", l, r, ctx);
  },
};

export default fn;
