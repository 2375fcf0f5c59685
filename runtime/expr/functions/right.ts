// right(str, n): the last n characters ('' when n <= 0).
import { anyOf, castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BINARY, INT, STRING } from "../../types/data_type.ts";
import { fn as substring } from "./substring.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "right",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const [s, n] = castArgs(args, [anyOf(STRING, BINARY), INT], ctx);
    const sub = substring.bind([s!, n!], ctx).impl;
    const empty = s!.type.kind === "binary" ? () => new Uint8Array(0) : () => "";
    // Spark's Right is If(IsNull(str), NULL, …): always nullable.
    return { type: s!.type, nullable: true, args: [s!, n!], impl: (x: unknown, k: number) => (k <= 0 ? empty() : sub(x, -k)) };
  },
};

export default fn;
