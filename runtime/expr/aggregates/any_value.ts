// any_value(x[, ignoreNulls]): some value of the group (Spark takes the first, as first() does).
import type { AggregateFunction } from "../aggregate_def.ts";
import { first } from "./first_last.ts";

export const any_value: AggregateFunction = {
  kind: "aggregate",
  name: "any_value",
  minArgs: 1,
  maxArgs: 2,
  bind(args, ctx, distinct) {
    return { ...first.bind(args, ctx, distinct), name: "any_value" };
  },
};
