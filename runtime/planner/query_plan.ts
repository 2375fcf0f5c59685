// A query's plans from analysis to execution, as EXPLAIN shows them.
import type { Plan } from "../plan/plan.ts";
import type { PhysicalPlan } from "./physical_plan.ts";

export interface QueryPlan {
  /** The analyzed plan (DataFrames and SQL are analyzed as they are built). */
  readonly analyzed: Plan;
  /** After the logical rules (constant folding, filter pushdown, column pruning). */
  readonly optimized: Plan;
  /** The physical operators that run, with the stateful operators' state info. */
  readonly physical: PhysicalPlan;
}
