// Logical plan nodes. Every node is analyzed when it is built (as Spark analyzes a DataFrame
// eagerly): it carries its output attributes and bound expressions, so errors surface where the
// user made them. Nodes are plain frozen data tagged with `kind`.
import type { Bound } from "../expr/bound.ts";
import type { BoundAggregate } from "../expr/aggregate_def.ts";
import type { Expr, FrameBound } from "../expr/expr.ts";
import type { DataType } from "../types/data_type.ts";
import type { Row, SourceFilter } from "../plugin/contract.ts";
import type { Attribute } from "./attribute.ts";

/** A source as the user declared it; the reader is created when a query (or batch read) starts. */
export interface SourceSpec {
  readonly format: string;
  readonly options: Readonly<Record<string, string>>;
  readonly userSchema?: import("../types/data_type.ts").StructType;
}

interface Base {
  readonly output: readonly Attribute[];
  readonly streaming: boolean;
}

/**
 * What the optimizer pushed into a source that declares it can take it (SourceDefinition.pushdown):
 * the columns the query reads (others may come back null) and conditions every row must meet
 * (the source may skip rows that fail them; the query still filters).
 */
export interface SourcePushdown {
  readonly requiredColumns?: readonly number[];
  readonly filters?: readonly SourceFilter[];
}

export type Plan =
  | Base & { readonly kind: "source"; readonly source: SourceSpec; readonly sourceId: number; readonly pushdown?: SourcePushdown }
  | Base & { readonly kind: "local"; readonly rows: readonly Row[] }
  /** A memory-sink table or view read as a batch: rows fetched when the plan runs. */
  | Base & { readonly kind: "table"; readonly name: string; readonly rowsOf: () => readonly Row[] }
  | Base & { readonly kind: "project"; readonly input: Plan; readonly exprs: readonly Bound[]; readonly sources: readonly Expr[] }
  | Base & { readonly kind: "filter"; readonly input: Plan; readonly condition: Bound; readonly source: Expr }
  /** explode()/explode_outer(): one output row per element, input columns kept in front. */
  | Base & {
    readonly kind: "generate";
    readonly input: Plan;
    readonly generator: Bound;
    readonly generatorName: string;
    readonly outer: boolean;
    readonly position: boolean;
    readonly source: Expr;
  }
  | Base & { readonly kind: "union"; readonly inputs: readonly Plan[]; readonly byName: boolean }
  | Base & { readonly kind: "limit"; readonly input: Plan; readonly limit: number }
  | Base & { readonly kind: "alias"; readonly input: Plan; readonly alias: string }
  | Base & { readonly kind: "watermark"; readonly input: Plan; readonly column: number; readonly delayMs: number; readonly delayText: string }
  /**
   * GROUP BY: `groupings` and aggregate arguments are over the input; `results` are over the row
   * [grouping values…, aggregate results…]. `eventTimeKey` is the grouping slot carrying a
   * watermark (a window struct or a timestamp), which lets state be evicted.
   */
  | Base & {
    readonly kind: "aggregate";
    readonly input: Plan;
    readonly groupings: readonly Bound[];
    readonly aggregates: readonly BoundAggregate[];
    readonly results: readonly Bound[];
    readonly sources: readonly Expr[];
    /** The grouping expressions as written (window(...) included), so a worker thread can build the node again. */
    readonly groupingSources?: readonly Expr[];
    readonly eventTimeKey?: { readonly slot: number; readonly isWindow: boolean; readonly delayMs: number };
    /** Set for session_window: the grouping slot holding each row's own session, merged per group. */
    readonly session?: { readonly slot: number };
  }
  /** ORDER BY: batch queries, and streaming aggregations in complete mode. */
  | Base & { readonly kind: "sort"; readonly input: Plan; readonly orders: readonly SortKey[]; readonly sources: readonly Expr[] }
  /**
   * dropDuplicates(keys) / dropDuplicatesWithinWatermark(keys): `keys` are input slots.
   * `eventTime` is the watermarked input column, if any (evicts state; required within watermark).
   */
  | Base & {
    readonly kind: "dedup";
    readonly input: Plan;
    readonly keys: readonly number[];
    readonly withinWatermark: boolean;
    readonly eventTime?: { readonly slot: number; readonly delayMs: number; readonly inKeys: boolean };
  }
  /**
   * flatMapGroupsWithState / mapGroupsWithState (plan/groups_with_state.ts): `groupings` over the
   * input; output is the user's output schema. `eventTime` is the watermarked input column, if any.
   */
  | Base & {
    readonly kind: "flatMapGroupsWithState";
    readonly input: Plan;
    readonly groupings: readonly Bound[];
    readonly sources: readonly Expr[];
    readonly call: import("./groups_with_state.ts").GroupsWithStateCall;
    readonly outputSchema: import("../types/data_type.ts").StructType;
    readonly stateSchema: import("../types/data_type.ts").StructType;
    readonly funcOutputMode: "append" | "update";
    readonly timeout: import("./groups_with_state.ts").GroupStateTimeoutKind;
    readonly isMapGroupsWithState: boolean;
    readonly eventTime?: { readonly slot: number; readonly delayMs: number };
  }
  /**
   * JOIN (plan/join.ts). Output: left ++ right (semi/anti: left only). `leftKeys`/`rightKeys` are
   * the equi-join keys found in the condition, over the left and right output; `residual` is the
   * rest of the condition, over the row [left…, right…].
   */
  | Base & {
    readonly kind: "join";
    readonly left: Plan;
    readonly right: Plan;
    readonly joinType: JoinType;
    readonly leftKeys: readonly Bound[];
    readonly rightKeys: readonly Bound[];
    /** Per key: matched with <=> (nulls equal) instead of =. */
    readonly nullSafe: readonly boolean[];
    readonly residual?: Bound;
    readonly source?: Expr;
  }
  /** Window functions (plan/window.ts) over one partitioning and ordering: output is input ++ one column per function. */
  | Base & {
    readonly kind: "window";
    readonly input: Plan;
    readonly partitionBy: readonly Bound[];
    readonly orderBy: readonly SortKey[];
    readonly functions: readonly WindowFunction[];
    readonly sources: readonly Expr[];
  }
  /** OFFSET n: skips the first n rows (batch). */
  | Base & { readonly kind: "offset"; readonly input: Plan; readonly offset: number }
  /** INTERSECT / EXCEPT [ALL] by position; both inputs already have the output's column types. */
  | Base & { readonly kind: "setOp"; readonly op: "intersect" | "except"; readonly all: boolean; readonly left: Plan; readonly right: Plan }
  /** The subqueries (plan/subquery.ts) that expressions in `input` evaluate; run on demand while `input` runs. */
  | Base & { readonly kind: "subqueries"; readonly input: Plan; readonly subqueries: readonly SubqueryHolder[] };

export type JoinType = "inner" | "cross" | "left" | "right" | "full" | "semi" | "anti";

/** A window function bound over the window node's input. */
export type WindowFunction =
  | { readonly kind: "rank"; readonly name: "row_number" | "rank" | "dense_rank" | "percent_rank" | "cume_dist"; readonly type: DataType }
  | { readonly kind: "ntile"; readonly buckets: number; readonly type: DataType }
  /** lag / lead (offset rows, default value) and nth_value (over the frame). */
  | {
    readonly kind: "offset";
    readonly name: "lag" | "lead" | "nth_value";
    readonly input: Bound;
    readonly offset: number;
    readonly default: Bound;
    readonly ignoreNulls: boolean;
    readonly frame: ResolvedFrame;
    readonly type: DataType;
  }
  | { readonly kind: "aggregate"; readonly aggregate: BoundAggregate; readonly frame: ResolvedFrame; readonly type: DataType };

/** A window frame with Spark's defaults applied; numeric bounds are row counts (ROWS) or order-key offsets (RANGE). */
export interface ResolvedFrame {
  readonly type: "rows" | "range";
  readonly start: ResolvedBound;
  readonly end: ResolvedBound;
}

export type ResolvedBound = Exclude<FrameBound, { kind: "value" }> | RangeValueBound;

/**
 * A RANGE boundary at a value offset from each row's order key (2.5 FOLLOWING over doubles,
 * INTERVAL '1' DAY PRECEDING over timestamps …): the boundary key of a row's key, and how keys
 * compare in ascending order.
 */
export interface RangeValueBound {
  readonly kind: "rangeValue";
  readonly boundaryOf: (key: unknown) => unknown;
  readonly compare: (a: unknown, b: unknown) => number;
}

/**
 * A subquery an expression evaluates. The expression's implementation calls `evaluate` with the
 * values of the outer columns it references (none when uncorrelated); the executor of the
 * `subqueries` node installs `evaluate` for the batch being run.
 */
export interface SubqueryHolder {
  readonly plan: Plan;
  readonly mode: "scalar" | "exists" | "in";
  evaluate?: (outer: readonly unknown[]) => readonly Row[];
}

export interface SortKey {
  readonly expr: Bound;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

export type PlanKind = Plan["kind"];

export function children(p: Plan): readonly Plan[] {
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
      return [p.input, ...p.subqueries.map((s) => s.plan)];
    case "window":
    case "offset":
      return [p.input];
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
    default:
      return assertNever(p);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected node: ${JSON.stringify(x)}`);
}

/** Every source node under `p`, left to right. */
export function sourcesOf(p: Plan): Extract<Plan, { kind: "source" }>[] {
  if (p.kind === "source") return [p];
  return children(p).flatMap(sourcesOf);
}
