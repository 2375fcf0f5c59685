// Logical → physical planning (Spark's SparkPlanner strategies plus IncrementalExecution's state
// rule): each analyzed node becomes the physical operator that runs it. A streaming stateful node
// becomes its stateful operator behind an Exchange that partitions its input by the operator's
// keys, and gets its state info here: operator ids count from the top of the plan, in the order
// Spark's transformDown meets the operators (so a checkpoint's state/<id> means the operator it
// means in Spark), partitions from the checkpoint when it has them.
import type { Bound } from "../expr/bound.ts";
import { assertNever, type Plan } from "../plan/plan.ts";
import type { OutputMode } from "../plugin/contract.ts";
import type { DeclaredOperator } from "../state/operator_metadata.ts";
import type { Partitioning, PhysicalPlan, StatefulInfo } from "./physical_plan.ts";
import { aggregateStores, dedupStores, groupsWithStateStores, joinStores, limitStores, type OperatorStores, sessionStores } from "./state_stores.ts";
import { joinStatePredicates } from "../plan/join_watermark.ts";
import { shiftRefs } from "../expr/bound_refs.ts";

export interface PlanningContext {
  /** The query's output mode (stateful operators print it); undefined for a DataFrame not yet started. */
  readonly outputMode?: OutputMode;
  /** spark.sql.shuffle.partitions of the query (the checkpoint's, on a restart). */
  readonly shufflePartitions: number;
  /**
   * The partitions a stateful operator's state is in: its checkpoint's, else the query's. Undefined
   * (a DataFrame's explain, a dry run): the query's, nothing read or written.
   */
  readonly partitionsOf?: (op: DeclaredOperator) => number;
  /**
   * spark.default.parallelism (Spark's local[N] cores): a batch query reads rows given with it in
   * min(rows, N) partitions, as Spark's LocalTableScanExec. Undefined or 1: one partition.
   */
  readonly defaultParallelism?: number;
}

export function planPhysical(plan: Plan, ctx: PlanningContext): PhysicalPlan {
  let nextOperatorId = 0;
  const freeze = <T>(x: T): T => Object.freeze(x);

  const stateInfo = (o: OperatorStores): StatefulInfo => {
    // Taken before the operator's children are planned: ids count down the plan from the operator
    // closest to the sink, as IncrementalExecution's state rule (a transformDown) numbers them.
    const operatorId = nextOperatorId++;
    const declared = { operatorId, operatorName: o.operatorName, stores: o.stores };
    const numPartitions = ctx.partitionsOf?.(declared) ?? ctx.shufflePartitions;
    return freeze({ operatorId, operatorName: o.operatorName, numPartitions, stores: o.stores, partitioning: o.partitioning });
  };
  const exchange = (input: PhysicalPlan, keys: readonly Bound[], state: StatefulInfo): PhysicalPlan => {
    const partitioning: Partitioning = keys.length === 0 || state.partitioning.kind === "single"
      ? { kind: "single" } : { kind: "hash", keys, numPartitions: state.numPartitions };
    return freeze({ kind: "exchange", input, partitioning });
  };
  const refs = (slots: readonly number[], input: Plan): Bound[] =>
    slots.map((s) => ({ kind: "ref", ordinal: s, type: input.output[s]!.type, nullable: input.output[s]!.nullable, name: input.output[s]!.name }));

  const plan1 = (p: Plan): PhysicalPlan => {
    switch (p.kind) {
      case "source":
        return freeze({ kind: "scan", node: p });
      case "local": {
        const slices = Math.min(Math.max(p.rows.length, 1), ctx.defaultParallelism ?? 1);
        return freeze(slices > 1 && !p.streaming ? { kind: "localScan", node: p, slices } : { kind: "localScan", node: p });
      }
      case "table":
        return freeze({ kind: "tableScan", node: p });
      case "project":
        return freeze({ kind: "project", input: plan1(p.input), node: p });
      case "filter":
        return freeze({ kind: "filter", input: plan1(p.input), node: p });
      case "generate":
        return freeze({ kind: "generate", input: plan1(p.input), node: p });
      case "watermark":
        return freeze({ kind: "eventTimeWatermark", input: plan1(p.input), node: p });
      case "alias":
        // SubqueryAlias only names columns for the analyzer; nothing runs for it.
        return plan1(p.input);
      case "aggregate": {
        if (!p.streaming) return freeze({ kind: "hashAggregate", input: plan1(p.input), node: p, mode: "complete" });
        if (p.session) {
          // Spark's streaming planner (AggUtils) refuses it with a plain exception, which the query
          // reports as STREAM_FAILED when its first batch is planned.
          if (p.groupings.length === 1) {
            throw Object.assign(new Error("Global aggregation with session window in streaming query is not supported."), {
              kind: "user", hint: 'Group the sessions by a key too: groupBy(F.session_window("ts", "5 minutes"), "userId").',
            });
          }
          const state = stateInfo(sessionStores(p));
          const keys = p.groupings.filter((_, i) => i !== p.session!.slot);
          return freeze({ kind: "sessionWindowStateStoreSave", input: exchange(plan1(p.input), keys, state), node: p, state, outputMode: ctx.outputMode });
        }
        const state = stateInfo(aggregateStores(p));
        return freeze({
          kind: "stateStoreSave", input: exchange(plan1(p.input), p.groupings, state), node: p, state, outputMode: ctx.outputMode, partialInput: false,
        });
      }
      case "dedup": {
        if (!p.streaming) return freeze({ kind: "deduplicate", input: plan1(p.input), node: p });
        const state = stateInfo(dedupStores(p));
        return freeze({ kind: "streamingDeduplicate", input: exchange(plan1(p.input), refs(p.keys, p.input), state), node: p, state });
      }
      case "flatMapGroupsWithState": {
        const input = plan1(p.input);
        if (!p.streaming) return freeze({ kind: "mapGroups", input, node: p });
        const state = stateInfo(groupsWithStateStores(p));
        return freeze({ kind: "flatMapGroupsWithState", input: exchange(input, p.groupings, state), node: p, state });
      }
      case "limit": {
        if (!p.streaming) return freeze({ kind: "globalLimit", input: plan1(p.input), limit: p.limit });
        const state = stateInfo(limitStores());
        return freeze({ kind: "streamingGlobalLimit", input: exchange(plan1(p.input), [], state), limit: p.limit, state, outputMode: ctx.outputMode });
      }
      case "sort":
        return freeze({ kind: "sort", input: plan1(p.input), node: p });
      case "union":
        return freeze({ kind: "union", inputs: p.inputs.map(plan1), node: p });
      case "join": {
        const left = plan1(p.left), right = plan1(p.right);
        if (!(p.left.streaming && p.right.streaming)) return freeze({ kind: "join", left, right, node: p });
        const predicates = joinStatePredicates(p);
        const state = stateInfo(joinStores(p, predicates));
        // Each side is partitioned on its own keys (the right keys are bound over [left…, right…]).
        const rightKeys = p.rightKeys.map((k) => shiftRefs(k, -p.left.output.length));
        return freeze({
          kind: "streamingSymmetricHashJoin", left: exchange(left, p.leftKeys, state), right: exchange(right, rightKeys, state), node: p, state, predicates,
        });
      }
      case "window":
        return freeze({ kind: "window", input: plan1(p.input), node: p });
      case "offset":
        return freeze({ kind: "offset", input: plan1(p.input), offset: p.offset });
      case "setOp":
        return freeze({ kind: "setOp", left: plan1(p.left), right: plan1(p.right), node: p });
      case "subqueries": {
        const input = plan1(p.input);
        // Subqueries are batch plans of their own, with no state.
        const plans = p.subqueries.map((s) => planPhysical(s.plan, { ...ctx, partitionsOf: undefined }));
        return freeze({ kind: "subqueries", input, node: p, plans });
      }
      default:
        return assertNever(p);
    }
  };
  return plan1(plan);
}
