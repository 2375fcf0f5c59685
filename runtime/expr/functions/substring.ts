// substring(str, pos[, len]) (substr): 1-based; pos 0 acts like 1, negative pos counts from the
// end; characters of strings, bytes of binaries (Spark's UTF8String.substringSQL).
import { anyOf, castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BINARY, INT, STRING } from "../../types/data_type.ts";

/** [start, end) indexes for substringSQL over a sequence of `len` items. */
export function substringRange(len: number, pos: number, length: number): [number, number] {
  let start = pos > 0 ? pos - 1 : pos < 0 ? len + pos : 0;
  const end = length === Infinity ? Infinity : start + length;
  start = Math.max(start, 0);
  return [start, end];
}

function substringString(s: string, pos: number, length = Infinity): string {
  // ASCII-only (no surrogates) strings index directly; others go by code point.
  if (!/[\ud800-\udfff]/.test(s)) {
    const [start, end] = substringRange(s.length, pos, length);
    return start >= end ? "" : s.slice(start, end === Infinity ? undefined : end);
  }
  const cps = [...s];
  const [start, end] = substringRange(cps.length, pos, length);
  return start >= end ? "" : cps.slice(start, end === Infinity ? undefined : end).join("");
}

function substringBinary(b: Uint8Array, pos: number, length = Infinity): Uint8Array {
  const [start, end] = substringRange(b.length, pos, length);
  return start >= end ? new Uint8Array(0) : b.slice(start, end === Infinity ? undefined : end);
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "substring",
  aliases: ["substr"],
  minArgs: 2,
  maxArgs: 3,
  bind(args, ctx) {
    const typed = castArgs(args, [anyOf(STRING, BINARY), INT, INT], ctx);
    const t = typed[0]!.type;
    const impl = t.kind === "binary" ? substringBinary : substringString;
    return { type: t, nullable: typed.some((a) => a.nullable), args: typed, impl };
  },
};

export default fn;
