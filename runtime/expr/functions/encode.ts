// encode(str, charset): the bytes of str in charset (see charset.ts for the charsets and errors).
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BINARY, STRING } from "../../types/data_type.ts";
import { charsetOptions, encodeString } from "./charset.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "encode",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const typed = castArgs(args, [STRING, STRING], ctx);
    const o = charsetOptions(ctx.conf);
    return { type: BINARY, nullable: typed.some((a) => a.nullable), args: typed, impl: (s: string, cs: string) => encodeString(s, cs, o) };
  },
};
export default fn;
