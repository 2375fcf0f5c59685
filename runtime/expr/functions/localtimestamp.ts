// localtimestamp(): the batch's timestamp as a TIMESTAMP_NTZ in the session time zone.
import { getTimeZone } from "../datetime/time_zone.ts";
import type { EvalContext } from "../bound.ts";
import type { ScalarFunction } from "../function_def.ts";
import { TIMESTAMP_NTZ } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "localtimestamp",
  minArgs: 0,
  maxArgs: 0,
  bind(_args, ctx) {
    const zone = getTimeZone(ctx.timeZone);
    return {
      type: TIMESTAMP_NTZ, nullable: false, args: [], nullSafe: true, deterministic: false, contextual: true,
      impl: (batch: EvalContext) => zone.toLocal(batch.batchTimestampMicros),
    };
  },
};
export default fn;
