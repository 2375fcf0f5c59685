// current_time([precision]): the batch's time of day in the session time zone, as TIME(precision)
// (default 6); the precision must be a foldable INT in [0, 6].
import { SluiceError } from "../../errors.ts";
import { TimeType } from "../../types/data_type.ts";
import { floorMod, MICROS_PER_DAY } from "../datetime/civil_date.ts";
import { getTimeZone } from "../datetime/time_zone.ts";
import { NANOS_PER_MICRO, truncateTimeToPrecision, requireTimeType } from "../datetime/time_of_day.ts";
import type { EvalContext } from "../bound.ts";
import { sqlType } from "../expr_errors.ts";
import { foldValue, isFoldable } from "../foldable.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "current_time",
  minArgs: 0,
  maxArgs: 1,
  bind(args, ctx) {
    requireTimeType(ctx.conf);
    let precision = 6;
    const a = args[0];
    if (a) {
      const mismatch = (sub: string, msg: string) =>
        new SluiceError(`DATATYPE_MISMATCH.${sub}`, `Cannot resolve "${ctx.sql}" due to data type mismatch: ${msg}`, { sqlState: "42K09" });
      if (!isFoldable(a)) {
        throw mismatch("NON_FOLDABLE_INPUT", `the input \`precision\` should be a foldable ${sqlType(a.type)} expression; however, got "${ctx.argSql[0]}".`);
      }
      const v = foldValue(a);
      if (v === null) throw mismatch("UNEXPECTED_NULL", `The \`precision\` must not be null.`);
      if (typeof v !== "number") {
        throw mismatch("UNEXPECTED_INPUT_TYPE", `The first parameter requires the "INT" type, however "${ctx.argSql[0]}" has the type ${sqlType(a.type)}.`);
      }
      precision = Math.trunc(v);
      if (precision < 0 || precision > 6) {
        throw mismatch("VALUE_OUT_OF_RANGE", `The \`precision\` must be between [0, 6] (current value = ${precision}).`);
      }
    }
    const zone = getTimeZone(ctx.timeZone);
    return {
      type: new TimeType(precision), nullable: false, args: [], nullSafe: true, deterministic: false, contextual: true,
      impl: (batch: EvalContext) => truncateTimeToPrecision(floorMod(zone.toLocal(batch.batchTimestampMicros), MICROS_PER_DAY) * NANOS_PER_MICRO, precision),
    };
  },
};
export default fn;
