// locate(substr, str[, pos]) / position: the 1-based character position of the first substr in
// str at or after pos (default 1); 0 when absent or pos < 1, and 0 (not NULL) for a NULL pos
// (Spark's StringLocate).
import { castArgs } from "../coercion.ts";
import type { Bound } from "../bound.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT, STRING } from "../../types/data_type.ts";

/** The code-point index of `needle` in `hay` at or after code point `from`, or -1. */
export function codePointIndexOf(hay: string, needle: string, from: number): number {
  if (!/[\ud800-\udfff]/.test(hay)) return hay.indexOf(needle, from);
  const cps = [...hay];
  const start = cps.slice(0, from).join("").length;
  const i = hay.indexOf(needle, start);
  return i < 0 ? -1 : [...hay.slice(0, i)].length;
}

export function locateFunction(name: "locate" | "position"): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 2,
    maxArgs: 3,
    bind(args, ctx) {
      const one: Bound = { kind: "lit", value: 1, type: INT, nullable: false };
      const typed = castArgs(args.length === 2 ? [...args, one] : args, [STRING, STRING, INT], ctx);
      return {
        type: INT, nullable: typed[0]!.nullable || typed[1]!.nullable, args: typed, nullSafe: true,
        impl: (sub: string | null, str: string | null, pos: number | null) => {
          if (pos === null) return 0;
          if (sub === null || str === null) return null;
          return pos < 1 ? 0 : codePointIndexOf(str, sub, pos - 1) + 1;
        },
        printed: args.length === 2 ? (a) => `${name}(${a[0]}, ${a[1]}, 1)` : undefined,
      };
    },
  };
}

export const fn = locateFunction("locate");
export default fn;
