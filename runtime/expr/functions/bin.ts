// bin(n): the binary digits of a long (two's complement for negatives).
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { LONG, STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "bin",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const typed = castArgs(args, [LONG], ctx);
    return { type: STRING, nullable: typed[0]!.nullable, args: typed, impl: (n: number | bigint) => BigInt.asUintN(64, BigInt(n)).toString(2) };
  },
};
export default fn;
