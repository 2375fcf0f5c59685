// get(array, i): the element at 0-based index i, NULL when i is out of bounds (never an error).
import { castArgs, INTEGRAL, ANY_ARRAY } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { arrayItemNullable } from "./get_item.ts";
import type { ArrayType } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "get",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const [a, i] = castArgs(args, [ANY_ARRAY, INTEGRAL], ctx);
    const t = a!.type as ArrayType;
    return {
      type: t.elementType, nullable: arrayItemNullable(a!, i!, (k, n) => (k >= 0 && k < n ? k : null)), args: [a!, i!],
      impl: (arr: unknown[], k: number) => (k >= 0 && k < arr.length ? arr[k] : null),
    };
  },
};

export default fn;
