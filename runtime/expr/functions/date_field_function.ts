// Builds the one-argument functions that read a calendar field of a DATE (year(), month(), …).
// Strings are cast to DATE and timestamps are read in the session time zone, as Spark's implicit
// cast to DATE does.
import { INT } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { dateConv, unexpectedInputType } from "./datetime_args.ts";

export function dateFieldFunction(name: string, field: (days: number) => number): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx) {
      const a = args[0]!;
      const conv = dateConv(a, ctx);
      if (conv === null) throw unexpectedInputType(ctx, 0, "DATE", a);
      if (a.type.kind === "date") return { type: INT, nullable: a.nullable, impl: field };
      return {
        type: INT,
        nullable: a.nullable || (a.type.kind === "string" && !ctx.ansi),
        impl: (v: unknown) => {
          const d = conv(v);
          return d === null ? null : field(d);
        },
      };
    },
  };
}
