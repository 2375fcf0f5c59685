// stddev/stddev_samp, stddev_pop, variance/var_samp, var_pop: Spark's CentralMomentAgg update
// (Welford), so results match Spark's doubles. With one row, the sample forms are null (Spark 4).
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import { DOUBLE } from "../../types/data_type.ts";
import { castBound } from "../coercion.ts";
import { numericArg } from "./numeric_arg.ts";

type Finish = (n: number, m2: number) => number | null;

function moment(name: string, aliases: string[], finish: Finish): AggregateFunction {
  return {
    kind: "aggregate",
    name,
    aliases,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx): BoundAggregate {
      const num = numericArg(args[0]!, ctx);
      const arg = num.type.kind === "double" ? num : castBound(num, DOUBLE, ctx);
      return {
        name, args: [arg], type: DOUBLE, nullable: true, bufferSchema: `${name}:double,double,double`,
        // Buffer: [n, avg, m2]
        init: () => [0, 0, 0],
        update(buf, [v]) {
          if (v === null) return;
          const n = (buf[0] as number) + 1;
          const delta = (v as number) - (buf[1] as number);
          const deltaN = delta / n;
          buf[1] = (buf[1] as number) + deltaN;
          buf[2] = (buf[2] as number) + delta * (delta - deltaN);
          buf[0] = n;
        },
        // CentralMomentAgg.mergeExpressions, in Spark's evaluation order.
        merge(buf, other) {
          const n1 = buf[0] as number, n2 = other[0] as number;
          const newN = n1 + n2;
          const delta = (other[1] as number) - (buf[1] as number);
          const deltaN = newN === 0 ? 0 : delta / newN;
          buf[1] = (buf[1] as number) + deltaN * n2;
          buf[2] = (buf[2] as number) + (other[2] as number) + delta * deltaN * n1 * n2;
          buf[0] = newN;
        },
        evaluate: (buf) => finish(buf[0] as number, buf[2] as number),
      };
    },
  };
}

const sample: Finish = (n, m2) => (n === 0 || n === 1 ? null : m2 / (n - 1));
const population: Finish = (n, m2) => (n === 0 ? null : m2 / n);

export const stddev_samp = moment("stddev_samp", ["stddev", "std"], (n, m2) => {
  const v = sample(n, m2);
  return v === null ? null : Math.sqrt(v);
});
export const stddev_pop = moment("stddev_pop", [], (n, m2) => {
  const v = population(n, m2);
  return v === null ? null : Math.sqrt(v);
});
export const var_samp = moment("var_samp", ["variance"], sample);
export const var_pop = moment("var_pop", [], population);
