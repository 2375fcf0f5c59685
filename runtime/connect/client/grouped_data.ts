// df.groupBy(...) of a remote DataFrame: the same methods as api/grouped_data.ts, sent as an
// Aggregate relation (grouping columns first, then the aggregates, as Spark outputs them).
import type { Expr } from "../../expr/expr.ts";
import { Column, col } from "../../api/column.ts";
import { INT } from "../../types/data_type.ts";
import { javaHashMapOrder } from "../../api/grouped_data.ts";
import type { ConnectDataFrame } from "./data_frame.ts";

const NUMERIC = new Set(["byte", "short", "int", "long", "float", "double", "decimal"]);

export class ConnectGroupedData {
  constructor(private readonly df: ConnectDataFrame, private readonly groupings: readonly Expr[]) {}

  /** agg(F.count("*"), …) or agg({ x: "avg" }), the object's entries in the order the embedded API takes them. */
  agg(...exprs: (Column | Record<string, string>)[]): ConnectDataFrame {
    const list: Expr[] = exprs.flatMap((e) =>
      e instanceof Column
        ? [e.expr]
        : javaHashMapOrder(Object.entries(e)).map(([c, fn]): Expr => ({ kind: "call", name: fn === "mean" ? "avg" : fn, args: [c === "*" ? { kind: "star" } : col(c).expr] }))
    );
    return this.df.aggregate(this.groupings, list);
  }
  count(): ConnectDataFrame {
    return this.df.aggregate(this.groupings, [{ kind: "alias", arg: { kind: "call", name: "count", args: [{ kind: "literal", value: 1, type: INT }] }, names: ["count"] }]);
  }
  sum(...cols: string[]): ConnectDataFrame { return this.simple("sum", cols); }
  avg(...cols: string[]): ConnectDataFrame { return this.simple("avg", cols); }
  mean(...cols: string[]): ConnectDataFrame { return this.simple("avg", cols); }
  min(...cols: string[]): ConnectDataFrame { return this.simple("min", cols); }
  max(...cols: string[]): ConnectDataFrame { return this.simple("max", cols); }

  private simple(fn: string, cols: string[]): ConnectDataFrame {
    const targets = cols.length > 0 ? cols : this.df.schema.fields.filter((f) => NUMERIC.has(f.dataType.kind)).map((f) => f.name);
    return this.df.aggregate(this.groupings, targets.map((c): Expr => ({ kind: "call", name: fn, args: [col(c).expr] })));
  }
}
