// lower(str) (lcase): lower-cases a string; other atomic types are cast to string first.
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "lower",
  aliases: ["lcase"],
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [STRING], ctx);
    return { type: STRING, nullable: a!.nullable, args: [a!], impl: (s: string) => s.toLowerCase(), inline: ([s]) => `${s}.toLowerCase()` };
  },
};

export default fn;
