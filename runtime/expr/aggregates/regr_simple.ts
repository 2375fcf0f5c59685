// regr_count(y, x), regr_avgx(y, x), regr_avgy(y, x): count / avg over the rows where both are
// non-NULL (Spark replaces them with count(y, x) and avg(if(both non-null, x or y, NULL))).
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import { dataTypeMismatch, sqlType } from "../expr_errors.ts";
import { isNumericType } from "../coercion.ts";
import { avg } from "./avg.ts";
import { count } from "./count.ts";

function checkNumeric(args: Parameters<AggregateFunction["bind"]>[0], ctx: Parameters<AggregateFunction["bind"]>[1]): void {
  args.forEach((a, i) => {
    if (!isNumericType(a.type) && a.type.kind !== "null") {
      throw dataTypeMismatch("UNEXPECTED_INPUT_TYPE", ctx.sql,
        `The ${i === 0 ? "first" : "second"} parameter requires the "NUMERIC" type, however "${ctx.argSql[i]}" has the type ${sqlType(a.type)}.`);
    }
  });
}

export const regr_count: AggregateFunction = {
  kind: "aggregate",
  name: "regr_count",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    checkNumeric(args, ctx);
    return { ...count.bind(args, ctx, false), name: "regr_count" };
  },
};

function pairAvg(name: "regr_avgx" | "regr_avgy", pick: 0 | 1): AggregateFunction {
  return {
    kind: "aggregate",
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args, ctx): BoundAggregate {
      checkNumeric(args, ctx);
      const inner = avg.bind([args[pick]!], { ...ctx, argSql: [ctx.argSql[pick] ?? ""] }, false);
      return {
        ...inner, name, args: [inner.args[0]!, args[1 - pick]!],
        update(buf, [v, other]) {
          if (v !== null && other !== null) inner.update(buf, [v]);
        },
      };
    },
  };
}

export const regr_avgx = pairAvg("regr_avgx", 1);
export const regr_avgy = pairAvg("regr_avgy", 0);
