// timestamp_millis / timestamp_micros(n): the instant n units after the epoch (integral input only).
import { TIMESTAMP } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { unexpectedInputType } from "./datetime_args.ts";

export function timestampFromIntegral(name: string, microsPerUnit: number): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx) {
      const a = args[0]!;
      const k = a.type.kind;
      if (k !== "byte" && k !== "short" && k !== "int" && k !== "long" && k !== "null") throw unexpectedInputType(ctx, 0, "INTEGRAL", a);
      return { type: TIMESTAMP, nullable: a.nullable, impl: (v: number) => v * microsPerUnit };
    },
  };
}
