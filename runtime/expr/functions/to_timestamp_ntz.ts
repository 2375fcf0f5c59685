// to_timestamp_ntz(x[, fmt]): a TIMESTAMP_NTZ. Without a pattern it is CAST(x AS TIMESTAMP_NTZ) (a
// TIMESTAMP becomes its wall clock in the session zone); with one, strings are parsed as wall-clock
// times (CANNOT_PARSE_TIMESTAMP under ANSI), as to_timestamp parses them in UTC.
import { TIMESTAMP_NTZ } from "../../types/data_type.ts";
import { castBound } from "../coercion.ts";
import { canCast } from "../cast.ts";
import type { ScalarFunction } from "../function_def.ts";
import { unexpectedInputType } from "./datetime_args.ts";
import { bindToTimestamp } from "./to_timestamp.ts";

const REQUIRED = "(STRING OR DATE OR TIMESTAMP OR TIMESTAMP_NTZ)";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "to_timestamp_ntz",
  minArgs: 1,
  maxArgs: 2,
  bind(args, ctx) {
    const x = args[0]!;
    if (args.length === 1 || x.type.kind === "timestamp" || x.type.kind === "timestamp_ntz" || x.type.kind === "date") {
      if (!canCast(x.type, TIMESTAMP_NTZ, ctx.ansi)) throw unexpectedInputType(ctx, 0, REQUIRED, x);
      const cast = castBound(x, TIMESTAMP_NTZ, ctx);
      return { type: TIMESTAMP_NTZ, nullable: cast.nullable, args: [cast], impl: (v: unknown) => v };
    }
    const b = bindToTimestamp(args, { ...ctx, timeZone: "UTC" }, "try_to_timestamp", REQUIRED);
    return { ...b, type: TIMESTAMP_NTZ };
  },
};
export default fn;
