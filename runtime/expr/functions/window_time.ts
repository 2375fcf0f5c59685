// window_time(window): the event time of a time window's rows, window.end - 1 microsecond.
import type { ScalarFunction } from "../function_def.ts";
import { TIMESTAMP } from "../../types/data_type.ts";
import { unexpectedInputType } from "../expr_errors.ts";

export const window_time: ScalarFunction = {
  kind: "scalar",
  name: "window_time",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const t = args[0]!.type;
    const ok = t.kind === "struct" && t.fields.length === 2 && t.fields.every((f) => f.dataType.kind === "timestamp" || f.dataType.kind === "timestamp_ntz");
    if (!ok) throw unexpectedInputType(ctx.sql, 0, '"STRUCT<start: TIMESTAMP, end: TIMESTAMP>"', ctx.argSql[0] ?? "", t);
    return { type: TIMESTAMP, nullable: args[0]!.nullable, impl: (w: number[]) => w[1]! - 1, inline: ([w]) => `${w}[1] - 1` };
  },
};
