// Builds hour(), minute() and second(): a field of the time of day of a TIMESTAMP in the session
// time zone (TIMESTAMP_NTZ is read as is; strings and dates are cast to TIMESTAMP first).
import { INT } from "../../types/data_type.ts";
import { floorMod, MICROS_PER_DAY } from "../datetime/civil_date.ts";
import type { ScalarFunction } from "../function_def.ts";
import { requireTimeType } from "../datetime/time_of_day.ts";
import { timestampConv, unexpectedInputType, zoneOf } from "./datetime_args.ts";

export function timeFieldFunction(name: string, field: (microsOfDay: number) => number): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx) {
      const a = args[0]!;
      // Spark 4.1: of a TIME, HoursOfTime / MinutesOfTime / SecondsOfTime.
      if (a.type.kind === "time") {
        requireTimeType(ctx.conf);
        return { type: INT, nullable: a.nullable, impl: (v: number) => field(Math.floor(v / 1000)) };
      }
      if (a.type.kind === "timestamp_ntz") {
        return { type: INT, nullable: a.nullable, impl: (v: number) => field(floorMod(v, MICROS_PER_DAY)) };
      }
      const conv = timestampConv(a, ctx);
      if (conv === null) throw unexpectedInputType(ctx, 0, "(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)", a);
      const zone = zoneOf(ctx);
      const ofMicros = (m: number) => field(floorMod(zone.toLocal(m), MICROS_PER_DAY));
      if (a.type.kind === "timestamp") return { type: INT, nullable: a.nullable, impl: ofMicros };
      return {
        type: INT,
        nullable: a.nullable || (a.type.kind === "string" && !ctx.ansi),
        impl: (v: unknown) => {
          const m = conv(v);
          return m === null ? null : ofMicros(m);
        },
      };
    },
  };
}
