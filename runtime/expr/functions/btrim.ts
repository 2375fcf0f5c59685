// btrim(str[, trimStr]): removes the characters of trimStr (default space) from both ends.
// Binary arguments are read as strings, as Spark's implicit cast does.
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";

export function trimChars(s: string, chars: string, leading: boolean, trailing: boolean): string {
  const set = new Set(chars);
  const cs = [...s];
  let a = 0, b = cs.length;
  if (leading) while (a < b && set.has(cs[a]!)) a++;
  if (trailing) while (b > a && set.has(cs[b - 1]!)) b--;
  return cs.slice(a, b).join("");
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "btrim",
  minArgs: 1,
  maxArgs: 2,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING, STRING], ctx);
    const impl = typed.length === 1 ? (s: string) => trimChars(s, " ", true, true) : (s: string, t: string) => trimChars(s, t, true, true);
    return { type: STRING, nullable: typed.some((a) => a.nullable), args: typed, impl };
  },
};
export default fn;
