// current_timestamp(): the batch's timestamp, the same for every row of a micro-batch.
import { TIMESTAMP } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "current_timestamp",
  minArgs: 0,
  maxArgs: 0,
  bind(_args, ctx) {
    const runtime = ctx.runtime;
    return { type: TIMESTAMP, nullable: false, deterministic: false, impl: () => runtime.batchTimestampMicros };
  },
};
export default fn;
