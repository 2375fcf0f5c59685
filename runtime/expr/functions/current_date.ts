// current_date(): the date of the batch's timestamp in the session time zone.
import type { EvalContext } from "../bound.ts";
import { DATE } from "../../types/data_type.ts";
import { microsToDays } from "../datetime/instant_fields.ts";
import type { ScalarFunction } from "../function_def.ts";
import { zoneOf } from "./datetime_args.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "current_date",
  aliases: ["curdate"],
  minArgs: 0,
  maxArgs: 0,
  bind(_args, ctx) {
    const zone = zoneOf(ctx);
    return { type: DATE, nullable: false, deterministic: false, contextual: true, impl: (batch: EvalContext) => microsToDays(batch.batchTimestampMicros, zone) };
  },
};
export default fn;
