// first(x[, ignoreNulls]) / last(x[, ignoreNulls]): the first or last value seen in input order.
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import { dataTypeMismatch } from "../expr_errors.ts";

function firstOrLast(name: "first" | "last"): AggregateFunction {
  return {
    kind: "aggregate",
    name,
    aliases: [`${name}_value`],
    minArgs: 1,
    maxArgs: 2,
    bind(args, ctx): BoundAggregate {
      const flag = args[1];
      if (flag && (flag.kind !== "lit" || flag.type.kind !== "boolean")) {
        throw dataTypeMismatch("UNEXPECTED_INPUT_TYPE", ctx.sql, `The second parameter requires the "BOOLEAN" type, however "${ctx.argSql[1]}" has the type "${flag.type.sql()}".`);
      }
      const ignoreNulls = flag?.kind === "lit" && flag.value === true;
      const t = args[0]!.type;
      // Buffer: [value, seen]
      return {
        name, args: [args[0]!], type: t, nullable: true, bufferSchema: `${name}:${t.simpleString()},boolean`,
        init: () => [null, false],
        update: name === "first"
          ? (buf, [v]) => {
            if (buf[1] === true || (ignoreNulls && v === null)) return;
            buf[0] = v;
            buf[1] = true;
          }
          : (buf, [v]) => {
            if (ignoreNulls && v === null) return;
            buf[0] = v;
            buf[1] = true;
          },
        // Spark: first keeps the left value once set; last takes the right value when set.
        merge: name === "first"
          ? (buf, other) => {
            if (buf[1] !== true && other[1] === true) {
              buf[0] = other[0];
              buf[1] = true;
            }
          }
          : (buf, other) => {
            if (other[1] === true) {
              buf[0] = other[0];
              buf[1] = true;
            }
          },
        evaluate: (buf) => buf[0],
      };
    },
  };
}

export const first = firstOrLast("first");
export const last = firstOrLast("last");
