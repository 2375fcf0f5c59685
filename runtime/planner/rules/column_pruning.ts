// ColumnPruning into sources that declare `pushdown.columns`: the columns of each source that the
// query reads anywhere are worked out from the top of the plan down, and the source is told to
// read only those (a Parquet source reads only their column chunks). Rows keep their width: the
// columns not read are null, so no expression above needs to change.
import { refsOf } from "../../expr/bound_refs.ts";
import { assertNever, type Plan } from "../../plan/plan.ts";
import { transformUp } from "../logical_transform.ts";
import type { LogicalRule } from "./rule.ts";

export const columnPruning: LogicalRule = {
  name: "ColumnPruning",
  apply: (plan, ctx) => {
    const needed = new Map<number, Set<number>>();
    require(plan, all(plan), needed);
    return transformUp(plan, (p) => {
      if (p.kind !== "source" || !ctx.pushdownOf(p.source.format)?.columns) return p;
      const cols = needed.get(p.sourceId);
      if (cols === undefined || cols.size === p.output.length) return p;
      return Object.freeze({ ...p, pushdown: { ...p.pushdown, requiredColumns: [...cols].sort((a, b) => a - b) } });
    });
  },
};

const all = (p: Plan) => new Set(p.output.map((_, i) => i));

/** Records what each source must produce for `p` to produce its columns `cols`. */
function require(p: Plan, cols: Set<number>, needed: Map<number, Set<number>>): void {
  switch (p.kind) {
    case "source": {
      const s = needed.get(p.sourceId) ?? new Set<number>();
      for (const c of cols) s.add(c);
      needed.set(p.sourceId, s);
      return;
    }
    case "local":
    case "table":
      return;
    case "project": {
      const next = new Set<number>();
      for (const c of cols) refsOf(p.exprs[c]!, next);
      return require(p.input, next, needed);
    }
    case "filter":
      return require(p.input, refsOf(p.condition, new Set(cols)), needed);
    case "generate": {
      const width = p.input.output.length;
      const next = refsOf(p.generator, new Set([...cols].filter((c) => c < width)));
      return require(p.input, next, needed);
    }
    case "watermark":
      return require(p.input, new Set([...cols, p.column]), needed);
    case "alias":
    case "limit":
    case "offset":
      return require(p.input, cols, needed);
    case "aggregate": {
      const next = new Set<number>();
      for (const g of p.groupings) refsOf(g, next);
      for (const a of p.aggregates) for (const x of a.args) refsOf(x, next);
      return require(p.input, next, needed);
    }
    case "dedup": {
      const next = new Set([...cols, ...p.keys]);
      if (p.eventTime) next.add(p.eventTime.slot);
      return require(p.input, next, needed);
    }
    case "sort": {
      const next = new Set(cols);
      for (const o of p.orders) refsOf(o.expr, next);
      return require(p.input, next, needed);
    }
    case "union":
      for (const input of p.inputs) require(input, cols, needed);
      return;
    case "join": {
      const lw = p.left.output.length;
      const left = new Set<number>(), right = new Set<number>();
      const add = (c: number) => (c < lw ? left.add(c) : right.add(c - lw));
      for (const c of cols) add(c);
      for (const k of p.leftKeys) refsOf(k, left);
      // Right keys and the residual are over [left…, right…].
      const both = new Set<number>();
      for (const k of p.rightKeys) refsOf(k, both);
      if (p.residual) refsOf(p.residual, both);
      for (const c of both) add(c);
      require(p.left, left, needed);
      require(p.right, right, needed);
      return;
    }
    case "window": {
      const width = p.input.output.length;
      const next = new Set([...cols].filter((c) => c < width));
      for (const b of p.partitionBy) refsOf(b, next);
      for (const o of p.orderBy) refsOf(o.expr, next);
      for (const f of p.functions) {
        if (f.kind === "offset") {
          refsOf(f.input, next);
          refsOf(f.default, next);
        } else if (f.kind === "aggregate") {
          for (const x of f.aggregate.args) refsOf(x, next);
        }
      }
      return require(p.input, next, needed);
    }
    case "setOp":
      // Rows are compared whole.
      require(p.left, all(p.left), needed);
      require(p.right, all(p.right), needed);
      return;
    case "flatMapGroupsWithState":
      // The user function sees whole rows.
      require(p.input, all(p.input), needed);
      return;
    case "subqueries":
      // Correlated subqueries read outer columns the expressions do not show: keep them all.
      require(p.input, all(p.input), needed);
      for (const s of p.subqueries) require(s.plan, all(s.plan), needed);
      return;
    default:
      return assertNever(p);
  }
}
