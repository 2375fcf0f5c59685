// to_date(x [, fmt]). Without a pattern it is CAST(x AS DATE) (other atomic types go through a
// string first, as Spark's implicit cast does); with one, x is parsed as to_timestamp(x, fmt) and
// the date taken in the session time zone.
import { DATE } from "../../types/data_type.ts";
import { microsToDays } from "../datetime/instant_fields.ts";
import type { ScalarFunction } from "../function_def.ts";
import { dateConv, stringConv, stringToDateConv, unexpectedInputType, zoneOf } from "./datetime_args.ts";
import { bindToTimestamp } from "./to_timestamp.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "to_date",
  minArgs: 1,
  maxArgs: 2,
  bind(args, ctx) {
    const x = args[0]!;
    const required = "(STRING OR DATE OR TIMESTAMP OR TIMESTAMP_NTZ)";
    if (args.length === 1) {
      const direct = dateConv(x, ctx);
      if (direct !== null) {
        return { type: DATE, nullable: x.nullable || (x.type.kind === "string" && !ctx.ansi), impl: direct };
      }
      const str = stringConv(x, ctx);
      if (str === null) throw unexpectedInputType(ctx, 0, required, x);
      const toDate = stringToDateConv(ctx);
      return { type: DATE, nullable: x.nullable || !ctx.ansi, impl: (v: unknown) => toDate(str(v)) };
    }
    const ts = bindToTimestamp(args, ctx, "try_to_date", required);
    const zone = zoneOf(ctx);
    const inner = ts.impl;
    return {
      type: DATE,
      nullable: true,
      impl: (v: unknown, p: unknown) => {
        const m = inner(v, p) as number | null;
        return m === null ? null : microsToDays(m, zone);
      },
    };
  },
};
export default fn;
