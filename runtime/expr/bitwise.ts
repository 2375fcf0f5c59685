// The bitwise operators &, |, ^ and ~ on integral types (Spark's BitwiseAnd/Or/Xor/Not): the
// result has the operand type; longs go through BigInt because JS bit operators are 32-bit.
import type { Bound, BindContext } from "./bound.ts";
import { longToBigInt, wrapLong, type Long } from "../types/long.ts";
import { castArgs, castBound, checkBinaryOperands, coerceBinaryOperands, INTEGRAL, promoteArithmeticStrings } from "./coercion.ts";
import type { BoundCall, ScalarFunction } from "./function_def.ts";

export type BitOp = "&" | "|" | "^";

function bigOp(op: BitOp, a: bigint, b: bigint): bigint {
  return op === "&" ? a & b : op === "|" ? a | b : a ^ b;
}

export function bindBitwise(op: BitOp, left: Bound, right: Bound, ctx: BindContext): BoundCall {
  let [l, r] = [left, right];
  [l, r] = promoteArithmeticStrings(l, r, ctx);
  [l, r] = coerceBinaryOperands(l, r, ctx, INTEGRAL, false);
  checkBinaryOperands(l, r, ctx, INTEGRAL);
  const t = l.type, nullable = l.nullable || r.nullable;
  if (t.kind === "long") {
    return {
      type: t, nullable, args: [l, r],
      impl: (a: Long, b: Long) => wrapLong(bigOp(op, longToBigInt(a), longToBigInt(b))),
    };
  }
  const f = op === "&" ? (a: number, b: number) => a & b : op === "|" ? (a: number, b: number) => a | b : (a: number, b: number) => a ^ b;
  return { type: t, nullable, args: [l, r], impl: f, inline: ([a, b]) => `(${a} ${op} ${b})` };
}

export function bitwiseFunction(name: string, op: BitOp): ScalarFunction {
  return { kind: "scalar", name, minArgs: 2, maxArgs: 2, bind: (args, ctx) => bindBitwise(op, args[0]!, args[1]!, ctx) };
}

export function bindBitwiseNot(arg: Bound, ctx: BindContext): BoundCall {
  const [a] = castArgs([arg], [INTEGRAL], ctx);
  const t = a!.type;
  if (t.kind === "long") {
    return { type: t, nullable: a!.nullable, args: [a!], impl: (x: Long) => wrapLong(~longToBigInt(x)) };
  }
  return { type: t, nullable: a!.nullable, args: [a!], impl: (x: number) => ~x, inline: ([x]) => `~${x}` };
}
