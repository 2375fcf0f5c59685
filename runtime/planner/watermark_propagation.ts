// Spark's watermark propagation between stateful operators (PropagateWatermarkSimulator, the
// default since 3.5): a withWatermark node outputs the query's watermark; most operators pass on
// the smallest watermark of their inputs; a stream-stream join passes on the smaller of its two
// state watermarks (StreamingSymmetricHashJoinExec.produceOutputWatermark), so an operator after a
// join bounded by a time range sees a watermark held back by that range, and never drops the
// join's rows as late. Each stateful operator's input watermark is computed for the previous
// batch's watermark (its late rows) and for this batch's (its eviction).
import type { OperatorWatermarks } from "../exec/batch_context.ts";
import { stateValueWatermark } from "../plan/join_watermark.ts";
import { type PhysicalPlan, physicalChildren } from "./physical_plan.ts";

/** Output watermark (ms) of `p` for the query watermark `origin`; undefined: none (no watermark below). */
function outputWatermark(p: PhysicalPlan, origin: number, inputs: Map<number, number | undefined>): number | undefined {
  const kids = physicalChildren(p).map((c) => outputWatermark(c, origin, inputs));
  if (p.kind === "eventTimeWatermark") return origin;
  if (p.kind === "pipeline" && p.ops.some((op) => op.kind === "watermark")) return origin;
  const defined = kids.filter((w): w is number => w !== undefined);
  const input = defined.length === 0 ? undefined : Math.min(...defined);
  if (!("state" in p)) return input;
  inputs.set(p.state.operatorId, input);
  if (input === undefined || p.kind !== "streamingSymmetricHashJoin") return input;
  const side = (s: "left" | "right") => {
    const pred = p.predicates[s];
    if (!pred) return undefined;
    return pred.kind === "key" ? input : stateValueWatermark(p.node, s, input);
  };
  const l = side("left"), r = side("right");
  return l !== undefined && r !== undefined ? Math.min(l, r) : l ?? r;
}

function hasStreamJoin(p: PhysicalPlan): boolean {
  return p.kind === "streamingSymmetricHashJoin" || physicalChildren(p).some(hasStreamJoin);
}

/**
 * Each stateful operator's watermarks in a batch, when they differ from the query's (a
 * stream-stream join below some operator); undefined when every operator uses the query's own.
 * An operator with no watermark below it gets none (nothing is late, nothing evicted).
 */
export function propagatedWatermarks(plan: PhysicalPlan, lateMs: number, evictionMs: number): Map<number, OperatorWatermarks> | undefined {
  if (!hasStreamJoin(plan)) return undefined;
  const late = new Map<number, number | undefined>(), eviction = new Map<number, number | undefined>();
  outputWatermark(plan, lateMs, late);
  outputWatermark(plan, evictionMs, eviction);
  const out = new Map<number, OperatorWatermarks>();
  for (const [id, e] of eviction) out.set(id, { lateMs: late.get(id) ?? -Infinity, evictionMs: e ?? -Infinity });
  return out;
}
