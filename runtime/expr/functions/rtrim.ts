// rtrim(str) / rtrim(trimStr, str): trim at the end only (TRIM(TRAILING …)).
import type { ScalarFunction } from "../function_def.ts";
import { bindTrim } from "./trim.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "rtrim",
  minArgs: 1,
  maxArgs: 2,
  bind: (args, ctx) => bindTrim(args, ctx, "trailing"),
};

export default fn;
