// decode(bin, charset): bin read as text in charset (see charset.ts). The other form,
// decode(expr, search, result, …[, default]), is a CASE over `expr <=> search` built by the
// resolver (resolve_expr.ts) before this function is looked up.
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BINARY, STRING } from "../../types/data_type.ts";
import { charsetOptions, decodeBytes } from "./charset.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "decode",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const typed = castArgs(args, [BINARY, STRING], ctx);
    const o = charsetOptions(ctx.conf);
    return { type: STRING, nullable: typed.some((a) => a.nullable), args: typed, impl: (b: Uint8Array, cs: string) => decodeBytes(b, cs, o) };
  },
};
export default fn;
