// instr(str, substr): the 1-based character position of the first substr in str, 0 when absent.
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT, STRING } from "../../types/data_type.ts";
import { codePointIndexOf } from "./locate.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "instr",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING, STRING], ctx);
    return { type: INT, nullable: typed.some((a) => a.nullable), args: typed, impl: (s: string, sub: string) => codePointIndexOf(s, sub, 0) + 1 };
  },
};
export default fn;
