// left(str, n): the first n characters ('' when n <= 0).
import { anyOf, castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BINARY, INT, STRING } from "../../types/data_type.ts";
import { fn as substring } from "./substring.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "left",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const [s, n] = castArgs(args, [anyOf(STRING, BINARY), INT], ctx);
    const sub = substring.bind([s!, { kind: "lit", value: 1, type: INT, nullable: false }, n!], ctx).impl;
    return { type: s!.type, nullable: s!.nullable || n!.nullable, args: [s!, n!], impl: (x: unknown, k: number) => sub(x, 1, k) };
  },
};

export default fn;
