// levenshtein(a, b[, threshold]): the edit distance in characters; with a threshold, -1 when the
// distance is larger.
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT, STRING } from "../../types/data_type.ts";

export function levenshtein(a: string, b: string): number {
  const s = [...a], t = [...b];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[t.length]!;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "levenshtein",
  minArgs: 2,
  maxArgs: 3,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING, STRING, INT], ctx);
    const impl = typed.length === 2 ? levenshtein : (a: string, b: string, k: number) => {
      const d = levenshtein(a, b);
      return d > k ? -1 : d;
    };
    return { type: INT, nullable: typed.some((a) => a.nullable), args: typed, impl };
  },
};
export default fn;
