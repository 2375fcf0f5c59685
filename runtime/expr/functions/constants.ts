// pi() and e(): the constants as doubles (Spark's Pi and EulerNumber).
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE } from "../../types/data_type.ts";

export function constant(name: string, value: number): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 0,
    maxArgs: 0,
    bind: () => ({ type: DOUBLE, nullable: false, args: [], nullSafe: true, impl: () => value }),
  };
}
