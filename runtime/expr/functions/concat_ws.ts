// concat_ws(sep, a, b, …): joins the non-NULL strings (and the non-NULL elements of string arrays)
// with `sep`; NULL only when `sep` is NULL.
import type { Bound } from "../bound.ts";
import { anyOf, castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { ArrayType, STRING } from "../../types/data_type.ts";

const STRING_OR_ARRAY = anyOf(new ArrayType(STRING, true), STRING);

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "concat_ws",
  minArgs: 1,
  maxArgs: Infinity,
  bind(args, ctx) {
    const [sep, ...rest] = castArgs(args, [STRING, STRING_OR_ARRAY], ctx) as Bound[];
    return {
      type: STRING, nullable: sep!.nullable, nullSafe: true, args: [sep!, ...rest],
      impl: (s: string | null, ...xs: (string | (string | null)[] | null)[]) => {
        if (s === null) return null;
        const parts: string[] = [];
        for (const x of xs) {
          if (x === null) continue;
          if (typeof x === "string") parts.push(x);
          else for (const e of x) if (e !== null) parts.push(e);
        }
        return parts.join(s);
      },
    };
  },
};

export default fn;
