// sqrt(x): square root as a double (NaN for negative input).
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "sqrt",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [DOUBLE], ctx);
    // Spark's UnaryMathExpression is always nullable.
    return { type: DOUBLE, nullable: true, args: [a!], impl: Math.sqrt, inline: ([x]) => `Math.sqrt(${x})` };
  },
};

export default fn;
