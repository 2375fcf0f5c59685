// unhex(str): the bytes spelled by hex digits (an odd count gets a leading 0); null when a
// character is not a hex digit.
import { BINARY } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { stringConv, unexpectedInputType } from "./datetime_args.ts";

function digit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

export function unhexOf(s: string): Uint8Array | null {
  const odd = s.length & 1;
  const out = new Uint8Array((s.length + 1) >> 1);
  for (let i = 0; i < s.length; i++) {
    const d = digit(s.charCodeAt(i));
    if (d < 0) return null;
    const pos = i + odd;
    out[pos >> 1] = out[pos >> 1]! | (pos & 1 ? d : d << 4);
  }
  return out;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "unhex",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const a = args[0]!;
    const str = stringConv(a, ctx);
    if (str === null) throw unexpectedInputType(ctx, 0, "STRING", a);
    return { type: BINARY, nullable: true, impl: (v: unknown) => unhexOf(str(v)) };
  },
};
export default fn;
