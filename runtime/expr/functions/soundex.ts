// soundex(str): the Soundex code (the input unchanged when it does not start with a letter).
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";

// UTF8String.soundex's table for A..Z ('7' marks H and W, which do not separate equal codes).
const CODES = "01230127022455012623017202";

export function soundex(s: string): string {
  if (s.length === 0) return s;
  const first = s[0]!.toUpperCase();
  if (first < "A" || first > "Z") return s;
  let out = first;
  let last = CODES[first.charCodeAt(0) - 65]!;
  for (let i = 1; i < s.length && out.length < 4; i++) {
    const c = s[i]!.toUpperCase();
    if (c < "A" || c > "Z") {
      last = "0";
      continue;
    }
    const code = CODES[c.charCodeAt(0) - 65]!;
    if (code === "7") continue;
    if (code !== "0" && code !== last) out += code;
    last = code;
  }
  return out.padEnd(4, "0");
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "soundex",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING], ctx);
    return { type: STRING, nullable: typed[0]!.nullable, args: typed, impl: soundex };
  },
};
export default fn;
