// shiftleft(a, n), shiftright(a, n), shiftrightunsigned(a, n) and the operators <<, >>, >>>: Java's
// shifts of an INT (shift count mod 32) or a BIGINT (mod 64); TINYINT and SMALLINT are cast to INT.
// The function form prints as shiftleft(a, n), the operator form as (a << n).
import { anyOf, castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { INT, LONG } from "../../types/data_type.ts";
import { longToBigInt, wrapLong, type Long } from "../../types/long.ts";

type Kind = "left" | "right" | "unsigned";

const INT_SHIFT: Record<Kind, (a: number, n: number) => number> = {
  left: (a, n) => a << n,
  right: (a, n) => a >> n,
  unsigned: (a, n) => (a >>> n) | 0,
};

const LONG_SHIFT: Record<Kind, (a: bigint, n: bigint) => bigint> = {
  left: (a, n) => a << n,
  right: (a, n) => a >> n,
  unsigned: (a, n) => BigInt.asUintN(64, a) >> n,
};

function shiftFunction(name: string, kind: Kind, operator?: string): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args, ctx) {
      const [a, n] = castArgs(args, [anyOf(INT, LONG), INT], ctx);
      const printed = operator ? (p: readonly string[]) => `(${p[0]} ${operator} ${p[1]})` : undefined;
      if (a!.type.kind === "long") {
        const f = LONG_SHIFT[kind];
        return { type: LONG, nullable: a!.nullable || n!.nullable, args: [a!, n!], printed, impl: (x: Long, s: number) => wrapLong(f(longToBigInt(x), BigInt(s & 63))) };
      }
      const f = INT_SHIFT[kind];
      return { type: INT, nullable: a!.nullable || n!.nullable, args: [a!, n!], printed, impl: (x: number, s: number) => f(x, s & 31) };
    },
  };
}

export const shiftFunctions: ScalarFunction[] = [
  shiftFunction("shiftleft", "left"), shiftFunction("shiftright", "right"), shiftFunction("shiftrightunsigned", "unsigned"),
  shiftFunction("<<", "left", "<<"), shiftFunction(">>", "right", ">>"), shiftFunction(">>>", "unsigned", ">>>"),
];
