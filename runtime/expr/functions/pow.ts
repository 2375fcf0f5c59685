// pow(x, y) (power): x raised to y as a double. JavaScript's Math.pow has the same special cases
// as Java's StrictMath.pow (pow(x, 0) = 1 even for NaN, pow(1, NaN) = NaN, pow(-1, ±Infinity) = NaN).
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "pow",
  aliases: ["power"],
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const [a, b] = castArgs(args, [DOUBLE, DOUBLE], ctx);
    return { type: DOUBLE, nullable: a!.nullable || b!.nullable, args: [a!, b!], impl: Math.pow, inline: ([x, y]) => `Math.pow(${x}, ${y})` };
  },
};

export default fn;
