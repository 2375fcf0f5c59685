// try_to_timestamp(x [, fmt]): to_timestamp that gives NULL instead of failing on input it cannot
// parse (Spark's ParseToTimestamp with failOnError = false: a non-ANSI cast without a pattern, a
// lenient parse with one). An invalid pattern still fails the query.
import type { ScalarFunction } from "../function_def.ts";
import { bindToTimestamp } from "./to_timestamp.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "try_to_timestamp",
  minArgs: 1,
  maxArgs: 2,
  bind: (args, ctx) => bindToTimestamp(args, { ...ctx, ansi: false }, "try_to_timestamp", "(STRING OR DATE OR TIMESTAMP OR TIMESTAMP_NTZ)"),
};
export default fn;
