// current_timezone(): the session time zone (spark.sql.session.timeZone).
import type { ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "current_timezone",
  minArgs: 0,
  maxArgs: 0,
  bind(_args, ctx) {
    const zone = ctx.timeZone;
    return { type: STRING, nullable: false, args: [], nullSafe: true, impl: () => zone };
  },
};
export default fn;
