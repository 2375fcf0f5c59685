// least(a, b, …): the smallest non-NULL argument (NULL only when all are NULL).
import type { ScalarFunction } from "../function_def.ts";
import { bindExtreme } from "./greatest.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "least",
  minArgs: 2,
  maxArgs: Infinity,
  bind: (args, ctx) => bindExtreme("least", args, ctx, -1),
};

export default fn;
