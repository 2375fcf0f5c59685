// -a (negative(a)): numbers and intervals; strings are negated as doubles. ANSI raises
// ARITHMETIC_OVERFLOW for the most negative integer.
import { negateIntegral } from "../arith.ts";
import { castArgs, castBound, NUMERIC_AND_INTERVAL } from "../coercion.ts";
import { intervalArithmeticOverflow } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { CalendarInterval } from "../../types/calendar_interval.ts";
import { DOUBLE } from "../../types/data_type.ts";

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "negative",
  aliases: ["unary_minus"],
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const arg = args[0]!.type.kind === "string" ? castBound(args[0]!, DOUBLE, ctx) : args[0]!;
    const [a] = castArgs([arg], [NUMERIC_AND_INTERVAL], ctx);
    const t = a!.type;
    const base = { type: t, nullable: a!.nullable, args: [a!] };
    switch (t.kind) {
      case "byte": case "short": case "int": case "long":
        return { ...base, impl: negateIntegral(t.kind, ctx.ansi) };
      case "float": case "double":
        return { ...base, impl: (x: number) => -x, inline: ([x]) => `-${x}` };
      case "decimal":
        return { ...base, impl: (x: bigint) => -x };
      case "daytime_interval":
      case "yearmonth_interval": {
        const min = t.kind === "yearmonth_interval" ? -2147483648 : -9223372036854775808;
        return { ...base, impl: (x: number) => {
          if (x <= min) throw intervalArithmeticOverflow();
          return x === 0 ? 0 : -x;
        } };
      }
      case "calendar_interval":
        return { ...base, impl: (x: CalendarInterval) => new CalendarInterval(-x.months || 0, -x.days || 0, -x.micros || 0) };
      default:
        return { ...base, impl: (x: number) => -x };
    }
  },
};

export default fn;
