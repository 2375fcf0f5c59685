// a - b: numbers, decimals, intervals, date/timestamp minus interval or days, and the differences
// timestamp - timestamp (INTERVAL DAY TO SECOND) and date - date (INTERVAL DAY).
import { bindNumericArithmetic } from "../arith.ts";
import { promoteArithmeticStrings } from "../coercion.ts";
import { resolveDatetimeSubtract } from "../datetime_arith.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "subtract",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    let [l, r] = [args[0]!, args[1]!];
    [l, r] = promoteArithmeticStrings(l, r, ctx);
    return resolveDatetimeSubtract(l, r, ctx) ?? bindNumericArithmetic("-", l, r, ctx);
  },
};

export default fn;
