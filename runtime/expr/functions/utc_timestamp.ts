// from_utc_timestamp(ts, tz) / to_utc_timestamp(ts, tz): shift a timestamp so it prints in UTC as
// it printed in tz (from) or the reverse (DateTimeUtils.fromUTCTime / toUTCTime).
import { castArgs } from "../coercion.ts";
import { getTimeZone } from "../datetime/time_zone.ts";
import type { ScalarFunction } from "../function_def.ts";
import { STRING, TIMESTAMP } from "../../types/data_type.ts";

export function utcShiftFunction(name: "from_utc_timestamp" | "to_utc_timestamp"): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args, ctx) {
      const typed = castArgs(args, [TIMESTAMP, STRING], ctx);
      const impl = name === "from_utc_timestamp"
        ? (m: number, tz: string) => getTimeZone(tz).toLocal(m)
        : (m: number, tz: string) => getTimeZone(tz).toUtc(m);
      return { type: TIMESTAMP, nullable: typed.some((a) => a.nullable), args: typed, impl };
    },
  };
}
