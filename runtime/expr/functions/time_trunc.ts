// time_trunc(unit, time): the time with the fields below HOUR … MICROSECOND zeroed, of the
// time's type; another unit is INVALID_PARAMETER_VALUE.TIME_UNIT.
import { STRING } from "../../types/data_type.ts";
import { ANY_TIME, castArgs } from "../coercion.ts";
import { timeUnitNanos, requireTimeType } from "../datetime/time_of_day.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "time_trunc",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    requireTimeType(ctx.conf);
    const typed = castArgs(args, [STRING, ANY_TIME], ctx);
    return {
      type: typed[1]!.type, nullable: typed.some((a) => a.nullable), args: typed,
      impl: (unit: string, t: number) => {
        const n = timeUnitNanos("time_trunc", unit);
        return t - (t % n);
      },
    };
  },
};
export default fn;
