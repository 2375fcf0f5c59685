// try_sum(x) / try_avg(x): sum / avg giving NULL instead of failing when the result overflows
// (Spark's TRY eval mode): an overflow marks the group, which then evaluates to NULL.
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import { SluiceError } from "../../errors.ts";
import { avg } from "./avg.ts";
import { sum } from "./sum.ts";

const OVERFLOWS = new Set(["ARITHMETIC_OVERFLOW", "NUMERIC_VALUE_OUT_OF_RANGE", "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION", "INTERVAL_ARITHMETIC_OVERFLOW"]);

function tolerant(name: "try_sum" | "try_avg", inner: AggregateFunction): AggregateFunction {
  return {
    kind: "aggregate",
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx, distinct): BoundAggregate {
      const b = inner.bind(args, ctx, distinct);
      const width = b.init().length;
      // Buffer: [...inner buffer, overflowed]
      const guard = (buf: unknown[], step: () => void) => {
        if (buf[width] === true) return;
        try {
          step();
        } catch (e) {
          if (e instanceof SluiceError && OVERFLOWS.has(e.code)) buf[width] = true;
          else throw e;
        }
      };
      return {
        ...b, name, bufferSchema: `${name}:${b.bufferSchema},boolean`,
        init: () => [...b.init(), false],
        update: (buf, vals) => guard(buf, () => b.update(buf, vals)),
        merge: (buf, other) => {
          if (other[width] === true) buf[width] = true;
          guard(buf, () => b.merge(buf, other.slice(0, width)));
        },
        evaluate(buf) {
          if (buf[width] === true) return null;
          try {
            return b.evaluate(buf.slice(0, width));
          } catch (e) {
            if (e instanceof SluiceError && OVERFLOWS.has(e.code)) return null;
            throw e;
          }
        },
      };
    },
  };
}

export const try_sum = tolerant("try_sum", sum);
export const try_avg = tolerant("try_avg", avg);
