// octet_length(x): bytes of the UTF-8 encoding of a string, or of a binary.
import { anyOf, castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BINARY, INT, STRING } from "../../types/data_type.ts";

/** UTF-8 byte length (an unpaired surrogate counts as '?', one byte, as Spark stores it). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) n += 1;
    else n += 3;
  }
  return n;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "octet_length",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [anyOf(STRING, BINARY)], ctx);
    const impl = a!.type.kind === "binary" ? (b: Uint8Array) => b.length : utf8Length;
    return { type: INT, nullable: a!.nullable, args: [a!], impl };
  },
};

export default fn;
