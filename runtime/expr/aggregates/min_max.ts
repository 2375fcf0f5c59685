// min(x) / max(x) over any orderable type, in Spark's ordering (NaN largest). Nulls are skipped.
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import { comparatorFor } from "../compare.ts";
import { dataTypeMismatch, sqlType } from "../expr_errors.ts";

function extreme(name: "min" | "max", sign: 1 | -1): AggregateFunction {
  return {
    kind: "aggregate",
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx): BoundAggregate {
      const t = args[0]!.type;
      if (t.kind === "map" || t.kind === "calendar_interval") {
        throw dataTypeMismatch("INVALID_ORDERING_TYPE", ctx.sql, `The \`${name}\` does not support ordering on type ${sqlType(t)}.`);
      }
      const cmp = comparatorFor(t);
      return {
        name, args, type: t, nullable: true, bufferSchema: `${name}:${t.simpleString()}`,
        init: () => [null],
        update(buf, [v]) {
          if (v === null) return;
          if (buf[0] === null || sign * cmp(v, buf[0]) > 0) buf[0] = v;
        },
        merge(buf, other) {
          const v = other[0];
          if (v !== null && (buf[0] === null || sign * cmp(v, buf[0]) > 0)) buf[0] = v;
        },
        evaluate: (buf) => buf[0],
      };
    },
  };
}

export const min = extreme("min", -1);
export const max = extreme("max", 1);
