// replace(str, search[, replace]): every occurrence of search replaced (default: removed); an
// empty search leaves str unchanged.
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "replace",
  minArgs: 2,
  maxArgs: 3,
  bind(args, ctx) {
    const all = args.length === 2 ? [...args, { kind: "lit" as const, value: "", type: STRING, nullable: false }] : args;
    const typed = castArgs(all, [STRING, STRING, STRING], ctx);
    return {
      type: STRING, nullable: typed.some((a) => a.nullable), args: typed,
      impl: (s: string, search: string, by: string) => (search === "" ? s : s.replaceAll(search, by)),
      printed: args.length === 2 ? (a) => `replace(${a[0]}, ${a[1]}, )` : undefined,
    };
  },
};
export default fn;
