// collect_list(x) / collect_set(x): the non-null values as an array (the set without duplicates,
// in first-seen order).
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import { ArrayType } from "../../types/data_type.ts";
import { distinctKey } from "./distinct_key.ts";

export const collect_list: AggregateFunction = {
  kind: "aggregate",
  name: "collect_list",
  aliases: ["array_agg"],
  minArgs: 1,
  maxArgs: 1,
  bind(args): BoundAggregate {
    const t = args[0]!.type;
    return {
      name: "collect_list", args, type: new ArrayType(t, false), nullable: false, bufferSchema: `collect_list:array<${t.simpleString()}>`,
      init: () => [[]],
      update(buf, [v]) {
        if (v !== null) (buf[0] as unknown[]).push(v);
      },
      merge: (buf, other) => void (buf[0] as unknown[]).push(...(other[0] as unknown[])),
      evaluate: (buf) => [...(buf[0] as unknown[])],
    };
  },
};

export const collect_set: AggregateFunction = {
  kind: "aggregate",
  name: "collect_set",
  minArgs: 1,
  maxArgs: 1,
  bind(args): BoundAggregate {
    const t = args[0]!.type;
    return {
      name: "collect_set", args, type: new ArrayType(t, false), nullable: false, bufferSchema: `collect_set:array<${t.simpleString()}>`,
      // Buffer: [values]; membership is checked by canonical key so the buffer stays plain data.
      init: () => [[]],
      update(buf, [v]) {
        if (v === null) return;
        const list = buf[0] as unknown[];
        const k = distinctKey([v]);
        if (!list.some((x) => distinctKey([x]) === k)) list.push(v);
      },
      merge(buf, other) {
        const list = buf[0] as unknown[];
        const seen = new Set(list.map((x) => distinctKey([x])));
        for (const v of other[0] as unknown[]) if (!seen.has(distinctKey([v]))) list.push(v);
      },
      evaluate: (buf) => [...(buf[0] as unknown[])],
    };
  },
};
