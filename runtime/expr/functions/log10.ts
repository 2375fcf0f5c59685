// log10(x): base-10 logarithm (StrictMath.log10); NULL for x <= 0.
import { castArgs } from "../coercion.ts";
import { strictLog10 } from "../fdlibm.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "log10",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [DOUBLE], ctx);
    return { type: DOUBLE, nullable: true, args: [a!], impl: (x: number) => (x <= 0 ? null : strictLog10(x)) };
  },
};

export default fn;
