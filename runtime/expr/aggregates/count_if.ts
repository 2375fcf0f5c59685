// count_if(cond): the number of rows where cond is true (Spark's count(nullif(cond, false))).
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import { castArgs } from "../coercion.ts";
import { BOOLEAN, LONG } from "../../types/data_type.ts";

export const count_if: AggregateFunction = {
  kind: "aggregate",
  name: "count_if",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx): BoundAggregate {
    const typed = castArgs(args, [BOOLEAN], ctx);
    return {
      name: "count_if", args: typed, type: LONG, nullable: false, bufferSchema: "count_if:bigint",
      init: () => [0],
      update(buf, [v]) {
        if (v === true) buf[0] = (buf[0] as number) + 1;
      },
      merge: (buf, other) => void (buf[0] = (buf[0] as number) + (other[0] as number)),
      evaluate: (buf) => buf[0],
    };
  },
};
