// count(*) / count(1): every row; count(a, b…): rows where every argument is non-null.
// count(DISTINCT …) is supported for batch queries (streams reject it at start()).
import type { AggregateFunction } from "../aggregate_def.ts";
import { LONG } from "../../types/data_type.ts";
import { distinctKey } from "./distinct_key.ts";

export const count: AggregateFunction = {
  kind: "aggregate",
  name: "count",
  minArgs: 0,
  maxArgs: Infinity,
  bind(args, _ctx, distinct) {
    const nullable = args.map((a) => a.nullable);
    if (distinct) {
      return {
        name: "count", args, type: LONG, nullable: false, bufferSchema: "count_distinct:array<string>",
        init: () => [new Set<string>()],
        update(buf, vals) {
          if (vals.some((v) => v === null)) return;
          (buf[0] as Set<string>).add(distinctKey(vals));
        },
        merge: (buf, other) => {
          for (const k of other[0] as Set<string>) (buf[0] as Set<string>).add(k);
        },
        evaluate: (buf) => (buf[0] as Set<string>).size,
      };
    }
    const anyNullable = nullable.some(Boolean);
    return {
      name: "count", args, type: LONG, nullable: false, bufferSchema: "count:bigint",
      init: () => [0],
      update: anyNullable
        ? (buf, vals) => {
          for (let i = 0; i < vals.length; i++) if (vals[i] === null) return;
          buf[0] = (buf[0] as number) + 1;
        }
        : (buf) => void (buf[0] = (buf[0] as number) + 1),
      merge: (buf, other) => void (buf[0] = (buf[0] as number) + (other[0] as number)),
      evaluate: (buf) => buf[0],
    };
  },
};
