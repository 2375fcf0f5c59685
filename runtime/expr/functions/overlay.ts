// overlay(input PLACING replace FROM pos [FOR len]) / overlay(input, replace, pos[, len]): input
// with `len` characters (bytes for binaries) from 1-based pos replaced by `replace`; len defaults
// to replace's length.
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BINARY, INT, STRING } from "../../types/data_type.ts";
import { substringRange } from "./substring.ts";

function pieces<T>(input: T[], replace: T[], pos: number, len: number): T[] {
  const length = len >= 0 ? len : replace.length;
  const [a, b] = substringRange(input.length, 1, pos - 1);
  const head = a >= b ? [] : input.slice(a, b);
  const [c] = substringRange(input.length, pos + length, Infinity);
  return [...head, ...replace, ...input.slice(c)];
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "overlay",
  minArgs: 3,
  maxArgs: 4,
  bind(args, ctx) {
    const binary = args[0]!.type.kind === "binary" && args[1]!.type.kind === "binary";
    const all = args.length === 3 ? [...args, { kind: "lit" as const, value: -1, type: INT, nullable: false }] : args;
    const typed = castArgs(all, binary ? [BINARY, BINARY, INT, INT] : [STRING, STRING, INT, INT], ctx);
    const impl = binary
      ? (i: Uint8Array, r: Uint8Array, p: number, l: number) => Uint8Array.from(pieces([...i], [...r], p, l))
      : (i: string, r: string, p: number, l: number) => pieces([...i], [...r], p, l).join("");
    return {
      type: binary ? BINARY : STRING, nullable: typed.some((a) => a.nullable), args: typed, impl,
      printed: args.length === 3 ? (a) => `overlay(${a[0]}, ${a[1]}, ${a[2]}, -1)` : undefined,
    };
  },
};
export default fn;
