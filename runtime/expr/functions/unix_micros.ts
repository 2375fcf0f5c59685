// unix_micros(ts): microseconds since the epoch.
import { LONG } from "../../types/data_type.ts";
import { floorDiv } from "../datetime/civil_date.ts";
import type { ScalarFunction } from "../function_def.ts";
import { unexpectedInputType } from "./datetime_args.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "unix_micros",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const a = args[0]!;
    // No implicit cast here: Spark refuses strings and dates for this function.
    if (a.type.kind !== "timestamp" && a.type.kind !== "null") throw unexpectedInputType(ctx, 0, "TIMESTAMP", a);
    return {
      type: LONG,
      nullable: a.nullable,
      impl: (m: number) => {
        return floorDiv(m, 1);
      },
    };
  },
};
export default fn;
