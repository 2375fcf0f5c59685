// NOT a: three-valued logical negation (NOT NULL is NULL); strings are cast to boolean.
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BOOLEAN } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "not",
  aliases: ["!"],
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [BOOLEAN], ctx);
    return { type: BOOLEAN, nullable: a!.nullable, args: [a!], impl: (x: boolean) => !x, inline: ([x]) => `!${x}` };
  },
};

export default fn;
