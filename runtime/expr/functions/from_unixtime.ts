// from_unixtime(seconds [, fmt]): the instant `seconds` after the epoch formatted in the session time
// zone, by default as 'yyyy-MM-dd HH:mm:ss'. Fractional seconds are truncated (cast to BIGINT).
import { STRING } from "../../types/data_type.ts";
import { wrapLong, type Long } from "../../types/long.ts";
import type { Bound } from "../bound.ts";
import { MICROS_PER_SECOND } from "../datetime/civil_date.ts";
import type { ScalarFunction } from "../function_def.ts";
import { longConv, stringConv, unexpectedInputType, zoneOf } from "./datetime_args.ts";
import { patternGetter } from "./datetime_parse.ts";
import { DEFAULT_PATTERN } from "./unix_timestamp.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "from_unixtime",
  minArgs: 1,
  maxArgs: 2,
  bind(args, ctx) {
    const x = args[0]!;
    const secs = longConv(x, ctx);
    if (secs === null) throw unexpectedInputType(ctx, 0, "BIGINT", x);
    const fmt: Bound = args[1] ?? { kind: "lit", value: DEFAULT_PATTERN, type: STRING, nullable: false };
    const text = stringConv(fmt, ctx);
    if (text === null) throw unexpectedInputType(ctx, 1, "STRING", fmt);
    const zone = zoneOf(ctx);
    const pattern = patternGetter(fmt, text as (v: unknown) => string, false);
    return {
      type: STRING,
      nullable: true,
      args: [x, fmt],
      impl: (v: unknown, p: unknown) => {
        const s = secs(v) as Long | null;
        if (s === null) return null;
        // seconds * MICROS_PER_SECOND in Java's long arithmetic (it wraps for absurd inputs).
        const micros = typeof s === "number" && Math.abs(s) < 9e9 ? s * MICROS_PER_SECOND : Number(wrapLong(BigInt(s) * 1000000n));
        return pattern(p).format(micros, zone);
      },
    };
  },
};
export default fn;
