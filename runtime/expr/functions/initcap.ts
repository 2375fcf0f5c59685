// initcap(str): lower-cases the string, then title-cases the first character and every character
// after a space, with full title-case mappings as Spark's ICU-based version ('ß' becomes "Ss").
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";

const TITLE: Record<string, string> = {
  "Ǆ": "ǅ", "ǅ": "ǅ", "ǆ": "ǅ", "Ǉ": "ǈ", "ǈ": "ǈ", "ǉ": "ǈ", "Ǌ": "ǋ", "ǋ": "ǋ", "ǌ": "ǋ", "Ǳ": "ǲ", "ǲ": "ǲ", "ǳ": "ǲ",
};

function toTitle(c: string): string {
  const t = TITLE[c];
  if (t !== undefined) return t;
  const u = c.toUpperCase();
  // A character whose upper case expands ("ß" -> "SS") title-cases to upper + lower ("Ss").
  return u.length === c.length ? u : u[0]! + u.slice(1).toLowerCase();
}

export function initcap(s: string): string {
  let out = "";
  let afterSpace = true;
  for (const c of s.toLowerCase()) {
    out += afterSpace ? toTitle(c) : c;
    afterSpace = c === " ";
  }
  return out;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "initcap",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [STRING], ctx);
    return { type: STRING, nullable: a!.nullable, args: [a!], impl: initcap };
  },
};

export default fn;
