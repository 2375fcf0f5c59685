// Spark's UnaryMathExpression / UnaryLogExpression: one DOUBLE argument (implicitly cast), a
// DOUBLE result, always nullable; the log forms give NULL at or below their asymptote.
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE } from "../../types/data_type.ts";

export function unaryMath(name: string, f: (x: number) => number, asymptote?: number, aliases?: string[]): ScalarFunction {
  return {
    kind: "scalar",
    name,
    aliases,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx) {
      const [a] = castArgs(args, [DOUBLE], ctx);
      const impl = asymptote === undefined ? f : (x: number) => (x <= asymptote ? null : f(x));
      return { type: DOUBLE, nullable: true, args: [a!], impl };
    },
  };
}

/** BinaryMathExpression: two DOUBLE arguments, a DOUBLE result. */
export function binaryMath(name: string, f: (x: number, y: number) => number): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args, ctx) {
      const typed = castArgs(args, [DOUBLE, DOUBLE], ctx);
      return { type: DOUBLE, nullable: typed.some((a) => a.nullable), args: typed, impl: f };
    },
  };
}
