// max_by(x, y) / min_by(x, y): the x of the row with the largest / smallest y (the last such row
// on ties), with Spark's MaxMinBy update rules (a NULL y takes the row's x but keeps the ordering).
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import { comparatorFor } from "../compare.ts";
import { dataTypeMismatch, sqlType } from "../expr_errors.ts";

function maxMinBy(name: "max_by" | "min_by"): AggregateFunction {
  const sign = name === "max_by" ? 1 : -1;
  return {
    kind: "aggregate",
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args, ctx): BoundAggregate {
      const [x, y] = args as [typeof args[0], typeof args[0]];
      if (y!.type.kind === "map" || y!.type.kind === "calendar_interval") {
        throw dataTypeMismatch("INVALID_ORDERING_TYPE", ctx.sql, `The \`${name}\` does not support ordering on type ${sqlType(y!.type)}.`);
      }
      const cmp = comparatorFor(y!.type);
      // predicate(old, new): old > new for max_by (keep the old value), NULL when either is NULL.
      const keepOld = (old: unknown, nu: unknown) => old !== null && nu !== null && sign * cmp(old, nu) > 0;
      const extremum = (a: unknown, b: unknown) => (a === null ? b : b === null ? a : sign * cmp(a, b) >= 0 ? a : b);
      const step = (buf: unknown[], value: unknown, ordering: unknown) => {
        const old = buf[1];
        buf[0] = old === null && ordering === null ? null : keepOld(old, ordering) ? buf[0] : value;
        buf[1] = extremum(old, ordering);
      };
      return {
        name, args: [x!, y!], type: x!.type, nullable: true, bufferSchema: `${name}:${x!.type.simpleString()},${y!.type.simpleString()}`,
        init: () => [null, null],
        update: (buf, [v, o]) => step(buf, v, o),
        merge: (buf, other) => step(buf, other[0], other[1]),
        evaluate: (buf) => buf[0],
      };
    },
  };
}

export const max_by = maxMinBy("max_by");
export const min_by = maxMinBy("min_by");
