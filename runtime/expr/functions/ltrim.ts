// ltrim(str) / ltrim(trimStr, str): trim at the start only (TRIM(LEADING …)).
import type { ScalarFunction } from "../function_def.ts";
import { bindTrim } from "./trim.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "ltrim",
  minArgs: 1,
  maxArgs: 2,
  bind: (args, ctx) => bindTrim(args, ctx, "leading"),
};

export default fn;
