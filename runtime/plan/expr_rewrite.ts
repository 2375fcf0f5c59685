// Rewrites of unresolved expressions the binder needs: a top-down transform that also walks
// window specifications, and the substitutions SQL clauses make (select aliases in HAVING and
// ORDER BY, ordinals, named windows).
import type { Expr, SortOrderExpr, WindowSpec } from "../expr/expr.ts";
import { mapChildren } from "../expr/transform.ts";

/**
 * Top-down rewrite: `f` returns a replacement for a node (not visited further) or undefined to
 * keep the node and rewrite its children, including the expressions of an OVER clause.
 */
export function rewrite(e: Expr, f: (n: Expr) => Expr | undefined): Expr {
  const r = f(e);
  if (r !== undefined) return r;
  const mapped = mapChildren(e, (c) => rewrite(c, f));
  if (mapped.kind === "call" && mapped.over) {
    return { ...mapped, over: rewriteSpec(mapped.over, f) };
  }
  return mapped;
}

export function rewriteSpec(spec: WindowSpec, f: (n: Expr) => Expr | undefined): WindowSpec {
  return {
    ...spec,
    partitionBy: spec.partitionBy.map((p) => rewrite(p, f)),
    orderBy: spec.orderBy.map((o) => ({ ...o, arg: rewrite(o.arg, f) }) as SortOrderExpr),
  };
}

/** The expression without a top-level alias. */
export function unalias(e: Expr): Expr {
  return e.kind === "alias" ? e.arg : e;
}

export function columnRef(name: string): Expr {
  return { kind: "column", parts: [name] };
}

export function aliased(e: Expr, name: string): Expr {
  return { kind: "alias", arg: e, names: [name], origin: e.origin };
}

/** True for an integer literal (a GROUP BY / ORDER BY ordinal). */
export function ordinalOf(e: Expr): number | undefined {
  if (e.kind === "literal" && e.type.kind === "int" && typeof e.value === "number") return e.value;
  return undefined;
}
