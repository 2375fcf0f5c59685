// substring_index(str, delim, count): the part before the count-th delim (from the left when
// count > 0, the part after it counting from the right when count < 0); "" for count 0 or an
// empty delim (UTF8String.subStringIndex).
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT, STRING } from "../../types/data_type.ts";

export function substringIndex(s: string, delim: string, count: number): string {
  if (delim.length === 0 || count === 0) return "";
  if (count > 0) {
    let at = -1;
    for (let i = 0; i < count; i++) {
      at = s.indexOf(delim, at + (i === 0 ? 1 : delim.length));
      if (at < 0) return s;
    }
    return s.slice(0, at);
  }
  let at = s.length;
  for (let i = 0; i < -count; i++) {
    at = at - 1 < 0 ? -1 : s.lastIndexOf(delim, at - (i === 0 ? delim.length : 1));
    if (at < 0) return s;
  }
  return s.slice(at + delim.length);
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "substring_index",
  minArgs: 3,
  maxArgs: 3,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING, STRING, INT], ctx);
    return { type: STRING, nullable: typed.some((a) => a.nullable), args: typed, impl: substringIndex };
  },
};
export default fn;
