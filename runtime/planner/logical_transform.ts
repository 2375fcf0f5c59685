// Rebuilding analyzed logical plans: a node with new children, and bottom-up rewrites. The
// optimizer's rules are written with these (nodes stay frozen data).
import { assertNever, children, type Plan } from "../plan/plan.ts";

/** A copy of `p` with its children replaced, in the order children() lists them. */
export function withChildren(p: Plan, kids: readonly Plan[]): Plan {
  const same = children(p).every((c, i) => c === kids[i]);
  if (same) return p;
  switch (p.kind) {
    case "source":
    case "local":
    case "table":
      return p;
    case "union":
      return Object.freeze({ ...p, inputs: kids });
    case "join":
    case "setOp":
      return Object.freeze({ ...p, left: kids[0]!, right: kids[1]! });
    case "subqueries":
      // The subqueries' plans are evaluated on their own; only the input is a child to rewrite.
      return Object.freeze({ ...p, input: kids[0]! });
    case "project":
    case "filter":
    case "generate":
    case "limit":
    case "alias":
    case "watermark":
    case "aggregate":
    case "sort":
    case "dedup":
    case "flatMapGroupsWithState":
    case "window":
    case "offset":
      return Object.freeze({ ...p, input: kids[0]! });
    default:
      return assertNever(p);
  }
}

/** Rewrites `p` bottom-up with `f` (subquery plans are left alone). */
export function transformUp(p: Plan, f: (p: Plan) => Plan): Plan {
  const kids = p.kind === "subqueries" ? [p.input] : children(p);
  const next = kids.length === 0 ? p : withChildren(p, p.kind === "subqueries" ? [transformUp(p.input, f), ...p.subqueries.map((s) => s.plan)] : kids.map((k) => transformUp(k, f)));
  return f(next);
}
