// date_sub(start, days): the date `days` before `start`.
import type { ScalarFunction } from "../function_def.ts";
import { bindDateShift } from "./date_add.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "date_sub",
  minArgs: 2,
  maxArgs: 2,
  bind: (args, ctx) => bindDateShift(args, ctx, -1),
};
export default fn;
