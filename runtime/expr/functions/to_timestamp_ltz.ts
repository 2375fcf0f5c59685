// to_timestamp_ltz(x[, fmt]): to_timestamp, always giving a TIMESTAMP (with local time zone).
import type { ScalarFunction } from "../function_def.ts";
import { bindToTimestamp } from "./to_timestamp.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "to_timestamp_ltz",
  minArgs: 1,
  maxArgs: 2,
  bind: (args, ctx) => bindToTimestamp(args, ctx, "try_to_timestamp", "(STRING OR DATE OR TIMESTAMP OR TIMESTAMP_NTZ)"),
};
export default fn;
