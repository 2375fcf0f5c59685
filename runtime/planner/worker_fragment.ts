// The part of a streaming query's physical plan that worker threads can run on their own, one
// input split at a time: the scan of its one streaming source and the row-at-a-time operators
// above it (a fused pipeline), up to and including a partial aggregation. Its output crosses to
// the main thread, into the Exchange of the stateful operator above (only partial aggregates
// cross) or, for a stateless query, to the sink. Anything else — a second source, a static side,
// subqueries, a stateful operator — keeps the query on one thread.
import type { PhysicalPlan } from "./physical_plan.ts";
import { physicalChildren } from "./physical_plan.ts";

const ROW_AT_A_TIME = new Set<PhysicalPlan["kind"]>(["pipeline", "project", "filter", "generate", "eventTimeWatermark"]);

/** The subtree workers can run, or undefined when the query must run on one thread. */
export function workerFragment(plan: PhysicalPlan): PhysicalPlan | undefined {
  const leaves: PhysicalPlan[] = [];
  let blocked = false;
  const visit = (p: PhysicalPlan) => {
    if (p.kind === "subqueries" || p.kind === "localScan" || p.kind === "tableScan") blocked = true;
    if (p.kind === "scan") leaves.push(p);
    physicalChildren(p).forEach(visit);
  };
  visit(plan);
  if (blocked || leaves.length !== 1 || leaves[0]!.kind !== "scan" || !leaves[0]!.node.streaming) return undefined;
  // The path from the root down to the scan, then the longest run of worker-safe operators above it.
  const path: PhysicalPlan[] = [];
  for (let p: PhysicalPlan = plan; ; p = physicalChildren(p)[0]!) {
    path.push(p);
    if (p.kind === "scan") break;
    if (physicalChildren(p).length !== 1) return undefined;
  }
  let top = path.length - 1;
  while (top > 0 && ROW_AT_A_TIME.has(path[top - 1]!.kind)) top--;
  if (top > 0) {
    const above = path[top - 1]!;
    if (above.kind === "hashAggregate" && above.mode === "partial") top--;
  }
  // A bare scan gains nothing from a worker: its rows would only be copied across.
  return top === path.length - 1 ? undefined : path[top];
}
