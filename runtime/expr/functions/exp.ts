// exp(x): e^x as StrictMath.exp computes it (Spark's Exp), always nullable like Spark's math functions.
import { castArgs } from "../coercion.ts";
import { strictExp } from "../fdlibm.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "exp",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [DOUBLE], ctx);
    return { type: DOUBLE, nullable: true, args: [a!], impl: strictExp };
  },
};

export default fn;
