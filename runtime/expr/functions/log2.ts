// log2(x): ln(x) / ln(2) as Spark computes it; NULL for x <= 0.
import { castArgs } from "../coercion.ts";
import { strictLog } from "../fdlibm.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE } from "../../types/data_type.ts";

const LN2 = strictLog(2);

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "log2",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [DOUBLE], ctx);
    return { type: DOUBLE, nullable: true, args: [a!], impl: (x: number) => (x <= 0 ? null : strictLog(x) / LN2) };
  },
};

export default fn;
