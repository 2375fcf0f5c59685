// bit_count(x): the number of bits set in an integral value widened to 64 bits as Java does
// (so bit_count(-1) is 64 for any integral type), or 1/0 for a boolean.
import { anyOf, INTEGRAL, requireType } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BOOLEAN, INT } from "../../types/data_type.ts";
import { longToBigInt, type Long } from "../../types/long.ts";

function bitCount(v: bigint): number {
  let x = BigInt.asUintN(64, v), n = 0;
  while (x !== 0n) {
    n += Number(x & 1n);
    x >>= 1n;
  }
  return n;
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "bit_count",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const a = requireType(args[0]!, 0, anyOf(INTEGRAL, BOOLEAN), ctx);
    if (a.type.kind === "boolean") return { type: INT, nullable: a.nullable, args: [a], impl: (b: boolean) => (b ? 1 : 0) };
    return { type: INT, nullable: a.nullable, args: [a], impl: (x: Long) => bitCount(longToBigInt(x)) };
  },
};
export default fn;
