// a || b: the same as concat(a, b).
import type { ScalarFunction } from "../function_def.ts";
import { bindConcat } from "./concat.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "concat_op",
  minArgs: 2,
  maxArgs: 2,
  bind: bindConcat,
};

export default fn;
