// skewness(x) / kurtosis(x): Spark's CentralMomentAgg with the third and fourth moments (same
// update and merge arithmetic, so the doubles match); NULL without input or when every value is
// the same (spark.sql.legacy.statisticalAggregate gives NaN there).
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import { castBound } from "../coercion.ts";
import { DOUBLE } from "../../types/data_type.ts";
import { numericArg } from "./numeric_arg.ts";

type Finish = (n: number, m2: number, m3: number, m4: number) => number;

function highMoment(name: "skewness" | "kurtosis", finish: Finish): AggregateFunction {
  return {
    kind: "aggregate",
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx): BoundAggregate {
      const num = numericArg(args[0]!, ctx);
      const arg = num.type.kind === "double" ? num : castBound(num, DOUBLE, ctx);
      const legacy = (ctx.conf?.("spark.sql.legacy.statisticalAggregate") ?? "false") === "true";
      return {
        name, args: [arg], type: DOUBLE, nullable: true, bufferSchema: `${name}:double,double,double,double,double`,
        // Buffer: [n, avg, m2, m3, m4]
        init: () => [0, 0, 0, 0, 0],
        update(buf, [x]) {
          if (x === null) return;
          const [n, avg, m2, m3, m4] = buf as number[];
          const newN = n! + 1;
          const delta = (x as number) - avg!;
          const deltaN = delta / newN;
          const newM2 = m2! + delta * (delta - deltaN);
          const delta2 = delta * delta, deltaN2 = deltaN * deltaN;
          const newM3 = m3! - 3.0 * deltaN * newM2 + delta * (delta2 - deltaN2);
          const newM4 = m4! - 4.0 * deltaN * newM3 - 6.0 * deltaN2 * newM2 + delta * (delta * delta2 - deltaN * deltaN2);
          buf[0] = newN;
          buf[1] = avg! + deltaN;
          buf[2] = newM2;
          buf[3] = newM3;
          buf[4] = newM4;
        },
        merge(buf, other) {
          const [n1, avg1, m21, m31, m41] = buf as number[];
          const [n2, avg2, m22, m32, m42] = other as number[];
          const newN = n1! + n2!;
          const delta = avg2! - avg1!;
          const deltaN = newN === 0 ? 0 : delta / newN;
          buf[0] = newN;
          buf[1] = avg1! + deltaN * n2!;
          buf[2] = m21! + m22! + delta * deltaN * n1! * n2!;
          buf[3] = m31! + m32! + deltaN * deltaN * delta * n1! * n2! * (n1! - n2!) + 3.0 * deltaN * (n1! * m22! - n2! * m21!);
          buf[4] = m41! + m42! + deltaN * deltaN * deltaN * delta * n1! * n2! * (n1! * n1! - n1! * n2! + n2! * n2!) +
            6.0 * deltaN * deltaN * (n1! * n1! * m22! + n2! * n2! * m21!) + 4.0 * deltaN * (n1! * m32! - n2! * m31!);
        },
        evaluate(buf) {
          const [n, , m2, m3, m4] = buf as number[];
          if (n === 0) return null;
          if (m2 === 0) return legacy ? NaN : null;
          return finish(n!, m2!, m3!, m4!);
        },
      };
    },
  };
}

export const skewness = highMoment("skewness", (n, m2, m3) => (Math.sqrt(n) * m3) / Math.sqrt(m2 * m2 * m2));
export const kurtosis = highMoment("kurtosis", (n, m2, _m3, m4) => (n * m4) / (m2 * m2) - 3.0);
