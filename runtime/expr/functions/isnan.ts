// isnan(x): true for NaN, false otherwise (also for NULL).
import { anyOf, castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BOOLEAN, DOUBLE, FLOAT } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "isnan",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [anyOf(DOUBLE, FLOAT)], ctx);
    return { type: BOOLEAN, nullable: false, nullSafe: true, args: [a!], impl: (x: number | null) => x !== null && x !== x, inline: ([x]) => `(${x} !== null && ${x} !== ${x})` };
  },
};

export default fn;
