// length(x) (char_length, character_length, len): characters of a string, bytes of a binary.
import { anyOf, castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BINARY, INT, STRING } from "../../types/data_type.ts";

/** Number of code points (a surrogate pair is one character, as in Spark's UTF-8 strings). */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "length",
  aliases: ["char_length", "character_length", "len"],
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [anyOf(STRING, BINARY)], ctx);
    if (a!.type.kind === "binary") return { type: INT, nullable: a!.nullable, args: [a!], impl: (b: Uint8Array) => b.length };
    return { type: INT, nullable: a!.nullable, args: [a!], impl: codePointLength };
  },
};

export default fn;
