// CollapseCodegenStages: each run of row-at-a-time operators (Project, Filter, Generate,
// EventTimeWatermark) becomes one pipeline, compiled into a single loop over each chunk of rows,
// numbered as Spark numbers its whole-stage codegen stages (*(1), *(2), … from the bottom).
import { type PhysicalPlan, type PipelineOp, transformUp } from "../physical_plan.ts";
import type { PhysicalRule } from "./rule.ts";

const FUSABLE = new Set(["project", "filter", "generate", "eventTimeWatermark"]);

export const collapsePipelines: PhysicalRule = {
  name: "CollapseCodegenStages",
  apply: (plan) => {
    let stage = 0;
    return transformUp(plan, (p) => {
      if (!FUSABLE.has(p.kind)) return p;
      const child = (p as { input: PhysicalPlan }).input;
      const op = (p as { node: PipelineOp }).node;
      // The operator joins the pipeline right below it, or starts one.
      if (child.kind === "pipeline") return Object.freeze({ ...child, ops: [...child.ops, op] });
      return Object.freeze({ kind: "pipeline", input: child, stage: ++stage, ops: [op] });
    });
  },
};
