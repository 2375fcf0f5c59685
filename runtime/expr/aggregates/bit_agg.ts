// bit_and(x) / bit_or(x) / bit_xor(x): the bitwise fold of the non-null integral values, in the
// input's type; NULL without input.
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import { INTEGRAL, requireType } from "../coercion.ts";

type Op = "bit_and" | "bit_or" | "bit_xor";

function fold(op: Op, a: unknown, b: unknown): unknown {
  if (typeof a === "bigint" || typeof b === "bigint") {
    const x = BigInt(a as number), y = BigInt(b as number);
    const r = op === "bit_and" ? x & y : op === "bit_or" ? x | y : x ^ y;
    const n = BigInt.asIntN(64, r);
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }
  const x = a as number, y = b as number;
  if (Number.isSafeInteger(x) && Number.isSafeInteger(y) && Math.abs(x) < 2 ** 31 && Math.abs(y) < 2 ** 31) {
    return op === "bit_and" ? x & y : op === "bit_or" ? x | y : x ^ y;
  }
  return fold(op, BigInt(x), BigInt(y));
}

function bitAggregate(name: Op): AggregateFunction {
  return {
    kind: "aggregate",
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx): BoundAggregate {
      const a = requireType(args[0]!, 0, INTEGRAL, ctx);
      return {
        name, args: [a], type: a.type, nullable: true, bufferSchema: `${name}:${a.type.simpleString()}`,
        init: () => [null],
        update(buf, [v]) {
          if (v !== null) buf[0] = buf[0] === null ? v : fold(name, buf[0], v);
        },
        merge(buf, other) {
          if (other[0] !== null) buf[0] = buf[0] === null ? other[0] : fold(name, buf[0], other[0]);
        },
        evaluate: (buf) => buf[0],
      };
    },
  };
}

export const bit_and = bitAggregate("bit_and");
export const bit_or = bitAggregate("bit_or");
export const bit_xor = bitAggregate("bit_xor");
