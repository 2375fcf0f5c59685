// Partial aggregation before the exchange (Spark's AggUtils.planStreamingAggregation): a
// streaming aggregation first aggregates each batch on its own — one row of aggregation buffers
// per group — and only those partial rows cross the Exchange into the stateful operator, which
// merges them into its state. Fewer rows are hashed and moved (one per group, not per event), and
// the merge order is Spark's, so floating-point sums come out as Spark's do.
import type { Bound } from "../../expr/bound.ts";
import { boundText } from "../bound_text.ts";
import { type PhysicalPlan, transformUp } from "../physical_plan.ts";
import type { PhysicalRule } from "./rule.ts";

export const partialAggregation: PhysicalRule = {
  name: "PartialAggregation",
  apply: (plan) => transformUp(plan, (p) => {
    if (p.kind !== "stateStoreSave" || p.partialInput || p.input.kind !== "exchange") return p;
    const exchange = p.input;
    const node = p.node;
    const partial: PhysicalPlan = Object.freeze({ kind: "hashAggregate", input: exchange.input, node, mode: "partial" });
    // The partial rows are [keys…, buffers…]: the exchange hashes their key columns.
    const keys: Bound[] = node.groupings.map((g, i) => ({ kind: "ref", ordinal: i, type: g.type, nullable: g.nullable, name: boundText(g) }));
    const partitioning = exchange.partitioning.kind === "hash" ? { ...exchange.partitioning, keys } : exchange.partitioning;
    return Object.freeze({ ...p, partialInput: true, input: Object.freeze({ kind: "exchange", input: partial, partitioning }) });
  }),
};
