// bit_length(x): bits of the UTF-8 encoding of a string, or of a binary.
import { anyOf, castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BINARY, INT, STRING } from "../../types/data_type.ts";
import { utf8Length } from "./octet_length.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "bit_length",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const [a] = castArgs(args, [anyOf(STRING, BINARY)], ctx);
    const impl = a!.type.kind === "binary" ? (b: Uint8Array) => b.length * 8 : (s: string) => utf8Length(s) * 8;
    return { type: INT, nullable: a!.nullable, args: [a!], impl };
  },
};
export default fn;
