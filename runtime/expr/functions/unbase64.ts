// unbase64(str): the bytes of base64 text, decoded like java's MIME decoder (Spark's choice): any
// character outside the base64 alphabet is skipped, padding is optional.
import { BINARY } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { stringConv, unexpectedInputType } from "./datetime_args.ts";

const VALUES = (() => {
  const t = new Int8Array(128).fill(-1);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
})();

export function decodeMimeBase64(s: string): Uint8Array {
  const out: number[] = [];
  let bits = 0, n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 61 /* = */) break;
    const v = c < 128 ? VALUES[c]! : -1;
    if (v < 0) continue;
    bits = (bits << 6) | v;
    n += 6;
    if (n >= 8) {
      n -= 8;
      out.push((bits >> n) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "unbase64",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const a = args[0]!;
    const str = stringConv(a, ctx);
    if (str === null) throw unexpectedInputType(ctx, 0, "STRING", a);
    return { type: BINARY, nullable: a.nullable, impl: (v: unknown) => decodeMimeBase64(str(v)) };
  },
};
export default fn;
