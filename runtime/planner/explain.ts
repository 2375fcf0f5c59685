// EXPLAIN: Spark's sections, each a tree in Spark's "+- " style. explain() prints the physical
// plan; explain(true) / explain("extended") prints the Parsed, Analyzed and Optimized Logical
// Plans and the Physical Plan. Expressions print as Spark prints them, without expression ids.
import type { BoundAggregate } from "../expr/aggregate_def.ts";
import { assertNever, children, type Plan } from "../plan/plan.ts";
import { describeNode } from "../plan/explain.ts";
import type { SourceFilter } from "../plugin/contract.ts";
import { schemaOf } from "../plan/attribute.ts";
import { aggregateText, boundText } from "./bound_text.ts";
import { physicalChildren, type PhysicalPlan, type PipelineOp, type StatefulInfo } from "./physical_plan.ts";
import type { QueryPlan } from "./query_plan.ts";

/** What DataFrame.explain() / StreamingQuery.explain() print. */
export function explainText(q: QueryPlan, extended: boolean): string {
  const physical = `== Physical Plan ==\n${physicalTree(q.physical)}\n`;
  if (!extended) return physical;
  const schema = q.analyzed.output.map((a) => `${a.name}: ${a.type.simpleString()}`).join(", ");
  return [
    `== Parsed Logical Plan ==\n${tree(q.analyzed, children, (p) => [describeNode(p)])}`,
    `== Analyzed Logical Plan ==\n${schema}\n${logicalTree(q.analyzed)}`,
    `== Optimized Logical Plan ==\n${logicalTree(q.optimized)}`,
    physical,
  ].join("\n\n");
}

function tree<T>(root: T, kids: (n: T) => readonly T[], describe: (n: T) => string[]): string {
  const lines: string[] = [];
  const walk = (n: T, prefix: string, childPrefix: string) => {
    // A node may print as several operators (a pipeline): each on its own line under the one before.
    let base = childPrefix;
    describe(n).forEach((text, i) => {
      if (i === 0) lines.push(prefix + text);
      else {
        lines.push(base + "+- " + text);
        base += "   ";
      }
    });
    const ks = kids(n);
    ks.forEach((k, i) => {
      const last = i === ks.length - 1;
      walk(k, base + (last ? "+- " : ":- "), base + (last ? "   " : ":  "));
    });
  };
  walk(root, "", "");
  return lines.join("\n");
}

// ---- logical plans with bound expressions

export function logicalTree(p: Plan): string {
  return tree(p, children, (n) => [describeLogical(n)]);
}

const names = (p: Plan) => p.output.map((a) => a.name).join(", ");
const aliased = (text: string, name: string) => (text === name ? name : `${text} AS ${name}`);

function describeLogical(p: Plan): string {
  const over = (input: Plan) => (i: number) => input.output[i]?.name ?? `#${i}`;
  switch (p.kind) {
    case "source": {
      const pushed = p.pushdown ? pushdownText(p, p.pushdown.requiredColumns, p.pushdown.filters) : "";
      return `${p.streaming ? "StreamingRelation" : "Relation"} ${p.source.format}, [${names(p)}]${pushed}`;
    }
    case "local":
      return `LocalRelation [${names(p)}], ${p.rows.length} rows`;
    case "table":
      return `Table ${p.name}, [${names(p)}]`;
    case "project":
      return `Project [${p.exprs.map((e, i) => aliased(boundText(e, over(p.input)), p.output[i]!.name)).join(", ")}]`;
    case "filter":
      return `Filter ${boundText(p.condition, over(p.input))}`;
    case "generate":
      return `Generate ${p.generatorName}(${boundText(p.generator, over(p.input))}), ${p.outer ? "true" : "false"}, [${p.output.slice(p.input.output.length).map((a) => a.name).join(", ")}]`;
    case "union":
      return p.byName ? "Union false, true" : "Union false, false";
    case "limit":
      return `GlobalLimit ${p.limit}`;
    case "alias":
      return `SubqueryAlias ${p.alias}`;
    case "aggregate":
      return `Aggregate [${p.groupings.map((g) => boundText(g, over(p.input))).join(", ")}], [${aggregateOutputs(p).join(", ")}]`;
    case "sort":
      return `Sort [${p.orders.map((o) => `${boundText(o.expr, over(p.input))} ${o.ascending ? "ASC" : "DESC"} NULLS ${o.nullsFirst ? "FIRST" : "LAST"}`).join(", ")}], true`;
    case "dedup":
      return `${p.withinWatermark ? "DeduplicateWithinWatermark" : "Deduplicate"} [${p.keys.map((k) => p.input.output[k]!.name).join(", ")}]`;
    case "watermark":
      return `EventTimeWatermark ${p.output[p.column]!.name}, ${p.delayText}`;
    case "flatMapGroupsWithState":
      return describeNode(p);
    case "join":
      return describeNode(p);
    case "window":
      return describeNode(p);
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

/** An aggregate's output expressions: grouping columns and aggregate calls by their text. */
function aggregateOutputs(p: Extract<Plan, { kind: "aggregate" }>): string[] {
  const over = (i: number) => p.input.output[i]?.name ?? `#${i}`;
  const layout = (i: number) => (i < p.groupings.length ? boundText(p.groupings[i]!, over) : aggregateText(p.aggregates[i - p.groupings.length]!, over));
  return p.results.map((r, i) => aliased(boundText(r, layout), p.output[i]!.name));
}

function pushdownText(p: Extract<Plan, { kind: "source" }>, cols?: readonly number[], filters?: readonly SourceFilter[]): string {
  const parts: string[] = [];
  if (cols) parts.push(`ReadSchema: ${schemaOf(cols.map((c) => p.output[c]!)).simpleString()}`);
  if (filters) parts.push(`PushedFilters: [${filters.map(filterText).join(", ")}]`);
  return parts.length ? `, ${parts.join(", ")}` : "";
}

/** Spark's data source filter names: EqualTo(a,1), IsNotNull(a), And(…). */
export function filterText(f: SourceFilter): string {
  const v = (x: unknown) => (typeof x === "string" ? x : typeof x === "bigint" ? String(x) : JSON.stringify(x));
  switch (f.kind) {
    case "=": return `EqualTo(${f.column},${v(f.value)})`;
    case "<=>": return `EqualNullSafe(${f.column},${v(f.value)})`;
    case "<": return `LessThan(${f.column},${v(f.value)})`;
    case "<=": return `LessThanOrEqual(${f.column},${v(f.value)})`;
    case ">": return `GreaterThan(${f.column},${v(f.value)})`;
    case ">=": return `GreaterThanOrEqual(${f.column},${v(f.value)})`;
    case "isNull": return `IsNull(${f.column})`;
    case "isNotNull": return `IsNotNull(${f.column})`;
    case "and": return `And(${filterText(f.left)},${filterText(f.right)})`;
    case "or": return `Or(${filterText(f.left)},${filterText(f.right)})`;
    case "not": return `Not(${filterText(f.child)})`;
  }
}

// ---- physical plans

export function physicalTree(p: PhysicalPlan): string {
  return tree(p, physicalChildren, describePhysical);
}

const stateText = (s: StatefulInfo) => `state info [ opId = ${s.operatorId}, numPartitions = ${s.numPartitions} ]`;
const modeText = (m?: string) => (m === undefined ? "" : `, ${m[0]!.toUpperCase()}${m.slice(1)}`);

function describePhysical(p: PhysicalPlan): string[] {
  switch (p.kind) {
    case "scan": {
      const n = p.node;
      const cols = n.pushdown?.requiredColumns ?? n.output.map((_, i) => i);
      const filters = n.pushdown?.filters;
      const read = schemaOf(cols.map((c) => n.output[c]!)).simpleString();
      return [`${n.streaming ? "StreamingScan" : "Scan"} ${n.source.format} [${cols.map((c) => n.output[c]!.name).join(", ")}], PushedFilters: [${(filters ?? []).map(filterText).join(", ")}], ReadSchema: ${read}`];
    }
    case "localScan":
      return [`LocalTableScan [${names(p.node)}]`];
    case "tableScan":
      return [`InMemoryTableScan ${p.node.name} [${names(p.node)}]`];
    case "pipeline":
      // Operators print top-down, each under the one it feeds, as Spark prints a codegen stage.
      return [...p.ops].reverse().map((op) => `*(${p.stage}) ${describeOp(op)}`);
    case "project":
    case "filter":
    case "generate":
    case "eventTimeWatermark":
      return [describeOp(p.node)];
    case "hashAggregate": {
      const n = p.node;
      const over = (i: number) => n.input.output[i]?.name ?? `#${i}`;
      const keys = n.groupings.map((g) => boundText(g, over)).join(", ");
      if (n.session && p.mode === "complete") return [`MergingSessions [${keys}], [${fnList(n.aggregates, over, "")}]`];
      return [`HashAggregate(keys=[${keys}], functions=[${fnList(n.aggregates, over, p.mode === "partial" ? "partial_" : "")}])`];
    }
    case "exchange":
      return [p.partitioning.kind === "hash"
        ? `Exchange hashpartitioning(${p.partitioning.keys.map((k) => boundText(k)).join(", ")}, ${p.partitioning.numPartitions})`
        : "Exchange SinglePartition"];
    case "stateStoreSave": {
      const n = p.node;
      const over = (i: number) => n.input.output[i]?.name ?? `#${i}`;
      const keys = n.groupings.map((g) => boundText(g, over)).join(", ");
      return [`StateStoreSave [${keys}], ${stateText(p.state)}${modeText(p.outputMode)}, functions=[${fnList(n.aggregates, over, p.partialInput ? "merge_" : "")}]`];
    }
    case "sessionWindowStateStoreSave": {
      const n = p.node;
      const over = (i: number) => n.input.output[i]?.name ?? `#${i}`;
      return [`SessionWindowStateStoreSave [${n.groupings.map((g) => boundText(g, over)).join(", ")}], ${stateText(p.state)}${modeText(p.outputMode)}, functions=[${fnList(n.aggregates, over, "")}]`];
    }
    case "streamingDeduplicate":
      return [`${p.node.withinWatermark ? "StreamingDeduplicateWithinWatermark" : "StreamingDeduplicate"} [${p.node.keys.map((k) => p.node.input.output[k]!.name).join(", ")}], ${stateText(p.state)}`];
    case "streamingGlobalLimit":
      return [`StreamingGlobalLimit ${p.limit}, ${stateText(p.state)}${modeText(p.outputMode)}`];
    case "flatMapGroupsWithState":
      return [`${describeLogical(p.node).replace("GroupsWithState", "GroupsWithStateExec")}, ${stateText(p.state)}`];
    case "mapGroups":
      return [`MapGroups ${describeLogical(p.node).replace(/^\w+ /, "")}`];
    case "deduplicate":
      return [`Deduplicate [${p.node.keys.map((k) => p.node.input.output[k]!.name).join(", ")}]`];
    case "globalLimit":
      return [`GlobalLimit ${p.limit}`];
    case "sort":
      return [describeLogical(p.node)];
    case "union":
      return ["Union"];
    case "join": {
      const j = p.node;
      const type: Record<string, string> = { inner: "Inner", cross: "Cross", left: "LeftOuter", right: "RightOuter", full: "FullOuter", semi: "LeftSemi", anti: "LeftAnti" };
      const lo = (i: number) => j.left.output[i]?.name ?? `#${i}`;
      const both = (i: number) => (i < j.left.output.length ? lo(i) : j.right.output[i - j.left.output.length]?.name ?? `#${i}`);
      const residual = j.residual ? `, ${boundText(j.residual, both)}` : "";
      if (j.leftKeys.length > 0) {
        return [`BroadcastHashJoin [${j.leftKeys.map((k) => boundText(k, lo)).join(", ")}], [${j.rightKeys.map((k) => boundText(k, both)).join(", ")}], ${type[j.joinType]}${residual}`];
      }
      return [`BroadcastNestedLoopJoin ${type[j.joinType]}${residual}`];
    }
    case "streamingSymmetricHashJoin": {
      const j = p.node;
      const type: Record<string, string> = { inner: "Inner", cross: "Inner", left: "LeftOuter", right: "RightOuter", full: "FullOuter", semi: "LeftSemi", anti: "LeftAnti" };
      const lo = (i: number) => j.left.output[i]?.name ?? `#${i}`;
      const both = (i: number) => (i < j.left.output.length ? lo(i) : j.right.output[i - j.left.output.length]?.name ?? `#${i}`);
      const pred = (side: "left" | "right") => {
        const s = p.predicates[side];
        if (!s) return `${side} = null`;
        const attrs = side === "left" ? j.left.output : j.right.output;
        return s.kind === "key" ? `${side} key predicate: key${s.ordinal}` : `${side} value predicate: ${attrs[s.slot]!.name}`;
      };
      const condition = j.residual ? boundText(j.residual, both) : "null";
      return [`StreamingSymmetricHashJoin [${j.leftKeys.map((k) => boundText(k, lo)).join(", ")}], [${j.rightKeys.map((k) => boundText(k, both)).join(", ")}], ${type[j.joinType]}, condition = [ ${condition} ], ${stateText(p.state)}, state cleanup [ ${pred("left")}, ${pred("right")} ]`];
    }
    case "window":
      return [describeNode(p.node)];
    case "offset":
      return [`Offset ${p.offset}`];
    case "setOp":
      return [describeLogical(p.node)];
    case "subqueries":
      return [`WithSubqueries [${p.plans.length}]`];
    default:
      return assertNever(p);
  }
}

function describeOp(op: PipelineOp): string {
  switch (op.kind) {
    case "watermark":
      return `EventTimeWatermark ${op.output[op.column]!.name}, ${op.delayText}`;
    default:
      return describeLogical(op);
  }
}

function fnList(aggs: readonly BoundAggregate[], over: (i: number) => string, prefix: string): string {
  return aggs.map((a) => aggregateText(a, over, prefix)).join(", ");
}
