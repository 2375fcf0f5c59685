// GROUP BY analysis: grouping expressions over the input, aggregate calls pulled out of the
// output expressions, and every other column checked to be grouped (Spark's MISSING_AGGREGATION).
import type { Bound } from "../expr/bound.ts";
import type { BoundAggregate } from "../expr/aggregate_def.ts";
import { lookupAggregate, isAggregateName } from "../expr/aggregates/mod.ts";
import { distinctAggregate } from "../expr/aggregates/distinct_aggregate.ts";
import type { Expr } from "../expr/expr.ts";
import { toPrettySQL } from "../expr/expr_sql.ts";
import { anyNode, mapChildren } from "../expr/transform.ts";
import { sortMapsRecursively } from "../expr/map_sort.ts";
import { userError } from "../errors.ts";
import type { Attribute } from "./attribute.ts";
import type { Plan } from "./plan.ts";
import { canonicalName, ExprResolver, outputName, type ResolveContext } from "./resolve_expr.ts";
import { planWindowColumns } from "./window_columns.ts";

/** True if `e` calls an aggregate function (outside a window OVER clause). */
export function containsAggregate(e: Expr): boolean {
  return anyNode(e, (n) => n.kind === "call" && !n.over && isAggregateName(n.name));
}

const GROUP_PREFIX = "#grp", AGG_PREFIX = "#agg";

export function aggregate(input: Plan, groupingExprs: readonly Expr[], outputExprs: readonly Expr[], ctx: ResolveContext): Plan {
  // window(...) / session_window(...) becomes a column computed below (plan/window_columns.ts);
  // the user's window expressions in the outputs refer to the same column.
  const windowed = planWindowColumns(input, [...groupingExprs, ...outputExprs], ctx);
  const child = windowed.plan;
  // Spark's CleanupAliases: an alias on a grouping expression only names the output column.
  const groupings = windowed.exprs.slice(0, groupingExprs.length).map((g) => (g.kind === "alias" ? g.arg : g));
  const outputs = windowed.exprs.slice(groupingExprs.length);
  const inputResolver = new ExprResolver(child.output, ctx);
  const groupBound = groupings.map((g) => sortMapsRecursively(inputResolver.resolve(g)));
  const groupKeys = groupings.map((g, i) => keyOf(g, groupBound[i]!));

  const aggs: BoundAggregate[] = [];
  const aggKeys: string[] = [];
  const rewrite = (e: Expr): Expr => {
    if (e.kind === "alias") return { ...e, arg: rewrite(e.arg) };
    const gi = groupingIndex(e);
    if (gi >= 0) return { kind: "column", parts: [GROUP_PREFIX + gi] };
    if (e.kind === "call" && !e.over && /^grouping(_id)?$/i.test(e.name)) {
      // GROUPING SETS / ROLLUP / CUBE rewrite these before they get here.
      throw userError("UNSUPPORTED_GROUPING_EXPRESSION", "grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.",
        { sqlState: "42K0E", position: e.origin });
    }
    if (e.kind === "call" && !e.over && isAggregateName(e.name)) {
      const f = lookupAggregate(e.name)!;
      const args = e.args.length === 1 && e.args[0]!.kind === "star" && f.name === "count"
        ? [] : e.args.map((a) => {
          if (containsAggregate(a)) {
            throw userError("NESTED_AGGREGATE_FUNCTION", "It is not allowed to use an aggregate function in the argument of another aggregate function. Please use the inner aggregate function in a sub-query.", { sqlState: "42607", position: a.origin });
          }
          return inputResolver.resolve(a);
        });
      if (args.length < f.minArgs || args.length > f.maxArgs) {
        throw userError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", `The \`${f.name}\` requires ${f.minArgs === f.maxArgs ? f.minArgs : `[${f.minArgs}, ${f.maxArgs}]`} parameters but the actual number is ${args.length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`, { sqlState: "42605", position: e.origin });
      }
      const key = toPrettySQL(e, canonicalName) + (e.distinct ? "#distinct" : "");
      let k = aggKeys.indexOf(key);
      if (k < 0) {
        k = aggs.length;
        aggKeys.push(key);
        const bound = f.bind(args, { timeZone: ctx.timeZone, ansi: ctx.ansi, sql: toPrettySQL(e, canonicalName), argSql: e.args.map((a) => toPrettySQL(a, canonicalName)), conf: ctx.conf }, e.distinct === true);
        aggs.push(e.distinct === true && f.name !== "count" ? distinctAggregate(bound) : bound);
      }
      return { kind: "column", parts: [AGG_PREFIX + k] };
    }
    if (e.kind === "column") {
      // A column that is not grouped: resolve it first so a typo still says UNRESOLVED_COLUMN.
      const b = inputResolver.resolve(e);
      // A correlated subquery's reference to the outer query is one value per evaluation.
      if (b.kind === "fn" && b.name === "outer") return e;
      const sql = toPrettySQL(e, canonicalName);
      // CheckAnalysis: an aggregate without grouping expressions reports the missing GROUP BY.
      if (groupingExprs.length === 0) {
        throw userError("MISSING_GROUP_BY", "The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses.",
          { sqlState: "42803", position: e.origin });
      }
      throw userError("MISSING_AGGREGATION",
        `The non-aggregating expression "${sql}" is based on columns which are not participating in the GROUP BY clause.`,
        { sqlState: "42803", position: e.origin, hint: `Add the columns or the expression to the GROUP BY, aggregate the expression, or use "any_value(${sql})" if you do not care which of the values within a group is returned.` });
    }
    if (e.kind === "subquery" && e.arg) {
      // The value of `x IN (SELECT …)` is computed over the groups like any other output.
      const arg = rewrite(e.arg);
      return arg === e.arg ? e : { ...e, arg };
    }
    return mapChildren(e, rewrite);
  };
  function groupingIndex(e: Expr): number {
    if (e.kind === "literal") return -1;
    let b: Bound;
    try {
      if (containsAggregate(e) || e.kind === "star") return -1;
      b = inputResolver.resolve(e);
    } catch {
      return -1;
    }
    return groupKeys.indexOf(keyOf(e, b));
  }

  const rewritten = outputs.map(rewrite);
  // Resolve the rewritten outputs over [grouping values…, aggregate results…].
  const layout: Attribute[] = [
    ...groupBound.map((b, i) => {
      const src = b.kind === "ref" ? child.output[b.ordinal] : undefined;
      return { name: GROUP_PREFIX + i, type: b.type, nullable: b.nullable, watermarkDelayMs: src?.watermarkDelayMs };
    }),
    ...aggs.map((a, k) => ({ name: AGG_PREFIX + k, type: a.type, nullable: a.nullable })),
  ];
  // A subquery in the outputs (HAVING (SELECT … col1 …)) sees each grouping column by its name.
  const named: Attribute[] = layout.map((a, i) => {
    const g = i < groupBound.length ? groupBound[i]! : undefined;
    const src = g?.kind === "ref" ? child.output[g.ordinal] : undefined;
    return src ? { ...a, name: src.name, qualifier: src.qualifier } : a;
  });
  const layoutResolver = new ExprResolver(layout, { ...ctx, caseSensitive: true }, { input: named, ctx });
  const results = rewritten.map((e) => layoutResolver.resolve(e));
  const output: Attribute[] = results.map((b, i) => {
    const name = outputName(outputs[i]!);
    const src = b.kind === "ref" ? layout[b.ordinal] : undefined;
    const orig = b.kind === "ref" && b.ordinal < groupBound.length ? groupBound[b.ordinal]! : undefined;
    const qualifier = orig?.kind === "ref" ? child.output[orig.ordinal]?.qualifier : undefined;
    return { name, type: b.type, nullable: b.nullable, watermarkDelayMs: src?.watermarkDelayMs, qualifier };
  });

  const sessionColumn = windowed.column?.session ? windowed.column.slot : -1;
  const sessionSlot = sessionColumn < 0 ? -1 : groupBound.findIndex((b) => b.kind === "ref" && b.ordinal === sessionColumn);
  const session = sessionSlot >= 0 ? { slot: sessionSlot } : undefined;
  const eventSlot = layout.findIndex((a, i) => i < groupBound.length && a.watermarkDelayMs !== undefined);
  const eventTimeKey = eventSlot >= 0
    ? { slot: eventSlot, isWindow: layout[eventSlot]!.type.kind === "struct", delayMs: layout[eventSlot]!.watermarkDelayMs! }
    : undefined;
  return Object.freeze({
    kind: "aggregate", input: child, groupings: groupBound, aggregates: aggs, results, sources: outputs, eventTimeKey, session,
    output, streaming: child.streaming,
  });
}

/** A key identifying a grouping expression: the input slot for a plain column, else its SQL text. */
function keyOf(e: Expr, b: Bound): string {
  if (b.kind === "ref") return `#ref${b.ordinal}`;
  return toPrettySQL(e, canonicalName);
}
