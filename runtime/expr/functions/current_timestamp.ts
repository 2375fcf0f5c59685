// current_timestamp(): the batch's timestamp, the same for every row of a micro-batch.
import type { EvalContext } from "../bound.ts";
import { TIMESTAMP } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "current_timestamp",
  minArgs: 0,
  maxArgs: 0,
  bind(_args, ctx) {
    return { type: TIMESTAMP, nullable: false, deterministic: false, contextual: true, impl: (batch: EvalContext) => batch.batchTimestampMicros };
  },
};
export default fn;
