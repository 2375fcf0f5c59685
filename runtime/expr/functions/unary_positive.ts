// +a (positive(a)): the value itself, for numbers and intervals; strings become doubles.
import { castArgs, castBound, NUMERIC_AND_INTERVAL } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "positive",
  aliases: ["unary_positive"],
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const arg = args[0]!.type.kind === "string" ? castBound(args[0]!, DOUBLE, ctx) : args[0]!;
    const [a] = castArgs([arg], [NUMERIC_AND_INTERVAL], ctx);
    return { type: a!.type, nullable: a!.nullable, args: [a!], impl: (x: unknown) => x, inline: ([x]) => x! };
  },
};

export default fn;
