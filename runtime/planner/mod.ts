// The planner: optimizer rules (one per file under rules/, applied in the order listed here) and
// logical → physical planning.
import type { Plan } from "../plan/plan.ts";
import type { PhysicalPlan } from "./physical_plan.ts";
import { planPhysical, type PlanningContext } from "./physical_planner.ts";
import type { QueryPlan } from "./query_plan.ts";
import { collapsePipelines } from "./rules/collapse_pipelines.ts";
import { columnPruning } from "./rules/column_pruning.ts";
import { constantFolding } from "./rules/constant_folding.ts";
import { eliminateSubqueryAliases } from "./rules/eliminate_subquery_aliases.ts";
import { filterPushdown } from "./rules/filter_pushdown.ts";
import { partialAggregation } from "./rules/partial_aggregation.ts";
import type { LogicalRule, OptimizerContext, PhysicalRule } from "./rules/rule.ts";

export type { PlanningContext } from "./physical_planner.ts";
export type { OptimizerContext } from "./rules/rule.ts";
export type { QueryPlan } from "./query_plan.ts";
export { explainText } from "./explain.ts";

/** Folding before pushdown, so pushed filters compare with folded values; pruning last, after filters kept their columns. */
export const LOGICAL_RULES: readonly LogicalRule[] = [eliminateSubqueryAliases, constantFolding, filterPushdown, columnPruning];
/** Partial aggregation before pipelines are collapsed, so the pipeline feeds the partial aggregate. */
export const PHYSICAL_RULES: readonly PhysicalRule[] = [partialAggregation, collapsePipelines];

export function optimize(plan: Plan, ctx: OptimizerContext, rules: readonly LogicalRule[] = LOGICAL_RULES): Plan {
  return rules.reduce((p, r) => r.apply(p, ctx), plan);
}

export function planQuery(analyzed: Plan, ctx: PlanningContext & OptimizerContext): QueryPlan {
  const optimized = optimize(analyzed, ctx);
  const physical = PHYSICAL_RULES.reduce((p: PhysicalPlan, r) => r.apply(p), planPhysical(optimized, ctx));
  return { analyzed, optimized, physical };
}
