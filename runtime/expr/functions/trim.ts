// trim(str) removes leading and trailing spaces (only ' '); trim(trimStr, str) — Spark's argument
// order, also what TRIM(BOTH trimStr FROM str) becomes — removes any of the characters of trimStr.
import type { Bound, BindContext } from "../bound.ts";
import { castArgs } from "../coercion.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";

export type TrimSide = "both" | "leading" | "trailing";

/** Removes characters of `chars` (code points) from the chosen sides of `s`. */
export function trimChars(s: string, chars: string, side: TrimSide): string {
  if (chars === " ") {
    let i = 0, j = s.length;
    if (side !== "trailing") while (i < j && s.charCodeAt(i) === 32) i++;
    if (side !== "leading") while (j > i && s.charCodeAt(j - 1) === 32) j--;
    return s.slice(i, j);
  }
  const set = new Set([...chars]);
  const cps = [...s];
  let i = 0, j = cps.length;
  if (side !== "trailing") while (i < j && set.has(cps[i]!)) i++;
  if (side !== "leading") while (j > i && set.has(cps[j - 1]!)) j--;
  return cps.slice(i, j).join("");
}

/** Binds trim/ltrim/rtrim: (str) or (trimStr, str). */
export function bindTrim(args: readonly Bound[], ctx: BindContext, side: TrimSide): BoundCall {
  const typed = castArgs(args, [STRING, STRING], ctx) as Bound[];
  if (typed.length === 1) {
    return { type: STRING, nullable: typed[0]!.nullable, args: typed, impl: (s: string) => trimChars(s, " ", side) };
  }
  const [chars, src] = typed as [Bound, Bound];
  return { type: STRING, nullable: chars.nullable || src.nullable, args: [chars, src], impl: (c: string, s: string) => trimChars(s, c, side) };
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "trim",
  minArgs: 1,
  maxArgs: 2,
  bind: (args, ctx) => bindTrim(args, ctx, "both"),
};

export default fn;
