// log(x) is ln(x); log(base, x) is ln(x) / ln(base). NULL when x <= 0 or base <= 0 (Spark's Logarithm).
import { castArgs } from "../coercion.ts";
import { strictLog } from "../fdlibm.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "log",
  minArgs: 1,
  maxArgs: 2,
  bind(args, ctx) {
    const typed = castArgs(args, [DOUBLE, DOUBLE], ctx);
    if (typed.length === 1) {
      return { type: DOUBLE, nullable: true, args: typed, impl: (x: number) => (x <= 0 ? null : strictLog(x)) };
    }
    return {
      type: DOUBLE, nullable: true, args: typed,
      impl: (base: number, x: number) => (x <= 0 || base <= 0 ? null : strictLog(x) / strictLog(base)),
    };
  },
};

export default fn;
