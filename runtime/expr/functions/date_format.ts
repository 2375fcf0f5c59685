// date_format(ts, fmt): formats a timestamp in the session time zone with a Spark datetime pattern.
// Dates are formatted at midnight, strings are cast to TIMESTAMP first, TIMESTAMP_NTZ is read as
// wall-clock time in the session zone.
import { STRING } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { stringConv, timestampConv, unexpectedInputType, zoneOf } from "./datetime_args.ts";
import { patternGetter } from "./datetime_parse.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "date_format",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const [x, f] = args as [typeof args[0], typeof args[0]];
    const conv = timestampConv(x!, ctx);
    if (conv === null) throw unexpectedInputType(ctx, 0, "TIMESTAMP", x!);
    const text = stringConv(f!, ctx);
    if (text === null) throw unexpectedInputType(ctx, 1, "STRING", f!);
    const zone = zoneOf(ctx);
    const pattern = patternGetter(f!, text as (v: unknown) => string, false);
    return {
      type: STRING,
      nullable: true,
      impl: (v: unknown, p: unknown) => {
        const m = conv(v);
        return m === null ? null : pattern(p).format(m, zone);
      },
    };
  },
};
export default fn;
