// unix_seconds / unix_millis / unix_micros(ts): whole units since the epoch, rounded down.
// One factory, three functions (they differ only in the unit).
import { LONG } from "../../types/data_type.ts";
import { longFromIntegralDouble } from "../../types/long.ts";
import { floorDiv } from "../datetime/civil_date.ts";
import type { ScalarFunction } from "../function_def.ts";
import { unexpectedInputType } from "./datetime_args.ts";

export function unixTimeIn(name: string, microsPerUnit: number): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx) {
      const a = args[0]!;
      // No implicit cast here: Spark refuses strings and dates for these functions.
      if (a.type.kind !== "timestamp" && a.type.kind !== "null") throw unexpectedInputType(ctx, 0, "TIMESTAMP", a);
      // Micros beyond 2^53 (years after 2255) give a long in its bigint form (types/long.ts).
      return { type: LONG, nullable: a.nullable, impl: (m: number) => longFromIntegralDouble(floorDiv(m, microsPerUnit)) };
    },
  };
}
