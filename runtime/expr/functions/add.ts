// a + b: numbers (with Spark's ANSI overflow errors), decimals, intervals, and date/timestamp
// plus interval or days.
import { bindNumericArithmetic } from "../arith.ts";
import { promoteArithmeticStrings } from "../coercion.ts";
import { resolveDatetimeAdd } from "../datetime_arith.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "add",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    let [l, r] = [args[0]!, args[1]!];
    [l, r] = promoteArithmeticStrings(l, r, ctx);
    return resolveDatetimeAdd(l, r, ctx) ?? bindNumericArithmetic("+", l, r, ctx);
  },
};

export default fn;
