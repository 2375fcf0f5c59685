// str ILIKE pattern: LIKE after lower-casing both sides.
import type { ScalarFunction } from "../function_def.ts";
import { bindLike } from "./like.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "ilike",
  minArgs: 2,
  maxArgs: 3,
  bind: (args, ctx) => bindLike(args, ctx, true),
};

export default fn;
