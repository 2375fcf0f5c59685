// upper(str) (ucase): upper-cases a string ('ß' becomes 'SS', as in Java).
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "upper",
  aliases: ["ucase"],
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [STRING], ctx);
    return { type: STRING, nullable: a!.nullable, args: [a!], impl: (s: string) => s.toUpperCase(), inline: ([s]) => `${s}.toUpperCase()` };
  },
};

export default fn;
