// floor(x): BIGINT for numbers (Java's saturating conversion), DECIMAL(p - s + 1, 0) for decimals;
// floor(x, d) rounds down to d decimal places as a decimal.
import type { ScalarFunction } from "../function_def.ts";
import { bindCeilFloor } from "../rounding.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "floor",
  minArgs: 1,
  maxArgs: 2,
  bind: (args, ctx) => bindCeilFloor(args, ctx, "FLOOR", "floor"),
};

export default fn;
