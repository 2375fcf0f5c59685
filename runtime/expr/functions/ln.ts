// ln(x): natural logarithm (StrictMath.log); NULL for x <= 0, as Spark's Log.
import { castArgs } from "../coercion.ts";
import { strictLog } from "../fdlibm.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "ln",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [DOUBLE], ctx);
    return { type: DOUBLE, nullable: true, args: [a!], impl: (x: number) => (x <= 0 ? null : strictLog(x)) };
  },
};

export default fn;
