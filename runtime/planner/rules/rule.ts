// The shape of an optimizer rule: one rule per file under rules/, applied in the order the
// optimizer lists them. Logical rules rewrite the analyzed plan; physical rules the physical one.
import type { Plan } from "../../plan/plan.ts";
import type { PhysicalPlan } from "../physical_plan.ts";

/** What the rules may ask about the query's sources. */
export interface OptimizerContext {
  /** What a source format accepts pushed into it (SourceDefinition.pushdown); undefined: nothing. */
  pushdownOf(format: string): { readonly columns?: boolean; readonly filters?: boolean } | undefined;
}

export interface LogicalRule {
  /** Spark's name for the rule where it has one. */
  readonly name: string;
  apply(plan: Plan, ctx: OptimizerContext): Plan;
}

export interface PhysicalRule {
  readonly name: string;
  apply(plan: PhysicalPlan): PhysicalPlan;
}
