// translate(input, from, to): each character of input found in `from` becomes the character at
// the same position of `to`, or is removed when `to` is shorter (the first occurrence in `from` wins).
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";

export function translate(input: string, from: string, to: string): string {
  const f = [...from], t = [...to];
  const map = new Map<string, string | null>();
  f.forEach((c, i) => {
    if (!map.has(c)) map.set(c, i < t.length ? t[i]! : null);
  });
  let out = "";
  for (const c of input) {
    if (!map.has(c)) out += c;
    else {
      const r = map.get(c);
      if (r !== null) out += r;
    }
  }
  return out;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "translate",
  minArgs: 3,
  maxArgs: 3,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING, STRING, STRING], ctx);
    return { type: STRING, nullable: typed.some((a) => a.nullable), args: typed, impl: translate };
  },
};
export default fn;
