// split(str, regex[, limit]): Java's String.split around matches of a regex, keeping trailing
// empty strings (limit <= 0 means no limit); an empty regex splits into characters.
import type { Bound } from "../bound.ts";
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { javaSplit } from "../java_regex.ts";
import { ArrayType, INT, STRING } from "../../types/data_type.ts";
import { patternCache } from "./rlike.ts";

/** UTF8String.split for an empty pattern: one piece per character, the last taking the rest. */
function splitChars(s: string, limit: number): string[] {
  const chars = [...s];
  const n = limit > chars.length || limit <= 0 ? chars.length : limit;
  const out = chars.slice(0, n - 1);
  out.push(chars.slice(n - 1).join(""));
  return out;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "split",
  minArgs: 2,
  maxArgs: 3,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING, STRING, INT], ctx) as Bound[];
    const get = patternCache("split", true);
    return {
      type: new ArrayType(STRING, false), nullable: typed.some((a) => a.nullable), args: typed,
      impl: (s: string, pattern: string, limit = -1) => {
        if (pattern.length === 0 && s.length !== 0) return splitChars(s, limit);
        return javaSplit(s, get(pattern), limit === 0 ? -1 : limit);
      },
    };
  },
};

export default fn;
