// try_to_number(expr, fmt): to_number, NULL when the string does not match the format.
import type { ScalarFunction } from "../function_def.ts";
import { bindToNumber } from "./to_number.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "try_to_number",
  minArgs: 2,
  maxArgs: 2,
  bind: (args, ctx) => bindToNumber(args, ctx, false),
};
export default fn;
