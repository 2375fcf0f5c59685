// a - b: numbers, decimals, intervals, date/timestamp minus interval or days, and the differences
// timestamp - timestamp (INTERVAL DAY TO SECOND) and date - date (INTERVAL DAY).
import { bindNumericArithmetic } from "../arith.ts";
import { castBound, widerTypeForString } from "../coercion.ts";
import { resolveDatetimeSubtract } from "../datetime_arith.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "subtract",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    let [l, r] = [args[0]!, args[1]!];
    const promoted = widerTypeForString(l.type, r.type);
    if (promoted !== null) [l, r] = [castBound(l, promoted, ctx), castBound(r, promoted, ctx)];
    return resolveDatetimeSubtract(l, r, ctx) ?? bindNumericArithmetic("-", l, r, ctx);
  },
};

export default fn;
