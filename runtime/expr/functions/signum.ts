// signum(x) (sign): -1.0, 0.0 or 1.0 as a double (NaN stays NaN, zeros keep their sign); Spark 4.1
// takes a DOUBLE (numbers are cast) or an ANSI interval (the sign of its months or microseconds).
import { DOUBLE } from "../../types/data_type.ts";
import { ANY_DAY_TIME_INTERVAL, ANY_YEAR_MONTH_INTERVAL, anyOf, castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";

const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : x);

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "signum",
  aliases: ["sign"],
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [anyOf(DOUBLE, ANY_YEAR_MONTH_INTERVAL, ANY_DAY_TIME_INTERVAL)], ctx);
    if (a!.type.kind === "double") return { type: DOUBLE, nullable: true, args: [a!], impl: (x: number) => (x > 0 ? 1 : x < 0 ? -1 : x) };
    return { type: DOUBLE, nullable: a!.nullable, args: [a!], impl: sign };
  },
};
export default fn;
