// equal_null(a, b): Spark's EqualNull, the <=> comparison as a function (true for two NULLs,
// false for one, never NULL); it keeps its own name.
import { comparisonFunction } from "../comparison.ts";
import type { ScalarFunction } from "../function_def.ts";

const nullSafe = comparisonFunction("equal_null_safe", "<=>");

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "equal_null",
  minArgs: 2,
  maxArgs: 2,
  bind: (args, ctx) => ({ ...nullSafe.bind(args, ctx), printed: (a) => `equal_null(${a.join(", ")})` }),
};

export default fn;
