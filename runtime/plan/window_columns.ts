// window() and session_window() anywhere in a list of expressions (select, withColumn, groupBy,
// agg): Spark's TimeWindowing / SessionWindowing rules. The one window expression of the list
// becomes a column computed below the node (one row per window for sliding windows, as Spark's
// Expand), and every occurrence of it refers to that column by position, so an input column that
// is itself called `window` (a window aggregation's output) stays reachable by its name.
import type { Expr } from "../expr/expr.ts";
import { toPrettySQL } from "../expr/expr_sql.ts";
import { mapChildren } from "../expr/transform.ts";
import { userError } from "../errors.ts";
import type { Plan } from "./plan.ts";
import { canonicalName, ExprResolver, type ResolveContext } from "./resolve_expr.ts";
import { addTimeWindow } from "./time_window.ts";
import { addSessionWindow } from "./session_window.ts";

type Call = Extract<Expr, { kind: "call" }>;

export const multipleWindows = () =>
  userError("_LEGACY_ERROR_TEMP_1039", "Multiple time/session window expressions would result in a cartesian product of rows, therefore they are currently not supported.");

const windowKind = (e: Expr): "window" | "session_window" | undefined => {
  if (e.kind !== "call" || e.over) return undefined;
  const n = e.name.toLowerCase();
  return n === "window" || n === "session_window" ? n : undefined;
};

/** Every window()/session_window() call in `e` (not looking inside one). */
function windowCalls(e: Expr, out: Call[]): void {
  if (windowKind(e)) {
    out.push(e as Call);
    return;
  }
  mapChildren(e, (c) => {
    windowCalls(c, out);
    return c;
  });
}

export interface WindowColumns {
  readonly plan: Plan;
  readonly exprs: Expr[];
  /** The new column's position in `plan.output`, and whether it is a session window. */
  readonly column?: { readonly slot: number; readonly session: boolean };
}

/**
 * Adds the column of the window expression in `exprs` below them (none: unchanged) and returns
 * the expressions with each occurrence replaced by a reference to it. The other column references
 * are pinned to their positions in `input` (unchanged below), so names stay unambiguous.
 */
export function planWindowColumns(input: Plan, exprs: readonly Expr[], ctx: ResolveContext): WindowColumns {
  const calls: Call[] = [];
  for (const e of exprs) windowCalls(e, calls);
  if (calls.length === 0) return { plan: input, exprs: [...exprs] };
  const key = (c: Expr) => toPrettySQL(c, canonicalName);
  const distinct = new Set(calls.map(key));
  if (distinct.size > 1) throw multipleWindows();
  const call = calls[0]!;
  const session = windowKind(call) === "session_window";
  const plan = session ? addSessionWindow(input, call, ctx).plan : addTimeWindow(input, call, ctx).plan;
  const slot = plan.output.length - 1;
  const name = session ? "session_window" : "window";
  const pin = pinColumns(input, ctx);
  const replace = (e: Expr): Expr => {
    if (windowKind(e) && key(e) === key(call)) return { kind: "column", parts: [name], ordinal: slot, origin: e.origin };
    if (e.kind === "column") return pin(e);
    return mapChildren(e, replace);
  };
  return { plan, exprs: exprs.map(replace), column: { slot, session } };
}

/** A column reference with its position in `input` where its first name part is one column of it. */
function pinColumns(input: Plan, ctx: ResolveContext): (e: Extract<Expr, { kind: "column" }>) => Expr {
  const resolver = new ExprResolver(input.output, ctx);
  return (e) => {
    if (e.ordinal !== undefined) return e;
    let b;
    try {
      b = resolver.resolve({ kind: "column", parts: [e.parts[0]!] });
    } catch {
      return e;
    }
    if (b.kind !== "ref") return e;
    if (e.parts.length === 1) return { ...e, ordinal: b.ordinal };
    // `window.end`: a field of the pinned column; only when the first part is that column's name.
    const head: Expr = { kind: "column", parts: [e.parts[0]!], ordinal: b.ordinal, origin: e.origin };
    return e.parts.slice(1).reduce((arg: Expr, part): Expr => ({ kind: "getField", arg, name: part, origin: e.origin }), head);
  };
}
