// abs(x): absolute value of a number or ANSI interval (strings as doubles); ANSI raises
// ARITHMETIC_OVERFLOW for the most negative integer.
import { negateIntegral } from "../arith.ts";
import { anyOf, ANY_DAY_TIME_INTERVAL, ANY_YEAR_MONTH_INTERVAL, castArgs, castBound, NUMERIC } from "../coercion.ts";
import { arithmeticOverflow } from "../expr_errors.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DOUBLE } from "../../types/data_type.ts";

const NUMERIC_AND_ANSI_INTERVAL = anyOf(NUMERIC, ANY_DAY_TIME_INTERVAL, ANY_YEAR_MONTH_INTERVAL);

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "abs",
  minArgs: 1,
  maxArgs: 1,
  bind(args, ctx) {
    const arg = args[0]!.type.kind === "string" ? castBound(args[0]!, DOUBLE, ctx) : args[0]!;
    const [a] = castArgs([arg], [NUMERIC_AND_ANSI_INTERVAL], ctx);
    const t = a!.type;
    const base = { type: t, nullable: a!.nullable, args: [a!] };
    switch (t.kind) {
      case "byte": case "short": case "int": case "long": {
        const neg = negateIntegral(t.kind, ctx.ansi);
        return { ...base, impl: (x: number) => (x < 0 ? neg(x) : x) };
      }
      case "decimal":
        return { ...base, impl: (x: bigint) => (x < 0n ? -x : x) };
      case "daytime_interval":
      case "yearmonth_interval": {
        const min = t.kind === "yearmonth_interval" ? -2147483648 : -9223372036854775808;
        return { ...base, impl: (x: number) => {
          if (x <= min) throw arithmeticOverflow(t.kind === "yearmonth_interval" ? "integer overflow" : "long overflow");
          return Math.abs(x);
        } };
      }
      default:
        return { ...base, impl: Math.abs, inline: ([x]) => `Math.abs(${x})` };
    }
  },
};

export default fn;
