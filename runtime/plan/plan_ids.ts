// Columns bound to their DataFrame (df.col("k"), PySpark's df["k"] / df.k): the column carries the
// id of the plan it was taken from, and resolves to THAT plan's attribute wherever it is used, as
// Spark's plan ids / attribute ids make it (so `a.join(b, a.col("k").equalTo(b.col("k")))` knows
// which `k` is which). The slot is traced down the input plans: positions survive filters,
// watermarks, aliases and sorts, a projection keeps a column it selects as is, an aggregation its
// grouping columns, and a join puts its right side after its left one.
import { quoteIdent, userError } from "../errors.ts";
import type { Plan } from "./plan.ts";

const ids = new WeakMap<Plan, number>();
const byId = new Map<number, WeakRef<Plan>>();
let next = 1;

/** The plan id of a plan node (given on first use). */
export function planIdOf(p: Plan): number {
  let id = ids.get(p);
  if (id === undefined) {
    id = next++;
    ids.set(p, id);
    byId.set(id, new WeakRef(p));
  }
  return id;
}

/** An id for a plan node not built yet (a Spark Connect relation's plan id, bound by assignPlanId). */
export function reservePlanId(): number {
  return next++;
}

/** Makes `id` name `p` too (a plan keeps the id planIdOf gave it). */
export function assignPlanId(id: number, p: Plan): void {
  byId.set(id, new WeakRef(p));
}

/** The plan node of an id, while it is alive. */
export function planOfId(id: number): Plan | undefined {
  const p = byId.get(id)?.deref();
  if (!p) byId.delete(id);
  return p;
}

function contains(p: Plan, target: Plan): boolean {
  if (p === target) return true;
  return childrenOf(p).some((c) => contains(c, target));
}

function childrenOf(p: Plan): readonly Plan[] {
  switch (p.kind) {
    case "source":
    case "local":
    case "table":
      return [];
    case "union":
      return p.inputs;
    case "join":
    case "setOp":
      return [p.left, p.right];
    case "subqueries":
    case "window":
    case "offset":
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
      return [p.input];
  }
}

const refOrdinal = (b: { kind: string; ordinal?: number }): number | undefined => (b.kind === "ref" ? b.ordinal : undefined);

/** The slot of `target`'s column `name` in `p`'s output, or undefined when it does not reach it. */
function slotIn(p: Plan, target: Plan, name: string, caseSensitive: boolean): number | undefined {
  if (p === target) {
    const eq = (a: string) => (caseSensitive ? a === name : a.toLowerCase() === name.toLowerCase());
    const hits = p.output.map((a, i) => (eq(a.name) ? i : -1)).filter((i) => i >= 0);
    return hits.length === 1 ? hits[0] : undefined;
  }
  switch (p.kind) {
    case "join": {
      if (contains(p.left, target)) {
        if (contains(p.right, target)) throw ambiguous(name);
        return slotIn(p.left, target, name, caseSensitive);
      }
      if (p.joinType === "semi" || p.joinType === "anti") return undefined;
      const s = slotIn(p.right, target, name, caseSensitive);
      return s === undefined ? undefined : p.left.output.length + s;
    }
    case "union":
      return contains(p.inputs[0]!, target) ? slotIn(p.inputs[0]!, target, name, caseSensitive) : undefined;
    case "setOp":
      return contains(p.left, target) ? slotIn(p.left, target, name, caseSensitive) : undefined;
    case "project": {
      const s = slotIn(p.input, target, name, caseSensitive);
      if (s === undefined) return undefined;
      const i = p.exprs.findIndex((b, k) => refOrdinal(b) === s && p.sources[k]?.kind !== "alias");
      return i < 0 ? undefined : i;
    }
    case "aggregate": {
      const s = slotIn(p.input, target, name, caseSensitive);
      if (s === undefined) return undefined;
      const g = p.groupings.findIndex((b) => refOrdinal(b) === s);
      if (g < 0) return undefined;
      const i = p.results.findIndex((b, k) => refOrdinal(b) === g && p.sources[k]?.kind !== "alias");
      return i < 0 ? undefined : i;
    }
    case "subqueries":
    case "window":
    case "offset":
    case "filter":
    case "generate":
    case "limit":
    case "alias":
    case "watermark":
    case "sort":
    case "dedup":
      return slotIn(p.input, target, name, caseSensitive);
    default:
      return undefined;
  }
}

/**
 * The input slot of a column taken from plan `planId`, when the resolver's input is the output of
 * `inputs` (side by side) and the column can be traced to it; undefined when the plan is not
 * among the inputs or the column cannot be traced (the caller then resolves it by name).
 * A plan found on both sides of a join (a self-join of one DataFrame) is ambiguous, as in Spark.
 */
export function boundSlot(inputs: readonly Plan[], planId: number, name: string, caseSensitive: boolean): number | undefined {
  const target = planOfId(planId);
  if (!target) return undefined;
  const holders = inputs.map((p, i) => ({ p, i })).filter(({ p }) => contains(p, target));
  if (holders.length === 0) return undefined;
  if (holders.length > 1) throw ambiguous(name);
  let offset = 0;
  for (let i = 0; i < holders[0]!.i; i++) offset += inputs[i]!.output.length;
  const s = slotIn(holders[0]!.p, target, name, caseSensitive);
  return s === undefined ? undefined : offset + s;
}

function ambiguous(name: string) {
  return userError("AMBIGUOUS_COLUMN_REFERENCE",
    `Column ${quoteIdent(name)} is ambiguous. It's because you joined several DataFrame together, and some of these DataFrames are the same.\n` +
    "This column points to one of the DataFrames but Spark is unable to figure out which one.\n" +
    "Please alias the DataFrames with different names via `DataFrame.alias` before joining them,\n" +
    "and specify the column using qualified name, e.g. `df.alias(\"a\").join(df.alias(\"b\"), col(\"a.id\") > col(\"b.id\"))`.",
    { sqlState: "42702" });
}
