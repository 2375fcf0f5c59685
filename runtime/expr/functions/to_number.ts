// to_number(expr, fmt) / try_to_number: a string read as a DECIMAL whose precision and scale come
// from the number format (0/9 digits, . or D, , or G, $, S, MI, PR); a string that does not match
// is INVALID_FORMAT.MISMATCH_INPUT (NULL for try_to_number).
import { DecimalType, STRING } from "../../types/data_type.ts";
import type { Bound, BindContext } from "../bound.ts";
import { castArgs } from "../coercion.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import { numberFormatOf } from "./number_format.ts";

export function bindToNumber(args: readonly Bound[], ctx: BindContext, errorOnFail: boolean): BoundCall {
  const [s, f] = castArgs(args, [STRING, STRING], ctx) as [Bound, Bound];
  const parser = numberFormatOf(f, ctx, errorOnFail);
  if (parser === null) return { type: new DecimalType(10, 0), nullable: true, args: [s, f], impl: () => null };
  return { type: parser.decimalType, nullable: !errorOnFail || s.nullable, args: [s], impl: (x: string) => parser.parse(x) };
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "to_number",
  minArgs: 2,
  maxArgs: 2,
  bind: (args, ctx) => bindToNumber(args, ctx, true),
};
export default fn;
