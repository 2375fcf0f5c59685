// ascii(str): the code point of the first character, 0 for the empty string.
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT, STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "ascii",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING], ctx);
    return { type: INT, nullable: typed[0]!.nullable, args: typed, impl: (s: string) => (s.length === 0 ? 0 : s.codePointAt(0)!) };
  },
};
export default fn;
