// nanvl(a, b): a unless it is NaN, then b; both DOUBLE or FLOAT (a FLOAT with a DOUBLE widens).
import { anyOf, castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE, FLOAT } from "../../types/data_type.ts";
import { castBound } from "../coercion.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "nanvl",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    let [a, b] = castArgs(args, [anyOf(DOUBLE, FLOAT), anyOf(DOUBLE, FLOAT)], ctx) as [typeof args[0], typeof args[0]];
    if (a!.type.kind !== b!.type.kind) [a, b] = [castBound(a!, DOUBLE, ctx), castBound(b!, DOUBLE, ctx)];
    return {
      type: a!.type, nullable: a!.nullable || b!.nullable, args: [a!, b!], nullSafe: true,
      impl: (x: number | null, y: number | null) => (x === null ? null : Number.isNaN(x) ? y : x),
    };
  },
};
export default fn;
