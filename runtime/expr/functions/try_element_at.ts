// try_element_at(array, i) / try_element_at(map, k): element_at that returns NULL instead of
// failing on an invalid index.
import type { ScalarFunction } from "../function_def.ts";
import { bindElementAt } from "./element_at.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "try_element_at",
  minArgs: 2,
  maxArgs: 2,
  bind: (args, ctx) => bindElementAt(args, ctx, true),
};

export default fn;
