// EXPLAIN: the plan as an indented tree in Spark's "+- " style, one node per line.
import { sqlText } from "../expr/expr_sql.ts";
import type { Expr } from "../expr/expr.ts";
import { assertNever, children, type Plan } from "./plan.ts";
import { canonicalName } from "./resolve_expr.ts";

const sql = (e: Expr) => sqlText(e, canonicalName);

export function describeNode(p: Plan): string {
  const cols = (p2: Plan) => p2.output.map((a) => a.name).join(", ");
  switch (p.kind) {
    case "source":
      return `${p.streaming ? "StreamingRelation" : "Relation"} ${p.source.format}, [${cols(p)}]`;
    case "local":
      return `LocalRelation [${cols(p)}], ${p.rows.length} rows`;
    case "table":
      return `Table ${p.name}, [${cols(p)}]`;
    case "project":
      return `Project [${p.sources.map((e, i) => {
        const name = p.output[i]!.name;
        const text = e.kind === "alias" ? sql(e.arg) : sql(e);
        return text === name || text === "`" + name + "`" ? name : `${text} AS ${name}`;
      }).join(", ")}]`;
    case "filter":
      return `Filter ${sql(p.source)}`;
    case "generate":
      return `Generate ${sql(p.source)}, [${p.output.slice(p.input.output.length).map((a) => a.name).join(", ")}]`;
    case "union":
      return p.byName ? "Union (by name)" : "Union";
    case "limit":
      return `Limit ${p.limit}`;
    case "alias":
      return `SubqueryAlias ${p.alias}`;
    case "aggregate": {
      const outs = p.sources.map((e, i) => {
        const text = e.kind === "alias" ? sql(e.arg) : sql(e);
        const name = p.output[i]!.name;
        return text === name ? name : `${text} AS ${name}`;
      });
      return `Aggregate [${p.groupings.length} grouping key${p.groupings.length === 1 ? "" : "s"}], [${outs.join(", ")}]${p.streaming ? " (stateful)" : ""}`;
    }
    case "sort":
      return `Sort [${p.sources.map((e, i) => `${sql(e)} ${p.orders[i]!.ascending ? "ASC" : "DESC"} NULLS ${p.orders[i]!.nullsFirst ? "FIRST" : "LAST"}`).join(", ")}]`;
    case "dedup":
      return `${p.withinWatermark ? "DeduplicateWithinWatermark" : "Deduplicate"} [${p.keys.map((k) => p.input.output[k]!.name).join(", ")}]`;
    case "flatMapGroupsWithState":
      return groupsWithStateText(p, sql);
    case "watermark":
      return `EventTimeWatermark ${p.output[p.column]!.name}, ${p.delayText}`;
    case "join": {
      const names: Record<string, string> = { inner: "Inner", cross: "Cross", left: "LeftOuter", right: "RightOuter", full: "FullOuter", semi: "LeftSemi", anti: "LeftAnti" };
      return `Join ${names[p.joinType]}${p.source ? `, ${sql(p.source)}` : p.leftKeys.length ? `, [${p.leftKeys.length} key${p.leftKeys.length === 1 ? "" : "s"}]` : ""}`;
    }
    case "window":
      return `Window [${p.sources.map((e, i) => `${sql(e)} AS ${p.output[p.input.output.length + i]!.name}`).join(", ")}]`;
    case "offset":
      return `Offset ${p.offset}`;
    case "setOp":
      return `${p.op === "intersect" ? "Intersect" : "Except"}${p.all ? " All" : ""}`;
    case "subqueries":
      return `WithSubqueries [${p.subqueries.length}]`;
    default:
      return assertNever(p);
  }
}

export function treeString(p: Plan): string {
  const lines: string[] = [];
  const walk = (n: Plan, prefix: string, childPrefix: string) => {
    lines.push(prefix + describeNode(n));
    const kids = children(n);
    kids.forEach((k, i) => {
      const last = i === kids.length - 1;
      walk(k, childPrefix + (last ? "+- " : ":- "), childPrefix + (last ? "   " : ":  "));
    });
  };
  walk(p, "", "");
  return lines.join("\n");
}

/** What DataFrame.explain() prints. */
export function explainPlan(p: Plan, extended: boolean): string {
  const tree = treeString(p);
  if (!extended) return `== Physical Plan ==\n${tree}\n`;
  const schema = p.output.map((a) => `${a.name}: ${a.type.simpleString()}`).join(", ");
  return `== Analyzed Logical Plan ==\n${schema}\n${tree}\n\n== Physical Plan ==\n${tree}\n`;
}

/** Spark's FlatMapGroupsWithState line: function kind, grouping keys, output mode, timeout. */
export function groupsWithStateText(p: Extract<Plan, { kind: "flatMapGroupsWithState" }>, text: (e: Expr) => string): string {
  const name = p.isMapGroupsWithState ? "MapGroupsWithState" : "FlatMapGroupsWithState";
  const mode = p.funcOutputMode === "append" ? "Append" : "Update";
  return `${name} [${p.sources.map(text).join(", ")}], ${mode}, ${p.timeout}`;
}
