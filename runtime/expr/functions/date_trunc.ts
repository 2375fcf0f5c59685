// date_trunc(fmt, ts): the timestamp truncated to YEAR/YYYY/YY, QUARTER, MONTH/MM/MON, WEEK,
// DAY/DD, HOUR, MINUTE, SECOND, MILLISECOND or MICROSECOND in the session time zone; null for an
// unknown unit.
import { TIMESTAMP } from "../../types/data_type.ts";
import { parseTruncLevel, TRUNC_INVALID, truncTimestamp } from "../datetime/truncate.ts";
import type { ScalarFunction } from "../function_def.ts";
import { stringConv, timestampConv, unexpectedInputType, zoneOf } from "./datetime_args.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "date_trunc",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const [f, x] = [args[0]!, args[1]!];
    const text = stringConv(f, ctx);
    if (text === null) throw unexpectedInputType(ctx, 0, "STRING", f);
    const conv = timestampConv(x, ctx);
    if (conv === null) throw unexpectedInputType(ctx, 1, "TIMESTAMP", x);
    const zone = zoneOf(ctx);
    const fixed = f.kind === "lit" && f.value !== null ? parseTruncLevel(text(f.value)) : null;
    return {
      type: TIMESTAMP,
      nullable: true,
      impl: (u: unknown, v: unknown) => {
        const level = fixed ?? parseTruncLevel(text(u));
        if (level === TRUNC_INVALID) return null;
        const m = conv(v);
        return m === null ? null : truncTimestamp(m, level, zone);
      },
    };
  },
};
export default fn;
