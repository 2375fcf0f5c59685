// bround(x[, d]): like round with HALF_EVEN (banker's rounding).
import type { ScalarFunction } from "../function_def.ts";
import { bindRound } from "../rounding.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "bround",
  minArgs: 1,
  maxArgs: 2,
  bind: (args, ctx) => bindRound(args, ctx, "HALF_EVEN", "bround"),
};

export default fn;
