// agg(DISTINCT x): the aggregate over the distinct argument tuples of its group, as Spark plans
// it (the input deduplicated per group, then aggregated). count keeps its own distinct buffer;
// every other aggregate is wrapped here. Batch only: streams refuse distinct aggregates at start.
import type { BoundAggregate } from "../aggregate_def.ts";
import { distinctKey } from "./distinct_key.ts";

export function distinctAggregate(inner: BoundAggregate): BoundAggregate {
  return {
    ...inner,
    bufferSchema: `distinct:${inner.bufferSchema}`,
    // Buffer: [distinct key → argument values], in first-seen order.
    init: () => [new Map<string, readonly unknown[]>()],
    update(buf, args) {
      const seen = buf[0] as Map<string, readonly unknown[]>;
      const k = distinctKey(args);
      if (!seen.has(k)) seen.set(k, [...args]);
    },
    merge(buf, other) {
      const seen = buf[0] as Map<string, readonly unknown[]>;
      for (const [k, v] of other[0] as Map<string, readonly unknown[]>) if (!seen.has(k)) seen.set(k, v);
    },
    evaluate(buf) {
      const b = inner.init();
      for (const args of (buf[0] as Map<string, readonly unknown[]>).values()) inner.update(b, args);
      return inner.evaluate(b);
    },
  };
}
