// convert_timezone([sourceTz, ]targetTz, ts): the wall-clock TIMESTAMP_NTZ ts read in sourceTz
// (default the session zone) as the wall clock of the same instant in targetTz.
import { castArgs } from "../coercion.ts";
import type { Bound } from "../bound.ts";
import { getTimeZone } from "../datetime/time_zone.ts";
import type { ScalarFunction } from "../function_def.ts";
import { STRING, TIMESTAMP_NTZ } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "convert_timezone",
  minArgs: 2,
  maxArgs: 3,
  bind(args, ctx) {
    const session: Bound = { kind: "lit", value: ctx.timeZone, type: STRING, nullable: false };
    const all = args.length === 2 ? [session, ...args] : args;
    const typed = castArgs(all, [STRING, STRING, TIMESTAMP_NTZ], ctx);
    return {
      type: TIMESTAMP_NTZ, nullable: typed.some((a) => a.nullable), args: typed,
      impl: (from: string, to: string, local: number) => getTimeZone(to).toLocal(getTimeZone(from).toUtc(local)),
      printed: args.length === 2 ? (p) => `convert_timezone(current_timezone(), ${p[0]}, ${p[1]})` : undefined,
    };
  },
};
export default fn;
