// split_part(str, delimiter, partNum): the partNum-th field of str split at delimiter (literally),
// counting from the end when negative; "" when out of range; partNum 0 is INVALID_INDEX_OF_ZERO.
// An empty delimiter leaves str as one field (Spark's StringSplitSQL then ElementAt with "").
import { SluiceError } from "../../errors.ts";
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT, STRING } from "../../types/data_type.ts";

export function splitPart(s: string, delim: string, part: number): string {
  if (part === 0) {
    throw new SluiceError("INVALID_INDEX_OF_ZERO", "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).", { sqlState: "22003" });
  }
  const fields = delim === "" ? [s] : s.split(delim);
  const i = part > 0 ? part - 1 : fields.length + part;
  return i >= 0 && i < fields.length ? fields[i]! : "";
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "split_part",
  minArgs: 3,
  maxArgs: 3,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING, STRING, INT], ctx);
    return { type: STRING, nullable: typed.some((a) => a.nullable), args: typed, impl: splitPart };
  },
};
export default fn;
