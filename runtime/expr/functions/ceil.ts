// ceil(x) (ceiling): BIGINT for numbers (Java's saturating conversion), DECIMAL(p - s + 1, 0) for
// decimals; ceil(x, d) rounds up to d decimal places as a decimal.
import type { ScalarFunction } from "../function_def.ts";
import { bindCeilFloor } from "../rounding.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "ceil",
  aliases: ["ceiling"],
  minArgs: 1,
  maxArgs: 2,
  bind: (args, ctx) => bindCeilFloor(args, ctx, "CEILING", "ceil"),
};

export default fn;
