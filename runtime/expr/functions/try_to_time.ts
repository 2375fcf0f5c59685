// try_to_time(str[, format]): to_time, NULL where it fails (Spark's TryEval(ToTime)).
import type { ScalarFunction } from "../function_def.ts";
import { bindToTime } from "./to_time.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "try_to_time",
  minArgs: 1,
  maxArgs: 2,
  bind(args, ctx) {
    const b = bindToTime(args, ctx, true);
    return { ...b, printed: (a) => `try_to_time(to_time(${a.join(", ")}))` };
  },
};
export default fn;
