// to_unix_timestamp(x[, fmt]): unix_timestamp without the no-argument form (see unix_timestamp.ts).
import type { ScalarFunction } from "../function_def.ts";
import { bindUnixTimestamp } from "./unix_timestamp.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "to_unix_timestamp",
  minArgs: 1,
  maxArgs: 2,
  bind: bindUnixTimestamp,
};
export default fn;
