// find_in_set(str, strList): the 1-based position of str in the comma-separated strList; 0 when
// absent or when str itself holds a comma.
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT, STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "find_in_set",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING, STRING], ctx);
    return {
      type: INT, nullable: typed.some((a) => a.nullable), args: typed,
      impl: (s: string, list: string) => (s.includes(",") ? 0 : list.split(",").indexOf(s) + 1),
    };
  },
};
export default fn;
