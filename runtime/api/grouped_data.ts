// df.groupBy(...): PySpark's GroupedData. agg() takes Columns (F.sum("x").alias("total")) or a
// {column: "function"} object; count/sum/avg/min/max are shorthands.
import type { Expr } from "../expr/expr.ts";
import { aggregate } from "../plan/aggregate.ts";
import type { Plan } from "../plan/plan.ts";
import { INT } from "../types/data_type.ts";
import { Column, col } from "./column.ts";
import type { DataFrame } from "./data_frame.ts";

const NUMERIC = new Set(["byte", "short", "int", "long", "float", "double", "decimal"]);

export class GroupedData {
  constructor(
    private readonly df: DataFrame,
    private readonly groupings: readonly Expr[],
    private readonly make: (plan: Plan) => DataFrame,
  ) {}

  /**
   * agg(F.count("*"), F.avg("x")) or agg({ x: "avg", y: "max" }). An object's entries come out in
   * the order PySpark's dict gives them: a java.util.HashMap's iteration order.
   */
  agg(...exprs: (Column | Record<string, string>)[]): DataFrame {
    const list: Expr[] = exprs.flatMap((e) =>
      e instanceof Column
        ? [e.expr]
        : javaHashMapOrder(Object.entries(e)).map(([c, fn]): Expr => ({ kind: "call", name: fn === "mean" ? "avg" : fn, args: [c === "*" ? { kind: "star" } : col(c).expr] }))
    );
    return this.withAggregates(list);
  }
  count(): DataFrame {
    return this.withAggregates([{ kind: "alias", arg: { kind: "call", name: "count", args: [{ kind: "literal", value: 1, type: INT }] }, names: ["count"] }]);
  }
  sum(...cols: string[]): DataFrame { return this.simple("sum", cols); }
  avg(...cols: string[]): DataFrame { return this.simple("avg", cols); }
  mean(...cols: string[]): DataFrame { return this.simple("avg", cols); }
  min(...cols: string[]): DataFrame { return this.simple("min", cols); }
  max(...cols: string[]): DataFrame { return this.simple("max", cols); }

  private simple(fn: string, cols: string[]): DataFrame {
    const targets = cols.length > 0 ? cols : this.df.plan.output.filter((a) => NUMERIC.has(a.type.kind)).map((a) => a.name);
    return this.withAggregates(targets.map((c): Expr => ({ kind: "call", name: fn, args: [col(c).expr] })));
  }
  /** Output: the grouping columns, then the aggregates, as Spark's groupBy().agg(). */
  private withAggregates(aggs: Expr[]): DataFrame {
    return this.make(aggregate(this.df.plan, this.groupings, [...this.groupings, ...aggs], { ...this.df.sparkSession.resolveContext(), inputPlans: [this.df.plan] }));
  }
}

/** Java's String.hashCode over UTF-16 code units. */
function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Entries in the iteration order of a java.util.HashMap filled in this order (py4j's dict conversion). */
export function javaHashMapOrder<V>(entries: [string, V][]): [string, V][] {
  let capacity = 16;
  while (entries.length > capacity * 0.75) capacity *= 2;
  const bucket = (k: string) => {
    const h = javaStringHash(k);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return entries.map((e, i) => ({ e, i, b: bucket(e[0]) })).sort((x, y) => x.b - y.b || x.i - y.i).map((x) => x.e);
}
