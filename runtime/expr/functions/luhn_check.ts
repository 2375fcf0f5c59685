// luhn_check(str): whether str is a non-empty run of digits passing the Luhn checksum
// (ExpressionImplUtils.isLuhnNumber).
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BOOLEAN, STRING } from "../../types/data_type.ts";

export function isLuhnNumber(s: string): boolean {
  if (s.length === 0) return false;
  let sum = 0;
  let odd = true;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    let d = c - 48;
    if (!odd) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    odd = !odd;
  }
  return sum % 10 === 0;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "luhn_check",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING], ctx);
    return { type: BOOLEAN, nullable: typed[0]!.nullable, args: typed, impl: isLuhnNumber };
  },
};
export default fn;
