// ORDER BY: a stable sort on the keys, each ascending or descending with its null placement.
import type { EvalContext } from "../expr/bound.ts";
import { compileProjection } from "../expr/codegen.ts";
import { comparatorFor } from "../expr/compare.ts";
import type { Row } from "../plugin/contract.ts";
import type { SortKey } from "../plan/plan.ts";

export function sorter(orders: readonly SortKey[]): (rows: readonly Row[], ctx: EvalContext) => Row[] {
  const keyOf = compileProjection(orders.map((o) => o.expr));
  const cmps = orders.map((o) => {
    const c = comparatorFor(o.expr.type);
    const dir = o.ascending ? 1 : -1;
    const nulls = o.nullsFirst ? -1 : 1;
    return (a: unknown, b: unknown) => (a === null ? (b === null ? 0 : nulls) : b === null ? -nulls : dir * c(a, b));
  });
  return (rows, ctx) => {
    const keyed = rows.map((row, i) => ({ row, key: keyOf(row, ctx), i }));
    keyed.sort((x, y) => {
      for (let k = 0; k < cmps.length; k++) {
        const d = cmps[k]!(x.key[k], y.key[k]);
        if (d !== 0) return d;
      }
      return x.i - y.i;
    });
    return keyed.map((k) => k.row);
  };
}
