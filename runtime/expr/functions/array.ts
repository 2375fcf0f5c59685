// array(a, b, …): an array of the arguments cast to their common type (array() is ARRAY<VOID>).
import { castBound, commonType } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { ArrayType } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "array",
  minArgs: 0,
  maxArgs: Infinity,
  bind(args, ctx) {
    const t = commonType(args.map((a) => a.type), ctx, "array");
    const cast = args.map((a) => castBound(a, t, ctx));
    return {
      type: new ArrayType(t, cast.some((a) => a.nullable)), nullable: false, nullSafe: true, args: cast,
      impl: (...xs: unknown[]) => xs,
    };
  },
};

export default fn;
