// EliminateSubqueryAliases: an alias (`df.alias("t")`, `FROM x AS t`) only named columns for the
// analyzer; the optimized plan drops it, as Spark's optimizer does first.
import { transformUp } from "../logical_transform.ts";
import type { LogicalRule } from "./rule.ts";

export const eliminateSubqueryAliases: LogicalRule = {
  name: "EliminateSubqueryAliases",
  apply: (plan) => transformUp(plan, (p) => (p.kind === "alias" ? p.input : p)),
};
