// repeat(str, n): str n times ("" when n <= 0).
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT, STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "repeat",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING, INT], ctx);
    return { type: STRING, nullable: typed.some((a) => a.nullable), args: typed, impl: (s: string, n: number) => (n <= 0 ? "" : s.repeat(n)) };
  },
};
export default fn;
