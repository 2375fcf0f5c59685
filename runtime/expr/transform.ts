// Generic traversal of unresolved expressions: rebuild a node with its children mapped.
import type { Expr } from "./expr.ts";

/**
 * `e` with every direct child replaced by `f(child)`; `e` itself when no child changed (so a node
 * keeps its identity, and what the analyzer recorded about it, through rewrites that touch nothing
 * below it); leaves are returned as they are.
 */
export function mapChildren(e: Expr, f: (c: Expr) => Expr): Expr {
  let changed = false;
  const g = (c: Expr): Expr => {
    const m = f(c);
    if (m !== c) changed = true;
    return m;
  };
  const mapped = rebuild(e, g);
  return changed ? mapped : e;
}

function rebuild(e: Expr, f: (c: Expr) => Expr): Expr {
  switch (e.kind) {
    case "column":
    case "literal":
    case "star":
    case "subquery":
      return e;
    case "call":
      return { ...e, args: e.args.map(f), filter: e.filter ? f(e.filter) : undefined };
    case "unary":
    case "cast":
    case "isNull":
    case "alias":
    case "getField":
    case "sortOrder":
      return { ...e, arg: f(e.arg) } as Expr;
    case "binary":
      return { ...e, left: f(e.left), right: f(e.right) };
    case "case":
      return {
        ...e, operand: e.operand ? f(e.operand) : undefined,
        branches: e.branches.map((b) => ({ when: f(b.when), then: f(b.then) })), otherwise: e.otherwise ? f(e.otherwise) : undefined,
      };
    case "in":
      return { ...e, arg: f(e.arg), list: e.list.map(f) };
    case "between":
      return { ...e, arg: f(e.arg), low: f(e.low), high: f(e.high) };
    case "like":
      return { ...e, arg: f(e.arg), pattern: f(e.pattern) };
    case "getItem":
      return { ...e, arg: f(e.arg), key: f(e.key) };
    case "lambda":
      return { ...e, body: f(e.body) };
    default: {
      const never: never = e;
      return never;
    }
  }
}

/** True if `pred` holds for `e` or any node below it. */
export function anyNode(e: Expr, pred: (n: Expr) => boolean): boolean {
  let found = false;
  const visit = (n: Expr): Expr => {
    if (found) return n;
    if (pred(n)) {
      found = true;
      return n;
    }
    mapChildren(n, visit);
    return n;
  };
  visit(e);
  return found;
}
