// chr(n) (char): the character of code n & 0xFF; "" for a negative n.
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { LONG, STRING } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "chr",
  aliases: ["char"],
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const typed = castArgs(args, [LONG], ctx);
    return {
      type: STRING, nullable: typed[0]!.nullable, args: typed,
      impl: (n: number | bigint) => (n < 0 ? "" : String.fromCharCode(Number(BigInt(n) & 0xffn))),
    };
  },
};
export default fn;
