// space(n): n spaces ("" when n <= 0).
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT, STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "space",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const typed = castArgs(args, [INT], ctx);
    return { type: STRING, nullable: typed[0]!.nullable, args: typed, impl: (n: number) => (n <= 0 ? "" : " ".repeat(n)) };
  },
};
export default fn;
