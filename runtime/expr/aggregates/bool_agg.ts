// bool_and(x) (every) / bool_or(x) (some, any): whether every / some non-null value is true; NULL
// with no non-null input. Spark replaces them with min / max over BOOLEAN.
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import { castArgs } from "../coercion.ts";
import { BOOLEAN } from "../../types/data_type.ts";

function boolAggregate(name: "bool_and" | "bool_or", aliases: string[]): AggregateFunction {
  const and = name === "bool_and";
  return {
    kind: "aggregate",
    name,
    aliases,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx): BoundAggregate {
      const typed = castArgs(args, [BOOLEAN], ctx);
      const fold = (acc: unknown, v: unknown) => (acc === null ? v : and ? (acc as boolean) && (v as boolean) : (acc as boolean) || (v as boolean));
      return {
        name, args: typed, type: BOOLEAN, nullable: true, bufferSchema: `${name}:boolean`,
        init: () => [null],
        update(buf, [v]) {
          if (v !== null) buf[0] = fold(buf[0], v);
        },
        merge(buf, other) {
          if (other[0] !== null) buf[0] = fold(buf[0], other[0]);
        },
        evaluate: (buf) => buf[0],
      };
    },
  };
}

export const bool_and = boolAggregate("bool_and", ["every"]);
export const bool_or = boolAggregate("bool_or", ["some", "any"]);
