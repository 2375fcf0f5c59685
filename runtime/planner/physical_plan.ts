// Physical plan nodes, named after Spark's physical operators. Like logical nodes they are frozen
// data tagged with `kind`; runtime/exec builds the running operators from them. Each refers to
// the analyzed logical node it implements for its expressions.
//
// Stateful operators carry their state info, assigned by the planner (Spark's
// StatefulOperatorStateInfo): operator id (bottom-up, as Spark numbers them), Spark's operator
// name, the stores they keep and the partitions their keys are hashed into. A stateful operator
// is always preceded by an Exchange that says how its input is partitioned. Stream-stream joins
// (Spark's StreamingSymmetricHashJoin, four stores per side) will be one more stateful kind.
import type { Bound } from "../expr/bound.ts";
import type { Plan } from "../plan/plan.ts";
import type { OutputMode } from "../plugin/contract.ts";
import type { StatePartitioning, StoreSpec } from "../state/operator_state.ts";
import type { JoinStatePredicates } from "../plan/join_watermark.ts";

type Logical<K extends Plan["kind"]> = Extract<Plan, { kind: K }>;

export interface StatefulInfo {
  readonly operatorId: number;
  /** Spark's name, as in progress stateOperators[].operatorName and the operator metadata. */
  readonly operatorName: string;
  readonly numPartitions: number;
  readonly stores: readonly StoreSpec[];
  readonly partitioning: StatePartitioning;
}

/** How an Exchange spreads rows: hashed on keys into n partitions, or all into one. */
export type Partitioning =
  | { readonly kind: "hash"; readonly keys: readonly Bound[]; readonly numPartitions: number }
  | { readonly kind: "single" };

/** The row-at-a-time operators a fused pipeline runs in one loop. */
export type PipelineOp = Logical<"project" | "filter" | "generate" | "watermark">;

export type PhysicalPlan =
  /** A source read: streaming (offsets) or batch, with what the optimizer pushed into it. */
  | { readonly kind: "scan"; readonly node: Logical<"source"> }
  /**
   * Rows given with the query (VALUES, createDataFrame). `slices` > 1: read as Spark's
   * LocalTableScanExec reads them, in that many partitions (parallelize's slices), so an
   * aggregation merges its partial results as Spark's does.
   */
  | { readonly kind: "localScan"; readonly node: Logical<"local">; readonly slices?: number }
  | { readonly kind: "tableScan"; readonly node: Logical<"table"> }
  | { readonly kind: "project"; readonly input: PhysicalPlan; readonly node: Logical<"project"> }
  | { readonly kind: "filter"; readonly input: PhysicalPlan; readonly node: Logical<"filter"> }
  | { readonly kind: "generate"; readonly input: PhysicalPlan; readonly node: Logical<"generate"> }
  | { readonly kind: "eventTimeWatermark"; readonly input: PhysicalPlan; readonly node: Logical<"watermark"> }
  /** Spark's WholeStageCodegen: a run of row-at-a-time operators compiled into one loop. */
  | { readonly kind: "pipeline"; readonly input: PhysicalPlan; readonly stage: number; readonly ops: readonly PipelineOp[] }
  /**
   * HashAggregate. partial: one row per group of the batch, [keys…, buffers…] (before an
   * exchange); complete: the results of a batch query's aggregation.
   */
  | { readonly kind: "hashAggregate"; readonly input: PhysicalPlan; readonly node: Logical<"aggregate">; readonly mode: "partial" | "complete" }
  | { readonly kind: "exchange"; readonly input: PhysicalPlan; readonly partitioning: Partitioning }
  /**
   * A streaming aggregation (Spark's StateStoreRestore → merge → StateStoreSave → final, run as
   * one operator): folds its input into the state and emits what the output mode says. The input
   * is partial aggregates when `partialInput` (the partial aggregation rule), else rows.
   */
  | {
    readonly kind: "stateStoreSave";
    readonly input: PhysicalPlan;
    readonly node: Logical<"aggregate">;
    readonly state: StatefulInfo;
    readonly outputMode?: OutputMode;
    readonly partialInput: boolean;
  }
  | { readonly kind: "sessionWindowStateStoreSave"; readonly input: PhysicalPlan; readonly node: Logical<"aggregate">; readonly state: StatefulInfo; readonly outputMode?: OutputMode }
  | { readonly kind: "streamingDeduplicate"; readonly input: PhysicalPlan; readonly node: Logical<"dedup">; readonly state: StatefulInfo }
  | { readonly kind: "streamingGlobalLimit"; readonly input: PhysicalPlan; readonly limit: number; readonly state: StatefulInfo; readonly outputMode?: OutputMode }
  /** Spark's FlatMapGroupsWithStateExec: the user function per key with data, then per timed-out key. */
  | { readonly kind: "flatMapGroupsWithState"; readonly input: PhysicalPlan; readonly node: Logical<"flatMapGroupsWithState">; readonly state: StatefulInfo }
  /** The same over a batch DataFrame (Spark's MapGroupsExec): no state kept, no timeouts. */
  | { readonly kind: "mapGroups"; readonly input: PhysicalPlan; readonly node: Logical<"flatMapGroupsWithState"> }
  | { readonly kind: "deduplicate"; readonly input: PhysicalPlan; readonly node: Logical<"dedup"> }
  | { readonly kind: "globalLimit"; readonly input: PhysicalPlan; readonly limit: number }
  | { readonly kind: "sort"; readonly input: PhysicalPlan; readonly node: Logical<"sort"> }
  | { readonly kind: "union"; readonly inputs: readonly PhysicalPlan[]; readonly node: Logical<"union"> }
  /**
   * A join of two streams (Spark's StreamingSymmetricHashJoin): each side's rows kept in state by
   * join key, each new row matched against the other side's state; `predicates` say how each
   * side's state is evicted by the watermark. Its inputs are exchanges on each side's keys.
   */
  | {
    readonly kind: "streamingSymmetricHashJoin";
    readonly left: PhysicalPlan;
    readonly right: PhysicalPlan;
    readonly node: Logical<"join">;
    readonly state: StatefulInfo;
    readonly predicates: JoinStatePredicates;
  }
  /** Hash join on the equi-join keys (Spark's BroadcastHashJoin), else a nested loop (BroadcastNestedLoopJoin). */
  | { readonly kind: "join"; readonly left: PhysicalPlan; readonly right: PhysicalPlan; readonly node: Logical<"join"> }
  | { readonly kind: "window"; readonly input: PhysicalPlan; readonly node: Logical<"window"> }
  | { readonly kind: "offset"; readonly input: PhysicalPlan; readonly offset: number }
  | { readonly kind: "setOp"; readonly left: PhysicalPlan; readonly right: PhysicalPlan; readonly node: Logical<"setOp"> }
  /** Subqueries the input's expressions evaluate; each planned on its own. */
  | { readonly kind: "subqueries"; readonly input: PhysicalPlan; readonly node: Logical<"subqueries">; readonly plans: readonly PhysicalPlan[] };

export type PhysicalKind = PhysicalPlan["kind"];

export function physicalChildren(p: PhysicalPlan): readonly PhysicalPlan[] {
  switch (p.kind) {
    case "scan":
    case "localScan":
    case "tableScan":
      return [];
    case "union":
      return p.inputs;
    case "join":
    case "streamingSymmetricHashJoin":
    case "setOp":
      return [p.left, p.right];
    case "subqueries":
      return [p.input, ...p.plans];
    case "project":
    case "filter":
    case "generate":
    case "eventTimeWatermark":
    case "pipeline":
    case "hashAggregate":
    case "exchange":
    case "stateStoreSave":
    case "sessionWindowStateStoreSave":
    case "streamingDeduplicate":
    case "streamingGlobalLimit":
    case "flatMapGroupsWithState":
    case "mapGroups":
    case "deduplicate":
    case "globalLimit":
    case "sort":
    case "window":
    case "offset":
      return [p.input];
    default: {
      const never: never = p;
      throw new Error(`unexpected physical node ${JSON.stringify(never)}`);
    }
  }
}

/** A copy of `p` with its children replaced (same order as physicalChildren). */
export function withPhysicalChildren(p: PhysicalPlan, kids: readonly PhysicalPlan[]): PhysicalPlan {
  switch (p.kind) {
    case "scan":
    case "localScan":
    case "tableScan":
      return p;
    case "union":
      return Object.freeze({ ...p, inputs: kids });
    case "join":
    case "streamingSymmetricHashJoin":
    case "setOp":
      return Object.freeze({ ...p, left: kids[0]!, right: kids[1]! });
    case "subqueries":
      return Object.freeze({ ...p, input: kids[0]!, plans: kids.slice(1) });
    default:
      return Object.freeze({ ...p, input: kids[0]! });
  }
}

/** Rewrites `p` bottom-up with `f`. */
export function transformUp(p: PhysicalPlan, f: (p: PhysicalPlan) => PhysicalPlan): PhysicalPlan {
  const kids = physicalChildren(p);
  const next = kids.length === 0 ? p : withPhysicalChildren(p, kids.map((k) => transformUp(k, f)));
  return f(next);
}

/** Every stateful operator's state info in `p`, bottom-up (by operator id). */
export function statefulInfos(p: PhysicalPlan): StatefulInfo[] {
  const out = physicalChildren(p).flatMap(statefulInfos);
  if ("state" in p) out.push(p.state);
  return out;
}
