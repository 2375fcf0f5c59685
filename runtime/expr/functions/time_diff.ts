// time_diff(unit, start, end): (end - start) in whole HOURs … MICROSECONDs (truncated toward
// zero), a BIGINT; another unit is INVALID_PARAMETER_VALUE.TIME_UNIT.
import { LONG, STRING } from "../../types/data_type.ts";
import { ANY_TIME, castArgs } from "../coercion.ts";
import { timeUnitNanos, requireTimeType } from "../datetime/time_of_day.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "time_diff",
  minArgs: 3,
  maxArgs: 3,
  bind(args, ctx) {
    requireTimeType(ctx.conf);
    const typed = castArgs(args, [STRING, ANY_TIME, ANY_TIME], ctx);
    return {
      type: LONG, nullable: typed.some((a) => a.nullable), args: typed,
      impl: (unit: string, start: number, end: number) => {
        const q = Math.trunc((end - start) / timeUnitNanos("time_diff", unit));
        return q === 0 ? 0 : q;
      },
    };
  },
};
export default fn;
