// date_add(start, days): the date `days` after `start` (a negative count goes back).
import { DATE } from "../../types/data_type.ts";
import type { BindContext, Bound } from "../bound.ts";
import type { BoundCall, ScalarFunction } from "../function_def.ts";
import { dateConv, intConv, unexpectedInputType } from "./datetime_args.ts";

export function bindDateShift(args: readonly Bound[], ctx: BindContext, sign: 1 | -1): BoundCall {
  const [start, days] = [args[0]!, args[1]!];
  const d = dateConv(start, ctx);
  if (d === null) throw unexpectedInputType(ctx, 0, "DATE", start);
  const n = intConv(days, ctx);
  if (n === null) throw unexpectedInputType(ctx, 1, '("INT" or "SMALLINT" or "TINYINT")', days);
  const plain = start.type.kind === "date" && days.type.kind !== "string";
  if (plain) {
    return { type: DATE, nullable: start.nullable || days.nullable, impl: (a: number, b: number) => a + sign * b, inline: ([a, b]) => `(${a} ${sign > 0 ? "+" : "-"} ${b})` };
  }
  return {
    type: DATE,
    nullable: true,
    impl: (a: unknown, b: unknown) => {
      const x = d(a), y = n(b);
      return x === null || y === null ? null : x + sign * y;
    },
  };
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "date_add",
  minArgs: 2,
  maxArgs: 2,
  bind: (args, ctx) => bindDateShift(args, ctx, 1),
};
export default fn;
