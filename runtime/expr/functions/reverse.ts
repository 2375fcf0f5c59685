// reverse(x): a string with its characters in reverse order, or an array with its elements reversed.
import { anyOf, ANY_ARRAY, castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "reverse",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [anyOf(STRING, ANY_ARRAY)], ctx);
    const impl = a!.type.kind === "array" ? (v: unknown[]) => v.slice().reverse() : (s: string) => [...s].reverse().join("");
    return { type: a!.type, nullable: a!.nullable, args: [a!], impl };
  },
};
export default fn;
