// round(x[, d]): rounds to d decimal places (default 0) with HALF_UP; decimals exactly, doubles as BigDecimal.valueOf does.
import type { ScalarFunction } from "../function_def.ts";
import { bindRound } from "../rounding.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "round",
  minArgs: 1,
  maxArgs: 2,
  bind: (args, ctx) => bindRound(args, ctx, "HALF_UP", "round"),
};

export default fn;
