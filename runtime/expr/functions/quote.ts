// quote(str): str between single quotes, each single quote in it preceded by a backslash
// (ExpressionImplUtils.quote: backslashes are left alone).
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "quote",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING], ctx);
    return { type: STRING, nullable: true, args: typed, impl: (s: string) => `'${s.replaceAll("'", "\\'")}'` };
  },
};
export default fn;
